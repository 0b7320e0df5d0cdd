// What a field's controls are, where and how wide: input types, their ids, the anchor an error summary links to, input widths
// (GOV.UK's fixed widths, classes in app.css) and hints that never repeat the label or themselves.
import type { Locale } from '../../../platform/i18n/index.ts';
import { textIn } from '../answer-text.ts';
import { usesDateParts } from '../forms.ts';
import { ADDRESS_PARTS, type FieldDefinition, type FieldWidth } from '../schema.ts';

type AddressPart = (typeof ADDRESS_PARTS)[number];

export const DATE_PARTS = ['day', 'month', 'year'] as const;

export const ADDRESS_LABELS = {
  street: 'form.addressStreet',
  number: 'form.addressNumber',
  postalCode: 'form.addressPostalCode',
  place: 'form.addressPlace',
} as const;
// There is no autocomplete token for a street without its number; address-line1 is the nearest.
export const ADDRESS_AUTOCOMPLETE: Record<AddressPart, string | undefined> = {
  street: 'address-line1',
  number: undefined,
  postalCode: 'postal-code',
  place: 'address-level2',
};

export const INPUTS: Partial<Record<FieldDefinition['type'], { type: string; inputMode?: string; autocomplete?: string; spellcheck?: boolean }>> = {
  text: { type: 'text' },
  integer: { type: 'text', inputMode: 'numeric' },
  decimal: { type: 'text', inputMode: 'decimal' },
  money: { type: 'text', inputMode: 'decimal' },
  date: { type: 'date' },
  email: { type: 'email', spellcheck: false },
  phone: { type: 'tel', inputMode: 'tel' },
  iban: { type: 'text', autocomplete: 'off', spellcheck: false },
  postalCode: { type: 'text', inputMode: 'numeric' },
};

// ----- widths: an input as wide as its answer -----

const WIDTHS: readonly FieldWidth[] = [2, 3, 4, 5, 10, 20, 30];
const fitting = (chars: number): FieldWidth | undefined => WIDTHS.find((w) => w >= chars);
const TYPE_WIDTHS: Partial<Record<FieldDefinition['type'], FieldWidth>> = { postalCode: 5, phone: 20, iban: 30, email: 30, date: 10 };

/** The width of a single-line input in characters: the definition's, else from its type, maxLength or largest number. */
export function fieldWidth(field: FieldDefinition): FieldWidth | undefined {
  if (field.width) return field.width;
  const byType = TYPE_WIDTHS[field.type];
  if (byType) return byType;
  if (field.type === 'integer' || field.type === 'decimal' || field.type === 'money') {
    const largest = Math.max(Math.abs(field.max ?? Number.NaN), Math.abs(field.min ?? Number.NaN));
    if (!Number.isFinite(largest)) return 10;
    const digits = String(Math.trunc(largest)).length + (field.type === 'integer' ? 0 : 1 + (field.type === 'money' ? 2 : (field.fractionDigits ?? 2)));
    return fitting(digits + (field.min !== undefined && field.min < 0 ? 1 : 0)) ?? 20;
  }
  if (field.type === 'text' && field.maxLength !== undefined) return fitting(field.maxLength);
  return undefined;
}

export const ADDRESS_WIDTHS: Partial<Record<AddressPart, FieldWidth>> = { number: 5, postalCode: 5 };
export const widthClass = (width: FieldWidth | undefined) => (width ? ` form-input--width-${width}` : '');

// ----- hints: never the label again, never a sentence twice -----

const comparable = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s.:,;!?()„“"]+/g, ' ')
    .trim();

/**
 * A field's hint without what is said already: a hint repeating the label is left out, and a part the page adds
 * (a limit, the file types) is left out when the hint says it already.
 */
export function fieldHint(field: FieldDefinition, locale: Locale, ...more: Array<string | false | undefined>): string {
  const label = comparable(textIn(field.label, locale));
  const parts: string[] = [];
  for (const part of [textIn(field.hint, locale), ...more]) {
    if (!part) continue;
    const key = comparable(part);
    if (key === '' || key === label || parts.some((p) => comparable(p).includes(key))) continue;
    parts.push(part.trim());
  }
  return parts.join(' ');
}

/** The id attribute of the control posted under a name path: `kinder.1.name` → `f-kinder-1-name`. */
export const controlId = (path: string): string => `f-${path.replace(/\./g, '-')}`;

export const isChoice = (field: FieldDefinition) => field.type === 'radio' || field.type === 'yesno' || field.type === 'checkboxes';

function firstControl(field: FieldDefinition, path: string, rest: string[]): string {
  if (field.type === 'address') {
    const part = (ADDRESS_PARTS as readonly string[]).includes(rest[0] ?? '') ? rest[0] : 'street';
    return controlId(`${path}.${part}`);
  }
  if (usesDateParts(field)) {
    const part = (DATE_PARTS as readonly string[]).includes(rest[0] ?? '') ? rest[0] : 'day';
    return `${controlId(path)}-${part}`;
  }
  return isChoice(field) ? `${controlId(path)}-0` : controlId(path);
}

/**
 * The id of the element an error summary links to: the first control of the field, or of a nested path such as
 * `kinder.1.name` (a group entry's field) or `anschrift.postalCode` (an address part).
 */
export function fieldAnchor(field: FieldDefinition, path: string = field.id): string {
  const rest = path.split('.').slice(1);
  if (field.type === 'group' && rest.length >= 2 && /^\d+$/.test(rest[0]!)) {
    const child = field.fields?.find((f) => f.id === rest[1]);
    if (child) return firstControl(child, `${field.id}.${rest[0]}.${child.id}`, rest.slice(2));
  }
  return firstControl(field, field.id, rest);
}
