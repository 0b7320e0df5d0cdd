// The form editor's operations: each takes a definition and returns a changed copy, or refuses with a catalog
// message (forms.editor.*) and the JSON pointer of what it refers to. The whole definition is checked again when it is saved;
// these functions refuse early what would otherwise only show up as a broken rule.
import type { Message, MessageKey } from '../../platform/i18n/index.ts';
import { ID_PATTERN as ID_SOURCE } from './definition.ts';
import {
  FIELD_TYPES,
  type DefinitionProblem,
  type FieldDefinition,
  type FieldType,
  type FormDefinition,
  type Logic,
  type Option,
  type StepDefinition,
  type Text,
} from './schema.ts';

export type EditResult<T = object> = ({ ok: true; form: FormDefinition } & T) | { ok: false; problems: DefinitionProblem[] };

const refuse = (path: string, key: MessageKey, params?: Message['params']): { ok: false; problems: DefinitionProblem[] } => ({
  ok: false,
  problems: [params ? { path, key, params } : { path, key }],
});
const noStep = (id: string) => refuse('/steps', 'forms.editor.noStep', { id });
const quoted = (s: string) => `„${s}“`;

export const ID_PATTERN = new RegExp(ID_SOURCE);
export const RULE_KEYS = ['showIf', 'requiredIf', 'compute'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

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

interface FieldPlace {
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
  form.steps.forEach((step, stepIndex) =>
    step.fields.forEach((field, index) => {
      const path = `/steps/${stepIndex}/fields/${index}`;
      places.push({ step, stepIndex, list: step.fields, index, field, path });
      (field.type === 'group' ? (field.fields ?? []) : []).forEach((child, childIndex) =>
        places.push({
          step,
          stepIndex,
          list: field.fields!,
          index: childIndex,
          field: child,
          group: field,
          path: `${path}/fields/${childIndex}`,
        }),
      );
    }),
  );
  return places;
}

export const findField = (form: FormDefinition, fieldId: string): FieldPlace | undefined => fieldPlaces(form).find((p) => p.field.id === fieldId);
export const findStepIndex = (form: FormDefinition, stepId: string): number => form.steps.findIndex((s) => s.id === stepId);

/** The field, if it is in the given step (directly or in one of its groups). */
function placeInStep(form: FormDefinition, stepId: string, fieldId: string): FieldPlace | { ok: false; problems: DefinitionProblem[] } {
  const stepIndex = findStepIndex(form, stepId);
  if (stepIndex < 0) return noStep(stepId);
  const place = findField(form, fieldId);
  if (!place || place.stepIndex !== stepIndex)
    return refuse(`/steps/${stepIndex}/fields`, 'forms.editor.noFieldInStep', { step: form.steps[stepIndex]!.title.de, id: fieldId });
  return place;
}
const isPlace = (p: FieldPlace | { ok: false }): p is FieldPlace => !('ok' in p);

const clone = (form: FormDefinition): FormDefinition => structuredClone(form);

// ----- rules: which fields they read -----

// Inside these operations the second argument is evaluated per entry of a list: `var` there reads the entry.
const PER_ENTRY = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);
const REDUCE_NAMES = new Set(['current', 'accumulator']);

/** Applies `fn` to every variable path a rule reads; `fn` may return a new path to rewrite it. */
function walkVariables(rule: Logic, fn: (path: string, perEntry: boolean) => string | undefined, perEntry = false, inReduce = false): Logic {
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
  if (op === 'missing' && Array.isArray(arg))
    return { missing: arg.map((a) => (typeof a === 'string' ? visitName(a) : walkVariables(a, fn, perEntry, inReduce))) };
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
  return walkVariables(rule, (path) =>
    path
      .split('.')
      .map((part) => (part === from ? to : part))
      .join('.'),
  );
}

interface RuleOwner {
  kind: 'field' | 'step';
  id: string;
  name: string;
  rule: RuleKey | 'showIf';
  value: Logic;
}

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

