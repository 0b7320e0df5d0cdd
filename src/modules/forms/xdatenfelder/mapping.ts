// Mapping the FIM model to a form definition and applying its rules. The form can express less than FIM, so whatever
// element, limit or rule cannot be carried over is reported here as a German note rather than dropped.
import { patternProblem } from '../patterns.ts';
import type { FieldDefinition, FormDefinition, Logic, Option, StepDefinition, Text } from '../schema.ts';
import type { ImportNote } from '../xdatenfelder.ts';
import type { FimBase, FimChild, FimContainer, FimElement, FimField, FimRule, Message, Standard } from './message.ts';
import { BOOL_WORDS, RuleReader, tokenize, type Condition, type Effect, type Expression, type Literal, type Token } from './rules.ts';

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

type Target =
  | { kind: 'field'; field: FieldDefinition }
  | { kind: 'step'; step: StepDefinition }
  | { kind: 'groupField'; field: FieldDefinition }
  | { kind: 'fields'; fields: FieldDefinition[] };

interface Placement {
  /** FIM ids from the root to this occurrence. */
  path: string[];
  /** The group field whose entries hold it; undefined on form level. */
  scope: FieldDefinition | undefined;
  step: StepDefinition;
  target: Target;
  /** The yes/no question added for an optional group, and its note; a rule that shows the group replaces both. */
  toggle?: Toggle;
}

interface Toggle { field: FieldDefinition; condition: Logic; note: string }

interface Context {
  path: string[];
  scope: FieldDefinition | undefined;
  step: StepDefinition;
}

interface RuleOccurrence { rule: FimRule; owner: FimElement; path: string[] }

class FormBuilder {
  readonly notes: ImportNote[] = [];
  private readonly fieldIds = new Set<string>();
  private readonly stepIds = new Set<string>();
  readonly placements = new Map<string, Placement[]>();
  readonly ruleOccurrences: RuleOccurrence[] = [];

  note(path: string, message: string): void {
    if (!this.notes.some((n) => n.path === path && n.message === message)) this.notes.push({ path, message });
  }

  fieldId(base: string): string {
    return uniqueId(base, this.fieldIds);
  }

  stepId(base: string): string {
    return uniqueId(base, this.stepIds);
  }

  place(id: string, placement: Placement): void {
    const list = this.placements.get(id) ?? [];
    list.push(placement);
    this.placements.set(id, list);
  }

