// What organisers type into the form editor, read into a definition and written back: rules as JSON with the
// position of a mistake, choices as lines, a field's settings from its edit page, and rules and places in words.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { ID_PATTERN, RULE_KEYS, SETTINGS_BY_TYPE, type FieldPatch, type RuleKey } from './editor.ts';
import { hasControlCharacters } from './forms.ts';
import { patternProblem } from './patterns.ts';
import type { Message, MessageKey, Translate } from '../../platform/i18n/index.ts';
import type { FieldDefinition, FieldType, FormDefinition, Logic, Option, Text } from './schema.ts';

// ----- what organisers type -----

/** What was typed, read; or why it cannot be read, as a catalog message. */
export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Message);

/** The refusal of a failed parse, without its `ok`. */
const messageOf = ({ key, params }: Message): Message => (params ? { key, params } : { key });

/** The catalog message of each syntax error, by jsonc-parser's name for it; the `…AtEnd` ones for the end of the text. */
const JSON_ERRORS: Partial<Record<ReturnType<typeof printParseErrorCode>, [MessageKey, MessageKey]>> = {
  InvalidSymbol: ['forms.json.invalidSymbol', 'forms.json.invalidSymbolAtEnd'],
  InvalidNumberFormat: ['forms.json.invalidNumberFormat', 'forms.json.invalidNumberFormatAtEnd'],
  PropertyNameExpected: ['forms.json.propertyNameExpected', 'forms.json.propertyNameExpectedAtEnd'],
  ValueExpected: ['forms.json.valueExpected', 'forms.json.valueExpectedAtEnd'],
  ColonExpected: ['forms.json.colonExpected', 'forms.json.colonExpectedAtEnd'],
  CommaExpected: ['forms.json.commaExpected', 'forms.json.commaExpectedAtEnd'],
  CloseBraceExpected: ['forms.json.closeBraceExpected', 'forms.json.closeBraceExpectedAtEnd'],
  CloseBracketExpected: ['forms.json.closeBracketExpected', 'forms.json.closeBracketExpectedAtEnd'],
  EndOfFileExpected: ['forms.json.endOfFileExpected', 'forms.json.endOfFileExpectedAtEnd'],
  UnexpectedEndOfString: ['forms.json.unexpectedEndOfString', 'forms.json.unexpectedEndOfStringAtEnd'],
  UnexpectedEndOfNumber: ['forms.json.unexpectedEndOfNumber', 'forms.json.unexpectedEndOfNumberAtEnd'],
  InvalidUnicode: ['forms.json.invalidUnicode', 'forms.json.invalidUnicodeAtEnd'],
  InvalidEscapeCharacter: ['forms.json.invalidEscapeCharacter', 'forms.json.invalidEscapeCharacterAtEnd'],
  InvalidCharacter: ['forms.json.invalidCharacter', 'forms.json.invalidCharacterAtEnd'],
};
const OTHER_JSON_ERROR: [MessageKey, MessageKey] = ['forms.json.other', 'forms.json.otherAtEnd'];

