// Server-side validation of one step. Messages are catalog keys; the view translates them.
import type { Answers, FieldDefinition, FieldError, FileAnswer, FormDefinition, StepDefinition } from './schema.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()/-]{6,20}$/;
const POSTAL = { DE: /^\d{5}$/, CH: /^\d{4}$/ } as const;
// Control characters other than tab and newline never belong in an answer.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const DEFAULT_MAX = 200;

export interface ValidationContext { country: 'DE' | 'CH'; today: string }

export function findStep(form: FormDefinition, stepId: string): StepDefinition | undefined {
  return form.steps.find((s) => s.id === stepId);
}

export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Normalises typed text: trims, unifies line breaks, composes Unicode so "Mü" is one form. */
export function cleanText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  // NUL cannot be stored by PostgreSQL at all; the other control characters are refused with a message.
  return raw.replace(/\u0000/g, '').toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

function validateField(field: FieldDefinition, value: string | FileAnswer[] | undefined, ctx: ValidationContext): FieldError | null {
  const err = (key: string, params?: Record<string, string | number>): FieldError => ({ field: field.id, key, params });
  if (field.type === 'file') {
    const files = Array.isArray(value) ? value : [];
    return field.required && files.length === 0 ? err('validation.fileRequired') : null;
  }
  const text = typeof value === 'string' ? value : '';
  if (text === '') return field.required ? err(field.type === 'radio' || field.type === 'yesno' ? 'validation.choose' : 'validation.required') : null;
  const max = field.maxLength ?? (field.type === 'textarea' ? 4000 : DEFAULT_MAX);
  if (text.length > max) return err('validation.tooLong', { max, length: text.length });
  if (CONTROL.test(text)) return err('validation.controlCharacters');
  if (field.type !== 'textarea' && text.includes('\n')) return err('validation.singleLine');
  switch (field.type) {
    case 'email':
      return EMAIL.test(text) ? null : err('validation.email');
    case 'phone':
      return PHONE.test(text) ? null : err('validation.phone');
    case 'postalCode':
      return POSTAL[ctx.country].test(text) ? null : err(ctx.country === 'DE' ? 'validation.postalCodeDE' : 'validation.postalCodeCH');
    case 'date':
      if (!isValidDate(text)) return err('validation.date');
      if (field.dateRange === 'past' && text > ctx.today) return err('validation.dateNotFuture');
      if (field.dateRange === 'future' && text < ctx.today) return err('validation.dateNotPast');
      return null;
    case 'radio':
    case 'yesno': {
      const allowed = field.type === 'yesno' ? ['ja', 'nein'] : (field.options ?? []).map((o) => o.value);
      return allowed.includes(text) ? null : err('validation.choose');
    }
    default:
      return null;
  }
}

/** Takes the submitted values of one step, keeps every typed value, and returns the errors. */
export function validateStep(step: StepDefinition, input: Record<string, unknown>, previous: Answers, ctx: ValidationContext) {
  const values: Answers = {};
  const errors: FieldError[] = [];
  for (const field of step.fields) {
    const value = field.type === 'file' ? previous[field.id] : cleanText(input[field.id]);
    if (value !== undefined) values[field.id] = value;
    const error = validateField(field, value, ctx);
    if (error) errors.push(error);
  }
  return { values, errors };
}

/** Validates every step; used before submission so a stale or tampered draft can never be submitted. */
export function validateAll(form: FormDefinition, answers: Answers, ctx: ValidationContext): Array<FieldError & { step: string }> {
  return form.steps.flatMap((step) =>
    step.fields.map((f) => validateField(f, answers[f.id], ctx)).filter((e): e is FieldError => e !== null).map((e) => ({ ...e, step: step.id })),
  );
}

export function fieldWithRole(form: FormDefinition, role: NonNullable<FieldDefinition['role']>): string | undefined {
  return form.steps.flatMap((s) => s.fields).find((f) => f.role === role)?.id;
}
