// Running a case on its workflow, without touching the database: which transitions the current state offers and
// why one is refused, what a transition needs entered, and where the case stands after it (state, phase, the
// citizen's status, the new deadline). The caller reads the case's facts and writes the result.
import type { Message } from '../../platform/i18n/index.ts';
import { hasControlCharacters, isValidDate, textIn } from '../forms/index.ts';
import type { Phase, TransitionField, WorkflowDefinition, WorkflowState, WorkflowTransition } from './schema.ts';

/** What the engine needs to know about the case. */
export interface CaseFacts {
  state: string;
  assignedTo: string | null;
  /** Whether the case's fees are more than nothing; a case that owes nothing has its fee "paid". */
  feesDue: boolean;
  feePaidAt: Date | null;
  /** Required file fields of the form without a file. */
  missingFiles: string[];
  answers: Record<string, unknown>;
  /** Who took each transition last (by account id), from the audit log. */
  lastTakenBy: Record<string, string>;
  submittedAt: Date;
  stateEnteredAt: Date;
  completeAt: Date | null;
}

export interface Actor {
  id: string;
  role: 'region_admin' | 'municipality_admin' | 'clerk';
  caseRoles: readonly string[];
}

/** The citizen-facing status a phase maps to; decided and closed keep the decision's outcome. */
export type CaseStatus = 'submitted' | 'in_review' | 'awaiting_applicant' | 'approved' | 'rejected';

export interface TransitionOption {
  transition: WorkflowTransition;
  target: WorkflowState;
  /** Taken by the applicant's answer or by a job, never by hand. */
  automatic: boolean;
  allowed: boolean;
  reasons: Message[];
}

export const CASE_WORK = 'sachbearbeitung';
const MAX_FIELD_LENGTH = 4000;
const DAY_MS = 86_400_000;

/**
 * Whether the actor holds a workflow role. Every staff member who may work the case does case work (who may is
 * decided before: the municipality, the team's services); a municipality's admin holds every role.
 */
export function holdsRole(actor: Actor, role: string): boolean {
  if (role === CASE_WORK) return true;
  if (actor.role === 'municipality_admin' || actor.role === 'region_admin') return true;
  return actor.caseRoles.includes(role);
}

const stateIn = (def: WorkflowDefinition, id: string): WorkflowState | undefined => def.states.find((s) => s.id === id);
const roleLabel = (def: WorkflowDefinition, id: string, locale: string) => textIn(def.roles.find((r) => r.id === id)?.label, locale as never) || id;

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Every guard of the transition that does not hold, as a message. */
export function failingGuards(def: WorkflowDefinition, t: WorkflowTransition, facts: CaseFacts, actor: Actor, locale = 'de'): Message[] {
  const out: Message[] = [];
  for (const g of t.guards ?? []) {
    if (g.kind === 'feePaid' && facts.feesDue && !facts.feePaidAt) out.push({ key: 'workflow.guard.feePaid' });
    if (g.kind === 'documentsComplete' && facts.missingFiles.length)
      out.push({ key: 'workflow.guard.documentsComplete', params: { count: facts.missingFiles.length } });
    if (g.kind === 'assigned' && !facts.assignedTo) out.push({ key: 'workflow.guard.assigned' });
    if (g.kind === 'answered' && isEmpty(facts.answers[g.field])) out.push({ key: 'workflow.guard.answered', params: { field: g.field } });
    if (g.kind === 'otherThan' && facts.lastTakenBy[g.transition] === actor.id) {
      const other = def.transitions.find((x) => x.id === g.transition);
      out.push({ key: 'workflow.guard.otherThan', params: { transition: textIn(other?.label, locale as never) || g.transition } });
    }
  }
  return out;
}

