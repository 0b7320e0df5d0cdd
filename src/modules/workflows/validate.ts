// Checking a workflow before it is saved or imported: its structure first (ids, labels, references), then what a
// state machine needs to be workable (every state reachable, every non-final state has a way out, a decision can
// be reached). Every problem names where it is, so the editor can put the message beside its input.
import { PHASES, type WorkflowDefinition, type WorkflowProblem } from './schema.ts';

export const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
/** Studio addresses beside /studio/ablaeufe/:key: a workflow with such a key could never be opened. */
const RESERVED_KEYS = new Set(['import']);
export const FIELD_ID = /^[a-z][a-z0-9_]{0,62}$/;
const TRIGGERS = ['manual', 'applicantAnswer', 'timer'] as const;
const EFFECTS = ['ask', 'decide', 'complete', 'payment'] as const;
const DEADLINE_FROM = ['entered', 'submitted', 'complete'] as const;
const GUARD_KINDS = ['feePaid', 'documentsComplete', 'assigned', 'answered', 'otherThan'] as const;
const FIELD_TYPES = ['text', 'date', 'number'] as const;

const has = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);
const labelled = (text: unknown) =>
  !!text && typeof text === 'object' && typeof (text as { de?: unknown }).de === 'string' && (text as { de: string }).de.trim() !== '';
const positiveInt = (n: unknown) => Number.isInteger(n) && (n as number) > 0 && (n as number) <= 3650;

export interface ValidateOptions {
  /** The ids of the form's fields, when the workflow is checked for a service: `answered` guards must name one. */
  formFields?: readonly string[];
}

