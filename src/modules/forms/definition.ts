// Checks a form definition before it is saved: its shape against a JSON Schema of the contract, then what a schema
// cannot say (unique ids, options, rules reading existing fields, no circular rules). Reasons are catalog messages
// (forms.*), translated where they are shown.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Message, MessageKey } from '../../platform/i18n/index.ts';
import { argumentsOf, evaluate, firstSegment, operatorOf, referencedVars, RULE_OPERATORS, SCOPED_OPERATORS } from './logic.ts';
import { patternProblem } from './patterns.ts';
import { FIELD_TYPES, FIELD_WIDTHS, type DefinitionProblem, type FieldDefinition, type FormDefinition, type Logic } from './schema.ts';

export const ID_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';
const _ID = new RegExp(ID_PATTERN);
const CHOICE_TYPES = new Set(['select', 'radio', 'checkboxes']);
const NOT_COMPUTABLE = new Set(['file', 'group', 'info', 'address', 'checkboxes']);
const MAX_RULE_DEPTH = 64;
const MAX_NESTING = 200;

// ----- JSON Schema of the contract (schema.ts) -----

const text = {
  type: 'object',
  properties: { de: { type: 'string', minLength: 1, maxLength: 20000 }, en: { type: 'string', maxLength: 20000 } },
  required: ['de'],
  additionalProperties: false,
};
const count = { type: 'integer', minimum: 0, maximum: 1_000_000 };
const source = {
  type: 'object',
  properties: {
    scheme: { type: 'string', enum: ['xdatenfelder'] },
    id: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'string', maxLength: 50 },
  },
  required: ['scheme', 'id'],
  additionalProperties: false,
};

const FORM_SCHEMA = {
  $id: 'https://rathaus.example/schemas/form-definition.json',
  type: 'object',
  properties: {
    steps: { type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/$defs/step' } },
    source: {
      type: 'object',
      properties: { ...source.properties, standard: { type: 'string', enum: ['2.0', '3.0'] } },
      required: ['scheme', 'id'],
      additionalProperties: false,
    },
  },
  required: ['steps'],
  additionalProperties: false,
  $defs: {
    step: {
      type: 'object',
      properties: {
        id: { type: 'string', pattern: ID_PATTERN },
        title: text,
        showIf: {},
        fields: { type: 'array', minItems: 1, maxItems: 500, items: { $ref: '#/$defs/field' } },
      },
      required: ['id', 'title', 'fields'],
      additionalProperties: false,
    },
    field: {
      type: 'object',
      properties: {
        id: { type: 'string', pattern: ID_PATTERN },
        type: { type: 'string', enum: FIELD_TYPES },
        label: text,
        hint: text,
        required: { type: 'boolean' },
        requiredIf: {},
        showIf: {},
        compute: {},
        minLength: count,
        maxLength: { type: 'integer', minimum: 1, maximum: 100_000 },
        pattern: { type: 'string', minLength: 1, maxLength: 1000 },
        errorMessage: text,
        width: { type: 'integer', enum: FIELD_WIDTHS },
        min: { type: 'number' },
        max: { type: 'number' },
        fractionDigits: { type: 'integer', minimum: 0, maximum: 6 },
        dateRange: { type: 'string', enum: ['past', 'future'] },
        dateInput: { type: 'string', enum: ['parts', 'single'] },
        country: { type: 'string', enum: ['DE', 'CH'] },
        options: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            properties: { value: { type: 'string', minLength: 1, maxLength: 200 }, label: text },
            required: ['value', 'label'],
            additionalProperties: false,
          },
        },
        minSelected: count,
        maxSelected: count,
        accept: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-z]+/([a-z0-9.+-]+|\\*)$' } },
        maxFiles: { type: 'integer', minimum: 1, maximum: 20 },
        maxBytes: { type: 'integer', minimum: 1 },
        fields: { type: 'array', maxItems: 200, items: { $ref: '#/$defs/field' } },
        minItems: { type: 'integer', minimum: 0, maximum: 100 },
        maxItems: { type: 'integer', minimum: 1, maximum: 100 },
        itemLabel: text,
        text,
        autocomplete: { type: 'string', maxLength: 100 },
        role: { type: 'string', enum: ['firstName', 'lastName', 'email'] },
        source,
      },
      required: ['id', 'type', 'label'],
      additionalProperties: false,
    },
  },
};

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  validator ??= new Ajv({ strict: true, allErrors: true }).compile(FORM_SCHEMA);
  return validator;
}

