// Applying FIM rules to the form the mapping has built. What a rule says (as read by rules.ts) becomes showIf,
// requiredIf or compute on the fields and steps it names; a rule, or the part of one, that the form cannot express is
// left out and reported as a note. This is a job of its own apart from mapping elements to fields: it begins
// only once every element has its place in the form, and it finds its targets through those places.
import type { Message } from '../../../platform/i18n/index.ts';
import type { FieldDefinition, Logic, StepDefinition } from '../schema.ts';
import type { ImportMessage } from '../xdatenfelder.ts';
import type { FimRule } from './message.ts';
import { BOOL_WORDS, RuleReader, tokenize, type Condition, type Effect, type Expression, type Literal, type Token } from './rules.ts';
import { decimalNumber, noteIdentity, sameNote, short, type FormBuilder, type Placement, type RuleOccurrence } from './builder.ts';

// ===================================================================================================================
// Rules: structured rule texts and scripts become JSON Logic (showIf, requiredIf, compute); every other rule is a note
// ===================================================================================================================

export function and(a: Logic | undefined, b: Logic): Logic {
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

interface ReadRule {
  effects: Effect[];
  unread: string[];
}

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

/** Why a rule, or a part of it, cannot be carried over. */
type Problem = { problem: Message };
const problem = (key: Message['key'], params?: Message['params']): Problem => ({ problem: params ? { key, params } : { key } });

/** The rule's note: the key without its text, or the key that quotes the rule's text where it has one. */
function ruleNote(rule: FimRule, keys: { bare: Message['key']; withText: Message['key'] }, parts?: Record<string, Message>): ImportMessage {
  const text = rule.texts[0] ?? rule.script;
  const params = { rule: rule.id, name: rule.name, ...(text ? { text: short(text) } : {}) };
  return { key: text ? keys.withText : keys.bare, params, ...(parts ? { parts } : {}) };
}

export function applyRules(b: FormBuilder): void {
  const reported = new Set<string>();
  const read = new Map<FimRule, ReadRule | undefined>();
  for (const occurrence of b.ruleOccurrences) {
    const { rule } = occurrence;
    const key = `${rule.id}:${rule.version ?? ''}`;
    const report = (message: ImportMessage) => {
      const identity = `${key}|${noteIdentity(message)}`;
      if (reported.has(identity)) return;
      reported.add(identity);
      b.note(rule.id, message);
    };
    if (!read.has(rule)) read.set(rule, readRule(rule));
    const parsed = read.get(rule);
    if (!parsed) {
      report(ruleNote(rule, { bare: 'xdatenfelder.rule.notRead', withText: 'xdatenfelder.rule.notReadWithText' }));
      continue;
    }
    for (const sentence of parsed.unread)
      report({ key: 'xdatenfelder.rule.partUnread', params: { rule: rule.id, name: rule.name, sentence: short(sentence) } });
    for (const effect of parsed.effects) {
      const refused = applyEffect(effect, occurrence, b);
      if (refused)
        report(ruleNote(rule, { bare: 'xdatenfelder.rule.notApplied', withText: 'xdatenfelder.rule.notAppliedWithText' }, { problem: refused.problem }));
    }
  }
}

type Resolved = { placement: Placement } | Problem;

function resolve(id: string | undefined, occurrence: RuleOccurrence, b: FormBuilder): Resolved {
  if (id === undefined) {
    const own = (b.placements.get(occurrence.owner.id) ?? []).find((p) => samePath(p.path, occurrence.path));
    const key = (
      { field: 'xdatenfelder.ruleProblem.wholeField', group: 'xdatenfelder.ruleProblem.wholeGroup', schema: 'xdatenfelder.ruleProblem.wholeSchema' } as const
    )[occurrence.owner.kind];
    return own ? { placement: own } : problem(key, { id: occurrence.owner.id });
  }
  const candidates = b.placements.get(id) ?? [];
  if (candidates.length === 0) return problem('xdatenfelder.ruleProblem.notInForm', { id });
  if (candidates.length === 1) return { placement: candidates[0] };
  const scored = candidates.map((p) => ({ p, score: commonPrefix(p.path, occurrence.path) }));
  const best = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  if (winners.length > 1) return problem('xdatenfelder.ruleProblem.ambiguous', { id });
  return { placement: winners[0].p };
}

const samePath = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function commonPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Applies one effect; returns the reason when it cannot. The form is left unchanged then. */
function applyEffect(effect: Effect, occurrence: RuleOccurrence, b: FormBuilder): Problem | undefined {
  const targets: Placement[] = [];
  for (const id of effect.targets) {
    const r = resolve(id, occurrence, b);
    if ('problem' in r) return r;
    targets.push(r.placement);
  }
  const changes: Array<() => void> = [];
  for (const target of targets) {
    const logic = effect.kind === 'compute' ? expressionLogic(effect.expression, target, occurrence, b) : conditionLogic(effect.when, target, occurrence, b);
    if ('problem' in logic) return logic;
    const change = effectChange(effect.kind, target, logic.logic);
    if (typeof change !== 'function') return change;
    changes.push(change);
  }
  const undo = snapshot(targets);
  for (const change of changes) change();
  const cycle = findCycle(b);
  if (cycle) {
    undo();
    return problem('xdatenfelder.ruleProblem.cycle', { cycle: cycle.join(' → ') });
  }
  if (effect.kind === 'show') for (const target of targets) replaceToggle(target, b);
  return undefined;
}

function effectChange(kind: Effect['kind'], target: Placement, logic: Logic): (() => void) | Problem {
  const t = target.target;
  const fields = t.kind === 'field' || t.kind === 'groupField' ? [t.field] : t.kind === 'fields' ? t.fields : [];
  if (logic === true && kind !== 'compute') {
    // A rule without a condition: always required, always shown (as it is anyway), never hidden.
    if (kind === 'hide') return problem('xdatenfelder.ruleProblem.hideAlways');
    if (kind === 'show') return () => {};
  }
  switch (kind) {
    case 'show':
    case 'hide': {
      const condition = kind === 'show' ? logic : { '!': [logic] };
      if (t.kind === 'step')
        return () => {
          t.step.showIf = and(t.step.showIf, condition);
        };
      return () => {
        for (const f of fields) f.showIf = and(f.showIf, condition);
      };
    }
    case 'required':
      if (t.kind !== 'field') return problem('xdatenfelder.ruleProblem.requiredGroup', { id: target.path[target.path.length - 1] });
      if (t.field.type === 'info') return problem('xdatenfelder.ruleProblem.targetInfo', { id: t.field.id });
      if (logicVars(logic).includes(t.field.id)) return problem('xdatenfelder.ruleProblem.selfDependent', { id: t.field.id });
      return () => {
        if (logic === true) {
          t.field.required = true;
          delete t.field.requiredIf;
        } else if (!t.field.required) t.field.requiredIf = or(t.field.requiredIf, logic);
      };
    case 'compute':
      if (t.kind !== 'field' || !COMPUTABLE.has(t.field.type)) return problem('xdatenfelder.ruleProblem.computeTarget');
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
  const at = b.notes.findIndex((n) => sameNote(n, toggle.note));
  if (at >= 0) b.notes.splice(at, 1);
}

function withoutClause(logic: Logic, clause: string): Logic | undefined {
  if (JSON.stringify(logic) === clause) return undefined;
  if (!isOp(logic, 'and')) return logic;
  const rest = (logic as { and: Logic[] }).and.filter((item) => JSON.stringify(item) !== clause);
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { and: rest };
}

type LogicOrProblem = { logic: Logic } | Problem;

/** A referenced field, usable in the target's scope: on form level, or a sibling in the same group entry. */
function operand(id: string, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): { field: FieldDefinition } | Problem {
  const r = resolve(id, occurrence, b);
  if ('problem' in r) return r;
  const p = r.placement;
  if (p.target.kind !== 'field') return problem('xdatenfelder.ruleProblem.operandGroup', { id });
  if (p.scope && p.scope !== target.scope) return problem('xdatenfelder.ruleProblem.operandInRepeat', { id, target: target.path[target.path.length - 1] });
  if (target.target.kind === 'step' && p.step === target.target.step) return problem('xdatenfelder.ruleProblem.operandSameStep', { id });
  return { field: p.target.field };
}

function conditionLogic(condition: Condition, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const items: Logic[] = [];
      for (const item of condition.items) {
        const logic = conditionLogic(item, target, occurrence, b);
        if ('problem' in logic) return logic;
        items.push(logic.logic);
      }
      return { logic: { [condition.kind]: items } };
    }
    case 'not': {
      const inner = conditionLogic(condition.item, target, occurrence, b);
      return 'problem' in inner ? inner : { logic: { '!': [inner.logic] } };
    }
    case 'always':
      return { logic: true };
    default: {
      const found = operand(condition.ref, target, occurrence, b);
      if ('problem' in found) return found;
      return atomLogic(condition, found.field);
    }
  }
}

