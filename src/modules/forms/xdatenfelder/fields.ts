// Mapping one FIM data field to a form field: its type, choices, limits, pattern and file rules. What the form
// cannot carry over is reported as a note on the builder, never dropped silently.
import type { Message, MessageKey } from '../../../platform/i18n/index.ts';
import { patternProblem } from '../patterns.ts';
import type { FieldDefinition, Option, Text } from '../schema.ts';
import type { FimBase, FimField } from './message.ts';
import { COMPUTABLE } from './apply-rules.ts';
import { decimalNumber, type FormBuilder, quote, short } from './builder.ts';

/** Werte up to this many are offered as radio buttons, more as a select list. */
const RADIO_MAX = 5;
/** Text limits above this make a multi-line field (255 is the usual limit of a one-line text). */
const SINGLE_LINE_MAX = 255;
/** Limits of the form definition (checkDefinition). */
const MAX_OPTIONS = 1000;
const MAX_OPTION_VALUE = 200;
const MAX_TEXT = 20000;
const MAX_PATTERN = 1000;
const UPLOAD_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export const de = (text: string): Text => ({ de: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text });
export const source = (element: FimBase) => ({
  scheme: 'xdatenfelder' as const,
  id: element.id,
  ...(element.version ? { version: element.version } : {}),
});

export function mapField(fim: FimField, b: FormBuilder): FieldDefinition | undefined {
  const field: FieldDefinition = { id: b.fieldId(fim.id), type: 'text', label: de(fim.label), source: source(fim) };
  if (fim.help) field.hint = de(fim.help);
  switch (fim.feldart) {
    case 'label':
      return labelField(field, fim);
    case 'hidden':
      b.note(
        fim.id,
        fim.inhalt
          ? { key: 'xdatenfelder.field.hiddenWithContent', params: { label: fim.label, content: short(fim.inhalt, 80) } }
          : { key: 'xdatenfelder.field.hidden', params: { label: fim.label } },
      );
      return undefined;
    case 'select':
      selectField(field, fim, b);
      break;
    case 'locked':
      if (fim.inhalt) return lockedField(field, fim, b);
      inputField(field, fim, b);
      b.note(fim.id, { key: 'xdatenfelder.field.lockedEmpty', params: { label: fim.label } });
      break;
    case 'input':
      inputField(field, fim, b);
      break;
    default:
      b.note(fim.id, { key: 'xdatenfelder.field.unknownKind', params: { value: fim.feldart } });
      inputField(field, fim, b);
  }
  applyPrecision(field, fim, b);
  noteDefaults(fim, b);
  if (field.type !== 'file' && (fim.maxSize !== undefined || fim.mediaTypes.length > 0)) {
    b.note(fim.id, { key: 'xdatenfelder.field.fileRulesIgnored', params: { label: fim.label }, parts: { type: typeName(field) } });
  }
  if (fim.values.length > 0 && fim.feldart !== 'select' && field.type !== 'yesno') {
    b.note(fim.id, { key: 'xdatenfelder.field.valuesWithoutChoice', params: { label: fim.label, kind: fim.feldart } });
  }
  return field;
}

/** A field with a fixed content: a read-only computed value where the engine computes that type, else a text shown. */
function lockedField(field: FieldDefinition, fim: FimField, b: FormBuilder): FieldDefinition {
  inputField(field, fim, b);
  if (COMPUTABLE.has(field.type)) {
    field.compute = { cat: [fim.inhalt] };
    b.note(fim.id, { key: 'xdatenfelder.field.lockedComputed', params: { label: fim.label, content: short(fim.inhalt, 80) } });
    return field;
  }
  const shown = field.type === 'yesno' ? yesNoText(fim.inhalt) : fim.inhalt;
  b.note(fim.id, { key: 'xdatenfelder.field.lockedInfo', params: { label: fim.label, content: short(shown, 80) }, parts: { type: typeName(field) } });
  return labelField(field, { ...fim, inhalt: shown });
}

function yesNoText(value: string): string {
  const word = value.trim().toLowerCase();
  return ['true', '1', 'ja', 'wahr'].includes(word) ? 'Ja' : ['false', '0', 'nein', 'falsch'].includes(word) ? 'Nein' : value;
}

function labelField(field: FieldDefinition, fim: FimField): FieldDefinition {
  const text = fim.inhalt || fim.help || fim.label;
  const info: FieldDefinition = { id: field.id, type: 'info', label: field.label, text: de(text), source: field.source };
  if (fim.inhalt && fim.help) info.hint = de(fim.help);
  return info;
}

function noteDefaults(fim: FimField, b: FormBuilder): void {
  if (fim.inhalt && fim.feldart !== 'locked') {
    b.note(fim.id, { key: 'xdatenfelder.field.defaultIgnored', params: { label: fim.label, content: short(fim.inhalt, 80) } });
  }
  if (fim.vorbefuellung === 'optional' || fim.vorbefuellung === 'verpflichtend') {
    b.note(fim.id, { key: 'xdatenfelder.field.prefillUnsupported', params: { label: fim.label, value: fim.vorbefuellung } });
  }
}