// ----- schema errors as messages -----

const TYPE_KEYS: Record<string, MessageKey> = {
  string: 'forms.schema.typeString',
  number: 'forms.schema.typeNumber',
  integer: 'forms.schema.typeInteger',
  boolean: 'forms.schema.typeBoolean',
  array: 'forms.schema.typeArray',
  object: 'forms.schema.typeObject',
};

const escapePointer = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
/** A value as a message shows it (between quotes the catalog adds): a text as it is, anything else as JSON. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : String(JSON.stringify(value)));
const at = (path: string, key: MessageKey, params?: Message['params']): DefinitionProblem => (params ? { path, key, params } : { path, key });

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function schemaProblem(error: ErrorObject, input: unknown): DefinitionProblem {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const value = shown(valueAt(input, path));
  switch (error.keyword) {
    case 'required':
      return at(`${path}/${escapePointer(String(params.missingProperty))}`, 'forms.schema.required', { name: String(params.missingProperty) });
    case 'additionalProperties':
      return at(`${path}/${escapePointer(String(params.additionalProperty))}`, 'forms.schema.unknownProperty', { name: String(params.additionalProperty) });
    case 'type': {
      const key = TYPE_KEYS[String(params.type)];
      return key ? at(path, key, { value }) : at(path, 'forms.schema.typeOther', { type: String(params.type), value });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).join(', ');
      if (path.endsWith('/type') && /\/fields\/\d+\/type$/.test(path)) return at(path, 'forms.schema.fieldType', { value, allowed });
      return at(path, 'forms.schema.enum', { value, allowed });
    }
    case 'pattern':
      return at(path, path.endsWith('/id') ? 'forms.schema.id' : 'forms.schema.pattern', { value });
    case 'minLength':
      return at(path, 'forms.schema.emptyText');
    case 'maxLength':
      return at(path, 'forms.schema.tooLong', { limit: Number(params.limit) });
    case 'minItems':
      return params.limit === 1 ? at(path, 'forms.schema.minItemsOne') : at(path, 'forms.schema.minItems', { limit: Number(params.limit) });
    case 'maxItems':
      return at(path, 'forms.schema.maxItems', { limit: Number(params.limit) });
    case 'minimum':
      return at(path, 'forms.schema.minimum', { value, limit: Number(params.limit) });
    case 'maximum':
      return at(path, 'forms.schema.maximum', { value, limit: Number(params.limit) });
    default:
      return at(path, 'forms.schema.other', { detail: error.message ?? error.keyword });
  }
}

// ----- rules -----

type Describe = (ref: string) => Message | null;

/** Collects a rule's messages once each, in the order found. */
class Messages {
  readonly list: Message[] = [];
  private readonly seen = new Set<string>();
  add(key: MessageKey, params?: Message['params']): void {
    const message: Message = params ? { key, params } : { key };
    const id = JSON.stringify(message);
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.list.push(message);
  }
  get size(): number {
    return this.list.length;
  }
}

/** Checks one rule: known operators only, every field it reads exists (as `describe` decides), it can be evaluated. */
function checkRuleWith(rule: unknown, path: string, describe: Describe): DefinitionProblem[] {
  const messages = new Messages();
  walkRule(rule, 0, false, messages);
  if (messages.size === 0) {
    for (const ref of referencedVars(rule)) {
      const message = describe(ref);
      if (message) messages.add(message.key, message.params);
    }
  }
  if (messages.size === 0) {
    try {
      evaluate(rule, {});
    } catch (e) {
      messages.add('forms.rule.unevaluable', { detail: (e as Error).message });
    }
  }
  return messages.list.map((message) => ({ path, ...message }));
}

/** Lists written into a rule, and list operations inside list operations, are bounded so a rule's work stays small. */
const MAX_RULE_LITERAL = 100;
const MAX_SCOPED_NESTING = 2;

