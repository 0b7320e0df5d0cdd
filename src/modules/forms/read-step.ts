// Reading the posted body of one form step: what was typed, normalised for its field's type ("1.234,5" → "1234.5"),
// group entries and their add and remove buttons; then the visible fields validated by the form engine (forms.ts).
import { cleanText, fieldErrors, isAddress, joinDateParts, usesDateParts, type ValidationContext, type Value } from './forms.ts';
import { formState } from './logic.ts';
import type { AddressAnswer, Answers, AnswerValue, FieldDefinition, FieldError, FormDefinition, GroupItem, StepDefinition } from './schema.ts';

/** Entries a group holds at most, whatever the definition says: a posted body cannot grow an answer without bound. */
const MAX_GROUP_ITEMS = 100;
const MAX_CHECKED = 200;
const SPACES = /[\s\u00A0\u202F]+/g;

type Country = ValidationContext['country'];

// ----- normalising what was typed -----

const INTEGER_INPUT = /^([+-]?)(\d{1,3}(?:[.' ’]\d{3})+|\d+)$/;

/** Integer text without thousands separators: "1.000" and "1'000" become "1000". Anything else stays as typed. */
function normaliseInteger(text: string): string {
  const m = INTEGER_INPUT.exec(text.replace(SPACES, ' '));
  return m ? canonicalNumber(m[1]!, m[2]!, '') : text;
}

function canonicalNumber(sign: string, whole: string, fraction: string): string {
  const digits = whole.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '') || '0';
  const negative = sign === '-' && /[1-9]/.test(digits + fraction);
  return `${negative ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
}

const DECIMAL_COMMA = /^([+-]?)(\d{1,3}(?:[.' ’]\d{3})+|\d*),(\d+)$/;
const DOT_THOUSANDS = /^([+-]?)(\d{1,3}(?:[.' ’]\d{3})+)()$/;
const MANY_DOT_THOUSANDS = /^([+-]?)(\d{1,3}(?:\.\d{3}){2,})()$/;
const DECIMAL_POINT = /^([+-]?)(\d{1,3}(?:[' ’]\d{3})+|\d*)(?:\.(\d+))?$/;

/**
 * A decimal number in German ("1.234,5"), Swiss ("1'234.50") or plain ("1234.5") writing as "1234.5". Without a
 * comma, "1.500" is 1500 in Germany, where the dot groups thousands, and 1.5 in Switzerland, where it is the decimal point.
 */
function parseDecimal(text: string, country: Country): { sign: string; whole: string; fraction: string } | undefined {
  const t = text.replace(SPACES, ' ');
  const german = DECIMAL_COMMA.exec(t) ?? (country === 'DE' ? DOT_THOUSANDS : MANY_DOT_THOUSANDS).exec(t);
  const plain = german ? null : DECIMAL_POINT.exec(t);
  const m = german ?? plain;
  if (!m || (m[2] === '' && !m[3])) return undefined;
  return { sign: m[1]!, whole: m[2] || '0', fraction: m[3] ?? '' };
}

function normaliseDecimal(text: string, digits: number, country: Country): string {
  const parsed = parseDecimal(text, country);
  if (!parsed) return text;
  // Fewer digits are padded; more are kept as typed, so the person sees them refused instead of rounded away.
  const fraction = parsed.fraction.length <= digits ? parsed.fraction.padEnd(digits, '0') : parsed.fraction;
  return canonicalNumber(parsed.sign, parsed.whole, fraction);
}

const CURRENCY = /^(?:€|EUR|CHF|SFr\.?|Fr\.)\s*|\s*(?:€|EUR|CHF|SFr\.?|Fr\.)$/gi;

function normaliseMoney(text: string, country: Country): string {
  // Swiss prices end in ".–" or ".-" for whole francs.
  const bare = text
    .replace(CURRENCY, '')
    .replace(/[.,][–-]$/, '')
    .trim();
  return parseDecimal(bare, country) ? normaliseDecimal(bare, 2, country) : text;
}

function normaliseDate(text: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text;
}

/** What a person typed into a single-value field, cleaned and normalised for its type. */
export function normaliseInput(field: FieldDefinition, raw: unknown, country: Country = 'DE'): string {
  const text = cleanText(raw);
  if (text === '') return text;
  switch (field.type) {
    case 'integer':
      return normaliseInteger(text);
    case 'decimal':
      return normaliseDecimal(text, field.fractionDigits ?? 2, country);
    case 'money':
      return normaliseMoney(text, country);
    case 'date':
      return normaliseDate(text);
    case 'iban':
      return text.replace(SPACES, '').toUpperCase();
    case 'postalCode':
      return text.replace(SPACES, '');
    default:
      return text;
  }
}

// ----- reading a posted step -----

type Body = Record<string, unknown>;

const posted = (input: Body, key: string): unknown => (Object.hasOwn(input, key) ? input[key] : undefined);

function firstString(raw: unknown): unknown {
  return Array.isArray(raw) ? raw.find((v) => typeof v === 'string') : raw;
}

function readList(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const values = list
    .slice(0, MAX_CHECKED)
    .map(cleanText)
    .filter((v) => v !== '');
  return [...new Set(values)];
}

function readAddress(input: Body, name: string): AddressAnswer {
  const part = (p: string) => cleanText(firstString(posted(input, `${name}.${p}`)));
  return { street: part('street'), number: part('number'), postalCode: part('postalCode').replace(SPACES, ''), place: part('place') };
}

/** Indexes of the group entries in the body (`kinder.3.name`), so entries the page showed are read back. */
function postedIndexes(input: Body, groupId: string): number[] {
  const prefix = `${groupId}.`;
  const found = new Set<number>();
  for (const key of Object.keys(input)) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(0|[1-9]\d{0,3})\./.exec(key.slice(prefix.length));
    if (m) found.add(Number(m[1]));
  }
  return [...found];
}

function readGroup(input: Body, field: FieldDefinition, previous: Value, country: Country): GroupItem[] {
  const limit = Math.min(field.maxItems ?? MAX_GROUP_ITEMS, MAX_GROUP_ITEMS);
  const before = Array.isArray(previous) ? previous.length : 0;
  const count = Math.min(limit, Math.max(before, ...postedIndexes(input, field.id).map((i) => i + 1)));
  const items: GroupItem[] = [];
  for (let i = 0; i < count; i++) {
    const item: GroupItem = {};
    for (const child of field.fields ?? []) {
      if (!isAnswered(child)) continue;
      const value = readField(input, `${field.id}.${i}.${child.id}`, child, undefined, country);
      if (typeof value === 'string' || Array.isArray(value) || isAddress(value)) item[child.id] = value as GroupItem[string];
    }
    items.push(item);
  }
  return items;
}

function readField(input: Body, name: string, field: FieldDefinition, previous: Value, country: Country): AnswerValue {
  switch (field.type) {
    case 'checkboxes':
      return readList(posted(input, name));
    case 'address':
      return readAddress(input, name);
    case 'group':
      return readGroup(input, field, previous, country);
    case 'date':
      // Day, month and year in three inputs (`geburtsdatum.day`); a single value (an older page, a client) is read as before.
      if (usesDateParts(field) && ['day', 'month', 'year'].some((p) => posted(input, `${name}.${p}`) !== undefined)) {
        const part = (p: string) => cleanText(firstString(posted(input, `${name}.${p}`)));
        return joinDateParts({ day: part('day'), month: part('month'), year: part('year') });
      }
      return normaliseInput(field, firstString(posted(input, name)), country);
    default:
      return normaliseInput(field, firstString(posted(input, name)), country);
  }
}

/** Fields a person answers by typing or choosing (not info texts, computed values or uploads, which come separately). */
const isAnswered = (field: FieldDefinition) => field.type !== 'info' && field.type !== 'file' && field.compute === undefined;

const wasPosted = (input: Body, id: string) => Object.keys(input).some((key) => key === id || key.startsWith(`${id}.`));

type GroupAction = { kind: 'add'; group: FieldDefinition } | { kind: 'remove'; group: FieldDefinition; index: number };

/** `_aktion` of a group's add or remove button: `hinzufuegen:kinder`, `entfernen:kinder:2`. */
function groupAction(step: StepDefinition, raw: unknown): GroupAction | undefined {
  const value = firstString(raw);
  if (typeof value !== 'string') return undefined;
  const m = /^(hinzufuegen|entfernen):([A-Za-z][A-Za-z0-9_]{0,63})(?::(0|[1-9]\d{0,3}))?$/.exec(value);
  if (!m) return undefined;
  const group = step.fields.find((f) => f.id === m[2] && f.type === 'group');
  if (!group) return undefined;
  if (m[1] === 'hinzufuegen' && m[3] === undefined) return { kind: 'add', group };
  if (m[1] === 'entfernen' && m[3] !== undefined) return { kind: 'remove', group, index: Number(m[3]) };
  return undefined;
}

function applyGroupAction(values: Answers, action: GroupAction): void {
  const items = Array.isArray(values[action.group.id]) ? [...(values[action.group.id] as GroupItem[])] : [];
  if (action.kind === 'add') {
    if (items.length < Math.min(action.group.maxItems ?? MAX_GROUP_ITEMS, MAX_GROUP_ITEMS)) items.push({});
  } else if (action.index < items.length) items.splice(action.index, 1);
  values[action.group.id] = items;
}

/**
 * Reads the posted body of one step: every typed value is kept (also invalid ones, to show them again), and the
 * visible fields are validated against the answers so far. A group's add or remove button changes the values only.
 */
export function readStep(
  form: FormDefinition,
  step: StepDefinition,
  input: Record<string, unknown>,
  previous: Answers,
  ctx: ValidationContext,
): { values: Answers; errors: FieldError[]; groupAction: boolean } {
  const body: Body = input !== null && typeof input === 'object' ? input : {};
  const values: Answers = {};
  for (const field of step.fields) {
    const before = Object.hasOwn(previous, field.id) ? previous[field.id] : undefined;
    if (field.type === 'file') {
      if (before !== undefined) values[field.id] = before;
    } else if (isAnswered(field)) values[field.id] = readField(body, field.id, field, before, ctx.country);
  }
  const action = groupAction(step, posted(body, '_aktion'));
  if (action) {
    applyGroupAction(values, action);
    return { values, errors: [], groupAction: true };
  }
  const state = formState(form, { ...previous, ...values });
  // A field the page did not show keeps its earlier answer, for when it is shown again.
  for (const field of step.fields) {
    if (state.hiddenFields.has(field.id) && isAnswered(field) && !wasPosted(body, field.id) && Object.hasOwn(previous, field.id)) {
      values[field.id] = previous[field.id]!;
    }
  }
  const errors = step.fields.flatMap((field) => (state.hiddenFields.has(field.id) ? [] : fieldErrors(field, values[field.id], state, ctx, field.id)));
  return { values, errors, groupAction: false };
}
