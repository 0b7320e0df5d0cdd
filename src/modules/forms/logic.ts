// Rules of a form (showIf, requiredIf, compute) are JSON Logic, run by json-logic-js over a typed view of the answers.
import jsonLogic from 'json-logic-js';
import type { AddressAnswer, Answers, AnswerValue, FieldDefinition, FormDefinition, GroupItem, Logic, StepDefinition } from './schema.ts';
import { ADDRESS_PARTS } from './schema.ts';

/** Operators a rule may use: json-logic-js's own, without `log` (it writes to the console). */
export const RULE_OPERATORS: ReadonlySet<string> = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
]);

/** Operators whose second argument runs once per element of the first, with the element as its data. */
export const SCOPED_OPERATORS: ReadonlySet<string> = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

const NO_VALUE = new Set<string>(['info']);

// A rule that doubles a list or a text in a loop would grow without bound and take the server's memory with it:
// merge and cat refuse results beyond these sizes (the rule then reads as no value).
const MAX_RULE_LIST = 1000;
const MAX_RULE_TEXT = 10_000;

jsonLogic.add_operation('merge', (...args: unknown[]) => {
  const result = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  if (result.length > MAX_RULE_LIST) throw new Error(`Die Regel erzeugt eine Liste mit mehr als ${MAX_RULE_LIST} Einträgen.`);
  return result;
});
jsonLogic.add_operation('cat', (...args: unknown[]) => {
  const result = args.map((a) => (a === null || a === undefined ? '' : String(a))).join('');
  if (result.length > MAX_RULE_TEXT) throw new Error(`Die Regel erzeugt einen Text mit mehr als ${MAX_RULE_TEXT} Zeichen.`);
  return result;
});

export function evaluate(rule: Logic, data: Record<string, unknown>): unknown {
  return jsonLogic.apply(rule as never, data);
}

/** Like evaluate, but a rule that fails (too large, broken) reads as no value instead of throwing. */
export function evaluateSafely(rule: Logic, data: Record<string, unknown>): unknown {
  try {
    return evaluate(rule, data);
  } catch {
    return undefined;
  }
}

const truthy = (value: unknown): boolean => jsonLogic.truthy(value);

/** The single operator of a rule object, or undefined when the value is plain data. */
export function operatorOf(rule: unknown): string | undefined {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  return keys.length === 1 ? keys[0] : undefined;
}

/** The arguments of a rule object as an array ({"!": x} is {"!": [x]}). */
export function argumentsOf(rule: Record<string, unknown>, op: string): unknown[] {
  const values = rule[op];
  return Array.isArray(values) ? values : [values];
}

/** The field a literal `var` (or `missing`) path reads: its first segment. */
export function firstSegment(path: unknown): string | undefined {
  if (typeof path === 'number') return String(path);
  if (typeof path !== 'string' || path === '') return undefined;
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

/** The field ids a rule reads. Vars inside map/filter/reduce/all/some/none's per-element logic read the element, not fields. */
export function referencedVars(rule: Logic): string[] {
  if (rule === null || typeof rule !== 'object') return [];
  const found = new Set<string>();
  collectVars(rule, found, 0);
  return [...found];
}

const MAX_DEPTH = 100;

function collectVars(rule: unknown, found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || rule === null || typeof rule !== 'object') return;
  if (Array.isArray(rule)) {
    for (const item of rule) collectVars(item, found, depth + 1);
    return;
  }
  const op = operatorOf(rule);
  if (op === undefined) return;
  const args = argumentsOf(rule as Record<string, unknown>, op);
  if (op === 'var') {
    const name = firstSegment(args[0]);
    if (name !== undefined) found.add(name);
    else collectVars(args[0], found, depth + 1);
    return;
  }
  if (op === 'missing' || op === 'missing_some') {
    const names = op === 'missing_some' ? args[1] : args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    for (const name of Array.isArray(names) ? names : [names]) {
      const field = firstSegment(name);
      if (field !== undefined) found.add(field);
      else collectVars(name, found, depth + 1);
    }
    if (op === 'missing_some') collectVars(args[0], found, depth + 1);
    return;
  }
  if (SCOPED_OPERATORS.has(op)) {
    // args[1] runs in the element's scope; reduce's initial value (args[2]) runs in the outer one.
    collectVars(args[0], found, depth + 1);
    if (op === 'reduce') collectVars(args[2], found, depth + 1);
    return;
  }
  for (const arg of args) collectVars(arg, found, depth + 1);
}

