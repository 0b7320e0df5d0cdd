// Mapping the FIM model to a form definition; its rules are then applied by apply-rules.ts. The form can express less
// than FIM, so whatever element or limit cannot be carried over is reported here as a German note rather than dropped.
import { patternProblem } from '../patterns.ts';
import type { FieldDefinition, FormDefinition, Option, StepDefinition, Text } from '../schema.ts';
import type { ImportNote } from '../xdatenfelder.ts';
import type { FimBase, FimChild, FimContainer, FimField, Message, Standard } from './message.ts';
import { and, applyRules, COMPUTABLE } from './apply-rules.ts';
import { decimalNumber, FormBuilder, quote, short, type Toggle } from './builder.ts';

// ===================================================================================================================
// Mapping the model to a form: groups become steps, repeating groups group fields, data fields typed fields
// ===================================================================================================================

/** Werte up to this many are offered as radio buttons, more as a select list. */
const RADIO_MAX = 5;
/** Text limits above this make a multi-line field (255 is the usual limit of a one-line text). */
const SINGLE_LINE_MAX = 255;
/** Number of files when the data field allows any number. */
const DEFAULT_MAX_FILES = 10;
/** Limits of the form definition (checkDefinition). */
// As many files as one request may carry (the multipart limit in app.ts).
const MAX_FILES = 20;
const MAX_ENTRIES = 100;
const MAX_OPTIONS = 1000;
const MAX_OPTION_VALUE = 200;
const MAX_TEXT = 20000;
const MAX_PATTERN = 1000;
const UPLOAD_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

interface Context {
  path: string[];
  scope: FieldDefinition | undefined;
  step: StepDefinition;
}

const de = (text: string): Text => ({ de: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text });
const source = (element: FimBase) => ({ scheme: 'xdatenfelder' as const, id: element.id, ...(element.version ? { version: element.version } : {}) });

export function buildForm(message: Message): { form: FormDefinition; title: Text; standard: Standard; notes: ImportNote[] } {
  const { root, standard } = message;
  const b = new FormBuilder();
  for (const n of message.notes) b.note(n.path, n.message);
  b.registerRules(root, [root.id]);
  const steps = buildSteps(root, b);
  applyRules(b);
  assignRoles(steps, b);
  const form: FormDefinition = {
    steps: withoutEmptySteps(steps, root, b),
    source: { ...source(root), standard },
  };
  return { form, title: de(root.label), standard, notes: b.notes };
}

function buildSteps(root: FimContainer, b: FormBuilder): StepDefinition[] {
  const steps: StepDefinition[] = [];
  const loose = root.children.filter((c) => c.element.kind === 'field');
  if (loose.length > 0) {
    const step: StepDefinition = { id: b.stepId(`${root.id}_allgemein`), title: de('Allgemeine Angaben'), fields: [] };
    const ctx: Context = { path: [root.id], scope: undefined, step };
    step.fields = loose.flatMap((c) => mapFieldChild(c, ctx, b));
    steps.push(step);
  }
  for (const c of root.children) if (c.element.kind === 'group') steps.push(groupStep(c, root, b));
  const first = steps.find((s) => s.fields.length > 0);
  if (root.help && first) first.fields.unshift(infoField(b, `${root.id}_hinweis`, root.label, root.help));
  return steps;
}

function groupStep(entry: FimChild, root: FimContainer, b: FormBuilder): StepDefinition {
  const group = entry.element as FimContainer;
  const step: StepDefinition = { id: b.stepId(group.id), title: de(group.label), fields: [] };
  const path = [root.id, group.id];
  const ctx: Context = { path, scope: undefined, step };
  b.registerRules(group, path);
  noteGroupKind(group, b);
  if (entry.max > 1) {
    const repeating = groupField(entry, ctx, b);
    if (repeating) {
      step.fields = [repeating];
      return step;
    }
  }
  const help = group.help ? [infoField(b, `${group.id}_hinweis`, group.label, group.help)] : [];
  const { fields, toggle } = optionalGroup(entry, mapChildren(group.children, ctx, b), b);
  step.fields = [...help, ...fields];
  b.place(group.id, { path, scope: undefined, step, target: { kind: 'step', step }, toggle });
  return step;
}

