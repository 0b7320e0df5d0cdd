// Kita parent fees: the calculation explained line by line, the citizen's input checked with a message per field,
// and the stored tables. The studio's fee table editor is in fee-table.ts. Plain functions; the tables come from
// repository.ts.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { formatWholeMoney, formatWholeMoneyRange } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { cleanText, type FieldError } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import * as repo from './repository.ts';
import {
  CALCULATOR_FIELDS,
  KITA_FEE,
  LIMITS,
  type CalculatorDraft,
  type Currency,
  type FeeBracket,
  type KitaFeeInput,
  type KitaFeeResult,
  type KitaFeeTable,
} from './schema.ts';
import { parseAmount, textProblem, wholeInRange } from './amounts.ts';
import { validateFeeTable } from './fee-table.ts';

// ----- formatting -----

/** A bracket's incomes in whole units ("45.001–60.000 €", "ab CHF 90'001"): limits are whole units, cents would only clutter them. */
export function bracketRange(b: Pick<FeeBracket, 'fromMinor' | 'toMinor'>, currency: Currency, locale: Locale): string {
  if (b.toMinor === null) return `${locale === 'en' ? 'from' : 'ab'} ${formatWholeMoney(b.fromMinor, currency, locale)}`;
  if (b.fromMinor === 0) return `${locale === 'en' ? 'up to' : 'bis'} ${formatWholeMoney(b.toMinor, currency, locale)}`;
  return formatWholeMoneyRange(b.fromMinor, b.toMinor, currency, locale);
}

const ordinalEn = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

// ----- the calculation -----

/**
 * The bracket an income falls in: the last one starting at or below it. Limits are whole units and contiguous
 * ("bis 45.000", "45.001 bis 60.000"), so an income of 45.000,50 still belongs to the lower bracket, never to a gap.
 */
export function findBracketIndex(table: KitaFeeTable, incomeMinor: number): number {
  let found = -1;
  table.brackets.forEach((b, i) => {
    if (b.fromMinor <= incomeMinor) found = i;
  });
  return found;
}

function discountPercent(table: KitaFeeTable, child: number): number {
  if (child <= 1) return 0;
  return child === 2 ? table.siblingDiscount.secondPercent : table.siblingDiscount.furtherPercent;
}

/**
 * The monthly fee for a household, one line per child and per sibling discount. Every child is assumed to be in
 * care for the same hours. The input must have passed `parseCalculatorInput` (or be built by code that knows
 * the table): an hours option the table lacks is a programming error.
 */
export function calculateKitaFee(table: KitaFeeTable, input: KitaFeeInput): KitaFeeResult {
  const index = findBracketIndex(table, input.income);
  const hoursIndex = table.hoursOptions.indexOf(input.hours);
  if (index < 0 || hoursIndex < 0 || !Number.isInteger(input.children) || input.children < 1) {
    throw new RangeError('income, hours or children outside the fee table');
  }
  if (input.childIndex !== undefined && (!Number.isInteger(input.childIndex) || input.childIndex < 1 || input.childIndex > input.children)) {
    throw new RangeError('childIndex outside 1..children');
  }
  const bracket = table.brackets[index]!;
  const base = bracket.feesMinor[hoursIndex]!;
  const children = input.childIndex !== undefined ? [input.childIndex] : Array.from({ length: input.children }, (_, i) => i + 1);
  const perChild = input.children > 1 || input.childIndex !== undefined;
  const rangeDe = bracketRange(bracket, table.currency, 'de');
  const rangeEn = bracketRange(bracket, table.currency, 'en');
  const lines: KitaFeeResult['lines'] = [];
  for (const child of children) {
    lines.push({
      label: {
        de: `${perChild ? `${child}. Kind: ` : ''}Einkommensstufe ${index + 1} (${rangeDe}), ${input.hours} Stunden`,
        en: `${perChild ? `${ordinalEn(child)} child: ` : ''}Income bracket ${index + 1} (${rangeEn}), ${input.hours} hours`,
      },
      amountMinor: base,
    });
    const percent = discountPercent(table, child);
    if (percent > 0 && base > 0) {
      lines.push({
        label: { de: `Geschwisterermäßigung ${child}. Kind −${percent}\u00a0%`, en: `Sibling discount ${ordinalEn(child)} child −${percent}\u00a0%` },
        amountMinor: -Math.round((base * percent) / 100),
      });
    }
  }
  return {
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    bracket: { number: index + 1, fromMinor: bracket.fromMinor, toMinor: bracket.toMinor },
  };
}

// ----- the citizen's calculator -----

export { CALCULATOR_FIELDS };

export function readCalculatorDraft(body: Record<string, unknown> | undefined): CalculatorDraft {
  return {
    income: cleanText(body?.[CALCULATOR_FIELDS.income]),
    hours: cleanText(body?.[CALCULATOR_FIELDS.hours]),
    children: cleanText(body?.[CALCULATOR_FIELDS.children]),
  };
}

