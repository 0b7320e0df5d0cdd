// The form editor's operations: each takes a definition and returns a changed copy, or refuses with a German
// message and the JSON pointer of what it refers to. The whole definition is checked again when it is saved;
// these functions refuse early what would otherwise only show up as a broken rule.
import { patternProblem } from './patterns.ts';
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { FIELD_TYPES, type DefinitionProblem, type FieldDefinition, type FieldType, type FormDefinition, type Logic, type Option, type StepDefinition, type Text } from './schema.ts';

export type EditResult<T = object> = ({ ok: true; form: FormDefinition } & T) | { ok: false; problems: DefinitionProblem[] };

const refuse = (path: string, message: string): { ok: false; problems: DefinitionProblem[] } => ({ ok: false, problems: [{ path, message }] });
const quoted = (s: string) => `„${s}“`;

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const RULE_KEYS = ['showIf', 'requiredIf', 'compute'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];
const RULE_NAMES: Record<RuleKey, string> = { showIf: 'Anzeigen wenn', requiredIf: 'Pflichtfeld wenn', compute: 'Berechnung' };

/** The settings each field type has besides id, type, label, hint, rules and role. */
export const SETTINGS_BY_TYPE: Record<FieldType, ReadonlyArray<keyof FieldDefinition>> = {
  text: ['required', 'minLength', 'maxLength', 'pattern', 'autocomplete'],
  textarea: ['required', 'minLength', 'maxLength'],
  integer: ['required', 'min', 'max'],
  decimal: ['required', 'min', 'max', 'fractionDigits'],
  money: ['required', 'min', 'max'],
  date: ['required', 'dateRange'],
  email: ['required', 'autocomplete'],
  phone: ['required', 'autocomplete'],
  iban: ['required'],
  postalCode: ['required', 'country'],
  select: ['required', 'options'],
  radio: ['required', 'options'],
  checkboxes: ['required', 'options', 'minSelected', 'maxSelected'],
  yesno: ['required'],
  address: ['required'],
  file: ['required', 'accept', 'maxFiles', 'maxBytes'],
  group: ['fields', 'minItems', 'maxItems', 'itemLabel'],
  info: ['text'],
};

const NEW_FIELD_LABELS: Record<FieldType, Text> = {
  text: { de: 'Neues Textfeld', en: 'New text field' },
  textarea: { de: 'Neues Feld für längeren Text', en: 'New long text field' },
  integer: { de: 'Neue ganze Zahl', en: 'New whole number' },
  decimal: { de: 'Neue Dezimalzahl', en: 'New decimal number' },
  money: { de: 'Neuer Geldbetrag', en: 'New amount of money' },
  date: { de: 'Neues Datum', en: 'New date' },
  email: { de: 'Neue E-Mail-Adresse', en: 'New e-mail address' },
  phone: { de: 'Neue Telefonnummer', en: 'New phone number' },
  iban: { de: 'Neue IBAN', en: 'New IBAN' },
  postalCode: { de: 'Neue Postleitzahl', en: 'New postal code' },
  select: { de: 'Neue Auswahlliste', en: 'New drop-down list' },
  radio: { de: 'Neue Einfachauswahl', en: 'New single choice' },
  checkboxes: { de: 'Neue Mehrfachauswahl', en: 'New multiple choice' },
  yesno: { de: 'Neue Ja-/Nein-Frage', en: 'New yes/no question' },
  address: { de: 'Neue Anschrift', en: 'New address' },
  file: { de: 'Neuer Datei-Upload', en: 'New file upload' },
  group: { de: 'Neue Gruppe', en: 'New group' },
  info: { de: 'Neuer Hinweis', en: 'New information' },
};

const DEFAULT_OPTIONS: Option[] = [
  { value: 'option_1', label: { de: 'Erste Möglichkeit', en: 'First choice' } },
  { value: 'option_2', label: { de: 'Zweite Möglichkeit', en: 'Second choice' } },
];

// ----- finding things -----

export interface FieldPlace {
  step: StepDefinition;
  stepIndex: number;
  /** The list holding the field: the step's fields or its group's. */
  list: FieldDefinition[];
  index: number;
  field: FieldDefinition;
  group?: FieldDefinition;
  /** JSON pointer into the form. */
  path: string;
}