/** The first syntax error in a JSON text: where (line and column from 1) and why, as a catalog message. */
function jsonSyntaxError(text: string): Message {
  let first: { code: ParseErrorCode; offset: number; line: number; column: number } | undefined;
  visit(
    text,
    {
      onError: (code, offset, _length, line, column) => {
        first ??= { code, offset, line: line + 1, column: column + 1 };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return { key: 'forms.json.invalid' };
  const [inside, atEnd] = JSON_ERRORS[printParseErrorCode(first.code)] ?? OTHER_JSON_ERROR;
  const trimmed = text.trimEnd();
  if (first.offset >= trimmed.length) {
    // Something is missing at the end: point just after the last character typed, not at trailing blank lines.
    const lines = trimmed.split(/\r\n|\r|\n/);
    return { key: atEnd, params: { line: lines.length, column: lines.at(-1)!.length + 1 } };
  }
  return { key: inside, params: { line: first.line, column: first.column } };
}

/** A rule as typed (JSON Logic); empty means no rule. */
export function parseRule(text: string): Parsed<Logic | undefined> {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as Logic };
  } catch {
    return { ok: false, ...jsonSyntaxError(text) };
  }
}

export const formatRule = (rule: Logic): string => (rule === undefined ? '' : JSON.stringify(rule, null, 2));

/** Choices as typed, one a line: `wert|Bezeichnung` or `wert|Bezeichnung|English label`; a line without | is both. */
export function parseOptions(text: string): Parsed<Option[]> {
  const options: Option[] = [];
  const lineOf = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split('|').map((p) => p.trim());
    if (parts.length > 3) return { ok: false, key: 'forms.options.tooManyBars', params: { line: i + 1 } };
    const [value, de = value, en] = parts as [string, string?, string?];
    if (!value) return { ok: false, key: 'forms.options.valueMissing', params: { line: i + 1 } };
    if (!de) return { ok: false, key: 'forms.options.labelMissing', params: { line: i + 1 } };
    const seen = lineOf.get(value);
    if (seen !== undefined) return { ok: false, key: 'forms.options.twice', params: { line: i + 1, value, first: seen } };
    lineOf.set(value, i + 1);
    options.push({ value, label: en ? { de, en } : { de } });
  }
  if (!options.length) return { ok: false, key: 'forms.options.none' };
  return { ok: true, value: options };
}

export const formatOptions = (options: Option[] | undefined): string =>
  (options ?? []).map((o) => [o.value, o.label.de, ...(o.label.en ? [o.label.en] : [])].join('|')).join('\n');

// ----- rules in short, for the overview -----

const COMPARISONS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤', in: 'in' };

/** A rule in a few words of the page's language where it is a simple comparison, its JSON otherwise (shortened). */
export function describeRule(t: Translate, rule: Logic, nameOf: (id: string) => string = (id) => id): string {
  const describe = (r: Logic): string => {
    if (r === null || typeof r !== 'object') return typeof r === 'string' ? t('forms.describe.quoted', { text: r }) : String(r);
    if (Array.isArray(r)) return r.map(describe).join(', ');
    const [op, arg] = Object.entries(r as Record<string, unknown>)[0] ?? [];
    const args = Array.isArray(arg) ? arg : [arg];
    if (op === 'var') {
      const path = String(args[0] ?? '');
      return nameOf(path.split('.')[0]!) + (path.includes('.') ? ` (${path})` : '');
    }
    if (op && COMPARISONS[op] && args.length === 2) return `${describe(args[0])} ${COMPARISONS[op]} ${describe(args[1])}`;
    if (op === 'and' || op === 'or') return args.map(describe).join(` ${t(op === 'and' ? 'forms.describe.and' : 'forms.describe.or')} `);
    if (op === '!') return t('forms.describe.not', { rule: describe(args[0]) });
    if (op === '!!') return t('forms.describe.given', { rule: describe(args[0]) });
    return JSON.stringify(r);
  };
  const text = describe(rule);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

// ----- a field as the edit page shows it, and back -----

/** What the edit page's controls hold, by control name; checkboxes of accepted types as a list. */
export type FieldInput = Record<string, string | string[] | undefined>;

const NOT_COMPUTABLE: ReadonlySet<FieldType> = new Set(['file', 'group', 'info', 'address', 'checkboxes']);
export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const MB = 1024 * 1024;
const TEXT_LIMITS = { label: 200, hint: 1000, itemLabel: 200, text: 4000 } as const;
const WHOLE_NUMBER_SETTINGS = ['minLength', 'maxLength', 'fractionDigits', 'minSelected', 'maxSelected', 'maxFiles', 'minItems', 'maxItems'] as const;

/** The controls of the edit page for a field type, in page order. */
export function fieldInputNames(type: FieldType): string[] {
  const settings = SETTINGS_BY_TYPE[type];
  const names = ['label_de', 'label_en', ...(type === 'info' ? [] : ['hint_de', 'hint_en']), 'id'];
  if (settings.includes('text')) names.push('text_de', 'text_en');
  if (settings.includes('required')) names.push('required');
  for (const key of [
    'minLength',
    'maxLength',
    'pattern',
    'min',
    'max',
    'fractionDigits',
    'dateRange',
    'country',
    'options',
    'minSelected',
    'maxSelected',
    'accept',
    'maxFiles',
  ] as const) {
    if (settings.includes(key)) names.push(key);
  }
  if (settings.includes('maxBytes')) names.push('maxMb');
  if (settings.includes('itemLabel')) names.push('minItems', 'maxItems', 'itemLabel_de', 'itemLabel_en');
  if (type === 'text' || type === 'email') names.push('role');
  names.push('showIf');
  if (settings.includes('required')) names.push('requiredIf');
  if (!NOT_COMPUTABLE.has(type)) names.push('compute');
  return names;
}

const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The edit page's controls filled from a saved field. */
export function fieldInput(field: FieldDefinition): FieldInput {
  return {
    id: field.id,
    label_de: field.label.de,
    label_en: field.label.en ?? '',
    hint_de: field.hint?.de ?? '',
    hint_en: field.hint?.en ?? '',
    text_de: field.text?.de ?? '',
    text_en: field.text?.en ?? '',
    required: field.required ? 'ja' : '',
    minLength: numberText(field.minLength),
    maxLength: numberText(field.maxLength),
    pattern: field.pattern ?? '',
    min: numberText(field.min),
    max: numberText(field.max),
    fractionDigits: numberText(field.fractionDigits),
    dateRange: field.dateRange ?? '',
    country: field.country ?? '',
    options: formatOptions(field.options),
    minSelected: numberText(field.minSelected),
    maxSelected: numberText(field.maxSelected),
    accept: field.accept ?? [],
    maxFiles: numberText(field.maxFiles),
    maxMb: field.maxBytes === undefined ? '' : String(Math.round((field.maxBytes / MB) * 100) / 100),
    minItems: numberText(field.minItems),
    maxItems: numberText(field.maxItems),
    itemLabel_de: field.itemLabel?.de ?? '',
    itemLabel_en: field.itemLabel?.en ?? '',
    role: field.role ?? '',
    showIf: formatRule(field.showIf),
    requiredIf: formatRule(field.requiredIf),
    compute: formatRule(field.compute),
  };
}

const one = (v: FieldInput[string]): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).replace(/\r\n?/g, '\n').normalize('NFC').trim();

