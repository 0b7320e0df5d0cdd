// Server-side validation of form answers: the truth the browser's checks only anticipate. Reading a posted step
// is read-step.ts. Messages are catalog keys with params; the views translate them.
import { getCountrySpecifications, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { formState, type FormState } from './logic.ts';
import { wholeValuePattern } from './patterns.ts';
import { fieldNames, type FieldNames } from './field-messages.ts';
import { acceptsType } from '../../platform/blobs/uploads.ts';
import { formatNumber } from '../../platform/i18n/format.ts';
import { ADDRESS_PARTS } from './schema.ts';
import type { AddressAnswer, Answers, AnswerValue, FieldDefinition, FieldError, FileAnswer, FormDefinition, GroupItem, StepDefinition } from './schema.ts';

export interface ValidationContext {
  country: 'DE' | 'CH';
  today: string;
}

const DEFAULT_MAX_LENGTH = 200;
const TEXTAREA_MAX_LENGTH = 4000;
/** Files per file field when the definition names no maxFiles. */
export const DEFAULT_MAX_FILES = 1;
const ADDRESS_MAX: Record<(typeof ADDRESS_PARTS)[number], number> = { street: 150, number: 20, postalCode: 10, place: 150 };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()/-]{6,20}$/;
// Control characters other than tab and newline never belong in an answer.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Params = Record<string, string | number>;
type Country = ValidationContext['country'];
export type Value = AnswerValue | undefined;

// ----- helpers kept from the first form engine -----

export function findStep(form: FormDefinition, stepId: string): StepDefinition | undefined {
  return form.steps.find((s) => s.id === stepId);
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Normalises typed text: trims, unifies line breaks, composes Unicode so "Mü" is one form. */
export function cleanText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  // NUL cannot be stored by PostgreSQL at all; the other control characters are refused with a message.
  return raw
    .replace(/\u0000/g, '')
    .toWellFormed()
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .trim();
}

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

export function fieldWithRole(form: FormDefinition, role: NonNullable<FieldDefinition['role']>): string | undefined {
  return form.steps.flatMap((s) => s.fields).find((f) => f.role === role)?.id;
}

/** Validates every visible step; used before submission so a stale or tampered draft can never be submitted. */
export function validateAll(form: FormDefinition, answers: Answers, ctx: ValidationContext): Array<FieldError & { step: string }> {
  const state = formState(form, answers);
  return form.steps.flatMap((step) => {
    if (state.hiddenSteps.has(step.id)) return [];
    return step.fields.flatMap((field) => {
      if (state.hiddenFields.has(field.id)) return [];
      const value = Object.hasOwn(answers, field.id) ? answers[field.id] : undefined;
      return fieldErrors(field, value, state, ctx, field.id).map((e) => ({ ...e, step: step.id }));
    });
  });
}

/** The steps shown for these answers, in order ("Schritt 2 von 5"). */
export function visibleSteps(form: FormDefinition, answers: Answers): StepDefinition[] {
  const state = formState(form, answers);
  return form.steps.filter((s) => !state.hiddenSteps.has(s.id));
}

/** What is submitted: only the form's visible fields, computed values set. */
export function finalAnswers(form: FormDefinition, answers: Answers): Answers {
  const state = formState(form, answers);
  const result: Answers = {};
  for (const step of form.steps) {
    for (const field of step.fields) {
      if (field.type === 'info' || state.hiddenFields.has(field.id)) continue;
      if (field.compute !== undefined) {
        if (Object.hasOwn(state.computed, field.id)) result[field.id] = state.computed[field.id]!;
      } else if (field.type === 'group') {
        result[field.id] = finalEntries(field, answers[field.id], state);
      } else if (Object.hasOwn(answers, field.id)) result[field.id] = answers[field.id]!;
    }
  }
  return result;
}

function finalEntries(group: FieldDefinition, value: Value, state: FormState): GroupItem[] {
  const items = Array.isArray(value) ? (value as GroupItem[]) : [];
  return items.map((item, index) => {
    const entry: GroupItem = {};
    for (const child of group.fields ?? []) {
      const path = `${group.id}.${index}.${child.id}`;
      if (child.type === 'info' || state.hiddenFields.has(path)) continue;
      if (child.compute !== undefined) {
        if (Object.hasOwn(state.computed, path)) entry[child.id] = state.computed[path]!;
      } else if (item !== null && typeof item === 'object' && Object.hasOwn(item, child.id)) entry[child.id] = item[child.id]!;
    }
    return entry;
  });
}