/** Every field of the form with where it is, group children right after their group. */
export function fieldPlaces(form: FormDefinition): FieldPlace[] {
  const places: FieldPlace[] = [];
  form.steps.forEach((step, stepIndex) => step.fields.forEach((field, index) => {
    const path = `/steps/${stepIndex}/fields/${index}`;
    places.push({ step, stepIndex, list: step.fields, index, field, path });
    (field.type === 'group' ? field.fields ?? [] : []).forEach((child, childIndex) => places.push({
      step, stepIndex, list: field.fields!, index: childIndex, field: child, group: field, path: `${path}/fields/${childIndex}`,
    }));
  }));
  return places;
}

export const findField = (form: FormDefinition, fieldId: string): FieldPlace | undefined => fieldPlaces(form).find((p) => p.field.id === fieldId);
export const findStepIndex = (form: FormDefinition, stepId: string): number => form.steps.findIndex((s) => s.id === stepId);

/** The field, if it is in the given step (directly or in one of its groups). */
function placeInStep(form: FormDefinition, stepId: string, fieldId: string): FieldPlace | { ok: false; problems: DefinitionProblem[] } {
  const stepIndex = findStepIndex(form, stepId);
  if (stepIndex < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(stepId)} gibt es nicht.`);
  const place = findField(form, fieldId);
  if (!place || place.stepIndex !== stepIndex) return refuse(`/steps/${stepIndex}/fields`, `Im Schritt ${quoted(form.steps[stepIndex]!.title.de)} gibt es kein Feld ${quoted(fieldId)}.`);
  return place;
}
const isPlace = (p: FieldPlace | { ok: false }): p is FieldPlace => !('ok' in p);

const clone = (form: FormDefinition): FormDefinition => structuredClone(form);

// ----- rules: which fields they read -----

// Inside these operations the second argument is evaluated per entry of a list: `var` there reads the entry.
const PER_ENTRY = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);
const REDUCE_NAMES = new Set(['current', 'accumulator']);

/** Applies `fn` to every variable path a rule reads; `fn` may return a new path to rewrite it. */
function walkVariables(rule: Logic, fn: (path: string, perEntry: boolean) => string | void, perEntry = false, inReduce = false): Logic {
  if (Array.isArray(rule)) return rule.map((r) => walkVariables(r, fn, perEntry, inReduce));
  if (!rule || typeof rule !== 'object') return rule;
  const entries = Object.entries(rule as Record<string, unknown>);
  if (entries.length !== 1) return rule;
  const [op, arg] = entries[0]!;
  const visitName = (name: unknown) => {
    if (typeof name !== 'string' || name === '' || (inReduce && REDUCE_NAMES.has(name.split('.')[0]!))) return name;
    return fn(name, perEntry) ?? name;
  };
  if (op === 'var') {
    if (Array.isArray(arg)) return { var: [visitName(arg[0]), ...arg.slice(1).map((a) => walkVariables(a, fn, perEntry, inReduce))] };
    if (typeof arg === 'string') return { var: visitName(arg) };
    return rule;
  }
  if (op === 'missing' && Array.isArray(arg)) return { missing: arg.map((a) => (typeof a === 'string' ? visitName(a) : walkVariables(a, fn, perEntry, inReduce))) };
  if (op === 'missing_some' && Array.isArray(arg)) {
    const [need, names] = arg as [unknown, unknown];
    return { missing_some: [need, Array.isArray(names) ? names.map(visitName) : walkVariables(names, fn, perEntry, inReduce)] };
  }
  if (PER_ENTRY.has(op) && Array.isArray(arg)) {
    return { [op]: arg.map((a, i) => (i === 1 ? walkVariables(a, fn, true, op === 'reduce') : walkVariables(a, fn, perEntry, inReduce))) };
  }
  return { [op]: walkVariables(arg, fn, perEntry, inReduce) };
}

/**
 * The field ids a rule reads (the first part of each variable path: `kinder.0.alter` reads `kinder`). Names read
 * per entry of a list (`alter` in {"some": [{"var": "kinder"}, {">": [{"var": "alter"}, 3]}]}) are a group's
 * fields or the parts of an answer (a file's `size`): they count only with `perEntry`.
 */
export function ruleReferences(rule: Logic, perEntry = true): string[] {
  const ids = new Set<string>();
  walkVariables(rule, (path, inEntry) => void ((perEntry || !inEntry) && ids.add(path.split('.')[0]!)));
  return [...ids];
}

/** The rule with every reference to field `from` made a reference to `to`. */
export function renameInRule(rule: Logic, from: string, to: string): Logic {
  return walkVariables(rule, (path) => path.split('.').map((part) => (part === from ? to : part)).join('.'));
}

interface RuleOwner { kind: 'field' | 'step'; id: string; name: string; rule: RuleKey | 'showIf'; value: Logic }

function rulesOf(form: FormDefinition): RuleOwner[] {
  const owners: RuleOwner[] = [];
  for (const step of form.steps) {
    if (step.showIf !== undefined) owners.push({ kind: 'step', id: step.id, name: step.title.de, rule: 'showIf', value: step.showIf });
  }
  for (const { field } of fieldPlaces(form)) {
    for (const key of RULE_KEYS) if (field[key] !== undefined) owners.push({ kind: 'field', id: field.id, name: field.label.de, rule: key, value: field[key] });
  }
  return owners;
}

/** The fields and steps, other than those in `except`, whose rules read one of `ids`. */
function readersOf(form: FormDefinition, ids: Set<string>, except: Set<string>): RuleOwner[] {
  return rulesOf(form).filter((o) => !except.has(o.id) && ruleReferences(o.value).some((id) => ids.has(id)));
}

function readersText(readers: RuleOwner[]): string {
  const names = [...new Set(readers.map((r) => `${r.kind === 'step' ? 'Schritt' : 'Feld'} ${quoted(r.name)}`))];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} und ${names.at(-1)}`;
}