function walkRule(rule: unknown, depth: number, scoped: boolean, messages: Messages, nesting = 0): void {
  if (rule === null || typeof rule !== 'object') return;
  if (Array.isArray(rule) && rule.length > MAX_RULE_LITERAL) {
    messages.add('forms.rule.listTooLong', { count: rule.length, max: MAX_RULE_LITERAL });
    return;
  }
  if (depth > MAX_RULE_DEPTH) {
    messages.add('forms.rule.tooDeep', { max: MAX_RULE_DEPTH });
    return;
  }
  if (Array.isArray(rule)) {
    for (const item of rule) walkRule(item, depth + 1, scoped, messages, nesting);
    return;
  }
  const op = operatorOf(rule);
  if (op === undefined) {
    const keys = Object.keys(rule);
    if (keys.length === 0) messages.add('forms.rule.emptyObject');
    // Each name between the quotation marks the German text uses around names.
    else messages.add('forms.rule.severalOperators', { names: keys.map((k) => `„${k}“`).join(', ') });
    return;
  }
  if (!RULE_OPERATORS.has(op)) {
    messages.add('forms.rule.unknownOperator', { operator: op, allowed: [...RULE_OPERATORS].join(', ') });
    return;
  }
  const args = argumentsOf(rule as Record<string, unknown>, op);
  if (op === 'var') {
    const name = args[0];
    if (typeof name !== 'string' && typeof name !== 'number' && name !== null && name !== undefined) {
      messages.add('forms.rule.varComputed');
    } else if (!scoped && firstSegment(name) === undefined) {
      messages.add('forms.rule.varUnnamed');
    }
    for (const arg of args.slice(1)) walkRule(arg, depth + 1, scoped, messages, nesting);
    return;
  }
  if (SCOPED_OPERATORS.has(op)) {
    if (nesting >= MAX_SCOPED_NESTING) {
      messages.add('forms.rule.scopedNesting', { operators: [...SCOPED_OPERATORS].join(', '), max: MAX_SCOPED_NESTING });
      return;
    }
    for (const [i, arg] of args.entries()) walkRule(arg, depth + 1, i === 1 ? true : scoped, messages, nesting + 1);
    return;
  }
  for (const arg of args) walkRule(arg, depth + 1, scoped, messages, nesting);
}

const missingField = (ref: string): Message => ({ key: 'forms.rule.missingField', params: { name: ref } });

/** Checks a single rule (e.g. a fee rule) against the field ids it may read. */
export function checkRule(rule: unknown, knownFields: Set<string>, path: string): DefinitionProblem[] {
  return checkRuleWith(rule, path, (ref) => (knownFields.has(ref) ? null : missingField(ref)));
}

// ----- the whole definition -----

/** Every field of every step, group children included. */
export function allFields(form: FormDefinition): FieldDefinition[] {
  return form.steps.flatMap((step) => step.fields.flatMap((f) => [f, ...(f.type === 'group' ? (f.fields ?? []) : [])]));
}

interface Located {
  field: FieldDefinition;
  path: string;
  group?: { field: FieldDefinition; path: string };
  stepIndex: number;
}

function locate(form: FormDefinition): Located[] {
  return form.steps.flatMap((step, s) =>
    step.fields.flatMap((field, f) => {
      const path = `/steps/${s}/fields/${f}`;
      const children =
        field.type === 'group'
          ? (field.fields ?? []).map((child, c) => ({ field: child, path: `${path}/fields/${c}`, group: { field, path }, stepIndex: s }))
          : [];
      return [{ field, path, stepIndex: s }, ...children];
    }),
  );
}