// ----- dates in three parts (day, month, year) -----

/** Whether a date field asks for day, month and year apart (GOV.UK date input): by its definition, else for a date of birth. */
export function usesDateParts(field: FieldDefinition): boolean {
  if (field.type !== 'date') return false;
  if (field.dateInput) return field.dateInput === 'parts';
  const label = `${field.label?.de ?? ''} ${field.label?.en ?? ''}`;
  return (field.autocomplete ?? '').startsWith('bday') || /geburtsdatum|date of birth|birth date/i.test(label);
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The typed parts of a date answer: an ISO date ("1990-03-05") or what was typed, kept as "year-month-day". */
export function dateParts(value: unknown): DateParts {
  const m = typeof value === 'string' ? /^(\d*)-(\d*)-(\d*)$/.exec(value) : null;
  if (!m) return { day: '', month: '', year: '' };
  if (isValidDate(value as string)) return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
  return { day: m[3]!, month: m[2]!, year: m[1]! };
}

/** The answer of a date in parts: an ISO date when the parts make one, else the parts as typed (digits only), or ''. */
export function joinDateParts(parts: DateParts): string {
  const digits = (text: string) => text.replace(/\D/g, '');
  const day = digits(parts.day),
    month = digits(parts.month),
    year = digits(parts.year);
  if (day === '' && month === '' && year === '') return '';
  if (/^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isValidDate(iso)) return iso;
  }
  return `${year}-${month}-${day}`;
}

// ----- validation per field type -----

/** The problems of one visible field's answer (a group's with its entries'), by the answers' state. */
export function fieldErrors(field: FieldDefinition, value: Value, state: FormState, ctx: ValidationContext, path: string): FieldError[] {
  if (field.type === 'info' || field.compute !== undefined) return [];
  const required = state.requiredFields.has(path);
  switch (field.type) {
    case 'file':
      return fileErrors(field, value, required, path);
    case 'checkboxes':
      return listErrors(checkboxError(field, value, required, fieldNames(field, /\.\d+\./.test(path))), path);
    case 'address':
      return addressErrors(field, value, required, ctx, path);
    case 'group':
      return groupErrors(field, value, required, state, ctx, path);
    default:
      return listErrors(textError(field, value, required, ctx, fieldNames(field, /\.\d+\./.test(path))), path);
  }
}

type Problem = { key: string; params?: Params } | null;

/** The definition's own message (de/en) for an answer of the wrong shape, when it has one. */
const customProblem = (field: FieldDefinition): Problem =>
  field.errorMessage ? { key: 'field.custom', params: { text: field.errorMessage.de, textEn: field.errorMessage.en || field.errorMessage.de } } : null;

const listErrors = (problem: Problem, path: string): FieldError[] =>
  problem ? [problem.params ? { field: path, key: problem.key, params: problem.params } : { field: path, key: problem.key }] : [];

const CHOICE_TYPES = new Set<FieldDefinition['type']>(['select', 'radio', 'yesno', 'checkboxes']);

/** "Geben Sie Ihren Nachnamen ein", "Wählen Sie eine Antwort zu „Haltung“ aus": the empty answer named by its field. */
function requiredProblem(field: FieldDefinition, names: FieldNames): Problem {
  if (field.type === 'yesno') return { key: 'field.yesno', params: names };
  return { key: CHOICE_TYPES.has(field.type) ? 'field.choose' : 'field.required', params: names };
}

/** The common checks of any typed text: length, control characters, one line. */
function textShapeProblem(text: string, max: number, multiline: boolean): Problem {
  if (text.length > max) return { key: 'validation.tooLong', params: { max, length: text.length } };
  if (CONTROL.test(text)) return { key: 'validation.controlCharacters' };
  // U+FFFD is what undecodable bytes (a form sent in another encoding) and broken Unicode become on the way in.
  if (text.includes('\uFFFD')) return { key: 'validation.encoding' };
  if (!multiline && text.includes('\n')) return { key: 'validation.singleLine' };
  return null;
}