/** Refuses a rule that reads a field the form does not have, or (for a field) reads the field itself. */
function checkRuleReferences(form: FormDefinition, rule: Logic, path: string, ruleName: string, selfId?: string): DefinitionProblem[] {
  const known = new Set(fieldPlaces(form).map((p) => p.field.id));
  return ruleReferences(rule, false).flatMap((id) => {
    if (id === selfId) return [{ path, message: `Die Regel „${ruleName}“ darf sich nicht auf das Feld selbst beziehen.` }];
    if (!known.has(id)) return [{ path, message: `Die Regel „${ruleName}“ bezieht sich auf ${quoted(id)}; ein Feld mit dieser Kennung gibt es im Formular nicht.` }];
    return [];
  });
}

// ----- ids -----

function unusedId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const allIds = (form: FormDefinition) => fieldPlaces(form).map((p) => p.field.id);

// ----- steps -----

/** Adds a step (at the end or after another) holding one new text field, since a step is never empty. */
export function addStep(form: FormDefinition, options: { title?: Text; afterId?: string } = {}): EditResult<{ stepId: string; fieldId: string }> {
  const next = clone(form);
  const stepId = unusedId(next.steps.map((s) => s.id), 'schritt');
  let at = next.steps.length;
  if (options.afterId !== undefined) {
    const after = findStepIndex(next, options.afterId);
    if (after < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(options.afterId)} gibt es nicht.`);
    at = after + 1;
  }
  // A step holds at least one field: the new one starts with a text field to change or replace.
  const field = newField('text', unusedId(allIds(next), 'feld'), []);
  next.steps.splice(at, 0, { id: stepId, title: options.title ?? { de: 'Neuer Schritt', en: 'New step' }, fields: [field] });
  return { ok: true, form: next, stepId, fieldId: field.id };
}

export function updateStep(form: FormDefinition, stepId: string, patch: { title?: Text; showIf?: Logic }): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(stepId)} gibt es nicht.`);
  if ('title' in patch && !patch.title?.de.trim()) return refuse(`/steps/${index}/title/de`, 'Der Schritt braucht einen Titel.');
  if ('showIf' in patch && patch.showIf !== undefined) {
    const problems = checkRuleReferences(form, patch.showIf, `/steps/${index}/showIf`, RULE_NAMES.showIf);
    if (problems.length) return { ok: false, problems };
  }
  const next = clone(form);
  applyPatch(next.steps[index]!, patch);
  return { ok: true, form: next };
}