function noteGroupKind(group: FimContainer, b: FormBuilder): void {
  if (group.art === undefined) return;
  if (group.art === 'X') {
    b.note(
      group.id,
      `Die Gruppe ${quote(group.label)} ist eine Auswahlgruppe (nur eine ihrer Untergruppen ist auszufüllen). Das lässt sich nicht abbilden; alle Untergruppen wurden übernommen.`,
    );
  } else {
    b.note(group.id, `Unbekannte Gruppenart „${group.art}“; die Gruppe wurde als gewöhnliche Gruppe übernommen.`);
  }
}

function mapChildren(children: FimChild[], ctx: Context, b: FormBuilder): FieldDefinition[] {
  return children.flatMap((c) => (c.element.kind === 'field' ? mapFieldChild(c, ctx, b) : mapGroupChild(c, ctx, b)));
}

function mapGroupChild(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition[] {
  const group = entry.element as FimContainer;
  const path = [...ctx.path, group.id];
  const inner: Context = { ...ctx, path };
  b.registerRules(group, path);
  noteGroupKind(group, b);
  if (entry.max > 1) {
    if (ctx.scope) {
      b.note(
        group.id,
        `Die wiederholbare Gruppe ${quote(group.label)} (Anzahl ${multiplicityText(entry)}) liegt in einer wiederholbaren Gruppe; verschachtelte Wiederholungen kann das Formular nicht abbilden. Ihre Felder wurden je Eintrag einmal übernommen.`,
      );
    } else {
      const repeating = groupField(entry, inner, b);
      if (repeating) return [repeating];
    }
  }
  const help = group.help ? [infoField(b, `${group.id}_hinweis`, group.label, group.help)] : [];
  const { fields, toggle } = optionalGroup(entry, mapChildren(group.children, inner, b), b);
  const result = [...help, ...fields];
  if (result.length === 0) b.note(group.id, `Die Gruppe ${quote(group.label)} enthält keine Felder; sie wurde übergangen.`);
  b.place(group.id, { path, scope: ctx.scope, step: ctx.step, target: { kind: 'fields', fields: result }, toggle });
  return result;
}

/**
 * An optional group (0:1) with required fields: its fields are asked only after a yes/no question, so the
 * required ones bind only when the person gives the group at all.
 */
function optionalGroup(entry: FimChild, fields: FieldDefinition[], b: FormBuilder): { fields: FieldDefinition[]; toggle?: Toggle } {
  if (entry.min > 0) return { fields };
  const group = entry.element;
  const answerable = fields.filter((f) => f.type !== 'info');
  const binding = answerable.some((f) => f.required || (f.minItems ?? 0) > 0);
  if (!binding) return { fields };
  if (answerable.length === 1) {
    delete answerable[0].required;
    delete answerable[0].minItems;
    return { fields };
  }
  const toggle: FieldDefinition = {
    id: b.fieldId(`${group.id}_angeben`),
    type: 'yesno',
    label: de(`Möchten Sie Angaben zu ${quote(group.label)} machen?`),
    required: true,
    source: source(group),
  };
  const condition = { '==': [{ var: toggle.id }, true] };
  for (const f of fields) f.showIf = and(f.showIf, condition);
  const note = `Die Gruppe ${quote(group.label)} ist optional (Anzahl ${multiplicityText(entry)}) und enthält Pflichtfelder: Die Ja-/Nein-Frage ${quote(toggle.label.de)} wurde ergänzt; die Felder der Gruppe erscheinen und gelten nur bei „Ja“.`;
  b.note(group.id, note);
  return { fields: [toggle, ...fields], toggle: { field: toggle, condition, note } };
}

/** minItems/maxItems of a repeating entry list, within what the form allows. */
function entryLimits(list: FieldDefinition, entry: FimChild, b: FormBuilder, id: string): void {
  if (entry.min > 0) list.minItems = Math.min(entry.min, MAX_ENTRIES);
  if (entry.max !== Infinity) list.maxItems = Math.min(entry.max, MAX_ENTRIES);
  if (entry.min > MAX_ENTRIES || (entry.max !== Infinity && entry.max > MAX_ENTRIES)) {
    b.note(
      id,
      `Die Anzahl ${multiplicityText(entry)} von ${quote(list.label.de)} übersteigt die ${MAX_ENTRIES} Einträge, die das Formular zulässt; sie wurde auf ${MAX_ENTRIES} begrenzt.`,
    );
  }
}

function multiplicityText(entry: FimChild): string {
  return `${entry.min}:${entry.max === Infinity ? '*' : entry.max}`;
}

/** A repeating group as a group field; undefined when its entries would need files (a group entry has none). */
function groupField(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition | undefined {
  const group = entry.element as FimContainer;
  if (containsUpload(group)) {
    b.note(
      group.id,
      `Die Gruppe ${quote(group.label)} ist wiederholbar (Anzahl ${multiplicityText(entry)}), enthält aber Datei-Uploads, die ein Gruppeneintrag nicht haben kann. Ihre Felder wurden einmal übernommen; die Wiederholung fehlt.`,
    );
    return undefined;
  }
  const field: FieldDefinition = {
    id: b.fieldId(group.id),
    type: 'group',
    label: de(group.label),
    itemLabel: de(group.label),
    fields: [],
    source: source(group),
  };
  if (group.help) field.hint = de(group.help);
  entryLimits(field, entry, b, group.id);
  const inner: Context = { ...ctx, scope: field };
  field.fields = mapChildren(group.children, inner, b);
  if (field.fields.length === 0) return undefined;
  b.place(group.id, { path: ctx.path, scope: ctx.scope, step: ctx.step, target: { kind: 'groupField', field } });
  return field;
}

function containsUpload(group: FimContainer): boolean {
  return group.children.some(({ element }) => (element.kind === 'field' ? isUpload(element) : containsUpload(element)));
}

const isUpload = (field: FimField): boolean =>
  (field.datentyp === 'file' || field.datentyp === 'obj') && field.feldart !== 'label' && field.feldart !== 'hidden';

function infoField(b: FormBuilder, base: string, label: string, text: string): FieldDefinition {
  return { id: b.fieldId(base), type: 'info', label: de(label), text: de(text) };
}

function mapFieldChild(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition[] {
  const fim = entry.element as FimField;
  const path = [...ctx.path, fim.id];
  b.registerRules(fim, path);
  const field = mapField(fim, b);
  if (!field) return [];
  if (entry.min >= 1 && field.type !== 'info' && field.compute === undefined) field.required = true;
  const placed = entry.max > 1 ? repeatedField(field, entry, ctx, b, fim) : field;
  b.place(fim.id, {
    path,
    scope: ctx.scope,
    step: ctx.step,
    target: placed.type === 'group' && field !== placed ? { kind: 'groupField', field: placed } : { kind: 'field', field: placed },
  });
  return [placed];
}

/** A data field that may be given several times: several choices, several files, or a list of entries. */
function repeatedField(field: FieldDefinition, entry: FimChild, ctx: Context, b: FormBuilder, fim: FimField): FieldDefinition {
  const bounded = entry.max !== Infinity;
  switch (field.type) {
    case 'info':
      return field;
    case 'select':
    case 'radio': {
      field.type = 'checkboxes';
      const count = field.options?.length ?? 0;
      if (entry.min > 1) field.minSelected = Math.min(entry.min, count);
      if (bounded && entry.max < count) field.maxSelected = entry.max;
      return field;
    }
    case 'file':
      field.maxFiles = bounded ? Math.min(entry.max, MAX_FILES) : DEFAULT_MAX_FILES;
      if (!bounded || entry.max > MAX_FILES)
        b.note(
          fim.id,
          `${quote(fim.label)} erlaubt ${bounded ? entry.max : 'beliebig viele'} Dateien (Anzahl ${multiplicityText(entry)}); die Zahl der Dateien wurde auf ${field.maxFiles} begrenzt.`,
        );
      return field;
    default:
      break;
  }
  if (ctx.scope || field.compute !== undefined) {
    b.note(
      fim.id,
      `Das Feld ${quote(fim.label)} darf mehrfach angegeben werden (Anzahl ${multiplicityText(entry)}), liegt aber in einer wiederholbaren Gruppe; es wurde einmal je Eintrag übernommen.`,
    );
    return field;
  }
  const list: FieldDefinition = { id: field.id, type: 'group', label: field.label, itemLabel: field.label, fields: [], source: field.source };
  if (field.hint) list.hint = field.hint;
  entryLimits(list, entry, b, fim.id);
  const item: FieldDefinition = { ...field, id: b.fieldId(`${field.id}_eintrag`), required: true };
  delete item.hint;
  list.fields = [item];
  return list;
}

function mapField(fim: FimField, b: FormBuilder): FieldDefinition | undefined {
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

/** Marks the applicant's first name, last name and e-mail (on form level, first of each) for the case list and mail. */
function assignRoles(steps: StepDefinition[], b: FormBuilder): void {
  const roles: Array<{ role: 'firstName' | 'lastName' | 'email'; label: RegExp; autocomplete: string }> = [
    { role: 'firstName', label: /^vornamen?$/i, autocomplete: 'given-name' },
    { role: 'lastName', label: /^(familienname|nachname)$/i, autocomplete: 'family-name' },
    { role: 'email', label: /^e-?mail(-?adresse)?$/i, autocomplete: 'email' },
  ];
  const fields = steps.flatMap((s) => s.fields);
  for (const { role, label, autocomplete } of roles) {
    const field = fields.find((f) => (f.type === 'text' || f.type === 'textarea') && f.compute === undefined && label.test(f.label.de.trim()));
    if (!field) continue;
    field.role = role;
    field.autocomplete = autocomplete;
    if (role === 'email' && field.pattern === undefined) {
      field.type = 'email';
      if (field.minLength !== undefined || field.maxLength !== undefined) {
        b.note(
          field.source?.id ?? field.id,
          `${quote(field.label.de)} wurde als E-Mail-Feld übernommen; es prüft die Form der Adresse statt der Längenangaben der Präzisierung.`,
        );
      }
      delete field.minLength;
      delete field.maxLength;
    }
  }
}

function withoutEmptySteps(steps: StepDefinition[], root: FimContainer, b: FormBuilder): StepDefinition[] {
  const kept: StepDefinition[] = [];
  for (const step of steps) {
    if (step.fields.length > 0) kept.push(step);
    else b.note(step.id, `Die Gruppe ${quote(step.title.de)} enthält keine Felder; für sie wurde kein Schritt angelegt.`);
  }
  if (kept.length > 0) return kept;
  const what = root.kind === 'schema' ? 'Das Datenschema' : 'Die Datenfeldgruppe';
  b.note(
    root.id,
    `${what} ${quote(root.label)} enthält keine Datenfelder. Es wurde ein Schritt mit einem Hinweis angelegt; bitte die Felder im Formulareditor ergänzen.`,
  );
  const step: StepDefinition = { id: b.stepId(root.id), title: de(root.label), fields: [] };
  step.fields.push(infoField(b, `${root.id}_hinweis`, root.label, `${what} enthält noch keine Felder.`));
  return [step];
}