export function checkDefinition(input: unknown): { ok: true; form: FormDefinition } | { ok: false; problems: DefinitionProblem[] } {
  // Characters and nesting first: the schema validator recurses, and jsonb refuses what this finds.
  const { problems: characters, tooDeep } = characterProblems(input);
  if (tooDeep) return { ok: false, problems: characters };
  const validate = schemaValidator();
  if (!validate(input)) {
    const problems = (validate.errors ?? []).map((e) => schemaProblem(e, input));
    return { ok: false, problems: dedupe(problems) };
  }
  const form = input as FormDefinition;
  const located = locate(form);
  const problems = [...characters, ...idProblems(form, located), ...located.flatMap(fieldProblems), ...ruleProblems(form, located)];
  if (problems.length === 0) problems.push(...cycleProblems(form, located));
  return problems.length === 0 ? { ok: true, form } : { ok: false, problems: dedupe(problems) };
}

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.path, p.key, p.params]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** PostgreSQL's jsonb refuses NUL and lone surrogates: a definition carrying them could not be saved. Iterative, for deep input. */
function characterProblems(root: unknown): { problems: DefinitionProblem[]; tooDeep: boolean } {
  const problems: DefinitionProblem[] = [];
  let tooDeep = false;
  const bad = (text: string) => text.includes('\u0000') || !text.isWellFormed();
  const pending: Array<{ node: unknown; path: string; depth: number }> = [{ node: root, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { node, path, depth } = pending.pop()!;
    if (typeof node === 'string') {
      if (bad(node)) problems.push(at(path, 'forms.text.badCharacter'));
    } else if (node !== null && typeof node === 'object') {
      if (depth > MAX_NESTING) {
        problems.push(at(path, 'forms.text.tooDeep', { max: MAX_NESTING }));
        tooDeep = true;
        continue;
      }
      for (const [key, value] of Object.entries(node)) {
        if (bad(key)) problems.push(at(path, 'forms.text.badName'));
        pending.push({ node: value, path: `${path}/${escapePointer(key)}`, depth: depth + 1 });
      }
    }
  }
  return { problems: problems.reverse(), tooDeep };
}

function idProblems(form: FormDefinition, located: Located[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const steps = new Map<string, number>();
  form.steps.forEach((step, i) => {
    const first = steps.get(step.id);
    if (first !== undefined) problems.push(at(`/steps/${i}/id`, 'forms.id.stepTaken', { id: step.id, first: `/steps/${first}/id` }));
    else steps.set(step.id, i);
  });
  const fields = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const { field, path } of located) {
    const first = fields.get(field.id);
    if (first !== undefined) problems.push(at(`${path}/id`, 'forms.id.fieldTaken', { id: field.id, first: `${first}/id` }));
    else fields.set(field.id, path);
    if (field.role) {
      const holder = roles.get(field.role);
      if (holder !== undefined) problems.push(at(`${path}/role`, 'forms.id.roleTaken', { role: field.role, holder }));
      else roles.set(field.role, path);
    }
  }
  return problems;
}

function fieldProblems({ field, path, group }: Located): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (where: string, key: MessageKey, params?: Message['params']) => problems.push(at(`${path}${where}`, key, params));
  if (CHOICE_TYPES.has(field.type)) {
    if (!field.options || field.options.length === 0) add('/options', 'forms.field.optionsMissing', { type: field.type });
    const seen = new Set<string>();
    (field.options ?? []).forEach((o, i) => {
      if (seen.has(o.value)) add(`/options/${i}/value`, 'forms.field.optionTwice', { value: o.value });
      seen.add(o.value);
    });
  }
  if (field.type === 'group') {
    if (!field.fields || field.fields.length === 0) add('/fields', 'forms.field.groupEmpty');
    (field.fields ?? []).forEach((child, i) => {
      if (child.type === 'group' || child.type === 'file') add(`/fields/${i}/type`, 'forms.field.notInGroup', { type: child.type });
    });
  } else if (field.fields !== undefined) add('/fields', 'forms.field.fieldsOnlyInGroup');
  if (field.type === 'info' && !field.text) add('/text', 'forms.field.infoText');
  if (field.pattern !== undefined) {
    const problem = patternProblem(field.pattern);
    if (problem) add('/pattern', problem.key, problem.params);
  }
  for (const [low, high] of [
    ['min', 'max'],
    ['minLength', 'maxLength'],
    ['minSelected', 'maxSelected'],
    ['minItems', 'maxItems'],
  ] as const) {
    const a = field[low],
      b = field[high];
    if (a !== undefined && b !== undefined && a > b) add(`/${low}`, 'forms.field.lowAboveHigh', { low, lowValue: a, high, highValue: b });
  }
  if (field.maxSelected !== undefined && field.options && field.maxSelected > field.options.length) {
    add('/maxSelected', 'forms.field.maxSelectedAboveOptions', { max: field.maxSelected, count: field.options.length });
  }
  if (field.compute !== undefined && NOT_COMPUTABLE.has(field.type)) add('/compute', 'forms.field.notComputable', { type: field.type });
  if (group && field.role) add('/role', 'forms.field.roleInGroup');
  return problems;
}