// ----- typed view of the answers -----

const NUMBER = /^-?\d+(\.\d+)?$/;

function asNumber(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !NUMBER.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function asAddress(raw: unknown): Record<string, string> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const a = raw as Partial<AddressAnswer>;
  const out: Record<string, string> = Object.create(null);
  for (const part of ADDRESS_PARTS) out[part] = typeof a[part] === 'string' ? a[part] : '';
  return out;
}

/** One stored answer as rules see it; undefined when there is no usable value. Groups are handled by the state. */
export function typedValue(field: FieldDefinition, raw: unknown): unknown {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'money':
      return asNumber(raw);
    case 'yesno':
      return raw === 'ja' ? true : raw === 'nein' ? false : undefined;
    case 'checkboxes':
      return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : undefined;
    case 'address':
      return asAddress(raw);
    case 'file':
      return Array.isArray(raw)
        ? raw.filter((f) => f !== null && typeof f === 'object').map((f) => ({ filename: String(f.filename ?? ''), size: Number(f.size) || 0 }))
        : undefined;
    case 'info':
    case 'group':
      return undefined;
    default:
      return typeof raw === 'string' && raw !== '' ? raw : undefined;
  }
}

const MAX_SAFE_AMOUNT = 1e15;

/** A computed result as a normalised answer string for the field's type; undefined when it has no usable value. */
function computedAnswer(field: FieldDefinition, result: unknown): string | undefined {
  if (result === null || result === undefined) return undefined;
  const n = typeof result === 'number' ? result : typeof result === 'string' && result.trim() !== '' ? Number(result) : NaN;
  const fixed = (digits: number) => (Number.isFinite(n) && Math.abs(n) < MAX_SAFE_AMOUNT ? (n + 0).toFixed(digits).replace(/^-(0\.?0*)$/, '$1') : undefined);
  switch (field.type) {
    case 'integer':
      return fixed(0);
    case 'decimal':
      return fixed(field.fractionDigits ?? 2);
    case 'money':
      return fixed(2);
    case 'yesno':
      return typeof result === 'boolean' ? (result ? 'ja' : 'nein') : result === 'ja' || result === 'nein' ? result : undefined;
    default:
      if (typeof result === 'string') return result === '' ? undefined : result.toWellFormed();
      if (typeof result === 'number') return Number.isFinite(result) ? String(result) : undefined;
      if (typeof result === 'boolean') return result ? 'ja' : 'nein';
      return undefined;
  }
}

export interface FormState {
  /** The typed answers rules read: hidden fields absent, computed fields present. */
  data: Record<string, unknown>;
  hiddenSteps: Set<string>;
  /** Hidden field ids; inside a group the entry's path, e.g. `kinder.1.schule`. */
  hiddenFields: Set<string>;
  /** Visible fields that must be answered (ids, or `kinder.1.name` inside groups). */
  requiredFields: Set<string>;
  /** Computed values as normalised answer strings, by id (or `kinder.1.alter` inside groups). */
  computed: Record<string, string>;
}

const PENDING = Symbol('pending');

interface EntryState {
  item: GroupItem;
  visible: Map<string, boolean | typeof PENDING>;
  values: Map<string, unknown>;
  texts: Map<string, string | undefined>;
}

/**
 * Evaluates a form's rules lazily: a rule's data holds only the fields it reads, each evaluated on demand,
 * so rules run in dependency order whatever order fields are defined in. A cycle (refused by checkDefinition)
 * reads as absent instead of looping.
 */