/**
 * Reads the edit page's controls into a change of the field: only the settings its type has, an empty control
 * removing the setting. Each control that cannot be read gets its refusal, a catalog message.
 */
export function fieldPatchFromInput(
  field: FieldDefinition,
  input: FieldInput,
): { ok: true; patch: FieldPatch } | { ok: false; errors: Record<string, InputError> } {
  const names = new Set(fieldInputNames(field.type));
  const errors: Record<string, InputError> = {};
  const patch: FieldPatch = {};
  const textOf = (name: string, max: number, multiline = false): string | undefined => {
    const value = one(input[name]);
    if (hasControlCharacters(value) || (!multiline && value.includes('\n')))
      errors[name] = { key: multiline ? 'forms.input.noControlCharacters' : 'studio.error.oneLine' };
    else if (value.length > max) errors[name] = { key: 'studio.error.tooLong', params: { max, length: value.length } };
    return value || undefined;
  };
  const bilingual = (key: keyof typeof TEXT_LIMITS, multiline = false): Text | undefined => {
    const de = textOf(`${key}_de`, TEXT_LIMITS[key], multiline);
    const en = textOf(`${key}_en`, TEXT_LIMITS[key], multiline);
    if (en && !de) errors[`${key}_de`] = { key: 'forms.input.englishWithoutGerman' };
    return de ? (en ? { de, en } : { de }) : undefined;
  };
  const wholeNumber = (name: string): number | undefined => {
    const value = one(input[name]);
    if (!value) return undefined;
    if (!/^\d{1,9}$/.test(value)) errors[name] = { key: 'forms.input.wholeNumber' };
    return Number(value);
  };
  const decimal = (name: string): number | undefined => {
    const value = one(input[name]).replace(',', '.');
    if (!value) return undefined;
    if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(value)) errors[name] = { key: field.type === 'integer' ? 'forms.input.integer' : 'forms.input.decimal' };
    else if (field.type === 'integer' && value.includes('.')) errors[name] = { key: 'forms.input.integer' };
    return Number(value);
  };

  const label = bilingual('label');
  if (!label) errors.label_de ??= { key: 'forms.editor.labelRequired' };
  else patch.label = label;
  if (names.has('hint_de')) patch.hint = bilingual('hint', true);
  const id = one(input.id);
  if (!ID_PATTERN.test(id)) errors.id = { key: 'forms.editor.idFormat' };
  else patch.id = id;
  if (names.has('text_de')) {
    patch.text = bilingual('text', true);
    if (!patch.text) errors.text_de ??= { key: 'forms.input.infoTextRequired' };
  }
  if (names.has('required')) patch.required = one(input.required) === 'ja' ? true : undefined;
  for (const key of WHOLE_NUMBER_SETTINGS) if (names.has(key)) patch[key] = wholeNumber(key);
  if (names.has('min')) patch.min = decimal('min');
  if (names.has('max')) patch.max = decimal('max');
  if (names.has('pattern')) {
    const pattern = textOf('pattern', 1000);
    if (pattern) {
      const problem = patternProblem(pattern);
      if (problem) errors.pattern = problem;
    }
    patch.pattern = pattern;
  }
  if (names.has('dateRange')) {
    const range = one(input.dateRange);
    if (range && range !== 'past' && range !== 'future') errors.dateRange = { key: 'forms.input.choose' };
    patch.dateRange = (range || undefined) as FieldDefinition['dateRange'];
  }
  if (names.has('country')) {
    const country = one(input.country);
    if (country && country !== 'DE' && country !== 'CH') errors.country = { key: 'forms.input.choose' };
    patch.country = (country || undefined) as FieldDefinition['country'];
  }
  if (names.has('role')) {
    const role = one(input.role);
    if (role && !['firstName', 'lastName', 'email'].includes(role)) errors.role = { key: 'forms.input.choose' };
    patch.role = (role || undefined) as FieldDefinition['role'];
  }
  if (names.has('options')) {
    const options = parseOptions(String(input.options ?? '').normalize('NFC'));
    if (!options.ok) errors.options = messageOf(options);
    else if (options.value.some((o) => hasControlCharacters(o.value + o.label.de + (o.label.en ?? ''))))
      errors.options = { key: 'forms.input.noControlCharacters' };
    else patch.options = options.value;
  }
  if (names.has('accept')) {
    const raw = input.accept;
    const accept = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((a) => a.trim()).filter(Boolean);
    const unknown = accept.find((a) => !(FILE_TYPES as readonly string[]).includes(a));
    if (unknown) errors.accept = { key: 'forms.input.unknownFileType', params: { type: unknown } };
    else if (!accept.length) errors.accept = { key: 'forms.input.fileTypeRequired' };
    patch.accept = accept;
  }
  if (names.has('maxMb')) {
    const value = one(input.maxMb).replace(',', '.');
    if (value && !/^\d{1,4}(\.\d{1,2})?$/.test(value)) errors.maxMb = { key: 'forms.input.megabytes' };
    else if (value && Number(value) <= 0) errors.maxMb = { key: 'forms.input.megabytesPositive' };
    patch.maxBytes = value ? Math.round(Number(value) * MB) : undefined;
  }
  if (names.has('itemLabel_de')) patch.itemLabel = bilingual('itemLabel');
  for (const key of RULE_KEYS) {
    if (!names.has(key)) continue;
    const rule = parseRule(String(input[key] ?? ''));
    if (!rule.ok) errors[key] = messageOf(rule);
    else patch[key] = rule.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch };
}