const LIST_TYPES = new Set(['checkboxes', 'file', 'group']);
/** Types whose value a compute rule may give (the form engine computes no files, groups, addresses or lists). */
export const COMPUTABLE = new Set(['text', 'textarea', 'integer', 'decimal', 'money', 'date']);
const NUMBER_TYPES = new Set(['integer', 'decimal', 'money']);

function atomLogic(condition: Extract<Condition, { ref: string }>, field: FieldDefinition): LogicOrProblem {
  const v = { var: field.id };
  if (field.type === 'info') return problem('xdatenfelder.ruleProblem.operandInfo', { id: field.id });
  if (condition.kind === 'filled') return { logic: LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'selected')
    return { logic: field.type === 'yesno' ? { '==': [v, true] } : LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'chosen') {
    const isLabel = condition.value.toLowerCase() === field.label.de.toLowerCase();
    const asValue = comparable({ kind: 'str', value: condition.value }, field);
    if ('problem' in asValue && (isLabel || field.type === 'yesno')) return atomLogic({ kind: 'selected', ref: condition.ref }, field);
    return atomLogic({ kind: 'compare', ref: condition.ref, op: '==', value: { kind: 'str', value: condition.value } }, field);
  }
  const value = comparable(condition.value, field);
  if ('problem' in value) return value;
  if (field.type === 'checkboxes') {
    if (condition.op !== '==' && condition.op !== '!=') return problem('xdatenfelder.ruleProblem.checkboxesOrder', { id: field.id });
    const contains = { in: [value.value, v] };
    return { logic: condition.op === '==' ? contains : { '!': [contains] } };
  }
  if (!['==', '!='].includes(condition.op) && !NUMBER_TYPES.has(field.type) && field.type !== 'date') {
    return problem('xdatenfelder.ruleProblem.notOrdered', { id: field.id });
  }
  return { logic: { [condition.op]: [v, value.value] } };
}