class Evaluation {
  private readonly fields = new Map<string, { field: FieldDefinition; step: StepDefinition }>();
  private readonly groupOf = new Map<string, FieldDefinition>();
  private readonly stepVisibility = new Map<StepDefinition, boolean | typeof PENDING>();
  private readonly visibility = new Map<string, boolean | typeof PENDING>();
  private readonly values = new Map<string, unknown>();
  private readonly computedStrings = new Map<string, string | undefined>();
  private readonly entries = new Map<string, EntryState[]>();

  constructor(
    readonly form: FormDefinition,
    readonly answers: Answers,
  ) {
    for (const step of form.steps ?? []) {
      for (const field of step.fields ?? []) {
        this.fields.set(field.id, { field, step });
        for (const child of field.type === 'group' ? (field.fields ?? []) : []) this.groupOf.set(child.id, field);
      }
    }
  }

  private answer(id: string): AnswerValue | undefined {
    return Object.hasOwn(this.answers, id) ? this.answers[id] : undefined;
  }

  // Per evaluation, not global: an editor may change a rule object in place between two evaluations.
  private readonly vars = new Map<Logic, string[]>();

  run(rule: Logic, lookup: (id: string) => unknown): unknown {
    let vars = this.vars.get(rule);
    if (!vars) {
      vars = referencedVars(rule);
      this.vars.set(rule, vars);
    }
    const data: Record<string, unknown> = Object.create(null);
    for (const id of vars) {
      const value = lookup(id);
      if (value !== undefined) data[id] = value;
    }
    try {
      return evaluate(rule, data);
    } catch {
      // An unchecked definition with a broken rule must not break the page: the rule reads as false.
      return undefined;
    }
  }

  readonly lookup = (id: string): unknown => this.value(id);

  stepVisible(step: StepDefinition): boolean {
    if (step.showIf === undefined) return true;
    const known = this.stepVisibility.get(step);
    if (known !== undefined) return known === true;
    this.stepVisibility.set(step, PENDING);
    const visible = truthy(this.run(step.showIf, this.lookup));
    this.stepVisibility.set(step, visible);
    return visible;
  }

  visible(id: string): boolean {
    const entry = this.fields.get(id);
    if (!entry) return false;
    const known = this.visibility.get(id);
    if (known !== undefined) return known === true;
    this.visibility.set(id, PENDING);
    const visible = this.stepVisible(entry.step) && (entry.field.showIf === undefined || truthy(this.run(entry.field.showIf, this.lookup)));
    this.visibility.set(id, visible);
    return visible;
  }

  value(id: string): unknown {
    if (this.values.has(id)) {
      const v = this.values.get(id);
      return v === PENDING ? undefined : v;
    }
    const entry = this.fields.get(id);
    if (!entry || NO_VALUE.has(entry.field.type)) return undefined;
    this.values.set(id, PENDING);
    let value: unknown;
    if (this.visible(id)) {
      const { field } = entry;
      if (field.type === 'group') value = this.groupValue(field);
      else if (field.compute !== undefined) {
        const text = computedAnswer(field, this.run(field.compute, this.lookup));
        this.computedStrings.set(id, text);
        value = typedValue(field, text);
      } else value = typedValue(field, this.answer(id));
    }
    this.values.set(id, value);
    return value;
  }

  computedText(id: string): string | undefined {
    this.value(id);
    return this.computedStrings.get(id);
  }

  required(field: FieldDefinition, lookup: (id: string) => unknown): boolean {
    if (field.required === true) return true;
    return field.requiredIf !== undefined && truthy(this.run(field.requiredIf, lookup));
  }

  // ----- groups: each entry's children see the form's fields and, by their ids, the entry's own -----

