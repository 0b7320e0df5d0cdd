// Kita parent fees: the calculation explained line by line, the citizen's input and the studio's fee table checked
// with a message per field. Plain functions; the tables come from repository.ts.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { formatWholeMoney, formatWholeMoneyRange } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { cleanText, hasControlCharacters, isValidDate, type FieldError } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import * as repo from './repository.ts';
import {
  CALCULATOR_FIELDS,
  KITA_FEE,
  LIMITS,
  type CalculatorDraft,
  type Currency,
  type FeeBracket,
  type FeeTableDraft,
  type KitaFeeInput,
  type KitaFeeResult,
  type KitaFeeTable,
} from './schema.ts';

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

// ----- numbers as people type them -----

type Parsed = { ok: true; minor: number } | { ok: false; key: string; params?: Record<string, string | number> };

// Thousands grouped by one separator used throughout (". , ' ’" or a space), then at most two decimals after the other.
const AMOUNT = /^(\d{1,3}(?:([.,'’ ])\d{3})(?:\2\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/;

/**
 * Reads an amount typed in major units ("52.000", "52000,50", "1'250.00", "182 €") into minor units. Decimals are
 * refused where only whole units make sense (income limits, hours, children, percentages).
 */
export function parseAmount(raw: string, options: { decimals: boolean; example: string }): Parsed {
  const text = raw
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s*(€|EUR|CHF|Fr\.)\s*/gi, '')
    .trim();
  if (/^[-−–]/.test(text) && AMOUNT.test(text.slice(1).trim())) return { ok: false, key: 'calc.error.negative' };
  const m = AMOUNT.exec(text);
  // "1.5" is a decimal, not a thousands group; the separators of groups and decimals must differ.
  if (!m || (m[2] && m[3] && m[2] === m[3]))
    return { ok: false, key: options.decimals ? 'calc.error.number' : 'calc.error.wholeNumber', params: { example: options.example } };
  if (m[4] && !options.decimals) return { ok: false, key: 'calc.error.wholeNumber', params: { example: options.example } };
  const whole = Number(m[1]!.replace(/[.,'’ ]/g, ''));
  if (!Number.isSafeInteger(whole * 100)) return { ok: false, key: 'calc.error.tooLarge', params: { max: options.example } };
  return { ok: true, minor: whole * 100 + (m[4] ? Number(m[4].padEnd(2, '0')) : 0) };
}

/** The common checks of one typed cell; undefined when it is fine to parse. */
function textProblem(text: string, required: boolean, maxLength: number = LIMITS.maxCellLength): Omit<FieldError, 'field'> | undefined {
  if (text === '') return required ? { key: 'validation.required' } : undefined;
  if (text.length > maxLength) return { key: 'validation.tooLong', params: { max: maxLength, length: text.length } };
  if (hasControlCharacters(text)) return { key: 'validation.controlCharacters' };
  return undefined;
}

function wholeInRange(field: string, text: string, min: number, max: number, errors: FieldError[]): number | undefined {
  const problem = textProblem(text, true);
  if (problem) return void errors.push({ field, ...problem });
  const parsed = parseAmount(text, { decimals: false, example: String(min === 0 ? Math.min(50, max) : min) });
  if (!parsed.ok)
    return void errors.push({ field, key: parsed.key === 'calc.error.tooLarge' ? 'calc.error.range' : parsed.key, params: { ...parsed.params, min, max } });
  const value = parsed.minor / 100;
  if (value < min || value > max) return void errors.push({ field, key: 'calc.error.range', params: { min, max } });
  return value;
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

// ----- the studio's fee table -----

/** Form names of the table editor; an error's `field` is one of these, so it lands beside its cell. */
export const tableField = {
  validFrom: 'validFrom',
  hours: (i: number) => `hours-${i}`,
  from: (b: number) => `b${b}-from`,
  to: (b: number) => `b${b}-to`,
  fee: (b: number, h: number) => `b${b}-fee${h}`,
  secondPercent: 'secondPercent',
  furtherPercent: 'furtherPercent',
  noteDe: 'noteDe',
  noteEn: 'noteEn',
} as const;

const majorText = (minor: number, decimals: boolean) =>
  decimals ? `${Math.trunc(minor / 100)},${String(Math.abs(minor) % 100).padStart(2, '0')}` : String(minor / 100);

export function draftFromTable(table: KitaFeeTable): FeeTableDraft {
  return {
    validFrom: table.validFrom,
    hours: table.hoursOptions.map(String),
    brackets: table.brackets.map((b) => ({
      from: majorText(b.fromMinor, false),
      to: b.toMinor === null ? '' : majorText(b.toMinor, false),
      fees: b.feesMinor.map((f) => majorText(f, true)),
    })),
    secondPercent: String(table.siblingDiscount.secondPercent),
    furtherPercent: String(table.siblingDiscount.furtherPercent),
    noteDe: table.exemptionNote.de,
    noteEn: table.exemptionNote.en ?? '',
  };
}

/** A table to start from when neither the tenant nor its region has one. */
export function emptyTable(currency: Currency, validFrom: string): KitaFeeTable {
  return {
    currency,
    hoursOptions: [25, 35, 45],
    brackets: [{ fromMinor: 0, toMinor: null, feesMinor: [0, 0, 0] }],
    siblingDiscount: { secondPercent: 50, furtherPercent: 100 },
    exemptionNote: { de: '' },
    validFrom,
  };
}

const countOf = (raw: unknown, max: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
};

/** Reads the editor's form as typed. The counts come from hidden fields and are capped, so a forged body stays small. */
export function readTableDraft(body: Record<string, unknown> | undefined): FeeTableDraft {
  const get = (name: string) => cleanText(body?.[name]);
  const hoursCount = countOf(body?.hoursCount, LIMITS.maxHoursOptions);
  const bracketCount = countOf(body?.bracketCount, LIMITS.maxBrackets);
  return {
    validFrom: get(tableField.validFrom),
    hours: Array.from({ length: hoursCount }, (_, h) => get(tableField.hours(h))),
    brackets: Array.from({ length: bracketCount }, (_, b) => ({
      from: get(tableField.from(b)),
      to: get(tableField.to(b)),
      fees: Array.from({ length: hoursCount }, (_, h) => get(tableField.fee(b, h))),
    })),
    secondPercent: get(tableField.secondPercent),
    furtherPercent: get(tableField.furtherPercent),
    noteDe: get(tableField.noteDe),
    noteEn: get(tableField.noteEn),
  };
}

export type TableEdit = { kind: 'add-bracket' } | { kind: 'remove-bracket'; index: number } | { kind: 'add-hours' } | { kind: 'remove-hours'; index: number };

/** The editor's buttons other than save: "add-bracket", "remove-bracket:2", "add-hours", "remove-hours:0". */
export function parseEdit(action: unknown): TableEdit | undefined {
  const m = typeof action === 'string' ? /^(add-bracket|add-hours|remove-bracket|remove-hours)(?::(\d{1,2}))?$/.exec(action) : null;
  if (!m) return undefined;
  if (m[1] === 'add-bracket' || m[1] === 'add-hours') return m[2] === undefined ? { kind: m[1] } : undefined;
  return m[2] === undefined ? undefined : { kind: m[1] as 'remove-bracket' | 'remove-hours', index: Number(m[2]) };
}

/**
 * Adds or removes a row or column of the draft, keeping everything else as typed. A new bracket starts one unit
 * above the last closed limit, so the usual case needs only its upper limit and fees.
 */
export function applyEdit(draft: FeeTableDraft, edit: TableEdit): FeeTableDraft {
  const next = structuredClone(draft);
  switch (edit.kind) {
    case 'add-bracket': {
      if (next.brackets.length >= LIMITS.maxBrackets) return next;
      const lastTo = Number(next.brackets.at(-1)?.to);
      next.brackets.push({ from: next.brackets.at(-1)?.to && Number.isInteger(lastTo) ? String(lastTo + 1) : '', to: '', fees: next.hours.map(() => '') });
      return next;
    }
    case 'remove-bracket':
      if (next.brackets.length > 1 && edit.index < next.brackets.length) next.brackets.splice(edit.index, 1);
      return next;
    case 'add-hours':
      if (next.hours.length >= LIMITS.maxHoursOptions) return next;
      next.hours.push('');
      for (const b of next.brackets) b.fees.push('');
      return next;
    case 'remove-hours':
      if (next.hours.length > 1 && edit.index < next.hours.length) {
        next.hours.splice(edit.index, 1);
        for (const b of next.brackets) b.fees.splice(edit.index, 1);
      }
      return next;
  }
}

/** Turns the typed draft into a table, or says per cell what is wrong. */
export function tableFromDraft(draft: FeeTableDraft, currency: Currency): { table?: KitaFeeTable; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const validFromProblem = textProblem(draft.validFrom, true);
  if (validFromProblem) errors.push({ field: tableField.validFrom, ...validFromProblem });
  else if (!isValidDate(draft.validFrom)) errors.push({ field: tableField.validFrom, key: 'validation.date' });

  const hoursOptions = draft.hours.map((text, h) => wholeInRange(tableField.hours(h), text, 1, LIMITS.maxWeeklyHours, errors));
  const limit = (field: string, text: string, required: boolean) => {
    const problem = textProblem(text, required);
    if (problem) return void errors.push({ field, ...problem });
    if (text === '') return null;
    const parsed = parseAmount(text, { decimals: false, example: '45000' });
    if (!parsed.ok) return void errors.push({ field, ...parsed });
    return parsed.minor;
  };
  const fee = (field: string, text: string) => {
    const problem = textProblem(text, true);
    if (problem) return void errors.push({ field, ...problem });
    const parsed = parseAmount(text, { decimals: true, example: '182,00' });
    if (!parsed.ok) return void errors.push({ field, ...parsed });
    return parsed.minor;
  };
  const brackets = draft.brackets.map((b, i) => ({
    fromMinor: limit(tableField.from(i), b.from, true),
    toMinor: limit(tableField.to(i), b.to, false),
    feesMinor: b.fees.map((text, h) => fee(tableField.fee(i, h), text)),
  }));
  const secondPercent = wholeInRange(tableField.secondPercent, draft.secondPercent, 0, 100, errors);
  const furtherPercent = wholeInRange(tableField.furtherPercent, draft.furtherPercent, 0, 100, errors);
  for (const [field, text] of [
    [tableField.noteDe, draft.noteDe],
    [tableField.noteEn, draft.noteEn],
  ] as const) {
    const problem = textProblem(text, false, LIMITS.maxNoteLength);
    if (problem) errors.push({ field, ...problem });
  }
  // The structure is judged only where the cells it needs could be read: one message per cell, the first that applies.
  const table: KitaFeeTable = {
    currency,
    hoursOptions: hoursOptions.map((h) => h ?? Number.NaN),
    brackets: brackets.map((b) => ({
      fromMinor: b.fromMinor ?? Number.NaN,
      toMinor: b.toMinor === undefined ? Number.NaN : b.toMinor,
      feesMinor: b.feesMinor.map((f) => f ?? Number.NaN),
    })),
    siblingDiscount: { secondPercent: secondPercent ?? 0, furtherPercent: furtherPercent ?? 0 },
    exemptionNote: draft.noteEn ? { de: draft.noteDe, en: draft.noteEn } : { de: draft.noteDe },
    validFrom: draft.validFrom,
  };
  const taken = new Set(errors.map((e) => e.field));
  for (const e of validateFeeTable(table)) {
    if (!taken.has(e.field)) {
      errors.push(e);
      taken.add(e.field);
    }
  }
  return errors.length ? { errors: orderLikeForm(errors, draft) } : { table, errors };
}

/** Errors in the order their fields appear on the page, so the summary reads top to bottom. */
function orderLikeForm(errors: FieldError[], draft: FeeTableDraft): FieldError[] {
  const order = [
    tableField.validFrom,
    ...draft.hours.map((_, h) => tableField.hours(h)),
    ...draft.brackets.flatMap((b, i) => [tableField.from(i), tableField.to(i), ...b.fees.map((_, h) => tableField.fee(i, h))]),
    tableField.secondPercent,
    tableField.furtherPercent,
    tableField.noteDe,
    tableField.noteEn,
  ];
  const rank = (f: string) => {
    const i = order.indexOf(f);
    return i < 0 ? order.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

const isAmount = (n: number) => Number.isSafeInteger(n);
const isWhole = (minor: number) => minor % 100 === 0;

/**
 * Checks a table's structure: brackets from 0 upwards without gap or overlap, only the last one open, limits in
 * whole units, fees present and not negative, hours options unique, percentages 0–100, a valid date. Cells that
 * are NaN were unreadable and already have their message.
 */
export function validateFeeTable(table: KitaFeeTable): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, key: string, params?: Record<string, string | number>) => errors.push({ field, key, params });
  if (!isValidDate(table.validFrom)) push(tableField.validFrom, 'validation.date');

  if (table.hoursOptions.length === 0 || table.hoursOptions.length > LIMITS.maxHoursOptions)
    push(tableField.hours(0), 'calc.table.hoursCount', { max: LIMITS.maxHoursOptions });
  table.hoursOptions.forEach((h, i) => {
    if (Number.isNaN(h)) return;
    if (!Number.isInteger(h) || h < 1 || h > LIMITS.maxWeeklyHours) push(tableField.hours(i), 'calc.error.range', { min: 1, max: LIMITS.maxWeeklyHours });
    else if (table.hoursOptions.indexOf(h) < i) push(tableField.hours(i), 'calc.table.hoursDuplicate', { hours: h });
  });

  if (table.brackets.length === 0 || table.brackets.length > LIMITS.maxBrackets)
    push(tableField.from(0), 'calc.table.bracketCount', { max: LIMITS.maxBrackets });
  table.brackets.forEach((b, i) => {
    const last = i === table.brackets.length - 1;
    const previous = table.brackets[i - 1];
    if (!Number.isNaN(b.fromMinor)) {
      if (!isAmount(b.fromMinor) || b.fromMinor < 0) push(tableField.from(i), 'calc.error.negative');
      else if (!isWhole(b.fromMinor)) push(tableField.from(i), 'calc.error.wholeNumber', { example: '45001' });
      else if (i === 0 && b.fromMinor !== 0) push(tableField.from(i), 'calc.table.firstFrom');
      else if (previous && previous.toMinor !== null && isAmount(previous.toMinor) && isWhole(previous.toMinor)) {
        const expected = previous.toMinor + 100;
        if (b.fromMinor > expected) push(tableField.from(i), 'calc.table.gap', { expected: expected / 100 });
        else if (b.fromMinor < expected) push(tableField.from(i), 'calc.table.overlap', { expected: expected / 100 });
      }
    }
    if (b.toMinor === null) {
      if (!last) push(tableField.to(i), 'calc.table.toMissing');
    } else if (!Number.isNaN(b.toMinor)) {
      if (last) push(tableField.to(i), 'calc.table.lastOpen');
      else if (!isAmount(b.toMinor) || b.toMinor < 0) push(tableField.to(i), 'calc.error.negative');
      else if (!isWhole(b.toMinor)) push(tableField.to(i), 'calc.error.wholeNumber', { example: '60000' });
      else if (isAmount(b.fromMinor) && b.toMinor < b.fromMinor) push(tableField.to(i), 'calc.table.toBelowFrom');
    }
    table.hoursOptions.forEach((_, h) => {
      const fee = b.feesMinor[h];
      if (fee === undefined) push(tableField.fee(i, h), 'validation.required');
      else if (Number.isNaN(fee)) return;
      else if (!isAmount(fee)) push(tableField.fee(i, h), 'calc.error.number', { example: '182,00' });
      else if (fee < 0) push(tableField.fee(i, h), 'calc.error.negative');
      else if (fee > LIMITS.maxMonthlyFee * 100) push(tableField.fee(i, h), 'calc.error.tooLarge', { max: LIMITS.maxMonthlyFee });
    });
  });

  for (const [field, value] of [
    [tableField.secondPercent, table.siblingDiscount.secondPercent],
    [tableField.furtherPercent, table.siblingDiscount.furtherPercent],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 100) push(field, 'calc.error.range', { min: 0, max: 100 });
  }
  if (table.exemptionNote.de.length > LIMITS.maxNoteLength)
    push(tableField.noteDe, 'validation.tooLong', { max: LIMITS.maxNoteLength, length: table.exemptionNote.de.length });
  return errors;
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
