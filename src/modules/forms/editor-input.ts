// What organisers type into the form editor, read into a definition and written back: rules as JSON with the
// position of a mistake, choices as lines, a field's settings from its edit page, and rules and places in words.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { ID_PATTERN, RULE_KEYS, SETTINGS_BY_TYPE, type FieldPatch, type RuleKey } from './editor.ts';
import { hasControlCharacters } from './forms.ts';
import { patternProblem } from './patterns.ts';
import type { Message, MessageKey, Translate } from '../../platform/i18n/index.ts';
import { FIELD_TYPES, type FieldDefinition, type FieldType, type FormDefinition, type Logic, type Option, type Text } from './schema.ts';

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

// ----- the rule builder: "zeigen, wenn [Feld] [ist / ist nicht / ist ausgefüllt] [Wert]" -----

/** The conditions the rule builder offers. */
export const RULE_OPS = ['is', 'isNot', 'filled'] as const;
export type RuleOp = (typeof RULE_OPS)[number];
/** A rule the builder can show: one field compared with one value, or asked whether it is answered. */
export interface SimpleRule {
  field: string;
  op: RuleOp;
  value: string;
}

/** The field types a builder rule can read: those with one answer a citizen types or chooses. */
const BUILDER_TYPES: ReadonlySet<FieldType> = new Set(FIELD_TYPES.filter((type) => !['address', 'file', 'group', 'info'].includes(type)));

/** The fields a builder rule may read: the form's own fields with an answer, not those inside groups, not `except`. */
export function builderFields(form: FormDefinition, except?: string): FieldDefinition[] {
  return form.steps.flatMap((s) => s.fields).filter((f) => BUILDER_TYPES.has(f.type) && f.id !== except);
}

const isVar = (v: unknown): v is { var: string } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { var?: unknown }).var === 'string';
const valueText = (v: unknown): string | undefined =>
  typeof v === 'boolean' ? (v ? 'ja' : 'nein') : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;

/**
 * The builder's view of a rule: undefined for no rule, null for one it cannot show (then only the JSON edits it).
 * Reads what `ruleFromBuilder` writes, and the same comparisons typed by hand.
 */
export function simpleRuleOf(rule: Logic | undefined, fields: FieldDefinition[]): SimpleRule | undefined | null {
  if (rule === undefined) return undefined;
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const entries = Object.entries(rule as Record<string, unknown>);
  if (entries.length !== 1) return null;
  const [op, arg] = entries[0]!;
  const known = (v: { var: string }) => fields.some((f) => f.id === v.var);
  const args = Array.isArray(arg) ? arg : [arg];
  if (op === '!!' && args.length === 1 && isVar(args[0]) && known(args[0])) return { field: args[0].var, op: 'filled', value: '' };
  if ((op === '==' || op === '===' || op === '!=' || op === '!==') && args.length === 2 && isVar(args[0]) && known(args[0])) {
    const value = valueText(args[1]);
    if (value === undefined) return null;
    return { field: args[0].var, op: op.startsWith('!') ? 'isNot' : 'is', value };
  }
  if (op === 'in' && args.length === 2 && isVar(args[1]) && known(args[1]) && typeof args[0] === 'string')
    return { field: args[1].var, op: 'is', value: args[0] };
  if (op === '!' && args.length === 1) {
    const inner = simpleRuleOf(args[0] as Logic, fields);
    if (inner && inner.op === 'is' && (args[0] as Record<string, unknown>).in) return { ...inner, op: 'isNot' };
  }
  return null;
}

/**
 * The JSON Logic of a builder rule, the value typed as the field's answers are (ja/nein a yes/no, a number a
 * number; for checkboxes "ist" means "is among the ticked"). A refusal names the control: `field` or `value`.
 */
export function ruleFromBuilder(
  b: SimpleRule,
  fields: FieldDefinition[],
): { ok: true; value: Logic | undefined } | { ok: false; control: 'field' | 'value'; error: InputError } {
  if (!b.field) return { ok: true, value: undefined };
  const field = fields.find((f) => f.id === b.field);
  if (!field) return { ok: false, control: 'field', error: { key: 'forms.builder.field' } };
  if (!(RULE_OPS as readonly string[]).includes(b.op)) return { ok: false, control: 'field', error: { key: 'forms.input.choose' } };
  const subject = { var: field.id };
  if (b.op === 'filled') return { ok: true, value: { '!!': [subject] } };
  const raw = b.value.trim();
  if (!raw) return { ok: false, control: 'value', error: { key: 'forms.builder.value', params: { label: field.label.de } } };
  let value: string | number | boolean = raw;
  if (field.type === 'yesno') {
    if (raw !== 'ja' && raw !== 'nein') return { ok: false, control: 'value', error: { key: 'forms.builder.yesno', params: { label: field.label.de } } };
    value = raw === 'ja';
  } else if (field.type === 'integer' || field.type === 'decimal' || field.type === 'money') {
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n)) return { ok: false, control: 'value', error: { key: 'forms.builder.number', params: { label: field.label.de } } };
    value = n;
  } else if (field.options && !field.options.some((o) => o.value === raw)) {
    return {
      ok: false,
      control: 'value',
      error: { key: 'forms.builder.option', params: { label: field.label.de, allowed: field.options.map((o) => o.value).join(', ') } },
    };
  }
  if (field.type === 'checkboxes') {
    const among: Logic = { in: [value, subject] };
    return { ok: true, value: b.op === 'is' ? among : { '!': [among] } };
  }
  return { ok: true, value: { [b.op === 'is' ? '==' : '!=']: [subject, value] } };
}