  private groupValue(group: FieldDefinition): unknown[] {
    const raw = this.answer(group.id);
    const items = Array.isArray(raw) ? (raw as unknown[]) : [];
    const states: EntryState[] = items.map((item) => ({
      item: item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as GroupItem) : {},
      visible: new Map(),
      values: new Map(),
      texts: new Map(),
    }));
    this.entries.set(group.id, states);
    return states.map((state) => {
      const typed: Record<string, unknown> = Object.create(null);
      for (const child of group.fields ?? []) {
        const v = this.childValue(group, state, child);
        if (v !== undefined) typed[child.id] = v;
      }
      return typed;
    });
  }

  private child(group: FieldDefinition, id: string): FieldDefinition | undefined {
    return this.groupOf.get(id) === group ? group.fields?.find((c) => c.id === id) : undefined;
  }

  entryLookup(group: FieldDefinition, state: EntryState): (id: string) => unknown {
    return (id) => {
      const child = this.child(group, id);
      return child ? this.childValue(group, state, child) : this.value(id);
    };
  }

  childVisible(group: FieldDefinition, state: EntryState, child: FieldDefinition): boolean {
    if (child.showIf === undefined) return true;
    const known = state.visible.get(child.id);
    if (known !== undefined) return known === true;
    state.visible.set(child.id, PENDING);
    const visible = truthy(this.run(child.showIf, this.entryLookup(group, state)));
    state.visible.set(child.id, visible);
    return visible;
  }

  childValue(group: FieldDefinition, state: EntryState, child: FieldDefinition): unknown {
    if (state.values.has(child.id)) {
      const v = state.values.get(child.id);
      return v === PENDING ? undefined : v;
    }
    if (NO_VALUE.has(child.type)) return undefined;
    state.values.set(child.id, PENDING);
    let value: unknown;
    if (this.childVisible(group, state, child)) {
      if (child.compute !== undefined) {
        const text = computedAnswer(child, this.run(child.compute, this.entryLookup(group, state)));
        state.texts.set(child.id, text);
        value = typedValue(child, text);
      } else value = typedValue(child, Object.hasOwn(state.item, child.id) ? state.item[child.id] : undefined);
    }
    state.values.set(child.id, value);
    return value;
  }

  /** Collects visibility, requirement and computed values of every field. */
  state(): FormState {
    const result: FormState = { data: Object.create(null), hiddenSteps: new Set(), hiddenFields: new Set(), requiredFields: new Set(), computed: {} };
    for (const step of this.form.steps ?? []) {
      if (!this.stepVisible(step)) result.hiddenSteps.add(step.id);
      for (const field of step.fields ?? []) {
        const value = this.value(field.id);
        if (!this.visible(field.id)) {
          result.hiddenFields.add(field.id);
          continue;
        }
        if (value !== undefined) result.data[field.id] = value;
        if (field.type === 'info') continue;
        if (field.compute !== undefined) {
          const text = this.computedText(field.id);
          if (text !== undefined) result.computed[field.id] = text;
        } else if (this.required(field, this.lookup)) result.requiredFields.add(field.id);
        if (field.type === 'group') this.collectEntries(field, result);
      }
    }
    return result;
  }

  private collectEntries(group: FieldDefinition, result: FormState): void {
    for (const [index, state] of (this.entries.get(group.id) ?? []).entries()) {
      const lookup = this.entryLookup(group, state);
      for (const child of group.fields ?? []) {
        const path = `${group.id}.${index}.${child.id}`;
        if (!this.childVisible(group, state, child)) {
          result.hiddenFields.add(path);
          continue;
        }
        if (child.type === 'info') continue;
        if (child.compute !== undefined) {
          this.childValue(group, state, child);
          const text = state.texts.get(child.id);
          if (text !== undefined) result.computed[path] = text;
        } else if (this.required(child, lookup)) result.requiredFields.add(path);
      }
    }
  }
}

/** Visibility, requirement and computed values of a form for the given answers. */
export function formState(form: FormDefinition, answers: Answers): FormState {
  return new Evaluation(form, answers).state();
}

/** The typed answers rules (and fee rules) read: numbers, booleans, lists, objects; hidden fields absent. */
export function logicData(form: FormDefinition, answers: Answers): Record<string, unknown> {
  return formState(form, answers).data;
}