/**
 * Why something cannot be deleted: its readers named in the message. One reader is named with its kind (`Feld`,
 * `Schritt`); several are counted and listed by name.
 */
function readRefusal(path: string, readers: RuleOwner[], keys: Record<'field' | 'step' | 'many', MessageKey>, params: Record<string, string>) {
  const names = [...new Map(readers.map((r) => [`${r.kind} ${r.name}`, r])).values()];
  if (names.length === 1) return refuse(path, keys[names[0]!.kind], { ...params, reader: names[0]!.name });
  return refuse(path, keys.many, { ...params, count: names.length, readers: names.map((r) => quoted(r.name)).join(', ') });
}

const SELF_KEYS: Record<RuleKey, MessageKey> = {
  showIf: 'forms.editor.showIfSelf',
  requiredIf: 'forms.editor.requiredIfSelf',
  compute: 'forms.editor.computeSelf',
};
const UNKNOWN_KEYS: Record<RuleKey, MessageKey> = {
  showIf: 'forms.editor.showIfUnknown',
  requiredIf: 'forms.editor.requiredIfUnknown',
  compute: 'forms.editor.computeUnknown',
};

/** Refuses a rule that reads a field the form does not have, or (for a field) reads the field itself. */
function checkRuleReferences(form: FormDefinition, rule: Logic, path: string, ruleKey: RuleKey, selfId?: string): DefinitionProblem[] {
  const known = new Set(fieldPlaces(form).map((p) => p.field.id));
  return ruleReferences(rule, false).flatMap((id): DefinitionProblem[] => {
    if (id === selfId) return [{ path, key: SELF_KEYS[ruleKey] }];
    if (!known.has(id)) return [{ path, key: UNKNOWN_KEYS[ruleKey], params: { id } }];
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
  const stepId = unusedId(
    next.steps.map((s) => s.id),
    'schritt',
  );
  let at = next.steps.length;
  if (options.afterId !== undefined) {
    const after = findStepIndex(next, options.afterId);
    if (after < 0) return noStep(options.afterId);
    at = after + 1;
  }
  // A step holds at least one field: the new one starts with a text field to change or replace.
  const field = newField('text', unusedId(allIds(next), 'feld'), []);
  next.steps.splice(at, 0, { id: stepId, title: options.title ?? { de: 'Neuer Schritt', en: 'New step' }, fields: [field] });
  return { ok: true, form: next, stepId, fieldId: field.id };
}

export function updateStep(form: FormDefinition, stepId: string, patch: { title?: Text; showIf?: Logic }): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return noStep(stepId);
  if ('title' in patch && !patch.title?.de.trim()) return refuse(`/steps/${index}/title/de`, 'forms.editor.stepTitleRequired');
  if ('showIf' in patch && patch.showIf !== undefined) {
    const problems = checkRuleReferences(form, patch.showIf, `/steps/${index}/showIf`, 'showIf');
    if (problems.length) return { ok: false, problems };
  }
  const next = clone(form);
  applyPatch(next.steps[index]!, patch);
  return { ok: true, form: next };
}

export function removeStep(form: FormDefinition, stepId: string): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return noStep(stepId);
  const step = form.steps[index]!;
  if (form.steps.length === 1) return refuse(`/steps/${index}`, 'forms.editor.onlyStep', { step: step.title.de });
  const ids = new Set(
    fieldPlaces(form)
      .filter((p) => p.stepIndex === index)
      .map((p) => p.field.id),
  );
  const readers = readersOf(form, ids, new Set([...ids, step.id]));
  if (readers.length) {
    const keys = { field: 'forms.editor.stepReadByField', step: 'forms.editor.stepReadByStep', many: 'forms.editor.stepReadByMany' } as const;
    return readRefusal(`/steps/${index}`, readers, keys, { step: step.title.de });
  }
  const next = clone(form);
  next.steps.splice(index, 1);
  return { ok: true, form: next };
}