function optionFor(def: WorkflowDefinition, t: WorkflowTransition, facts: CaseFacts, actor: Actor, locale: string): TransitionOption {
  const target = stateIn(def, t.to)!;
  const automatic = (t.trigger ?? 'manual') !== 'manual';
  if (automatic) return { transition: t, target, automatic, allowed: false, reasons: [{ key: 'workflow.refused.automatic' }] };
  const reasons: Message[] = [];
  if (!t.roles.some((r) => holdsRole(actor, r))) {
    reasons.push({ key: 'workflow.refused.role', params: { roles: t.roles.map((r) => `„${roleLabel(def, r, locale)}“`).join(' / ') } });
  }
  reasons.push(...failingGuards(def, t, facts, actor, locale));
  return { transition: t, target, automatic, allowed: reasons.length === 0, reasons };
}

/** The transitions out of the case's current state, each allowed or refused with its reasons. */
export function transitionsFrom(def: WorkflowDefinition, facts: CaseFacts, actor: Actor, locale = 'de'): TransitionOption[] {
  return def.transitions.filter((t) => t.from === facts.state).map((t) => optionFor(def, t, facts, actor, locale));
}

export type FieldValue = string | number;

export type CheckResult =
  | { ok: true; transition: WorkflowTransition; target: WorkflowState; values: Record<string, FieldValue> }
  | { ok: false; refused: Message[]; fields: Record<string, Message> };

/** Reads one entered value by its field's type: dates as TT.MM.JJJJ or ISO, numbers with a comma or a point. */
export function readField(field: TransitionField, raw: string | undefined, locale = 'de'): { value?: FieldValue; error?: Message } {
  const label = textIn(field.label, locale as never);
  const text = (raw ?? '').toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!text) return field.required ? { error: { key: 'workflow.field.required', params: { label } } } : {};
  if (field.type === 'date') {
    const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    const iso = de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : text;
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidDate(iso) ? { value: iso } : { error: { key: 'workflow.field.date', params: { label } } };
  }
  if (field.type === 'number') {
    const normal = text
      .replace(/\s/g, '')
      .replace(/\.(?=\d{3}(\D|$))/g, '')
      .replace(',', '.');
    const n = /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
    return Number.isFinite(n) ? { value: n } : { error: { key: 'workflow.field.number', params: { label } } };
  }
  if (text.length > MAX_FIELD_LENGTH) return { error: { key: 'workflow.field.tooLong', params: { label, max: MAX_FIELD_LENGTH } } };
  if (hasControlCharacters(text.replace(/[\n\t]/g, ' '))) return { error: { key: 'workflow.field.controlCharacters', params: { label } } };
  return { value: text };
}

/**
 * Checks that the actor may take this transition now (it leaves the current state, the role, every guard) and
 * reads its fields. A transition of another state (a replayed old form) or an automatic one is refused.
 */
export function checkTransition(
  def: WorkflowDefinition,
  facts: CaseFacts,
  actor: Actor,
  transitionId: string,
  entered: Record<string, string | undefined>,
  locale = 'de',
): CheckResult {
  const t = def.transitions.find((x) => x.id === transitionId);
  if (!t) return { ok: false, refused: [{ key: 'workflow.refused.unknown' }], fields: {} };
  if (t.from !== facts.state) {
    const state = textIn(stateIn(def, facts.state)?.label, locale as never) || facts.state;
    return { ok: false, refused: [{ key: 'workflow.refused.state', params: { state } }], fields: {} };
  }
  const option = optionFor(def, t, facts, actor, locale);
  const values: Record<string, FieldValue> = {};
  const fields: Record<string, Message> = {};
  for (const f of t.fields ?? []) {
    const r = readField(f, entered[f.id], locale);
    if (r.error) fields[f.id] = r.error;
    else if (r.value !== undefined) values[f.id] = r.value;
  }
  if (!option.allowed || Object.keys(fields).length) return { ok: false, refused: option.reasons, fields };
  return { ok: true, transition: t, target: option.target, values };
}