export function removeStep(form: FormDefinition, stepId: string): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(stepId)} gibt es nicht.`);
  const step = form.steps[index]!;
  if (form.steps.length === 1) return refuse(`/steps/${index}`, `Der Schritt ${quoted(step.title.de)} ist der einzige; ein Formular braucht mindestens einen Schritt.`);
  const ids = new Set(fieldPlaces(form).filter((p) => p.stepIndex === index).map((p) => p.field.id));
  const readers = readersOf(form, ids, new Set([...ids, step.id]));
  if (readers.length) {
    return refuse(`/steps/${index}`, `Der Schritt ${quoted(step.title.de)} kann nicht gelöscht werden: Die Regeln von ${readersText(readers)} beziehen sich auf seine Felder. Ändern Sie zuerst diese Regeln.`);
  }
  const next = clone(form);
  next.steps.splice(index, 1);
  return { ok: true, form: next };
}

export function moveStep(form: FormDefinition, stepId: string, delta: -1 | 1): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(stepId)} gibt es nicht.`);
  const target = index + delta;
  const title = form.steps[index]!.title.de;
  if (target < 0) return refuse(`/steps/${index}`, `Der Schritt ${quoted(title)} ist schon der erste.`);
  if (target >= form.steps.length) return refuse(`/steps/${index}`, `Der Schritt ${quoted(title)} ist schon der letzte.`);
  const next = clone(form);
  const [step] = next.steps.splice(index, 1);
  next.steps.splice(target, 0, step!);
  return { ok: true, form: next };
}

// ----- fields -----

function newField(type: FieldType, id: string, taken: string[]): FieldDefinition {
  const field: FieldDefinition = { id, type, label: { ...NEW_FIELD_LABELS[type] } };
  if (type === 'select' || type === 'radio' || type === 'checkboxes') field.options = structuredClone(DEFAULT_OPTIONS);
  if (type === 'info') field.text = { de: 'Hier steht ein Hinweis für die Antragstellenden.', en: 'A note for applicants goes here.' };
  if (type === 'file') field.accept = ['application/pdf', 'image/jpeg', 'image/png'];
  if (type === 'group') field.fields = [{ id: unusedId([...taken, id], 'feld'), type: 'text', label: { ...NEW_FIELD_LABELS.text } }];
  return field;
}

const isFieldType = (type: string): type is FieldType => (FIELD_TYPES as readonly string[]).includes(type);

/**
 * Adds a field of `type` to a step (or to a group of the step), after `afterId` or at the end, with an unused
 * id and a label that says what to change.
 */
export function addField(form: FormDefinition, stepId: string, type: string, afterId?: string, groupId?: string): EditResult<{ fieldId: string }> {
  const stepIndex = findStepIndex(form, stepId);
  if (stepIndex < 0) return refuse('/steps', `Einen Schritt mit der Kennung ${quoted(stepId)} gibt es nicht.`);
  if (!isFieldType(type)) return refuse(`/steps/${stepIndex}/fields`, `Unbekannter Feldtyp ${quoted(type)}. Erlaubt: ${FIELD_TYPES.join(', ')}.`);
  const next = clone(form);
  let list = next.steps[stepIndex]!.fields;
  let path = `/steps/${stepIndex}/fields`;
  if (groupId !== undefined) {
    const group = findField(next, groupId);
    if (!group || group.stepIndex !== stepIndex || group.field.type !== 'group') return refuse(path, `Im Schritt ${quoted(form.steps[stepIndex]!.title.de)} gibt es keine Gruppe ${quoted(groupId)}.`);
    if (type === 'group' || type === 'file') return refuse(`${group.path}/fields`, 'Eine Gruppe kann keine weitere Gruppe und keinen Datei-Upload enthalten.');
    list = group.field.fields ??= [];
    path = `${group.path}/fields`;
  }
  let at = list.length;
  if (afterId !== undefined) {
    const after = list.findIndex((f) => f.id === afterId);
    if (after < 0) return refuse(path, `Hier gibt es kein Feld ${quoted(afterId)}, hinter dem das neue stehen könnte.`);
    at = after + 1;
  }
  const taken = allIds(next);
  const fieldId = unusedId(taken, 'feld');
  list.splice(at, 0, newField(type, fieldId, taken));
  return { ok: true, form: next, fieldId };
}

/** A change to a field: a key set to undefined removes that setting. Group children are changed one by one. */
export type FieldPatch = { [K in Exclude<keyof FieldDefinition, 'fields' | 'type'>]?: FieldDefinition[K] | undefined };

function applyPatch<T extends object>(target: T, patch: object) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete (target as Record<string, unknown>)[key];
    else (target as Record<string, unknown>)[key] = value;
  }
}

/**
 * Changes a field. A new id must be free and well-formed; every rule that read the old id reads the new one
 * (the form's own rules; fee rules of the service are checked when it is saved). Rules may only read fields
 * the form has.
 */