function textError(field: FieldDefinition, value: Value, required: boolean, ctx: ValidationContext, names: FieldNames): Problem {
  const text = typeof value === 'string' ? value : '';
  if (text === '') return required ? requiredProblem(field, names) : null;
  const max = field.maxLength ?? (field.type === 'textarea' ? TEXTAREA_MAX_LENGTH : DEFAULT_MAX_LENGTH);
  const shape = textShapeProblem(text, max, field.type === 'textarea');
  if (shape) return shape.key === 'validation.tooLong' && field.maxLength !== undefined ? (customProblem(field) ?? named(shape, names)) : shape;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return freeTextProblem(field, text, names);
    case 'integer':
      return integerProblem(field, text, ctx.country, names);
    case 'decimal':
      return decimalProblem(field, text, ctx.country, names);
    case 'money':
      return moneyProblem(field, text, ctx.country, names);
    case 'date':
      return dateProblem(field, text, ctx, names);
    case 'email':
      return EMAIL.test(text) ? null : { key: 'field.email', params: names };
    case 'phone':
      return PHONE.test(text) ? null : { key: 'field.phone', params: names };
    case 'iban':
      return ibanProblem(text);
    case 'postalCode':
      return postalCodeProblem(text, field.country ?? ctx.country);
    case 'select':
    case 'radio':
      return (field.options ?? []).some((o) => o.value === text) ? null : { key: 'validation.choose' };
    case 'yesno':
      return text === 'ja' || text === 'nein' ? null : { key: 'validation.choose' };
    default:
      return null;
  }
}

/** A problem's message with the field's names: `validation.tooLong` becomes `field.tooLong` ("Der Name darf …"). */
const named = (problem: { key: string; params?: Params }, names: FieldNames): Problem => ({
  key: problem.key.replace(/^validation\./, 'field.'),
  params: { ...problem.params, ...names },
});

function freeTextProblem(field: FieldDefinition, text: string, names: FieldNames): Problem {
  if (field.minLength !== undefined && text.length < field.minLength)
    return customProblem(field) ?? { key: 'field.tooShort', params: { min: field.minLength, length: text.length, ...names } };
  const re = field.pattern ? wholeValuePattern(field.pattern) : null;
  return re && !re.test(text) ? (customProblem(field) ?? { key: 'field.pattern', params: names }) : null;
}

/** A limit in both languages' writing for the tenant's country: {min} reads "1.234,5" in German, {minEn} "1,234.5" in English. */
function limitParams(name: 'min' | 'max', limit: number, country: Country, digits?: number): Params {
  const shown = digits === undefined ? { max: 10 } : { min: digits, max: digits };
  return { [name]: formatNumber(limit, 'de', { country }, shown), [`${name}En`]: formatNumber(limit, 'en', { country }, shown) };
}

/** GOV.UK's range messages: "Die Anzahl muss zwischen 1 und 10 liegen", "… muss 1 oder mehr sein", "… 10 oder weniger". */
function rangeProblem(field: FieldDefinition, n: number, kind: 'number' | 'money', country: Country, names: FieldNames, digits?: number): Problem {
  const low = field.min !== undefined && n < field.min;
  const high = field.max !== undefined && n > field.max;
  if (!low && !high) return null;
  const custom = customProblem(field);
  if (custom) return custom;
  if (field.min !== undefined && field.max !== undefined) {
    return {
      key: `field.${kind}Between`,
      params: { ...limitParams('min', field.min, country, digits), ...limitParams('max', field.max, country, digits), ...names },
    };
  }
  if (low) return { key: `field.${kind}Min`, params: { ...limitParams('min', field.min!, country, digits), ...names } };
  return { key: `field.${kind}Max`, params: { ...limitParams('max', field.max!, country, digits), ...names } };
}

function integerProblem(field: FieldDefinition, text: string, country: Country, names: FieldNames): Problem {
  if (!/^-?\d+$/.test(text)) return customProblem(field) ?? { key: 'field.integer', params: names };
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return { key: 'validation.numberTooLarge' };
  return rangeProblem(field, n, 'number', country, names);
}