/** Checks what a citizen typed against the table; a message per field, in the order of the form. */
export function parseCalculatorInput(table: KitaFeeTable, draft: CalculatorDraft): { input?: KitaFeeInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let income: number | undefined;
  const incomeProblem = textProblem(draft.income, true, 30);
  if (incomeProblem) errors.push({ field: CALCULATOR_FIELDS.income, ...incomeProblem });
  else {
    const parsed = parseAmount(draft.income, { decimals: true, example: '52000' });
    if (!parsed.ok)
      errors.push({
        field: CALCULATOR_FIELDS.income,
        key: parsed.key === 'calc.error.number' ? 'calc.error.income' : parsed.key,
        params: { ...parsed.params, max: LIMITS.maxIncome },
      });
    else if (parsed.minor > LIMITS.maxIncome * 100)
      errors.push({ field: CALCULATOR_FIELDS.income, key: 'calc.error.incomeTooLarge', params: { max: LIMITS.maxIncome } });
    else income = parsed.minor;
  }
  const hours = table.hoursOptions.find((h) => String(h) === draft.hours);
  if (hours === undefined) errors.push({ field: CALCULATOR_FIELDS.hours, key: 'validation.choose' });
  const children = wholeInRange(CALCULATOR_FIELDS.children, draft.children, 1, LIMITS.maxChildren, errors);
  if (errors.length || income === undefined || hours === undefined || children === undefined) return { errors };
  return { input: { income, hours, children }, errors };
}

// ----- stored tables -----

export interface ResolvedFeeTable {
  table: KitaFeeTable;
  /** The organization whose table this is: the municipality itself or its region. */
  ownerId: string;
  own: boolean;
  updatedAt: Date;
}

/** The table that applies to an organization: its own, else its region's. The transaction is scoped to `org`. */
export async function kitaFeeTableFor(tx: Tx, org: Pick<Organization, 'id' | 'parent_id'>): Promise<ResolvedFeeTable | undefined> {
  const rows = await repo.findTables(tx, KITA_FEE, org.parent_id ? [org.id, org.parent_id] : [org.id]);
  const row = rows.find((r) => r.tenant_id === org.id) ?? rows[0];
  return row && { table: row.content as KitaFeeTable, ownerId: row.tenant_id, own: row.tenant_id === org.id, updatedAt: row.updated_at };
}

/** Whether a municipality can offer the calculator: it or its region has a table (the portal home links it then). */
export const hasKitaFeeTable = (tx: Tx, org: Pick<Organization, 'id' | 'parent_id'>): Promise<boolean> =>
  repo.anyTable(tx, KITA_FEE, org.parent_id ? [org.id, org.parent_id] : [org.id]);

/** Stores a checked table as the tenant's own (a region's default or a municipality's override) and audits it. */
export async function saveKitaFeeTable(tx: Tx, tenantId: string, table: KitaFeeTable, actor: string): Promise<void> {
  if (validateFeeTable(table).length) throw new Error('fee table is not valid');
  await repo.upsertTable(tx, tenantId, KITA_FEE, table);
  await audit(tx, tenantId, {
    actor,
    action: 'fee_table.saved',
    objectType: 'fee_table',
    objectId: KITA_FEE,
    data: { validFrom: table.validFrom, brackets: table.brackets.length },
  });
}

/** A municipality goes back to its region's table. */
export async function removeOwnKitaFeeTable(tx: Tx, tenantId: string, actor: string): Promise<boolean> {
  const removed = await repo.deleteTable(tx, tenantId, KITA_FEE);
  if (removed) await audit(tx, tenantId, { actor, action: 'fee_table.removed', objectType: 'fee_table', objectId: KITA_FEE });
  return removed;
}

/**
 * What the API was sent, checked field by field against the schema's limits and the table: a fee, or every
 * field that does not fit and why (the schema validator stops at the first).
 */
export function calculateForApi(table: KitaFeeTable, body: unknown): { ok: true; result: KitaFeeResult } | { ok: false; invalid: FieldError[] } {
  const given = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const whole = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined);
  const invalid: FieldError[] = [];
  const income = whole(given.incomeMinor, 0, LIMITS.maxIncome * 100);
  if (income === undefined || findBracketIndex(table, income) < 0) invalid.push({ field: 'incomeMinor', key: 'calc.error.income' });
  const hours = typeof given.hours === 'number' && table.hoursOptions.includes(given.hours) ? given.hours : undefined;
  if (hours === undefined) invalid.push({ field: 'hours', key: 'validation.choose' });
  const children = whole(given.children, 1, LIMITS.maxChildren);
  if (children === undefined) invalid.push({ field: 'children', key: 'calc.error.range', params: { min: 1, max: LIMITS.maxChildren } });
  if (invalid.length || income === undefined || hours === undefined || children === undefined) return { ok: false, invalid };
  return { ok: true, result: calculateKitaFee(table, { income, hours, children }) };
}