/** The literal as the answers present it to rules: numbers as numbers, yes/no as booleans, choices as codes. */
function comparable(literal: Literal, field: FieldDefinition): { value: unknown } | Problem {
  if (field.type === 'yesno') {
    const word = literal.value.toLowerCase();
    const bool =
      literal.kind === 'bool'
        ? literal.value === 'true'
        : BOOL_WORDS[word] !== undefined
          ? BOOL_WORDS[word] === 'true'
          : word === '1'
            ? true
            : word === '0'
              ? false
              : undefined;
    return bool === undefined ? problem('xdatenfelder.ruleProblem.notYesNo', { value: literal.value, id: field.id }) : { value: bool };
  }
  if (NUMBER_TYPES.has(field.type)) {
    const n = decimalNumber(literal.value);
    return n === undefined ? problem('xdatenfelder.ruleProblem.notNumber', { value: literal.value, id: field.id }) : { value: n };
  }
  if (field.options) {
    const option = field.options.find((o) => o.value === literal.value) ?? field.options.find((o) => o.label.de.toLowerCase() === literal.value.toLowerCase());
    if (!option) return problem('xdatenfelder.ruleProblem.notOption', { value: literal.value, id: field.id });
    return { value: option.value };
  }
  if (literal.kind === 'bool')
    return problem(literal.value === 'true' ? 'xdatenfelder.ruleProblem.yesNotFit' : 'xdatenfelder.ruleProblem.noNotFit', { id: field.id });
  return { value: literal.value };
}

function expressionLogic(expression: Expression, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (expression.kind) {
    case 'num':
      return { logic: expression.value };
    case 'ref': {
      const found = operand(expression.ref, target, occurrence, b);
      if ('problem' in found) return found;
      if (!NUMBER_TYPES.has(found.field.type)) return problem('xdatenfelder.ruleProblem.computeNotNumber', { id: found.field.id });
      return { logic: { var: found.field.id } };
    }
    case 'op': {
      const items: Logic[] = [];
      for (const item of expression.items) {
        const logic = expressionLogic(item, target, occurrence, b);
        if ('problem' in logic) return logic;
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