/** The controls of one rule on an edit page: the builder's three, the JSON, and what the JSON said when the page was shown. */
export function ruleControls(name: RuleKey, rule: Logic | undefined, fields: FieldDefinition[]): Record<string, string> {
  const simple = simpleRuleOf(rule, fields);
  const json = formatRule(rule);
  return {
    [name]: json,
    [`${name}_vorher`]: json,
    [`${name}_modus`]: simple === null ? 'json' : 'baukasten',
    [`${name}_feld`]: simple?.field ?? '',
    [`${name}_op`]: simple?.op ?? 'is',
    [`${name}_wert`]: simple?.value ?? '',
  };
}

/**
 * Reads one rule from an edit page. The JSON counts when it was changed, when the rule is beyond the builder, or
 * when the page has no builder (an API or an old form); otherwise the builder's controls make the rule.
 * Refusals are keyed by control name: the rule's own (`showIf`), or the builder's (`showIf_feld`, `showIf_wert`).
 */
export function readRule(
  name: RuleKey,
  input: FieldInput,
  fields: FieldDefinition[],
): { ok: true; value: Logic | undefined } | { ok: false; control: string; error: InputError } {
  const json = String(first(input[name]) ?? '');
  const usesBuilder =
    input[`${name}_op`] !== undefined && first(input[`${name}_modus`]) !== 'json' && json.trim() === String(first(input[`${name}_vorher`]) ?? '').trim();
  if (!usesBuilder) {
    const rule = parseRule(json);
    return rule.ok ? rule : { ok: false, control: name, error: messageOf(rule) };
  }
  const built = ruleFromBuilder({ field: one(input[`${name}_feld`]), op: one(input[`${name}_op`]) as RuleOp, value: one(input[`${name}_wert`]) }, fields);
  return built.ok ? built : { ok: false, control: `${name}_${built.control === 'field' ? 'feld' : 'wert'}`, error: built.error };
}

const first = (v: FieldInput[string]): string | undefined => (Array.isArray(v) ? v[0] : v);

// ----- option rows: value, German label, English label -----

/** One row of the options table as typed. */
export interface OptionRow {
  value: string;
  de: string;
  en: string;
}

const list = (v: FieldInput[string]): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The option rows posted (option_wert, option_de, option_en repeated, one of each a row). */
export function optionRowsOf(input: FieldInput): OptionRow[] {
  const values = list(input.option_wert);
  const de = list(input.option_de);
  const en = list(input.option_en);
  return values.map((value, i) => ({ value, de: de[i] ?? '', en: en[i] ?? '' }));
}

/** The controls of the option rows for a list of options. */
export function optionRowControls(rows: OptionRow[]): FieldInput {
  return { option_wert: rows.map((r) => r.value), option_de: rows.map((r) => r.de), option_en: rows.map((r) => r.en) };
}

/** Options from the rows, empty rows left out; a refusal names the row (as "Zeile"). */
export function optionsFromRows(rows: OptionRow[]): Parsed<Option[]> {
  const options: Option[] = [];
  const rowOf = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const value = row.value.normalize('NFC').trim();
    const de = row.de.normalize('NFC').trim();
    const en = row.en.normalize('NFC').trim();
    if (!value && !de && !en) continue;
    if (!value) return { ok: false, key: 'forms.options.rowValueMissing', params: { line: i + 1 } };
    if (!de) return { ok: false, key: 'forms.options.rowLabelMissing', params: { line: i + 1 } };
    const seen = rowOf.get(value);
    if (seen !== undefined) return { ok: false, key: 'forms.options.rowTwice', params: { line: i + 1, value, first: seen } };
    rowOf.set(value, i + 1);
    options.push({ value, label: en ? { de, en } : { de } });
  }
  if (!options.length) return { ok: false, key: 'forms.options.rowNone' };
  return { ok: true, value: options };
}