/** The control of the edit page a problem at `path` concerns, when it lies inside the field at `fieldPath`. */
export function inputOfProblem(fieldPath: string, path: string): string | undefined {
  if (!path.startsWith(`${fieldPath}/`)) return undefined;
  const [key, sub] = path.slice(fieldPath.length + 1).split('/');
  if (key === 'fields') return undefined;
  if (key === 'label' || key === 'hint' || key === 'text' || key === 'itemLabel') return `${key}_${sub === 'en' ? 'en' : 'de'}`;
  if (key === 'maxBytes') return 'maxMb';
  return key;
}

const PLACE_KEYS: Record<string, MessageKey> = {
  title: 'forms.place.title',
  label: 'forms.place.label',
  hint: 'forms.place.hint',
  id: 'forms.place.id',
  options: 'forms.place.options',
  text: 'forms.place.text',
  fields: 'forms.place.fields',
};

/** Where a JSON pointer into the service's content points, in words: "Schritt 2 „Hund“, Feld „Hundename“, Regel „Anzeigen wenn“". */
export function describePath(t: Translate, form: FormDefinition, path: string): string {
  const parts = path
    .replace(/^\/form(?=\/|$)/, '')
    .split('/')
    .slice(1);
  if (path.startsWith('/feeRules/')) return t('forms.place.feeRule', { number: Number(parts[1]) + 1 });
  const words: string[] = [];
  if (parts[0] !== 'steps' || parts[1] === undefined) return t('forms.place.form');
  const step = form.steps[Number(parts[1])];
  const number = Number(parts[1]) + 1;
  words.push(step ? t('forms.place.step', { number, title: step.title.de }) : t('forms.place.stepNumber', { number }));
  let fields: FieldDefinition[] | undefined = step?.fields;
  let i = 2;
  while (parts[i] === 'fields' && parts[i + 1] !== undefined) {
    const field: FieldDefinition | undefined = fields?.[Number(parts[i + 1])];
    words.push(field ? t('forms.place.field', { label: field.label.de }) : t('forms.place.fieldNumber', { number: Number(parts[i + 1]) + 1 }));
    fields = field?.fields;
    i += 2;
  }
  const rest = parts[i];
  if (rest) {
    const place = PLACE_KEYS[rest];
    words.push(RULE_KEYS.includes(rest as RuleKey) ? t('forms.place.rule', { name: t(`studio.form.rule.${rest as RuleKey}`) }) : place ? t(place) : rest);
  }
  return words.join(', ');
}