export function statusFor(phase: Phase, current: CaseStatus, outcome?: 'approved' | 'rejected'): CaseStatus {
  if (outcome) return outcome;
  if (phase === 'received') return 'submitted';
  if (phase === 'in_review' || phase === 'awaiting_applicant') return phase;
  return current;
}

/** The state's deadline from its start point; none while it counts from completeness that is not recorded. */
export function dueDate(state: WorkflowState, at: { enteredAt: Date; submittedAt: Date; completeAt: Date | null }): Date | null {
  const d = state.deadline;
  if (!d) return null;
  const from = d.from === 'entered' ? at.enteredAt : d.from === 'submitted' ? at.submittedAt : at.completeAt;
  return from ? new Date(new Date(from).getTime() + d.days * DAY_MS) : null;
}

export type DeadlineWarning = 'overdue' | 'soon' | null;

export function deadlineWarning(state: WorkflowState | undefined, dueAt: Date | null, now = new Date()): DeadlineWarning {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  return due - now.getTime() <= (state?.deadline?.warnDays ?? 3) * DAY_MS ? 'soon' : null;
}

export interface NextCase {
  state: string;
  phase: Phase;
  status: CaseStatus;
  stateEnteredAt: Date;
  dueAt: Date | null;
  completeAt: Date | null;
  feePaidAt: Date | null;
  closedAt: Date | null;
}

/** Where the case stands after the transition: its effect recorded (completeness, payment), the new deadline. */
export function advance(
  def: WorkflowDefinition,
  facts: CaseFacts,
  t: WorkflowTransition,
  current: CaseStatus,
  now: Date,
  outcome?: 'approved' | 'rejected',
): NextCase {
  const target = stateIn(def, t.to)!;
  const completeAt = t.effect === 'complete' && !facts.completeAt ? now : facts.completeAt;
  const feePaidAt = t.effect === 'payment' ? now : facts.feePaidAt;
  // Re-entering the same state (recording completeness in review) keeps the time it was entered.
  const stateEnteredAt = t.to === t.from ? facts.stateEnteredAt : now;
  return {
    state: target.id,
    phase: target.phase,
    status: statusFor(target.phase, current, t.effect === 'decide' ? outcome : undefined),
    stateEnteredAt,
    dueAt: dueDate(target, { enteredAt: stateEnteredAt, submittedAt: facts.submittedAt, completeAt }),
    completeAt,
    feePaidAt,
    closedAt: target.phase === 'closed' ? now : null,
  };
}

/** The start of a new case: the initial state and its deadline. */
export function start(def: WorkflowDefinition, submittedAt: Date): { state: string; stateEnteredAt: Date; dueAt: Date | null } {
  const initial = stateIn(def, def.initial)!;
  return { state: initial.id, stateEnteredAt: submittedAt, dueAt: dueDate(initial, { enteredAt: submittedAt, submittedAt, completeAt: null }) };
}

/** The timer transition out of the current state whose time has come, if any. */
export function dueTimer(def: WorkflowDefinition, facts: CaseFacts, now: Date): WorkflowTransition | undefined {
  return def.transitions.find(
    (t) =>
      t.from === facts.state &&
      t.trigger === 'timer' &&
      (t.timerDays ?? 0) >= 0 &&
      now.getTime() - new Date(facts.stateEnteredAt).getTime() >= (t.timerDays ?? 0) * DAY_MS,
  );
}

/** The transition an answer of the applicant takes from the current state, if any. */
export const answerTransition = (def: WorkflowDefinition, state: string) => def.transitions.find((t) => t.from === state && t.trigger === 'applicantAnswer');

/**
 * Where a case from before workflows stands in the standard workflow, read from its status: it is moved onto the
 * workflow the next time it is worked.
 */
export function stateForLegacyStatus(def: WorkflowDefinition, status: CaseStatus): string {
  const phase: Phase = status === 'submitted' ? 'received' : status === 'approved' || status === 'rejected' ? 'decided' : status;
  return def.states.find((s) => s.phase === phase)?.id ?? def.initial;
}