export function updateField(form: FormDefinition, stepId: string, fieldId: string, patch: FieldPatch): EditResult<{ fieldId: string }> {
  const place = placeInStep(form, stepId, fieldId);
  if (!isPlace(place)) return place;
  const newId = patch.id ?? fieldId;
  if (newId !== fieldId) {
    if (!ID_PATTERN.test(newId)) return refuse(`${place.path}/id`, 'Die Kennung besteht aus höchstens 64 Buchstaben (ohne Umlaute), Ziffern und _ und beginnt mit einem Buchstaben.');
    const holder = findField(form, newId);
    if (holder) return refuse(`${place.path}/id`, `Die Kennung ${quoted(newId)} hat schon das Feld ${quoted(holder.field.label.de)}.`);
  }
  if ('label' in patch && !patch.label?.de.trim()) return refuse(`${place.path}/label/de`, 'Das Feld braucht eine Bezeichnung.');
  const next = clone(form);
  const target = findField(next, fieldId)!;
  applyPatch(target.field, patch);
  if (newId !== fieldId) renameEverywhere(next, fieldId, newId);
  const problems = RULE_KEYS.flatMap((key) => (key in patch && patch[key] !== undefined
    ? checkRuleReferences(next, target.field[key], `${place.path}/${key}`, RULE_NAMES[key], newId) : []));
  if (problems.length) return { ok: false, problems };
  return { ok: true, form: next, fieldId: newId };
}

function renameEverywhere(form: FormDefinition, from: string, to: string) {
  for (const step of form.steps) if (step.showIf !== undefined) step.showIf = renameInRule(step.showIf, from, to);
  for (const { field } of fieldPlaces(form)) {
    for (const key of RULE_KEYS) if (field[key] !== undefined) field[key] = renameInRule(field[key], from, to);
  }
}

/** Removes a field (a group with its fields), unless a rule of another field or step reads it. */
export function removeField(form: FormDefinition, stepId: string, fieldId: string): EditResult {
  const place = placeInStep(form, stepId, fieldId);
  if (!isPlace(place)) return place;
  const ids = new Set([fieldId, ...(place.field.fields ?? []).map((f) => f.id)]);
  const readers = readersOf(form, ids, ids);
  const label = quoted(place.field.label.de);
  if (readers.length) {
    return refuse(place.path, `Das Feld ${label} kann nicht gelöscht werden: Die Regeln von ${readersText(readers)} beziehen sich darauf. Ändern Sie zuerst diese Regeln.`);
  }
  if (place.list.length === 1) {
    return refuse(place.path, place.group
      ? `Das Feld ${label} ist das einzige der Gruppe ${quoted(place.group.label.de)}; eine Gruppe braucht mindestens ein Feld.`
      : `Das Feld ${label} ist das einzige im Schritt ${quoted(place.step.title.de)}; ein Schritt braucht mindestens ein Feld. Löschen Sie stattdessen den Schritt.`);
  }
  const next = clone(form);
  const target = findField(next, fieldId)!;
  target.list.splice(target.index, 1);
  return { ok: true, form: next };
}

/**
 * Moves a field one place up or down. The first field of a step moves up to the end of the step before,
 * the last one down to the start of the next step; a group's fields stay in their group.
 */
export function moveField(form: FormDefinition, stepId: string, fieldId: string, delta: -1 | 1): EditResult<{ stepId: string }> {
  const place = placeInStep(form, stepId, fieldId);
  if (!isPlace(place)) return place;
  const next = clone(form);
  const target = findField(next, fieldId)!;
  const label = place.field.label.de;
  const to = target.index + delta;
  if (to >= 0 && to < target.list.length) {
    target.list.splice(target.index, 1);
    target.list.splice(to, 0, target.field);
    return { ok: true, form: next, stepId };
  }
  if (target.group) return refuse(place.path, `Das Feld ${quoted(label)} ist schon das ${delta < 0 ? 'erste' : 'letzte'} seiner Gruppe.`);
  const neighbour = next.steps[target.stepIndex + delta];
  if (!neighbour) return refuse(place.path, `Das Feld ${quoted(label)} ist schon das ${delta < 0 ? 'erste' : 'letzte'} des Formulars.`);
  if (target.list.length === 1) return refuse(place.path, `Das Feld ${quoted(label)} ist das einzige im Schritt ${quoted(place.step.title.de)}; ein Schritt braucht mindestens ein Feld.`);
  target.list.splice(target.index, 1);
  if (delta < 0) neighbour.fields.push(target.field);
  else neighbour.fields.unshift(target.field);
  return { ok: true, form: next, stepId: neighbour.id };
}