/** Every problem of the definition; empty when it may be saved. */
export function validateWorkflow(def: WorkflowDefinition, options: ValidateOptions = {}): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (path: string, key: string, params?: Record<string, string | number>) => problems.push(params ? { path, key, params } : { path, key });
  const states = Array.isArray(def.states) ? def.states : [];
  const transitions = Array.isArray(def.transitions) ? def.transitions : [];
  const roles = Array.isArray(def.roles) ? def.roles : [];

  if (typeof def.key !== 'string' || !SLUG.test(def.key)) add('/key', 'workflows.problem.keyFormat');
  else if (RESERVED_KEYS.has(def.key)) add('/key', 'workflows.problem.keyReserved', { key: def.key });
  if (!labelled(def.name)) add('/name/de', 'workflows.problem.nameMissing');

  const roleIds = new Set<string>();
  roles.forEach((r, i) => {
    if (typeof r?.id !== 'string' || !SLUG.test(r.id)) add(`/roles/${i}/id`, 'workflows.problem.roleId');
    else if (roleIds.has(r.id)) add(`/roles/${i}/id`, 'workflows.problem.roleIdTwice', { id: r.id });
    else roleIds.add(r.id);
    if (!labelled(r?.label)) add(`/roles/${i}/label/de`, 'workflows.problem.roleLabel');
  });

  const stateIds = new Set<string>();
  states.forEach((s, i) => {
    if (typeof s?.id !== 'string' || !SLUG.test(s.id)) add(`/states/${i}/id`, 'workflows.problem.stateId');
    else if (stateIds.has(s.id)) add(`/states/${i}/id`, 'workflows.problem.stateIdTwice', { id: s.id });
    else stateIds.add(s.id);
    if (!labelled(s?.label)) add(`/states/${i}/label/de`, 'workflows.problem.stateLabel');
    if (!has(PHASES, s?.phase)) add(`/states/${i}/phase`, 'workflows.problem.phase');
    if (s?.deadline !== undefined) {
      if (!positiveInt(s.deadline.days)) add(`/states/${i}/deadline/days`, 'workflows.problem.deadlineDays');
      if (!has(DEADLINE_FROM, s.deadline.from)) add(`/states/${i}/deadline/from`, 'workflows.problem.deadlineFrom');
      if (s.deadline.warnDays !== undefined && (!Number.isInteger(s.deadline.warnDays) || s.deadline.warnDays < 0))
        add(`/states/${i}/deadline/warnDays`, 'workflows.problem.warnDays');
      else if (positiveInt(s.deadline.days) && (s.deadline.warnDays ?? 0) >= s.deadline.days)
        add(`/states/${i}/deadline/warnDays`, 'workflows.problem.warnTooLong', { days: s.deadline.days });
    }
  });
  if (states.length === 0) add('/states', 'workflows.problem.noStates');
  if (!stateIds.has(def.initial)) add('/initial', 'workflows.problem.initialUnknown', { id: String(def.initial ?? '') });

  const transitionIds = new Set<string>();
  transitions.forEach((tr, i) => {
    if (typeof tr?.id !== 'string' || !SLUG.test(tr.id)) add(`/transitions/${i}/id`, 'workflows.problem.transitionId');
    else if (transitionIds.has(tr.id)) add(`/transitions/${i}/id`, 'workflows.problem.transitionIdTwice', { id: tr.id });
    else transitionIds.add(tr.id);
  });
  transitions.forEach((tr, i) => {
    const path = `/transitions/${i}`;
    const name = labelled(tr?.label) ? tr.label.de : String(tr?.id ?? i + 1);
    if (!labelled(tr?.label)) add(`${path}/label/de`, 'workflows.problem.transitionLabel');
    if (!stateIds.has(tr?.from)) add(`${path}/from`, 'workflows.problem.fromUnknown', { id: String(tr?.from ?? '') });
    if (!stateIds.has(tr?.to)) add(`${path}/to`, 'workflows.problem.toUnknown', { id: String(tr?.to ?? '') });
    const trigger = tr?.trigger ?? 'manual';
    if (!has(TRIGGERS, trigger)) add(`${path}/trigger`, 'workflows.problem.trigger');
    if (trigger === 'timer' && !positiveInt(tr.timerDays)) add(`${path}/timerDays`, 'workflows.problem.timerDays');
    const named = Array.isArray(tr?.roles) ? tr.roles : [];
    named.forEach((role) => {
      if (!roleIds.has(role)) add(`${path}/roles`, 'workflows.problem.roleUndeclared', { role: String(role), transition: name });
    });
    if (trigger === 'manual' && named.length === 0) add(`${path}/roles`, 'workflows.problem.noRole', { transition: name });
    if (tr?.effect !== undefined && !has(EFFECTS, tr.effect)) add(`${path}/effect`, 'workflows.problem.effect');
    (Array.isArray(tr?.guards) ? tr.guards : []).forEach((g, j) => {
      const gpath = `${path}/guards/${j}`;
      if (!has(GUARD_KINDS, g?.kind)) return add(gpath, 'workflows.problem.guardKind');
      if (g.kind === 'otherThan' && !transitionIds.has(g.transition)) add(gpath, 'workflows.problem.otherThanUnknown', { id: String(g.transition ?? '') });
      if (g.kind === 'answered') {
        if (typeof g.field !== 'string' || g.field.trim() === '') add(gpath, 'workflows.problem.answeredMissing');
        else if (options.formFields && !options.formFields.includes(g.field)) add(gpath, 'workflows.problem.answeredUnknown', { field: g.field });
      }
    });
    const fieldIds = new Set<string>();
    (Array.isArray(tr?.fields) ? tr.fields : []).forEach((f, j) => {
      const fpath = `${path}/fields/${j}`;
      if (typeof f?.id !== 'string' || !FIELD_ID.test(f.id)) add(`${fpath}/id`, 'workflows.problem.fieldId');
      else if (fieldIds.has(f.id)) add(`${fpath}/id`, 'workflows.problem.fieldIdTwice', { id: f.id });
      else fieldIds.add(f.id);
      if (!labelled(f?.label)) add(`${fpath}/label/de`, 'workflows.problem.fieldLabel');
      if (!has(FIELD_TYPES, f?.type)) add(`${fpath}/type`, 'workflows.problem.fieldType');
    });
  });

  // The graph checks only make sense once the references hold; otherwise each would repeat a problem named above.
  if (problems.length) return problems;
  problems.push(...checkGraph(def));
  return problems;
}

function checkGraph(def: WorkflowDefinition): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const reachable = new Set<string>([def.initial]);
  const queue = [def.initial];
  while (queue.length) {
    const at = queue.shift()!;
    for (const tr of def.transitions) {
      if (tr.from === at && !reachable.has(tr.to)) {
        reachable.add(tr.to);
        queue.push(tr.to);
      }
    }
  }
  def.states.forEach((s, i) => {
    const label = s.label.de;
    const waysOut = def.transitions.filter((tr) => tr.from === s.id && tr.to !== s.id);
    if (!reachable.has(s.id)) problems.push({ path: `/states/${i}/id`, key: 'workflows.problem.unreachable', params: { state: label } });
    if (s.final && def.transitions.some((tr) => tr.from === s.id))
      problems.push({ path: `/states/${i}/final`, key: 'workflows.problem.finalWithWayOut', params: { state: label } });
    else if (!s.final && waysOut.length === 0) problems.push({ path: `/states/${i}/final`, key: 'workflows.problem.deadEnd', params: { state: label } });
  });
  if (!def.states.some((s) => s.final)) problems.push({ path: '/states', key: 'workflows.problem.noFinal' });
  if (!def.transitions.some((tr) => tr.effect === 'decide' && reachable.has(tr.from)))
    problems.push({ path: '/transitions', key: 'workflows.problem.noDecision' });
  return problems;
}