/** A press of "Zeile hinzufügen" (`mehr`) or "entfernen" (`weg-2`): the rows after it, always at least one. */
export function changeOptionRows(rows: OptionRow[], action: string): OptionRow[] {
  if (action === 'mehr') return [...rows, { value: '', de: '', en: '' }];
  const remove = /^weg-(\d{1,4})$/.exec(action);
  const next = remove ? rows.filter((_, i) => i !== Number(remove[1])) : rows;
  return next.length ? next : [{ value: '', de: '', en: '' }];
}

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
const TEXT_LIMITS = { label: 200, hint: 1000, itemLabel: 200, text: 4000, errorMessage: 300 } as const;
/** Types whose wrong answers (format, length, range) can be told in the organiser's own words. */
const OWN_MESSAGE_TYPES: ReadonlySet<FieldType> = new Set(['text', 'textarea', 'integer', 'decimal', 'money']);
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
  if (OWN_MESSAGE_TYPES.has(type)) names.push('errorMessage_de', 'errorMessage_en');
  if (settings.includes('maxBytes')) names.push('maxMb');
  if (settings.includes('itemLabel')) names.push('minItems', 'maxItems', 'itemLabel_de', 'itemLabel_en');
  if (type === 'text' || type === 'email') names.push('role');
  names.push('showIf');
  if (settings.includes('required')) names.push('requiredIf');
  if (!NOT_COMPUTABLE.has(type)) names.push('compute');
  return names;
}

const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The edit page's controls filled from a saved field; with the form, also the rule builder's controls. */
export function fieldInput(field: FieldDefinition, form?: FormDefinition): FieldInput {
  const fields = form ? builderFields(form, field.id) : [];
  const rows = (field.options ?? []).map((o) => ({ value: o.value, de: o.label.de, en: o.label.en ?? '' }));
  return {
    ...(form ? { ...ruleControls('showIf', field.showIf, fields), ...ruleControls('requiredIf', field.requiredIf, fields) } : {}),
    ...optionRowControls(rows.length ? rows : [{ value: '', de: '', en: '' }]),
    options_vorher: formatOptions(field.options),
    id: field.id,
    label_de: field.label.de,
    label_en: field.label.en ?? '',
    hint_de: field.hint?.de ?? '',
    hint_en: field.hint?.en ?? '',
    text_de: field.text?.de ?? '',
    text_en: field.text?.en ?? '',
    errorMessage_de: field.errorMessage?.de ?? '',
    errorMessage_en: field.errorMessage?.en ?? '',
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
  /** The form, for the rule builder's fields; without it rules are read from their JSON only. */
  form?: FormDefinition,
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
  if (names.has('errorMessage_de')) patch.errorMessage = bilingual('errorMessage');
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
    // The rows count unless the text for experts was changed (or the page had no rows).
    const text = String(first(input.options) ?? '');
    const rowsCount = input.option_wert !== undefined && text.trim() === String(first(input.options_vorher) ?? '').trim();
    const options = rowsCount ? optionsFromRows(optionRowsOf(input)) : parseOptions(text.normalize('NFC'));
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
  const fields = form ? builderFields(form, field.id) : [];
  for (const key of RULE_KEYS) {
    if (!names.has(key)) continue;
    const rule = key === 'compute' ? parseRule(String(first(input[key]) ?? '')) : readRule(key, input, fields);
    if (rule.ok) patch[key] = rule.value;
    else if ('control' in rule) errors[rule.control] = rule.error;
    else errors[key] = messageOf(rule);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch };
}

/** The control of the edit page a problem at `path` concerns, when it lies inside the field at `fieldPath`. */
export function inputOfProblem(fieldPath: string, path: string): string | undefined {
  if (!path.startsWith(`${fieldPath}/`)) return undefined;
  const [key, sub] = path.slice(fieldPath.length + 1).split('/');
  if (key === 'fields') return undefined;
  if (key === 'label' || key === 'hint' || key === 'text' || key === 'itemLabel' || key === 'errorMessage') return `${key}_${sub === 'en' ? 'en' : 'de'}`;
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
  /** The rule builder's controls, when the page had them. */
  [control: string]: string | string[] | undefined;
}

/** A step's edit page read into its new title and rule; each control that cannot be read gets its refusal. */
export function stepPatchFromInput(
  values: StepInput,
  form?: FormDefinition,
): { ok: true; patch: { title: Text; showIf: Logic | undefined } } | { ok: false; errors: Record<string, InputError> } {
  const errors: Record<string, InputError> = {};
  for (const name of ['title_de', 'title_en'] as const) {
    const value = values[name];
    if (hasControlCharacters(value) || value.includes('\n')) errors[name] = { key: 'studio.error.oneLine' };
    else if (value.length > MAX_STEP_TITLE) errors[name] = { key: 'studio.error.tooLong', params: { max: MAX_STEP_TITLE, length: value.length } };
  }
  if (!values.title_de) errors.title_de = { key: 'studio.error.stepTitleRequired' };
  const rule = readRule('showIf', values, form ? builderFields(form) : []);
  if (!rule.ok) errors[rule.control] = rule.error;
  if (Object.keys(errors).length || !rule.ok) return { ok: false, errors };
  return {
    ok: true,
    patch: { title: values.title_en ? { de: values.title_de, en: values.title_en } : { de: values.title_de }, showIf: rule.value },
  };
}