function decimalProblem(field: FieldDefinition, text: string, country: Country, names: FieldNames): Problem {
  const digits = field.fractionDigits ?? 2;
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return customProblem(field) ?? { key: digits === 0 ? 'field.integer' : 'field.decimal', params: names };
  if ((m[1] ?? '').length > digits)
    return digits === 0 ? { key: 'field.integer', params: names } : { key: 'field.decimalDigits', params: { digits, ...names } };
  const n = Number(text);
  if (Math.abs(n) >= 1e15) return { key: 'validation.numberTooLarge' };
  return rangeProblem(field, n, 'number', country, names);
}

function moneyProblem(field: FieldDefinition, text: string, country: Country, names: FieldNames): Problem {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return { key: 'field.money', params: names };
  if ((m[1] ?? '').length > 2) return { key: 'field.moneyCents', params: names };
  const n = Number(text);
  if (Math.abs(n) >= 1e13) return { key: 'validation.numberTooLarge' };
  if (field.min === undefined && n < 0) return { key: 'field.moneyNegative', params: names };
  return rangeProblem(field, n, 'money', country, names, 2);
}

const PART_NAMES = ['day', 'month', 'year'] as const;
const MISSING_KEYS: Record<string, string> = {
  day: 'field.dateMissingDay',
  month: 'field.dateMissingMonth',
  year: 'field.dateMissingYear',
  'day,month': 'field.dateMissingDayMonth',
  'day,year': 'field.dateMissingDayYear',
  'month,year': 'field.dateMissingMonthYear',
};

/** What is wrong with a date typed in parts, GOV.UK style; `parts` names the inputs to mark ("day,month"). */
function datePartsProblem(text: string, names: FieldNames): Problem {
  const parts = dateParts(text);
  const missing = PART_NAMES.filter((p) => parts[p] === '');
  if (missing.length > 0) return { key: MISSING_KEYS[missing.join(',')] ?? 'field.required', params: { ...names, parts: missing.join(',') } };
  const wrong = PART_NAMES.filter(
    (p) =>
      !/^\d+$/.test(parts[p]) ||
      (p === 'day' && (Number(parts.day) < 1 || Number(parts.day) > 31)) ||
      (p === 'month' && (Number(parts.month) < 1 || Number(parts.month) > 12)),
  );
  if (wrong.length === 0 && !/^\d{4}$/.test(parts.year)) return { key: 'field.dateYear', params: { ...names, parts: 'year' } };
  return { key: 'field.dateReal', params: { ...names, parts: (wrong.length > 0 ? wrong : PART_NAMES).join(',') } };
}

function dateProblem(field: FieldDefinition, text: string, ctx: ValidationContext, names: FieldNames): Problem {
  if (!isValidDate(text)) return usesDateParts(field) ? datePartsProblem(text, names) : { key: 'field.dateReal', params: names };
  if (field.dateRange === 'past' && text > ctx.today) return { key: 'field.datePast', params: names };
  if (field.dateRange === 'future' && text < ctx.today) return { key: 'field.dateFuture', params: names };
  return null;
}

// ibantools builds this map afresh on every call.
const IBAN_COUNTRIES = getCountrySpecifications();

function ibanProblem(iban: string): Problem {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban))
    return /^[A-Z]{2}/.test(iban) || iban.length < 2 ? { key: 'validation.iban' } : { key: 'validation.ibanCountry', params: { country: iban.slice(0, 2) } };
  const country = iban.slice(0, 2);
  const spec = Object.hasOwn(IBAN_COUNTRIES, country) ? IBAN_COUNTRIES[country] : undefined;
  if (!spec?.chars) return { key: 'validation.ibanCountry', params: { country } };
  if (iban.length !== spec.chars) return { key: 'validation.ibanLength', params: { country, length: spec.chars, actual: iban.length } };
  const result = validateIBAN(iban);
  if (result.valid) return null;
  return result.errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum) ? { key: 'validation.ibanChecksum' } : { key: 'validation.iban' };
}

function postalCodeProblem(code: string, country: 'DE' | 'CH'): Problem {
  if (country === 'CH') {
    const n = Number(code);
    return /^\d{4}$/.test(code) && n >= 1000 && n <= 9699 ? null : { key: 'validation.postalCodeCH' };
  }
  return /^\d{5}$/.test(code) ? null : { key: 'validation.postalCodeDE' };
}

