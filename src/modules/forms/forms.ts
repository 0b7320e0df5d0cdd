// Server-side validation of form answers: the truth the browser's checks only anticipate. Reading a posted step
// is read-step.ts. Messages are catalog keys with params; the views translate them.
import { getCountrySpecifications, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { formState, type FormState } from './logic.ts';
import { wholeValuePattern } from './patterns.ts';
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

// ----- validation per field type -----

/** The problems of one visible field's answer (a group's with its entries'), by the answers' state. */
export function fieldErrors(field: FieldDefinition, value: Value, state: FormState, ctx: ValidationContext, path: string): FieldError[] {
  if (field.type === 'info' || field.compute !== undefined) return [];
  const required = state.requiredFields.has(path);
  switch (field.type) {
    case 'file':
      return fileErrors(field, value, required, path);
    case 'checkboxes':
      return listErrors(checkboxError(field, value, required), path);
    case 'address':
      return addressErrors(field, value, required, ctx, path);
    case 'group':
      return groupErrors(field, value, required, state, ctx, path);
    default:
      return listErrors(textError(field, value, required, ctx), path);
  }
}

type Problem = { key: string; params?: Params } | null;

const listErrors = (problem: Problem, path: string): FieldError[] =>
  problem ? [problem.params ? { field: path, key: problem.key, params: problem.params } : { field: path, key: problem.key }] : [];

const CHOICE_TYPES = new Set<FieldDefinition['type']>(['select', 'radio', 'yesno', 'checkboxes']);

function requiredProblem(field: FieldDefinition): Problem {
  return { key: CHOICE_TYPES.has(field.type) ? 'validation.choose' : 'validation.required' };
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

function textError(field: FieldDefinition, value: Value, required: boolean, ctx: ValidationContext): Problem {
  const text = typeof value === 'string' ? value : '';
  if (text === '') return required ? requiredProblem(field) : null;
  const max = field.maxLength ?? (field.type === 'textarea' ? TEXTAREA_MAX_LENGTH : DEFAULT_MAX_LENGTH);
  const shape = textShapeProblem(text, max, field.type === 'textarea');
  if (shape) return shape;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return freeTextProblem(field, text);
    case 'integer':
      return integerProblem(field, text, ctx.country);
    case 'decimal':
      return decimalProblem(field, text, ctx.country);
    case 'money':
      return moneyProblem(field, text, ctx.country);
    case 'date':
      return dateProblem(field, text, ctx);
    case 'email':
      return EMAIL.test(text) ? null : { key: 'validation.email' };
    case 'phone':
      return PHONE.test(text) ? null : { key: 'validation.phone' };
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

function freeTextProblem(field: FieldDefinition, text: string): Problem {
  if (field.minLength !== undefined && text.length < field.minLength)
    return { key: 'validation.tooShort', params: { min: field.minLength, length: text.length } };
  const re = field.pattern ? wholeValuePattern(field.pattern) : null;
  return re && !re.test(text) ? { key: 'validation.pattern' } : null;
}

/** A limit in both languages' writing for the tenant's country: {min} reads "1.234,5" in German, {minEn} "1,234.5" in English. */
function limitParams(name: 'min' | 'max', limit: number, country: Country, digits?: number): Params {
  const shown = digits === undefined ? { max: 10 } : { min: digits, max: digits };
  return { [name]: formatNumber(limit, 'de', { country }, shown), [`${name}En`]: formatNumber(limit, 'en', { country }, shown) };
}

function rangeProblem(field: FieldDefinition, n: number, kind: 'number' | 'money', country: Country, digits?: number): Problem {
  if (field.min !== undefined && n < field.min) return { key: `validation.${kind}Min`, params: limitParams('min', field.min, country, digits) };
  if (field.max !== undefined && n > field.max) return { key: `validation.${kind}Max`, params: limitParams('max', field.max, country, digits) };
  return null;
}

function integerProblem(field: FieldDefinition, text: string, country: Country): Problem {
  if (!/^-?\d+$/.test(text)) return { key: 'validation.integer' };
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return { key: 'validation.numberTooLarge' };
  return rangeProblem(field, n, 'number', country);
}

function decimalProblem(field: FieldDefinition, text: string, country: Country): Problem {
  const digits = field.fractionDigits ?? 2;
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return { key: digits === 0 ? 'validation.integer' : 'validation.decimal' };
  if ((m[1] ?? '').length > digits) return digits === 0 ? { key: 'validation.integer' } : { key: 'validation.decimalDigits', params: { digits } };
  const n = Number(text);
  if (Math.abs(n) >= 1e15) return { key: 'validation.numberTooLarge' };
  return rangeProblem(field, n, 'number', country);
}

function moneyProblem(field: FieldDefinition, text: string, country: Country): Problem {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return { key: 'validation.money' };
  if ((m[1] ?? '').length > 2) return { key: 'validation.moneyCents' };
  const n = Number(text);
  if (Math.abs(n) >= 1e13) return { key: 'validation.numberTooLarge' };
  if (field.min === undefined && n < 0) return { key: 'validation.moneyNegative' };
  return rangeProblem(field, n, 'money', country, 2);
}

function dateProblem(field: FieldDefinition, text: string, ctx: ValidationContext): Problem {
  if (!isValidDate(text)) return { key: 'validation.date' };
  if (field.dateRange === 'past' && text > ctx.today) return { key: 'validation.dateNotFuture' };
  if (field.dateRange === 'future' && text < ctx.today) return { key: 'validation.dateNotPast' };
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

function checkboxError(field: FieldDefinition, value: Value, required: boolean): Problem {
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value !== '' ? [value] : [];
  if (chosen.length === 0) {
    if (!required) return null;
    return (field.minSelected ?? 0) > 1 ? { key: 'validation.minSelected', params: { min: field.minSelected! } } : { key: 'validation.choose' };
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
  if (files.length === 0) return required ? [{ field: path, key: 'validation.fileRequired' }] : [];
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
    errors.push(min === 1 ? { field: path, key: 'validation.groupRequired' } : { field: path, key: 'validation.groupMin', params: { min } });
  }
  if (field.maxItems !== undefined && items.length > field.maxItems) errors.push({ field: path, key: 'validation.groupMax', params: { max: field.maxItems } });
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
