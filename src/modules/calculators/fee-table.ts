// The studio's Kita fee table: the editor's form read into a draft, its add/remove edits, and the table checked
// with a message per cell. Plain functions; storing a table is in calculators.ts.
import { cleanText, isValidDate, type FieldError } from '../forms/index.ts';
import { parseAmount, textProblem, wholeInRange } from './amounts.ts';
import { LIMITS, type Currency, type FeeTableDraft, type KitaFeeTable } from './schema.ts';

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
