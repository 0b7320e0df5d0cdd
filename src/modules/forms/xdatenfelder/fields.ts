// Mapping one FIM data field to a form field: its type, choices, limits, pattern and file rules. What the form
// cannot carry over is reported as a German note on the builder, never dropped silently.
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
        `Das versteckte Feld ${quote(fim.label)} (Feldart hidden${fim.inhalt ? `, Inhalt ${quote(short(fim.inhalt, 80))}` : ''}) hat im Formular keine Entsprechung und wurde nicht übernommen.`,
      );
      return undefined;
    case 'select':
      selectField(field, fim, b);
      break;
    case 'locked':
      if (fim.inhalt) return lockedField(field, fim, b);
      inputField(field, fim, b);
      b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked) hat keinen Inhalt; es wurde als gewöhnliches Eingabefeld übernommen.`);
      break;
    case 'input':
      inputField(field, fim, b);
      break;
    default:
      b.note(fim.id, `Unbekannte Feldart „${fim.feldart}“; das Feld wurde als Eingabefeld übernommen.`);
      inputField(field, fim, b);
  }
  applyPrecision(field, fim, b);
  noteDefaults(fim, b);
  if (field.type !== 'file' && (fim.maxSize !== undefined || fim.mediaTypes.length > 0)) {
    b.note(
      fim.id,
      `Dateigröße und Dateitypen (maxSize, mediaType) gelten nur für Datei-Uploads; bei ${quote(fim.label)} (${typeName(field)}) wurden sie nicht übernommen.`,
    );
  }
  if (fim.values.length > 0 && fim.feldart !== 'select' && field.type !== 'yesno') {
    b.note(fim.id, `Die Werteliste des Feldes ${quote(fim.label)} gehört zu keiner Auswahl (Feldart ${fim.feldart}); sie wurde nicht übernommen.`);
  }
  return field;
}

/** A field with a fixed content: a read-only computed value where the engine computes that type, else a text shown. */
function lockedField(field: FieldDefinition, fim: FimField, b: FormBuilder): FieldDefinition {
  inputField(field, fim, b);
  if (COMPUTABLE.has(field.type)) {
    field.compute = { cat: [fim.inhalt] };
    b.note(
      fim.id,
      `Das gesperrte Feld ${quote(fim.label)} (Feldart locked) wurde als schreibgeschützter, berechneter Wert ${quote(short(fim.inhalt, 80))} übernommen.`,
    );
    return field;
  }
  const shown = field.type === 'yesno' ? yesNoText(fim.inhalt) : fim.inhalt;
  b.note(
    fim.id,
    `Das gesperrte Feld ${quote(fim.label)} (Feldart locked, ${typeName(field)}) wurde als Hinweistext mit seinem Inhalt ${quote(short(shown, 80))} übernommen.`,
  );
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
    b.note(
      fim.id,
      `Die Vorbelegung ${quote(short(fim.inhalt, 80))} (Inhalt) des Feldes ${quote(fim.label)} wurde nicht übernommen; das Formular kennt keine Vorbelegung.`,
    );
  }
  if (fim.vorbefuellung === 'optional' || fim.vorbefuellung === 'verpflichtend') {
    b.note(
      fim.id,
      `Das Feld ${quote(fim.label)} soll aus einem Nutzerkonto vorbefüllt werden (${fim.vorbefuellung}); das wird nicht unterstützt, die Person gibt den Wert selbst ein.`,
    );
  }
}

function selectField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  if (fim.datentyp === 'bool') {
    field.type = 'yesno';
    if (fim.values.length > 0) b.note(fim.id, `Die Werte der Ja-/Nein-Auswahl ${quote(fim.label)} wurden durch „Ja“ und „Nein“ ersetzt.`);
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
    if (fim.codeList?.urn)
      b.note(
        fim.id,
        `Das Feld ${quote(fim.label)} nennt neben seiner Werteliste die Codeliste ${quote(fim.codeList.urn)}; übernommen wurden die Werte der Werteliste.`,
      );
    return;
  }
  const list = fim.codeList?.urn ?? fim.codeList?.id;
  if (list) {
    const version = fim.codeList?.version ? ` (Version ${fim.codeList.version})` : '';
    b.note(
      fim.id,
      `Die Auswahl ${quote(fim.label)} verweist nur auf die Codeliste ${quote(list)}${version}; deren Werte sind nicht in der Datei enthalten. Das Feld wurde als Textfeld übernommen; bitte die Auswahlwerte im Formulareditor ergänzen.`,
    );
  } else {
    b.note(fim.id, `Die Auswahl ${quote(fim.label)} hat weder eine Werteliste noch eine Codeliste; das Feld wurde als Textfeld übernommen.`);
  }
  inputField(field, { ...fim, datentyp: fim.datentyp === 'bool' ? 'text' : fim.datentyp }, b);
}

function options(fim: FimField, b: FormBuilder): Option[] {
  const seen = new Set<string>();
  const result: Option[] = [];
  for (const value of fim.values) {
    if (value.code.length > MAX_OPTION_VALUE) {
      b.note(
        fim.id,
        `Der Code ${quote(short(value.code, 40))} in der Werteliste von ${quote(fim.label)} ist länger als ${MAX_OPTION_VALUE} Zeichen; der Wert wurde nicht übernommen.`,
      );
      continue;
    }
    if (result.length === MAX_OPTIONS) {
      b.note(fim.id, `Die Werteliste von ${quote(fim.label)} hat mehr als ${MAX_OPTIONS} Werte; übernommen wurden die ersten ${MAX_OPTIONS}.`);
      break;
    }
    if (seen.has(value.code)) {
      b.note(fim.id, `Der Code ${quote(value.code)} kommt in der Werteliste von ${quote(fim.label)} mehrfach vor; nur der erste Eintrag wurde übernommen.`);
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
      b.note(fim.id, `Das Feld ${quote(fim.label)} erlaubt nur lateinische Zeichen (Datentyp text_latin); das Formular prüft das nicht eigens.`);
      break;
    case 'date':
      field.type = 'date';
      break;
    case 'time':
      field.type = 'text';
      field.pattern = '([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(fim.id, `Das Formular kennt keine Uhrzeit (Datentyp time): ${quote(fim.label)} ist ein Textfeld, das eine Uhrzeit wie 14:30 verlangt.`);
      break;
    case 'datetime':
      field.type = 'text';
      field.pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(
        fim.id,
        `Das Formular kennt keinen Zeitpunkt (Datentyp datetime): ${quote(fim.label)} ist ein Textfeld, das Datum und Uhrzeit wie 2026-11-22 14:30 verlangt.`,
      );
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
      b.note(fim.id, `Das Feld ${quote(fim.label)} erwartet ein Objekt (Datentyp obj); es wurde als Datei-Upload übernommen.`);
      break;
    default:
      field.type = 'text';
      b.note(fim.id, `Unbekannter Datentyp „${fim.datentyp}“; ${quote(fim.label)} wurde als Textfeld übernommen.`);
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
    const instead = accepted.size > 0 ? `erlaubt sind hier ${[...accepted].join(', ')}` : 'es gelten die üblichen Dateitypen (PDF, JPEG, PNG)';
    b.note(fim.id, `Die Dateitypen ${refused.join(', ')} für ${quote(fim.label)} werden nicht unterstützt (erkannt werden PDF, JPEG und PNG); ${instead}.`);
  }
}

function applyPrecision(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const p = fim.precision;
  const dropped: string[] = [];
  if (p.freeText) b.note(fim.id, `Die Präzisierung ${quote(short(p.freeText, 120))} von ${quote(fim.label)} ist nicht auswertbar und wurde nicht übernommen.`);
  if (p.unknownKeys.length > 0)
    b.note(fim.id, `Unbekannte Angaben in der Präzisierung von ${quote(fim.label)}: ${p.unknownKeys.join(', ')}; sie wurden nicht übernommen.`);
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
    b.note(fim.id, `Die Präzisierung ${dropped.join(', ')} gilt nicht für ${quote(fim.label)} (${typeName(field)}) und wurde nicht übernommen.`);
  }
}

function typeName(field: FieldDefinition): string {
  const names: Partial<Record<FieldDefinition['type'], string>> = {
    text: 'Textfeld',
    textarea: 'Textfeld',
    integer: 'Ganzzahl',
    decimal: 'Dezimalzahl',
    money: 'Geldbetrag',
    date: 'Datum',
    yesno: 'Ja/Nein',
    select: 'Auswahl',
    radio: 'Auswahl',
    checkboxes: 'Mehrfachauswahl',
    file: 'Datei-Upload',
    info: 'Hinweistext',
  };
  return names[field.type] ?? field.type;
}

function applyLengths(field: FieldDefinition, fim: FimField, b: FormBuilder, dropped: string[]): void {
  const min = wholeNumber(fim.precision.minLength);
  const max = wholeNumber(fim.precision.maxLength);
  if (fim.precision.minLength !== undefined && min === undefined) dropped.push(`minLength ${quote(fim.precision.minLength)}`);
  if (fim.precision.maxLength !== undefined && (max === undefined || max === 0)) dropped.push(`maxLength ${quote(fim.precision.maxLength)}`);
  if (min !== undefined && max !== undefined && max > 0 && min > max) {
    b.note(fim.id, `Die Mindestlänge ${min} von ${quote(fim.label)} ist größer als die Höchstlänge ${max}; beide wurden nicht übernommen.`);
    return;
  }
  if (min !== undefined && min > 0) field.minLength = min;
  if (max !== undefined && max > 0) field.maxLength = max;
}

function applyPattern(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const pattern = fim.precision.pattern;
  if (pattern === undefined || pattern === '') return;
  if (pattern.length > MAX_PATTERN) {
    b.note(fim.id, `Das Muster von ${quote(fim.label)} ist länger als ${MAX_PATTERN} Zeichen und wurde nicht übernommen.`);
    return;
  }
  const problem = patternProblem(pattern);
  if (!problem) field.pattern = pattern;
  else b.note(fim.id, `Das Muster von ${quote(fim.label)} wurde nicht übernommen: ${problem}`);
}

function applyRange(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const bound = (raw: string | undefined, name: string): number | undefined => {
    if (raw === undefined) return undefined;
    const n = decimalNumber(raw);
    if (n === undefined || (field.type === 'integer' && !Number.isInteger(n))) {
      b.note(fim.id, `Der Wert ${quote(raw)} (${name}) von ${quote(fim.label)} passt nicht zum Feldtyp ${typeName(field)} und wurde nicht übernommen.`);
      return undefined;
    }
    return n;
  };
  const min = bound(fim.precision.minValue, 'minValue');
  const max = bound(fim.precision.maxValue, 'maxValue');
  if (min !== undefined && max !== undefined && min > max) {
    b.note(fim.id, `Der Mindestwert ${min} von ${quote(fim.label)} ist größer als der Höchstwert ${max}; beide wurden nicht übernommen.`);
    return;
  }
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
}

function wholeNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}