function ruleProblems(form: FormDefinition, located: Located[]): DefinitionProblem[] {
  const byId = new Map(located.map((l) => [l.field.id, l]));
  const describe =
    (group: FieldDefinition | undefined): Describe =>
    (ref) => {
      const target = byId.get(ref);
      if (!target) return missingField(ref);
      if (target.field.type === 'info') return { key: 'forms.rule.readsInfo', params: { name: ref } };
      if (target.group && target.group.field !== group) return { key: 'forms.rule.readsGroupChild', params: { name: ref, group: target.group.field.id } };
      return null;
    };
  const problems: DefinitionProblem[] = [];
  form.steps.forEach((step, i) => {
    if (step.showIf !== undefined) problems.push(...checkRuleWith(step.showIf, `/steps/${i}/showIf`, describe(undefined)));
  });
  for (const { field, path, group } of located) {
    for (const key of ['showIf', 'requiredIf', 'compute'] as const) {
      if (field[key] !== undefined) problems.push(...checkRuleWith(field[key], `${path}/${key}`, describe(group?.field)));
    }
  }
  return problems;
}

/**
 * Rules that depend on themselves: a value or visibility that needs itself to be known. A field depends on the
 * fields its showIf and compute read and on what its step's (and group's) visibility reads; a group on its children.
 */
function cycleProblems(form: FormDefinition, located: Located[]): DefinitionProblem[] {
  const edges = new Map<string, Array<{ to: string; path: string }>>();
  const add = (from: string, rule: Logic | undefined, path: string) => {
    if (rule === undefined) return;
    const list = edges.get(from) ?? [];
    for (const to of referencedVars(rule)) list.push({ to, path });
    edges.set(from, list);
  };
  const stepOf = (l: Located) => ({ step: form.steps[l.stepIndex]!, path: `/steps/${l.stepIndex}/showIf` });
  for (const l of located) {
    const { step, path: stepPath } = stepOf(l);
    add(l.field.id, l.field.showIf, `${l.path}/showIf`);
    add(l.field.id, l.field.compute, `${l.path}/compute`);
    add(l.field.id, step.showIf, stepPath);
    if (l.group) add(l.field.id, l.group.field.showIf, `${l.group.path}/showIf`);
    if (l.field.type === 'group') {
      const list = edges.get(l.field.id) ?? [];
      for (const child of l.field.fields ?? []) list.push({ to: child.id, path: `${l.path}/fields` });
      edges.set(l.field.id, list);
    }
  }
  const problems: DefinitionProblem[] = [];
  const reported = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: Array<{ id: string; path: string }> = [];
  const visit = (id: string): void => {
    state.set(id, 'active');
    for (const edge of edges.get(id) ?? []) {
      stack.push({ id, path: edge.path });
      if (state.get(edge.to) === 'active') {
        const start = stack.findIndex((s) => s.id === edge.to);
        const found = stack.slice(start);
        // Start the cycle at a rule, not at the group that merely holds a child.
        const first = Math.max(
          0,
          found.findIndex((c) => !c.path.endsWith('/fields')),
        );
        const cycle = [...found.slice(first), ...found.slice(0, first)];
        const key = [...cycle.map((c) => c.id)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push(at(cycle[0]!.path, 'forms.rule.cycle', { cycle: [...cycle.map((c) => c.id), cycle[0]!.id].join(' → ') }));
        }
      } else if (!state.has(edge.to)) visit(edge.to);
      stack.pop();
    }
    state.set(id, 'done');
  };
  for (const { field } of located) if (!state.has(field.id)) visit(field.id);
  return problems;
}
