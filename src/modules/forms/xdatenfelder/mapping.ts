// Mapping the FIM model to a form definition: groups and steps here, each data field in fields.ts, the rules then
// by apply-rules.ts. The form can express less than FIM, so whatever element or limit cannot be carried over is
// reported as a note rather than dropped.
import type { FieldDefinition, FormDefinition, StepDefinition, Text } from '../schema.ts';
import type { ImportNote } from '../xdatenfelder.ts';
import type { FimChild, FimContainer, FimField, FimMessage, Standard } from './message.ts';
import { and, applyRules } from './apply-rules.ts';
import { FormBuilder, quote, type Toggle } from './builder.ts';
import { de, mapField, source } from './fields.ts';

// ===================================================================================================================
// Mapping the model to a form: groups become steps, repeating groups group fields, data fields typed fields
// ===================================================================================================================

/** Number of files when the data field allows any number. */
const DEFAULT_MAX_FILES = 10;
/** Limits of the form definition (checkDefinition). */
// As many files as one request may carry (the multipart limit in app.ts).
const MAX_FILES = 20;
const MAX_ENTRIES = 100;

interface Context {
  path: string[];
  scope: FieldDefinition | undefined;
  step: StepDefinition;
}

export function buildForm(message: FimMessage): { form: FormDefinition; title: Text; standard: Standard; notes: ImportNote[] } {
  const { root, standard } = message;
  const b = new FormBuilder();
  for (const { path, ...note } of message.notes) b.note(path, note);
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
    b.note(group.id, { key: 'xdatenfelder.group.choice', params: { label: group.label } });
  } else {
    b.note(group.id, { key: 'xdatenfelder.group.unknownKind', params: { value: group.art } });
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
      b.note(group.id, { key: 'xdatenfelder.group.nestedRepeat', params: { label: group.label, count: multiplicityText(entry) } });
    } else {
      const repeating = groupField(entry, inner, b);
      if (repeating) return [repeating];
    }
  }
  const help = group.help ? [infoField(b, `${group.id}_hinweis`, group.label, group.help)] : [];
  const { fields, toggle } = optionalGroup(entry, mapChildren(group.children, inner, b), b);
  const result = [...help, ...fields];
  if (result.length === 0) b.note(group.id, { key: 'xdatenfelder.group.empty', params: { label: group.label } });
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
  const note: ImportNote = {
    path: group.id,
    key: 'xdatenfelder.group.optionalToggle',
    params: { label: group.label, count: multiplicityText(entry), question: toggle.label.de },
  };
  const { path, ...message } = note;
  b.note(path, message);
  return { fields: [toggle, ...fields], toggle: { field: toggle, condition, note } };
}

/** minItems/maxItems of a repeating entry list, within what the form allows. */
function entryLimits(list: FieldDefinition, entry: FimChild, b: FormBuilder, id: string): void {
  if (entry.min > 0) list.minItems = Math.min(entry.min, MAX_ENTRIES);
  if (entry.max !== Infinity) list.maxItems = Math.min(entry.max, MAX_ENTRIES);
  if (entry.min > MAX_ENTRIES || (entry.max !== Infinity && entry.max > MAX_ENTRIES)) {
    b.note(id, { key: 'xdatenfelder.group.entriesCapped', params: { label: list.label.de, count: multiplicityText(entry), max: MAX_ENTRIES } });
  }
}

function multiplicityText(entry: FimChild): string {
  return `${entry.min}:${entry.max === Infinity ? '*' : entry.max}`;
}

/** A repeating group as a group field; undefined when its entries would need files (a group entry has none). */
function groupField(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition | undefined {
  const group = entry.element as FimContainer;
  if (containsUpload(group)) {
    b.note(group.id, { key: 'xdatenfelder.group.repeatWithUploads', params: { label: group.label, count: multiplicityText(entry) } });
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
        b.note(fim.id, {
          key: bounded ? 'xdatenfelder.field.filesCapped' : 'xdatenfelder.field.filesCappedUnbounded',
          params: { label: fim.label, ...(bounded ? { max: entry.max } : {}), count: multiplicityText(entry), limit: field.maxFiles },
        });
      return field;
    default:
      break;
  }
  if (ctx.scope || field.compute !== undefined) {
    b.note(fim.id, { key: 'xdatenfelder.field.repeatInGroup', params: { label: fim.label, count: multiplicityText(entry) } });
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
        b.note(field.source?.id ?? field.id, { key: 'xdatenfelder.field.emailLengths', params: { label: field.label.de } });
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
    else b.note(step.id, { key: 'xdatenfelder.group.noStep', params: { label: step.title.de } });
  }
  if (kept.length > 0) return kept;
  const what = root.kind === 'schema' ? 'Das Datenschema' : 'Die Datenfeldgruppe';
  b.note(root.id, { key: root.kind === 'schema' ? 'xdatenfelder.schema.noFields' : 'xdatenfelder.group.noFields', params: { label: root.label } });
  const step: StepDefinition = { id: b.stepId(root.id), title: de(root.label), fields: [] };
  step.fields.push(infoField(b, `${root.id}_hinweis`, root.label, `${what} enthält noch keine Felder.`));
  return [step];
}