function checkboxError(field: FieldDefinition, value: Value, required: boolean, names: FieldNames): Problem {
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value !== '' ? [value] : [];
  if (chosen.length === 0) {
    if (!required) return null;
    return (field.minSelected ?? 0) > 1 ? { key: 'validation.minSelected', params: { min: field.minSelected! } } : { key: 'field.choose', params: names };
  }
  const allowed = new Set((field.options ?? []).map((o) => o.value));
  if (!chosen.every((v) => allowed.has(v))) return { key: 'validation.choose' };
  if (field.minSelected !== undefined && chosen.length < field.minSelected) return { key: 'validation.minSelected', params: { min: field.minSelected } };
  if (field.maxSelected !== undefined && chosen.length > field.maxSelected) return { key: 'validation.maxSelected', params: { max: field.maxSelected } };
  return null;
}

export const isAddress = (value: unknown): value is AddressAnswer => value !== null && typeof value === 'object' && !Array.isArray(value);

const ADDRESS_REQUIRED: Record<(typeof ADDRESS_PARTS)[number], string> = {
  street: 'validation.addressStreet',
  number: 'validation.addressNumber',
  postalCode: 'validation.addressPostalCode',
  place: 'validation.addressPlace',
};

function addressErrors(field: FieldDefinition, value: Value, required: boolean, ctx: ValidationContext, path: string): FieldError[] {
  const address = isAddress(value) ? (value as Partial<AddressAnswer>) : {};
  const parts = ADDRESS_PARTS.map((part) => [part, typeof address[part] === 'string' ? address[part] : ''] as const);
  // Part of an address is no address: once anything is typed, every part is needed.
  const needed = required || parts.some(([, text]) => text !== '');
  return parts.flatMap(([part, text]) => {
    let problem: Problem = null;
    if (text === '') problem = needed ? { key: ADDRESS_REQUIRED[part] } : null;
    else problem = textShapeProblem(text, ADDRESS_MAX[part], false) ?? (part === 'postalCode' ? postalCodeProblem(text, field.country ?? ctx.country) : null);
    return listErrors(problem, `${path}.${part}`);
  });
}

function fileErrors(field: FieldDefinition, value: Value, required: boolean, path: string): FieldError[] {
  const files = (Array.isArray(value) ? value : []).filter((f): f is FileAnswer => f !== null && typeof f === 'object' && !Array.isArray(f));
  if (files.length === 0) return required ? [{ field: path, key: 'field.fileRequired', params: fieldNames(field, /\.\d+\./.test(path)) }] : [];
  const max = field.maxFiles ?? DEFAULT_MAX_FILES;
  if (files.length > max) return [{ field: path, key: 'validation.tooManyFiles', params: { max } }];
  for (const file of files) {
    if (field.accept?.length && !acceptsType(field.accept, String(file.contentType)))
      return [{ field: path, key: 'validation.fileTypeOf', params: { types: (field.accept ?? []).join(', ') } }];
    if (field.maxBytes !== undefined && Number(file.size) > field.maxBytes) {
      return [{ field: path, key: 'validation.fileTooLarge', params: { mb: Math.round((field.maxBytes / 1024 / 1024) * 10) / 10 } }];
    }
  }
  return [];
}

function groupErrors(field: FieldDefinition, value: Value, required: boolean, state: FormState, ctx: ValidationContext, path: string): FieldError[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const errors: FieldError[] = [];
  const min = Math.max(field.minItems ?? 0, required ? 1 : 0);
  if (items.length < min && (required || items.length > 0)) {
    const names = fieldNames(field, /\.\d+\./.test(path));
    errors.push(min === 1 ? { field: path, key: 'field.groupRequired', params: names } : { field: path, key: 'field.groupMin', params: { min, ...names } });
  }
  if (field.maxItems !== undefined && items.length > field.maxItems)
    errors.push({ field: path, key: 'field.groupMax', params: { max: field.maxItems, ...fieldNames(field, /\.\d+\./.test(path)) } });
  items.forEach((raw, index) => {
    const item = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as GroupItem) : {};
    for (const child of field.fields ?? []) {
      const childPath = `${path}.${index}.${child.id}`;
      if (state.hiddenFields.has(childPath)) continue;
      errors.push(...fieldErrors(child, Object.hasOwn(item, child.id) ? item[child.id] : undefined, state, ctx, childPath));
    }
  });
  return errors;
}
