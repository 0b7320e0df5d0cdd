// Numbers as people type them (German, Swiss and English ways of writing amounts) and the checks of one typed
// cell, shared by the citizen's calculator and the studio's fee table editor.
import { hasControlCharacters, type FieldError } from '../forms/index.ts';
import { LIMITS } from './schema.ts';

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
export function textProblem(text: string, required: boolean, maxLength: number = LIMITS.maxCellLength): Omit<FieldError, 'field'> | undefined {
  if (text === '') return required ? { key: 'validation.required' } : undefined;
  if (text.length > maxLength) return { key: 'validation.tooLong', params: { max: maxLength, length: text.length } };
  if (hasControlCharacters(text)) return { key: 'validation.controlCharacters' };
  return undefined;
}

export function wholeInRange(field: string, text: string, min: number, max: number, errors: FieldError[]): number | undefined {
  const problem = textProblem(text, true);
  if (problem) return void errors.push({ field, ...problem });
  const parsed = parseAmount(text, { decimals: false, example: String(min === 0 ? Math.min(50, max) : min) });
  if (!parsed.ok)
    return void errors.push({ field, key: parsed.key === 'calc.error.tooLarge' ? 'calc.error.range' : parsed.key, params: { ...parsed.params, min, max } });
  const value = parsed.minor / 100;
  if (value < min || value > max) return void errors.push({ field, key: 'calc.error.range', params: { min, max } });
  return value;
}