// ----- what organisers type -----

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const JSON_ERRORS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: 'steht ein Zeichen, das in JSON nicht vorkommen darf (Texte stehen in doppelten Anführungszeichen "…")',
  InvalidNumberFormat: 'steht eine ungültige Zahl',
  PropertyNameExpected: 'wird ein Name in doppelten Anführungszeichen erwartet, etwa "var"',
  ValueExpected: 'fehlt ein Wert',
  ColonExpected: 'fehlt ein Doppelpunkt nach dem Namen',
  CommaExpected: 'fehlt ein Komma',
  CloseBraceExpected: 'fehlt eine schließende geschweifte Klammer }',
  CloseBracketExpected: 'fehlt eine schließende eckige Klammer ]',
  EndOfFileExpected: 'geht es nach dem Ende der Regel noch weiter (eine Klammer zu viel?)',
  UnexpectedEndOfString: 'endet ein Text nicht (das schließende " fehlt)',
  UnexpectedEndOfNumber: 'endet eine Zahl unerwartet',
  InvalidUnicode: 'steht ein ungültiges Unicode-Zeichen',
  InvalidEscapeCharacter: 'steht ein ungültiges Zeichen nach \\',
  InvalidCharacter: 'steht ein Steuerzeichen in einem Text',
};

/** The first syntax error in a JSON text: where (line and column from 1) and why, in German. */
function jsonSyntaxError(text: string): string {
  let first: { code: ParseErrorCode; offset: number; line: number; column: number } | undefined;
  visit(text, {
    onError: (code, offset, _length, line, column) => { first ??= { code, offset, line: line + 1, column: column + 1 }; },
  }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!first) return 'Die Regel ist kein gültiges JSON.';
  const why = JSON_ERRORS[printParseErrorCode(first.code)] ?? 'ist die Regel kein gültiges JSON';
  const trimmed = text.trimEnd();
  if (first.offset >= trimmed.length) {
    // Something is missing at the end: point just after the last character typed, not at trailing blank lines.
    const lines = trimmed.split(/\r\n|\r|\n/);
    return `Die Regel ist kein gültiges JSON: In Zeile ${lines.length}, Zeichen ${lines.at(-1)!.length + 1} (am Ende der Regel) ${why}.`;
  }
  return `Die Regel ist kein gültiges JSON: In Zeile ${first.line}, Zeichen ${first.column} ${why}.`;
}

/** A rule as typed (JSON Logic); empty means no rule. */
export function parseRule(text: string): Parsed<Logic | undefined> {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as Logic };
  } catch {
    return { ok: false, message: jsonSyntaxError(text) };
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
    if (parts.length > 3) return { ok: false, message: `Zeile ${i + 1}: Höchstens zwei | je Zeile (wert|Bezeichnung|English label).` };
    const [value, de = value, en] = parts as [string, string?, string?];
    if (!value) return { ok: false, message: `Zeile ${i + 1}: Vor dem | fehlt der Wert.` };
    if (!de) return { ok: false, message: `Zeile ${i + 1}: Nach dem | fehlt die Bezeichnung.` };
    const seen = lineOf.get(value);
    if (seen !== undefined) return { ok: false, message: `Zeile ${i + 1}: Den Wert ${quoted(value)} gibt es schon in Zeile ${seen}.` };
    lineOf.set(value, i + 1);
    options.push({ value, label: en ? { de, en } : { de } });
  }
  if (!options.length) return { ok: false, message: 'Geben Sie mindestens eine Auswahlmöglichkeit an, eine je Zeile.' };
  return { ok: true, value: options };
}

export const formatOptions = (options: Option[] | undefined): string =>
  (options ?? []).map((o) => [o.value, o.label.de, ...(o.label.en ? [o.label.en] : [])].join('|')).join('\n');

// ----- rules in short, for the overview -----

const COMPARISONS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤', in: 'in' };