// ----- a step's title and rule -----

/** Why a control was refused: a catalog message (a rule's syntax error with its position included). */
export type InputError = Message;

const MAX_STEP_TITLE = 200;

/** The title typed for a new step (may be empty: the editor names it); the refusal when it cannot be one. */
export function newStepTitleError(title: string): InputError | undefined {
  return hasControlCharacters(title) || title.length > MAX_STEP_TITLE ? { key: 'studio.error.newStepTitle', params: { max: MAX_STEP_TITLE } } : undefined;
}

interface StepInput {
  title_de: string;
  title_en: string;
  showIf: string;
}

/** A step's edit page read into its new title and rule; each control that cannot be read gets its refusal. */
export function stepPatchFromInput(
  values: StepInput,
): { ok: true; patch: { title: Text; showIf: Logic | undefined } } | { ok: false; errors: Record<string, InputError> } {
  const errors: Record<string, InputError> = {};
  for (const name of ['title_de', 'title_en'] as const) {
    const value = values[name];
    if (hasControlCharacters(value) || value.includes('\n')) errors[name] = { key: 'studio.error.oneLine' };
    else if (value.length > MAX_STEP_TITLE) errors[name] = { key: 'studio.error.tooLong', params: { max: MAX_STEP_TITLE, length: value.length } };
  }
  if (!values.title_de) errors.title_de = { key: 'studio.error.stepTitleRequired' };
  const rule = parseRule(values.showIf);
  if (!rule.ok) errors.showIf = messageOf(rule);
  if (Object.keys(errors).length || !rule.ok) return { ok: false, errors };
  return {
    ok: true,
    patch: { title: values.title_en ? { de: values.title_de, en: values.title_en } : { de: values.title_de }, showIf: rule.value },
  };
}