function selectField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  if (fim.datentyp === 'bool') {
    field.type = 'yesno';
    if (fim.values.length > 0) b.note(fim.id, { key: 'xdatenfelder.field.yesNoValues', params: { label: fim.label } });
    return;
  }
  if (fim.values.length > 0) {
    field.options = options(fim, b);
    field.type = field.options.length <= RADIO_MAX ? 'radio' : 'select';
    const helps = fim.values.filter((v) => v.help);
    if (helps.length > 0) {
      const lines = helps.map((v) => `${v.name}: ${v.help}`).join('\n');
      field.hint = de(fim.help ? `${fim.help}\n\n${lines}` : lines);
    }
    if (fim.codeList?.urn) b.note(fim.id, { key: 'xdatenfelder.field.codeListBesideValues', params: { label: fim.label, list: fim.codeList.urn } });
    return;
  }
  const list = fim.codeList?.urn ?? fim.codeList?.id;
  if (list) {
    const version = fim.codeList?.version;
    b.note(
      fim.id,
      version
        ? { key: 'xdatenfelder.field.codeListOnlyVersion', params: { label: fim.label, list, version } }
        : { key: 'xdatenfelder.field.codeListOnly', params: { label: fim.label, list } },
    );
  } else {
    b.note(fim.id, { key: 'xdatenfelder.field.noValues', params: { label: fim.label } });
  }
  inputField(field, { ...fim, datentyp: fim.datentyp === 'bool' ? 'text' : fim.datentyp }, b);
}

function options(fim: FimField, b: FormBuilder): Option[] {
  const seen = new Set<string>();
  const result: Option[] = [];
  for (const value of fim.values) {
    if (value.code.length > MAX_OPTION_VALUE) {
      b.note(fim.id, { key: 'xdatenfelder.field.codeTooLong', params: { label: fim.label, code: short(value.code, 40), max: MAX_OPTION_VALUE } });
      continue;
    }
    if (result.length === MAX_OPTIONS) {
      b.note(fim.id, { key: 'xdatenfelder.field.tooManyValues', params: { label: fim.label, max: MAX_OPTIONS } });
      break;
    }
    if (seen.has(value.code)) {
      b.note(fim.id, { key: 'xdatenfelder.field.duplicateCode', params: { label: fim.label, code: value.code } });
      continue;
    }
    seen.add(value.code);
    result.push({ value: value.code, label: de(value.name) });
  }
  return result;
}

function inputField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  switch (fim.datentyp) {
    case 'text':
      field.type = 'text';
      break;
    case 'text_latin':
      field.type = 'text';
      b.note(fim.id, { key: 'xdatenfelder.field.latinOnly', params: { label: fim.label } });
      break;
    case 'date':
      field.type = 'date';
      break;
    case 'time':
      field.type = 'text';
      field.pattern = '([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(fim.id, { key: 'xdatenfelder.field.time', params: { label: fim.label } });
      break;
    case 'datetime':
      field.type = 'text';
      field.pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(fim.id, { key: 'xdatenfelder.field.datetime', params: { label: fim.label } });
      break;
    case 'bool':
      field.type = 'yesno';
      break;
    case 'num':
      field.type = 'decimal';
      break;
    case 'num_int':
      field.type = 'integer';
      break;
    case 'num_currency':
      field.type = 'money';
      break;
    case 'file':
      fileField(field, fim, b);
      break;
    case 'obj':
      fileField(field, fim, b);
      b.note(fim.id, { key: 'xdatenfelder.field.object', params: { label: fim.label } });
      break;
    default:
      field.type = 'text';
      b.note(fim.id, { key: 'xdatenfelder.field.unknownType', params: { label: fim.label, value: fim.datentyp } });
  }
}

function fileField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  field.type = 'file';
  if (fim.maxSize !== undefined && fim.maxSize > 0) field.maxBytes = fim.maxSize;
  if (fim.mediaTypes.length === 0) return;
  const accepted = new Set<string>();
  const refused: string[] = [];
  for (const type of fim.mediaTypes.map((t) => t.toLowerCase())) {
    if (UPLOAD_TYPES.has(type)) accepted.add(type);
    else if (type === 'image/*') ['image/jpeg', 'image/png'].forEach((t) => accepted.add(t));
    else refused.push(type);
  }
  if (accepted.size > 0) field.accept = [...accepted];
  if (refused.length > 0) {
    const params = { label: fim.label, types: refused.join(', ') };
    b.note(
      fim.id,
      accepted.size > 0
        ? { key: 'xdatenfelder.field.mediaTypesAllowed', params: { ...params, allowed: [...accepted].join(', ') } }
        : { key: 'xdatenfelder.field.mediaTypesDefault', params },
    );
  }
}