/** A rule in a few German words where it is a simple comparison, its JSON otherwise (shortened). */
export function describeRule(rule: Logic, nameOf: (id: string) => string = (id) => id): string {
  const describe = (r: Logic): string => {
    if (r === null || typeof r !== 'object') return typeof r === 'string' ? quoted(r) : String(r);
    if (Array.isArray(r)) return r.map(describe).join(', ');
    const [op, arg] = Object.entries(r as Record<string, unknown>)[0] ?? [];
    const args = Array.isArray(arg) ? arg : [arg];
    if (op === 'var') {
      const path = String(args[0] ?? '');
      return nameOf(path.split('.')[0]!) + (path.includes('.') ? ` (${path})` : '');
    }
    if (op && COMPARISONS[op] && args.length === 2) return `${describe(args[0])} ${COMPARISONS[op]} ${describe(args[1])}`;
    if (op === 'and' || op === 'or') return args.map(describe).join(op === 'and' ? ' und ' : ' oder ');
    if (op === '!') return `nicht (${describe(args[0])})`;
    if (op === '!!') return `${describe(args[0])} ist angegeben`;
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
  for (const key of ['minLength', 'maxLength', 'pattern', 'min', 'max', 'fractionDigits', 'dateRange', 'country', 'options', 'minSelected', 'maxSelected', 'accept', 'maxFiles'] as const) {
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
    id: field.id, label_de: field.label.de, label_en: field.label.en ?? '', hint_de: field.hint?.de ?? '', hint_en: field.hint?.en ?? '',
    text_de: field.text?.de ?? '', text_en: field.text?.en ?? '', required: field.required ? 'ja' : '',
    minLength: numberText(field.minLength), maxLength: numberText(field.maxLength), pattern: field.pattern ?? '',
    min: numberText(field.min), max: numberText(field.max), fractionDigits: numberText(field.fractionDigits),
    dateRange: field.dateRange ?? '', country: field.country ?? '', options: formatOptions(field.options),
    minSelected: numberText(field.minSelected), maxSelected: numberText(field.maxSelected), accept: field.accept ?? [],
    maxFiles: numberText(field.maxFiles), maxMb: field.maxBytes === undefined ? '' : String(Math.round((field.maxBytes / MB) * 100) / 100),
    minItems: numberText(field.minItems), maxItems: numberText(field.maxItems),
    itemLabel_de: field.itemLabel?.de ?? '', itemLabel_en: field.itemLabel?.en ?? '', role: field.role ?? '',
    showIf: formatRule(field.showIf), requiredIf: formatRule(field.requiredIf), compute: formatRule(field.compute),
  };
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const one = (v: FieldInput[string]): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').replace(/\r\n?/g, '\n').normalize('NFC').trim();

/**
 * Reads the edit page's controls into a change of the field: only the settings its type has, an empty control
 * removing the setting. Each control that cannot be read gets a German message.
 */
export function fieldPatchFromInput(field: FieldDefinition, input: FieldInput): { ok: true; patch: FieldPatch } | { ok: false; errors: Record<string, string> } {
  const names = new Set(fieldInputNames(field.type));
  const errors: Record<string, string> = {};
  const patch: FieldPatch = {};
  const textOf = (name: string, max: number, multiline = false): string | undefined => {
    const value = one(input[name]);
    if (CONTROL.test(value) || (!multiline && value.includes('\n'))) errors[name] = multiline ? 'Bitte ohne Steuerzeichen.' : 'Bitte in einer Zeile und ohne Steuerzeichen.';
    else if (value.length > max) errors[name] = `Höchstens ${max} Zeichen (jetzt ${value.length}).`;
    return value || undefined;
  };
  const bilingual = (key: keyof typeof TEXT_LIMITS, multiline = false): Text | undefined => {
    const de = textOf(`${key}_de`, TEXT_LIMITS[key], multiline);
    const en = textOf(`${key}_en`, TEXT_LIMITS[key], multiline);
    if (en && !de) errors[`${key}_de`] = 'Ohne deutschen Text kann es keinen englischen geben.';
    return de ? (en ? { de, en } : { de }) : undefined;
  };
  const wholeNumber = (name: string): number | undefined => {
    const value = one(input[name]);
    if (!value) return undefined;
    if (!/^\d{1,9}$/.test(value)) errors[name] = 'Bitte eine ganze Zahl ab 0 eingeben, zum Beispiel 3.';
    return Number(value);
  };
  const decimal = (name: string): number | undefined => {
    const value = one(input[name]).replace(',', '.');
    if (!value) return undefined;
    if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(value)) errors[name] = field.type === 'integer' ? 'Bitte eine ganze Zahl eingeben, zum Beispiel 10.' : 'Bitte eine Zahl eingeben, zum Beispiel 10 oder 12,50.';
    else if (field.type === 'integer' && value.includes('.')) errors[name] = 'Bitte eine ganze Zahl eingeben, zum Beispiel 10.';
    return Number(value);
  };

  const label = bilingual('label');
  if (!label) errors.label_de ??= 'Das Feld braucht eine Bezeichnung.';
  else patch.label = label;
  if (names.has('hint_de')) patch.hint = bilingual('hint', true);
  const id = one(input.id);
  if (!ID_PATTERN.test(id)) errors.id = 'Die Kennung besteht aus höchstens 64 Buchstaben (ohne Umlaute), Ziffern und _ und beginnt mit einem Buchstaben.';
  else patch.id = id;
  if (names.has('text_de')) {
    patch.text = bilingual('text', true);
    if (!patch.text) errors.text_de ??= 'Der Informationstext fehlt.';
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
    if (range && range !== 'past' && range !== 'future') errors.dateRange = 'Bitte eine der angebotenen Möglichkeiten wählen.';
    patch.dateRange = (range || undefined) as FieldDefinition['dateRange'];
  }
  if (names.has('country')) {
    const country = one(input.country);
    if (country && country !== 'DE' && country !== 'CH') errors.country = 'Bitte eine der angebotenen Möglichkeiten wählen.';
    patch.country = (country || undefined) as FieldDefinition['country'];
  }
  if (names.has('role')) {
    const role = one(input.role);
    if (role && !['firstName', 'lastName', 'email'].includes(role)) errors.role = 'Bitte eine der angebotenen Möglichkeiten wählen.';
    patch.role = (role || undefined) as FieldDefinition['role'];
  }
  if (names.has('options')) {
    const options = parseOptions(String(input.options ?? '').normalize('NFC'));
    if (!options.ok) errors.options = options.message;
    else if (options.value.some((o) => CONTROL.test(o.value + o.label.de + (o.label.en ?? '')))) errors.options = 'Bitte ohne Steuerzeichen.';
    else patch.options = options.value;
  }
  if (names.has('accept')) {
    const raw = input.accept;
    const accept = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((a) => a.trim()).filter(Boolean);
    const unknown = accept.find((a) => !(FILE_TYPES as readonly string[]).includes(a));
    if (unknown) errors.accept = `Unbekannter Dateityp ${quoted(unknown)}.`;
    else if (!accept.length) errors.accept = 'Wählen Sie mindestens einen Dateityp.';
    patch.accept = accept;
  }
  if (names.has('maxMb')) {
    const value = one(input.maxMb).replace(',', '.');
    if (value && !/^\d{1,4}(\.\d{1,2})?$/.test(value)) errors.maxMb = 'Bitte eine Zahl in MB eingeben, zum Beispiel 5 oder 2,5.';
    else if (value && Number(value) <= 0) errors.maxMb = 'Die Größe muss über 0 MB liegen.';
    patch.maxBytes = value ? Math.round(Number(value) * MB) : undefined;
  }
  if (names.has('itemLabel_de')) patch.itemLabel = bilingual('itemLabel');
  for (const key of RULE_KEYS) {
    if (!names.has(key)) continue;
    const rule = parseRule(String(input[key] ?? ''));
    if (!rule.ok) errors[key] = rule.message;
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

const RULE_PLACE_NAMES: Record<string, string> = { ...RULE_NAMES, title: 'Titel', label: 'Bezeichnung', hint: 'Hinweis', id: 'Kennung', options: 'Antwortmöglichkeiten', text: 'Informationstext', fields: 'Felder' };

/** Where a JSON pointer into the service's content points, in words: "Schritt 2 „Hund“, Feld „Hundename“, Regel „Anzeigen wenn“". */
export function describePath(form: FormDefinition, path: string): string {
  const parts = path.replace(/^\/form(?=\/|$)/, '').split('/').slice(1);
  if (path.startsWith('/feeRules/')) return `Gebührenregel ${Number(parts[1]) + 1}`;
  const words: string[] = [];
  if (parts[0] !== 'steps' || parts[1] === undefined) return 'Formular';
  const step = form.steps[Number(parts[1])];
  words.push(step ? `Schritt ${Number(parts[1]) + 1} ${quoted(step.title.de)}` : `Schritt ${Number(parts[1]) + 1}`);
  let fields: FieldDefinition[] | undefined = step?.fields;
  let i = 2;
  while (parts[i] === 'fields' && parts[i + 1] !== undefined) {
    const field: FieldDefinition | undefined = fields?.[Number(parts[i + 1])];
    words.push(field ? `Feld ${quoted(field.label.de)}` : `Feld ${Number(parts[i + 1]) + 1}`);
    fields = field?.fields;
    i += 2;
  }
  const rest = parts[i];
  if (rest) words.push(RULE_KEYS.includes(rest as RuleKey) ? `Regel ${quoted(RULE_PLACE_NAMES[rest]!)}` : RULE_PLACE_NAMES[rest] ?? rest);
  return words.join(', ');
}