  registerRules(element: FimElement, path: string[]): void {
    for (const rule of element.rules) this.ruleOccurrences.push({ rule, owner: element, path });
  }
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `f_${id}`;
  id = id.slice(0, 56);
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}_${n}`;
  taken.add(candidate);
  return candidate;
}

const de = (text: string): Text => ({ de: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text });
const source = (element: FimBase) => ({ scheme: 'xdatenfelder' as const, id: element.id, ...(element.version ? { version: element.version } : {}) });
const quote = (text: string): string => `„${text}“`;
const short = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

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
    b.note(group.id, `Die Gruppe ${quote(group.label)} ist eine Auswahlgruppe (nur eine ihrer Untergruppen ist auszufüllen). Das lässt sich nicht abbilden; alle Untergruppen wurden übernommen.`);
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
      b.note(group.id, `Die wiederholbare Gruppe ${quote(group.label)} (Anzahl ${multiplicityText(entry)}) liegt in einer wiederholbaren Gruppe; verschachtelte Wiederholungen kann das Formular nicht abbilden. Ihre Felder wurden je Eintrag einmal übernommen.`);
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

/** A rule that shows an optional group says when it is given: its condition takes the place of the added question. */
function replaceToggle(placement: Placement, b: FormBuilder): void {
  const toggle = placement.toggle;
  if (!toggle) return;
  placement.toggle = undefined;
  const container = placement.scope?.fields ?? placement.step.fields;
  container.splice(container.indexOf(toggle.field), 1);
  if (placement.target.kind === 'fields') placement.target.fields.splice(placement.target.fields.indexOf(toggle.field), 1);
  const clause = JSON.stringify(toggle.condition);
  const walk = (fields: FieldDefinition[]) => {
    for (const f of fields) {
      const rest = f.showIf === undefined ? undefined : withoutClause(f.showIf, clause);
      if (rest === undefined) delete f.showIf;
      else f.showIf = rest;
      if (f.fields) walk(f.fields);
    }
  };
  walk(container);
  const at = b.notes.findIndex((n) => n.message === toggle.note);
  if (at >= 0) b.notes.splice(at, 1);
}

function withoutClause(logic: Logic, clause: string): Logic | undefined {
  if (JSON.stringify(logic) === clause) return undefined;
  if (!isOp(logic, 'and')) return logic;
  const rest = (logic as { and: Logic[] }).and.filter((item) => JSON.stringify(item) !== clause);
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { and: rest };
}

/** minItems/maxItems of a repeating entry list, within what the form allows. */
function entryLimits(list: FieldDefinition, entry: FimChild, b: FormBuilder, id: string): void {
  if (entry.min > 0) list.minItems = Math.min(entry.min, MAX_ENTRIES);
  if (entry.max !== Infinity) list.maxItems = Math.min(entry.max, MAX_ENTRIES);
  if (entry.min > MAX_ENTRIES || (entry.max !== Infinity && entry.max > MAX_ENTRIES)) {
    b.note(id, `Die Anzahl ${multiplicityText(entry)} von ${quote(list.label.de)} übersteigt die ${MAX_ENTRIES} Einträge, die das Formular zulässt; sie wurde auf ${MAX_ENTRIES} begrenzt.`);
  }
}

function multiplicityText(entry: FimChild): string {
  return `${entry.min}:${entry.max === Infinity ? '*' : entry.max}`;
}

/** A repeating group as a group field; undefined when its entries would need files (a group entry has none). */
function groupField(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition | undefined {
  const group = entry.element as FimContainer;
  if (containsUpload(group)) {
    b.note(group.id, `Die Gruppe ${quote(group.label)} ist wiederholbar (Anzahl ${multiplicityText(entry)}), enthält aber Datei-Uploads, die ein Gruppeneintrag nicht haben kann. Ihre Felder wurden einmal übernommen; die Wiederholung fehlt.`);
    return undefined;
  }
  const field: FieldDefinition = { id: b.fieldId(group.id), type: 'group', label: de(group.label), itemLabel: de(group.label), fields: [], source: source(group) };
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
  b.place(fim.id, { path, scope: ctx.scope, step: ctx.step, target: placed.type === 'group' && field !== placed ? { kind: 'groupField', field: placed } : { kind: 'field', field: placed } });
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
      if (!bounded || entry.max > MAX_FILES) b.note(fim.id, `${quote(fim.label)} erlaubt ${bounded ? entry.max : 'beliebig viele'} Dateien (Anzahl ${multiplicityText(entry)}); die Zahl der Dateien wurde auf ${field.maxFiles} begrenzt.`);
      return field;
    default:
      break;
  }
  if (ctx.scope || field.compute !== undefined) {
    b.note(fim.id, `Das Feld ${quote(fim.label)} darf mehrfach angegeben werden (Anzahl ${multiplicityText(entry)}), liegt aber in einer wiederholbaren Gruppe; es wurde einmal je Eintrag übernommen.`);
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
      b.note(fim.id, `Das versteckte Feld ${quote(fim.label)} (Feldart hidden${fim.inhalt ? `, Inhalt ${quote(short(fim.inhalt, 80))}` : ''}) hat im Formular keine Entsprechung und wurde nicht übernommen.`);
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
    b.note(fim.id, `Dateigröße und Dateitypen (maxSize, mediaType) gelten nur für Datei-Uploads; bei ${quote(fim.label)} (${typeName(field)}) wurden sie nicht übernommen.`);
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
    b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked) wurde als schreibgeschützter, berechneter Wert ${quote(short(fim.inhalt, 80))} übernommen.`);
    return field;
  }
  const shown = field.type === 'yesno' ? yesNoText(fim.inhalt) : fim.inhalt;
  b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked, ${typeName(field)}) wurde als Hinweistext mit seinem Inhalt ${quote(short(shown, 80))} übernommen.`);
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
    b.note(fim.id, `Die Vorbelegung ${quote(short(fim.inhalt, 80))} (Inhalt) des Feldes ${quote(fim.label)} wurde nicht übernommen; das Formular kennt keine Vorbelegung.`);
  }
  if (fim.vorbefuellung === 'optional' || fim.vorbefuellung === 'verpflichtend') {
    b.note(fim.id, `Das Feld ${quote(fim.label)} soll aus einem Nutzerkonto vorbefüllt werden (${fim.vorbefuellung}); das wird nicht unterstützt, die Person gibt den Wert selbst ein.`);
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
    if (fim.codeList?.urn) b.note(fim.id, `Das Feld ${quote(fim.label)} nennt neben seiner Werteliste die Codeliste ${quote(fim.codeList.urn)}; übernommen wurden die Werte der Werteliste.`);
    return;
  }
  const list = fim.codeList?.urn ?? fim.codeList?.id;
  if (list) {
    const version = fim.codeList?.version ? ` (Version ${fim.codeList.version})` : '';
    b.note(fim.id, `Die Auswahl ${quote(fim.label)} verweist nur auf die Codeliste ${quote(list)}${version}; deren Werte sind nicht in der Datei enthalten. Das Feld wurde als Textfeld übernommen; bitte die Auswahlwerte im Formulareditor ergänzen.`);
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
      b.note(fim.id, `Der Code ${quote(short(value.code, 40))} in der Werteliste von ${quote(fim.label)} ist länger als ${MAX_OPTION_VALUE} Zeichen; der Wert wurde nicht übernommen.`);
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
      b.note(fim.id, `Das Formular kennt keinen Zeitpunkt (Datentyp datetime): ${quote(fim.label)} ist ein Textfeld, das Datum und Uhrzeit wie 2026-11-22 14:30 verlangt.`);
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
  if (p.unknownKeys.length > 0) b.note(fim.id, `Unbekannte Angaben in der Präzisierung von ${quote(fim.label)}: ${p.unknownKeys.join(', ')}; sie wurden nicht übernommen.`);
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
    text: 'Textfeld', textarea: 'Textfeld', integer: 'Ganzzahl', decimal: 'Dezimalzahl', money: 'Geldbetrag', date: 'Datum',
    yesno: 'Ja/Nein', select: 'Auswahl', radio: 'Auswahl', checkboxes: 'Mehrfachauswahl', file: 'Datei-Upload', info: 'Hinweistext',
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

function decimalNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/\s/g, '');
  const normal = /^-?\d+(,\d+)?$/.test(text) ? text.replace(',', '.') : text;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
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
        b.note(field.source?.id ?? field.id, `${quote(field.label.de)} wurde als E-Mail-Feld übernommen; es prüft die Form der Adresse statt der Längenangaben der Präzisierung.`);
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
  b.note(root.id, `${what} ${quote(root.label)} enthält keine Datenfelder. Es wurde ein Schritt mit einem Hinweis angelegt; bitte die Felder im Formulareditor ergänzen.`);
  const step: StepDefinition = { id: b.stepId(root.id), title: de(root.label), fields: [] };
  step.fields.push(infoField(b, `${root.id}_hinweis`, root.label, `${what} enthält noch keine Felder.`));
  return [step];
}

// ===================================================================================================================
// Rules: structured rule texts and scripts become JSON Logic (showIf, requiredIf, compute); every other rule is a note
// ===================================================================================================================

function and(a: Logic | undefined, b: Logic): Logic {
  if (a === undefined) return b;
  const left = isOp(a, 'and') ? (a as { and: Logic[] }).and : [a];
  return { and: [...left, b] };
}

function or(a: Logic | undefined, b: Logic): Logic {
  if (a === undefined) return b;
  const left = isOp(a, 'or') ? (a as { or: Logic[] }).or : [a];
  return { or: [...left, b] };
}

const isOp = (logic: Logic, op: string): boolean =>
  logic !== null && typeof logic === 'object' && !Array.isArray(logic) && Object.keys(logic).length === 1 && op in logic;
// ----- applying what a rule says to the form -----

interface ReadRule { effects: Effect[]; unread: string[] }

/** The script or, failing that, the free text, whichever says the most in a readable form. */
function readRule(rule: FimRule): ReadRule | undefined {
  const candidates: ReadRule[] = [];
  for (const text of [rule.script, ...rule.texts]) {
    if (text.trim() === '') continue;
    const tokens = tokenize(text);
    if (!tokens) continue;
    const sentences = new RuleReader(tokens).sentences();
    const effects = sentences.flatMap((s) => s.effects ?? []);
    if (effects.length === 0) continue;
    const written = (t: Token[]) => text.slice(t[0].from, t[t.length - 1].to);
    candidates.push({ effects, unread: sentences.filter((s) => !s.effects).map((s) => written(s.text)) });
  }
  candidates.sort((x, y) => x.unread.length - y.unread.length);
  return candidates[0];
}

function ruleName(rule: FimRule): string {
  return `${rule.id} ${quote(rule.name)}`;
}

function ruleText(rule: FimRule): string {
  const text = rule.texts[0] ?? rule.script;
  return text ? ` Text der Regel: ${quote(short(text))}` : '';
}

function applyRules(b: FormBuilder): void {
  const reported = new Set<string>();
  const read = new Map<FimRule, ReadRule | undefined>();
  for (const occurrence of b.ruleOccurrences) {
    const { rule } = occurrence;
    const key = `${rule.id}:${rule.version ?? ''}`;
    const report = (message: string) => {
      if (reported.has(`${key}|${message}`)) return;
      reported.add(`${key}|${message}`);
      b.note(rule.id, message);
    };
    if (!read.has(rule)) read.set(rule, readRule(rule));
    const parsed = read.get(rule);
    if (!parsed) {
      report(`Die Regel ${ruleName(rule)} wurde nicht übernommen: weder Skript noch Text sind in einer auswertbaren Form (z. B. „WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe“). Bitte im Formulareditor nachbilden.${ruleText(rule)}`);
      continue;
    }
    for (const sentence of parsed.unread) report(`Ein Teil der Regel ${ruleName(rule)} ist nicht auswertbar und wurde nicht übernommen: ${quote(short(sentence))}.`);
    for (const effect of parsed.effects) {
      const problem = applyEffect(effect, occurrence, b);
      if (problem) report(`Die Regel ${ruleName(rule)} wurde nicht (vollständig) übernommen: ${problem}${ruleText(rule)}`);
    }
  }
}

type Resolved = { placement: Placement } | { problem: string };

function resolve(id: string | undefined, occurrence: RuleOccurrence, b: FormBuilder): Resolved {
  if (id === undefined) {
    const own = (b.placements.get(occurrence.owner.id) ?? []).find((p) => samePath(p.path, occurrence.path));
    const what = { field: 'das Feld', group: 'die Gruppe', schema: 'das Datenschema' }[occurrence.owner.kind];
    return own ? { placement: own } : { problem: `Sie nennt kein Ziel und gilt für ${what} ${occurrence.owner.id} als Ganzes, das sich so nicht steuern lässt.` };
  }
  const candidates = b.placements.get(id) ?? [];
  if (candidates.length === 0) return { problem: `Das Element ${id} kommt im Formular nicht vor.` };
  if (candidates.length === 1) return { placement: candidates[0] };
  const scored = candidates.map((p) => ({ p, score: commonPrefix(p.path, occurrence.path) }));
  const best = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  if (winners.length > 1) return { problem: `Das Element ${id} kommt im Formular mehrfach vor; es ist nicht eindeutig, welches gemeint ist.` };
  return { placement: winners[0].p };
}

const samePath = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function commonPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Applies one effect; returns a German reason when it cannot. The form is left unchanged then. */
function applyEffect(effect: Effect, occurrence: RuleOccurrence, b: FormBuilder): string | undefined {
  const targets: Placement[] = [];
  for (const id of effect.targets) {
    const r = resolve(id, occurrence, b);
    if ('problem' in r) return r.problem;
    targets.push(r.placement);
  }
  const changes: Array<() => void> = [];
  for (const target of targets) {
    const logic = effect.kind === 'compute' ? expressionLogic(effect.expression, target, occurrence, b) : conditionLogic(effect.when, target, occurrence, b);
    if (typeof logic === 'string') return logic;
    const change = effectChange(effect.kind, target, logic.logic);
    if (typeof change === 'string') return change;
    changes.push(change);
  }
  const undo = snapshot(targets);
  for (const change of changes) change();
  const cycle = findCycle(b);
  if (cycle) {
    undo();
    return `Sie würde eine zirkuläre Abhängigkeit erzeugen (${cycle.join(' → ')}).`;
  }
  if (effect.kind === 'show') for (const target of targets) replaceToggle(target, b);
  return undefined;
}

function effectChange(kind: Effect['kind'], target: Placement, logic: Logic): (() => void) | string {
  const t = target.target;
  const fields = t.kind === 'field' || t.kind === 'groupField' ? [t.field] : t.kind === 'fields' ? t.fields : [];
  if (logic === true && kind !== 'compute') {
    // A rule without a condition: always required, always shown (as it is anyway), never hidden.
    if (kind === 'hide') return 'Ein Element ohne Bedingung auszublenden, lässt sich nicht abbilden.';
    if (kind === 'show') return () => {};
  }
  switch (kind) {
    case 'show':
    case 'hide': {
      const condition = kind === 'show' ? logic : { '!': [logic] };
      if (t.kind === 'step') return () => { t.step.showIf = and(t.step.showIf, condition); };
      return () => { for (const f of fields) f.showIf = and(f.showIf, condition); };
    }
    case 'required':
      if (t.kind !== 'field') return `Eine ganze Gruppe (${target.path[target.path.length - 1]}) zur Pflichtangabe zu machen, lässt sich nicht abbilden.`;
      if (t.field.type === 'info') return `Das Ziel ${t.field.id} ist ein Hinweistext.`;
      if (logicVars(logic).includes(t.field.id)) return `Sie macht das Feld ${t.field.id} von sich selbst abhängig.`;
      return () => {
        if (logic === true) {
          t.field.required = true;
          delete t.field.requiredIf;
        } else if (!t.field.required) t.field.requiredIf = or(t.field.requiredIf, logic);
      };
    case 'compute':
      if (t.kind !== 'field' || !COMPUTABLE.has(t.field.type)) return `Das Ziel der Berechnung ist kein Zahlen- oder Textfeld.`;
      return () => {
        t.field.compute = logic;
        delete t.field.required;
        delete t.field.requiredIf;
      };
  }
}

function snapshot(targets: Placement[]): () => void {
  const saved: Array<[object, Record<string, unknown>]> = [];
  for (const p of targets) {
    const objects: object[] = p.target.kind === 'step' ? [p.target.step] : p.target.kind === 'fields' ? p.target.fields : [p.target.field];
    for (const o of objects) saved.push([o, { ...(o as Record<string, unknown>) }]);
  }
  return () => {
    for (const [object, copy] of saved) {
      const record = object as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!(key in copy)) delete record[key];
      Object.assign(record, copy);
    }
  };
}

type LogicOrProblem = { logic: Logic } | string;

/** A referenced field, usable in the target's scope: on form level, or a sibling in the same group entry. */
function operand(id: string, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): FieldDefinition | string {
  const r = resolve(id, occurrence, b);
  if ('problem' in r) return r.problem;
  const p = r.placement;
  if (p.target.kind !== 'field') return `${id} ist eine Gruppe, kein einzelnes Feld.`;
  if (p.scope && p.scope !== target.scope) return `${id} liegt in einer wiederholbaren Gruppe und ist von ${target.path[target.path.length - 1]} aus nicht eindeutig.`;
  if (target.target.kind === 'step' && p.step === target.target.step) return `${id} liegt im selben Schritt, dessen Anzeige es steuern soll.`;
  return p.target.field;
}

function conditionLogic(condition: Condition, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const items: Logic[] = [];
      for (const item of condition.items) {
        const logic = conditionLogic(item, target, occurrence, b);
        if (typeof logic === 'string') return logic;
        items.push(logic.logic);
      }
      return { logic: { [condition.kind]: items } };
    }
    case 'not': {
      const inner = conditionLogic(condition.item, target, occurrence, b);
      return typeof inner === 'string' ? inner : { logic: { '!': [inner.logic] } };
    }
    case 'always':
      return { logic: true };
    default: {
      const field = operand(condition.ref, target, occurrence, b);
      if (typeof field === 'string') return field;
      return atomLogic(condition, field);
    }
  }
}

const LIST_TYPES = new Set(['checkboxes', 'file', 'group']);
/** Types whose value a compute rule may give (the form engine computes no files, groups, addresses or lists). */
const COMPUTABLE = new Set(['text', 'textarea', 'integer', 'decimal', 'money', 'date']);
const NUMBER_TYPES = new Set(['integer', 'decimal', 'money']);

function atomLogic(condition: Extract<Condition, { ref: string }>, field: FieldDefinition): LogicOrProblem {
  const v = { var: field.id };
  if (field.type === 'info') return `${field.id} ist ein Hinweistext ohne Wert.`;
  if (condition.kind === 'filled') return { logic: LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'selected') return { logic: field.type === 'yesno' ? { '==': [v, true] } : LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'chosen') {
    const isLabel = condition.value.toLowerCase() === field.label.de.toLowerCase();
    const asValue = comparable({ kind: 'str', value: condition.value }, field);
    if (typeof asValue === 'string' && (isLabel || field.type === 'yesno')) return atomLogic({ kind: 'selected', ref: condition.ref }, field);
    return atomLogic({ kind: 'compare', ref: condition.ref, op: '==', value: { kind: 'str', value: condition.value } }, field);
  }
  const value = comparable(condition.value, field);
  if (typeof value !== 'object') return value;
  if (field.type === 'checkboxes') {
    if (condition.op !== '==' && condition.op !== '!=') return `Eine Mehrfachauswahl (${field.id}) lässt sich nicht der Größe nach vergleichen.`;
    const contains = { in: [value.value, v] };
    return { logic: condition.op === '==' ? contains : { '!': [contains] } };
  }
  if (!['==', '!='].includes(condition.op) && !NUMBER_TYPES.has(field.type) && field.type !== 'date') {
    return `${field.id} ist weder Zahl noch Datum und lässt sich nicht der Größe nach vergleichen.`;
  }
  return { logic: { [condition.op]: [v, value.value] } };
}

/** The literal as the answers present it to rules: numbers as numbers, yes/no as booleans, choices as codes. */
function comparable(literal: Literal, field: FieldDefinition): { value: unknown } | string {
  if (field.type === 'yesno') {
    const word = literal.value.toLowerCase();
    const bool = literal.kind === 'bool' ? literal.value === 'true' : BOOL_WORDS[word] !== undefined ? BOOL_WORDS[word] === 'true' : word === '1' ? true : word === '0' ? false : undefined;
    return bool === undefined ? `Der Wert ${quote(literal.value)} passt nicht zur Ja-/Nein-Frage ${field.id}.` : { value: bool };
  }
  if (NUMBER_TYPES.has(field.type)) {
    const n = decimalNumber(literal.value);
    return n === undefined ? `Der Wert ${quote(literal.value)} ist keine Zahl, ${field.id} aber ein Zahlenfeld.` : { value: n };
  }
  if (field.options) {
    const option = field.options.find((o) => o.value === literal.value)
      ?? field.options.find((o) => o.label.de.toLowerCase() === literal.value.toLowerCase());
    if (!option) return `Der Wert ${quote(literal.value)} kommt in der Auswahl von ${field.id} nicht vor.`;
    return { value: option.value };
  }
  if (literal.kind === 'bool') return `Der Wert ${quote(literal.value === 'true' ? 'ja' : 'nein')} passt nicht zu ${field.id}.`;
  return { value: literal.value };
}

function expressionLogic(expression: Expression, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (expression.kind) {
    case 'num':
      return { logic: expression.value };
    case 'ref': {
      const field = operand(expression.ref, target, occurrence, b);
      if (typeof field === 'string') return field;
      if (!NUMBER_TYPES.has(field.type)) return `${field.id} ist kein Zahlenfeld und kann nicht in die Berechnung eingehen.`;
      return { logic: { var: field.id } };
    }
    case 'op': {
      const items: Logic[] = [];
      for (const item of expression.items) {
        const logic = expressionLogic(item, target, occurrence, b);
        if (typeof logic === 'string') return logic;
        items.push(logic.logic);
      }
      return { logic: { [expression.op]: items } };
    }
  }
}

/**
 * A cycle among the rules, as field ids, counted as checkDefinition counts them: a field depends on what its showIf
 * and compute read, on its step's and group's showIf; a group on its children. requiredIf decides nothing another
 * rule reads, so it makes no cycle.
 */
function findCycle(b: FormBuilder): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const add = (from: string, logic: Logic | undefined) => {
    if (logic === undefined) return;
    const set = edges.get(from) ?? new Set<string>();
    for (const id of logicVars(logic)) set.add(id);
    edges.set(from, set);
  };
  const visitField = (field: FieldDefinition, step: StepDefinition, group?: FieldDefinition) => {
    add(field.id, field.showIf);
    add(field.id, field.compute);
    add(field.id, step.showIf);
    if (group) add(field.id, group.showIf);
    for (const c of field.fields ?? []) {
      edges.set(field.id, (edges.get(field.id) ?? new Set()).add(c.id));
      visitField(c, step, field);
    }
  };
  const steps = new Set<StepDefinition>();
  for (const list of b.placements.values()) for (const p of list) steps.add(p.step);
  for (const step of steps) for (const field of step.fields) visitField(field, step);
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'open');
    trail.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function logicVars(logic: Logic): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'var' && typeof value === 'string') found.push(value.split('.')[0]);
        else walk(value);
      }
    }
  };
  walk(logic);
  return found;
}