function applyPrecision(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const p = fim.precision;
  const dropped: string[] = [];
  if (p.freeText) b.note(fim.id, { key: 'xdatenfelder.field.precisionFreeText', params: { label: fim.label, text: short(p.freeText, 120) } });
  if (p.unknownKeys.length > 0)
    b.note(fim.id, { key: 'xdatenfelder.field.precisionUnknownKeys', params: { label: fim.label, keys: p.unknownKeys.join(', ') } });
  switch (field.type) {
    case 'text':
      applyLengths(field, fim, b, dropped);
      applyPattern(field, fim, b);
      if (p.minValue !== undefined || p.maxValue !== undefined) dropped.push('minValue/maxValue');
      if ((field.maxLength ?? 0) > SINGLE_LINE_MAX && field.pattern === undefined) field.type = 'textarea';
      break;
    case 'integer':
    case 'decimal':
    case 'money':
      applyRange(field, fim, b);
      if (p.minLength !== undefined || p.maxLength !== undefined) dropped.push('minLength/maxLength');
      if (p.pattern !== undefined) dropped.push('pattern');
      break;
    default:
      for (const key of ['minLength', 'maxLength', 'minValue', 'maxValue', 'pattern'] as const) if (p[key] !== undefined) dropped.push(key);
  }
  if (dropped.length > 0) {
    b.note(fim.id, { key: 'xdatenfelder.field.precisionDropped', params: { label: fim.label, keys: dropped.join(', ') }, parts: { type: typeName(field) } });
  }
}

/** The field type's name, for a note's `type` part; a type without a name of its own is given as it is. */
function typeName(field: FieldDefinition): Message {
  const names: Partial<Record<FieldDefinition['type'], MessageKey>> = {
    text: 'xdatenfelder.type.text',
    textarea: 'xdatenfelder.type.text',
    integer: 'xdatenfelder.type.integer',
    decimal: 'xdatenfelder.type.decimal',
    money: 'xdatenfelder.type.money',
    date: 'xdatenfelder.type.date',
    yesno: 'xdatenfelder.type.yesno',
    select: 'xdatenfelder.type.choice',
    radio: 'xdatenfelder.type.choice',
    checkboxes: 'xdatenfelder.type.checkboxes',
    file: 'xdatenfelder.type.file',
    info: 'xdatenfelder.type.info',
  };
  const key = names[field.type];
  return key ? { key } : { key: 'xdatenfelder.type.other', params: { type: field.type } };
}

function applyLengths(field: FieldDefinition, fim: FimField, b: FormBuilder, dropped: string[]): void {
  const min = wholeNumber(fim.precision.minLength);
  const max = wholeNumber(fim.precision.maxLength);
  if (fim.precision.minLength !== undefined && min === undefined) dropped.push(`minLength ${quote(fim.precision.minLength)}`);
  if (fim.precision.maxLength !== undefined && (max === undefined || max === 0)) dropped.push(`maxLength ${quote(fim.precision.maxLength)}`);
  if (min !== undefined && max !== undefined && max > 0 && min > max) {
    b.note(fim.id, { key: 'xdatenfelder.field.lengthsCrossed', params: { label: fim.label, min, max } });
    return;
  }
  if (min !== undefined && min > 0) field.minLength = min;
  if (max !== undefined && max > 0) field.maxLength = max;
}

function applyPattern(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const pattern = fim.precision.pattern;
  if (pattern === undefined || pattern === '') return;
  if (pattern.length > MAX_PATTERN) {
    b.note(fim.id, { key: 'xdatenfelder.field.patternTooLong', params: { label: fim.label, max: MAX_PATTERN } });
    return;
  }
  const problem = patternProblem(pattern);
  if (!problem) field.pattern = pattern;
  else b.note(fim.id, { key: 'xdatenfelder.field.patternRefused', params: { label: fim.label }, parts: { problem } });
}

function applyRange(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const bound = (raw: string | undefined, name: string): number | undefined => {
    if (raw === undefined) return undefined;
    const n = decimalNumber(raw);
    if (n === undefined || (field.type === 'integer' && !Number.isInteger(n))) {
      b.note(fim.id, { key: 'xdatenfelder.field.valueNotForType', params: { label: fim.label, value: raw, name }, parts: { type: typeName(field) } });
      return undefined;
    }
    return n;
  };
  const min = bound(fim.precision.minValue, 'minValue');
  const max = bound(fim.precision.maxValue, 'maxValue');
  if (min !== undefined && max !== undefined && min > max) {
    b.note(fim.id, { key: 'xdatenfelder.field.rangeCrossed', params: { label: fim.label, min, max } });
    return;
  }
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
}

function wholeNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}