export function moveStep(form: FormDefinition, stepId: string, delta: -1 | 1): EditResult {
  const index = findStepIndex(form, stepId);
  if (index < 0) return noStep(stepId);
  const target = index + delta;
  const title = form.steps[index]!.title.de;
  if (target < 0) return refuse(`/steps/${index}`, 'forms.editor.stepFirst', { step: title });
  if (target >= form.steps.length) return refuse(`/steps/${index}`, 'forms.editor.stepLast', { step: title });
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
  if (stepIndex < 0) return noStep(stepId);
  if (!isFieldType(type)) return refuse(`/steps/${stepIndex}/fields`, 'forms.editor.unknownType', { type, allowed: FIELD_TYPES.join(', ') });
  const next = clone(form);
  let list = next.steps[stepIndex]!.fields;
  let path = `/steps/${stepIndex}/fields`;
  if (groupId !== undefined) {
    const group = findField(next, groupId);
    if (!group || group.stepIndex !== stepIndex || group.field.type !== 'group')
      return refuse(path, 'forms.editor.noGroupInStep', { step: form.steps[stepIndex]!.title.de, id: groupId });
    if (type === 'group' || type === 'file') return refuse(`${group.path}/fields`, 'forms.editor.groupInGroup');
    list = group.field.fields ??= [];
    path = `${group.path}/fields`;
  }
  let at = list.length;
  if (afterId !== undefined) {
    const after = list.findIndex((f) => f.id === afterId);
    if (after < 0) return refuse(path, 'forms.editor.noFieldAfter', { id: afterId });
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
    if (!ID_PATTERN.test(newId)) return refuse(`${place.path}/id`, 'forms.editor.idFormat');
    const holder = findField(form, newId);
    if (holder) return refuse(`${place.path}/id`, 'forms.editor.idTaken', { id: newId, holder: holder.field.label.de });
  }
  if ('label' in patch && !patch.label?.de.trim()) return refuse(`${place.path}/label/de`, 'forms.editor.labelRequired');
  const next = clone(form);
  const target = findField(next, fieldId)!;
  applyPatch(target.field, patch);
  if (newId !== fieldId) renameEverywhere(next, fieldId, newId);
  const problems = RULE_KEYS.flatMap((key) =>
    key in patch && patch[key] !== undefined ? checkRuleReferences(next, target.field[key], `${place.path}/${key}`, key, newId) : [],
  );
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
  const field = place.field.label.de;
  if (readers.length) {
    const keys = { field: 'forms.editor.fieldReadByField', step: 'forms.editor.fieldReadByStep', many: 'forms.editor.fieldReadByMany' } as const;
    return readRefusal(place.path, readers, keys, { field });
  }
  if (place.list.length === 1) {
    return place.group
      ? refuse(place.path, 'forms.editor.onlyInGroup', { field, group: place.group.label.de })
      : refuse(place.path, 'forms.editor.onlyInStepRemove', { field, step: place.step.title.de });
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
  const field = place.field.label.de;
  const to = target.index + delta;
  if (to >= 0 && to < target.list.length) {
    target.list.splice(target.index, 1);
    target.list.splice(to, 0, target.field);
    return { ok: true, form: next, stepId };
  }
  if (target.group) return refuse(place.path, delta < 0 ? 'forms.editor.firstInGroup' : 'forms.editor.lastInGroup', { field });
  const neighbour = next.steps[target.stepIndex + delta];
  if (!neighbour) return refuse(place.path, delta < 0 ? 'forms.editor.firstInForm' : 'forms.editor.lastInForm', { field });
  if (target.list.length === 1) return refuse(place.path, 'forms.editor.onlyInStepMove', { field, step: place.step.title.de });
  target.list.splice(target.index, 1);
  if (delta < 0) neighbour.fields.push(target.field);
  else neighbour.fields.unshift(target.field);
  return { ok: true, form: next, stepId: neighbour.id };
}
