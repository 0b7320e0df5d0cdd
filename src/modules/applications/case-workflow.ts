// A case on its workflow: the version it runs on and where it stands, the transitions it offers the person looking
// at it, and taking one (by a clerk, by the applicant's answer, by a timer), checked against the case's lock version
// so the second of two concurrent saves is refused and nothing is overwritten.
import type { Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Message } from '../../platform/i18n/index.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import { newId } from '../../platform/ids.ts';
import type { Answers } from '../forms/index.ts';
import { visibleSteps } from '../forms/index.ts';
import type { Service } from '../services/index.ts';
import {
  type Actor,
  advance,
  answerTransition,
  type CaseFacts,
  type CaseStatus,
  checkTransition,
  currentWorkflow,
  deadlineWarning,
  dueTimer,
  STANDARD,
  stateForLegacyStatus,
  stateOf,
  transitionsFrom,
  type Workflow,
  workflowById,
  type WorkflowState,
  type WorkflowTransition,
} from '../workflows/index.ts';
import type { Application } from './applications.ts';
import * as repo from './repository.ts';

/** The workflow key a service names; services from before workflows name `approval`, which is the standard one. */
export const workflowKeyOf = (service: Service) => {
  const d = service.definition as { workflow?: string; local?: { workflow?: string } };
  const key = String(d.local?.workflow ?? d.workflow ?? STANDARD.key);
  return key === 'approval' ? STANDARD.key : key;
};

/** The workflow version the case runs on; a case from before workflows runs on the municipality's standard one. */
export async function workflowOfCase(tx: Tx, tenantId: string, a: Pick<Application, 'workflow_id'>): Promise<{ workflow: Workflow; legacy: boolean }> {
  const stored = a.workflow_id ? await workflowById(tx, tenantId, a.workflow_id) : undefined;
  if (stored) return { workflow: stored, legacy: false };
  return { workflow: await currentWorkflow(tx, tenantId, STANDARD.key), legacy: true };
}

/** Required file fields of the visible form without a file. */
function missingFiles(service: Service, answers: Answers, fileFields: Set<string>): string[] {
  return visibleSteps(service.definition.form, answers)
    .flatMap((s) => s.fields)
    .filter((f) => f.type === 'file' && f.required && !fileFields.has(f.id))
    .map((f) => f.id);
}

type Taken = Awaited<ReturnType<typeof repo.transitionsTaken>>;

function lastTakenBy(rows: Taken): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const id = (r.data as { transition?: unknown } | null)?.transition;
    const staff = /^staff:(.+)$/.exec(r.actor)?.[1];
    if (typeof id === 'string' && staff) out[id] = staff;
  }
  return out;
}

export function factsOf(a: Application, state: string, service: Service, files: Array<{ field: string; message_id: string | null }>, taken: Taken): CaseFacts {
  const fees = a.fees as { totalMinor?: number } | null;
  const answers = (a.answers ?? {}) as Answers;
  return {
    state,
    assignedTo: a.assigned_to,
    feesDue: (fees?.totalMinor ?? 0) > 0,
    feePaidAt: a.fee_paid_at ? new Date(a.fee_paid_at) : null,
    // A paper application's enclosures came with the letter into the file; the form's upload fields do not apply.
    missingFiles: a.channel === 'paper' ? [] : missingFiles(service, answers, new Set(files.filter((f) => !f.message_id).map((f) => f.field))),
    answers,
    lastTakenBy: lastTakenBy(taken),
    submittedAt: new Date(a.submitted_at),
    stateEnteredAt: new Date(a.state_entered_at ?? a.submitted_at),
    completeAt: a.complete_at ? new Date(a.complete_at) : null,
  };
}

/** What the case page shows of the workflow: version, state, deadline and what the viewer may do next. */
export async function caseRun(
  tx: Tx,
  tenantId: string,
  a: Application,
  service: Service,
  actor: Actor,
  locale: string,
  /** The case's files, as the case page has read them already. */
  files: Array<{ field: string; message_id: string | null }>,
  now = new Date(),
) {
  const { workflow, legacy } = await workflowOfCase(tx, tenantId, a);
  const stateId = (!legacy && a.workflow_state) || stateForLegacyStatus(workflow.definition, a.status as CaseStatus);
  const taken = await repo.transitionsTaken(tx, tenantId, a.id);
  const facts = factsOf(a, stateId, service, files, taken);
  const state = stateOf(workflow.definition, stateId);
  const dueAt = legacy ? null : a.due_at ? new Date(a.due_at) : null;
  return {
    workflow,
    legacy,
    state,
    facts,
    dueAt,
    warning: deadlineWarning(state, dueAt, now),
    options: transitionsFrom(workflow.definition, facts, actor, locale),
  };
}
export type CaseRun = Awaited<ReturnType<typeof caseRun>>;

/** What taking a transition does beyond the state, as the ask and decide flows hand it in. */
export type EffectInput =
  | { kind: 'ask'; messageId: string; text: string }
  | {
      kind: 'decide';
      outcome: 'approved' | 'rejected';
      reason: string;
      effectiveFrom: string | null;
      remedy: Record<string, string>;
      retentionYears: number;
      /** The case's last change when the preview was made: a change since needs a new look. */
      caseVersion?: Date;
    };

export type TakeResult =
  | { ok: true; transition: WorkflowTransition; target: WorkflowState; applicationId: string }
  | { ok: false; kind: 'notFound' }
  | { ok: false; kind: 'stale' }
  | { ok: false; kind: 'refused'; refused: Message[]; fields: Record<string, Message> };

type By = { kind: 'staff'; actor: Actor } | { kind: 'applicant' } | { kind: 'system' };

const actorName = (by: By) => (by.kind === 'staff' ? `staff:${by.actor.id}` : by.kind === 'applicant' ? 'applicant' : 'system:workflow');

/**
 * Takes one transition of the case in the caller's transaction. A staff member's save names the lock version
 * their page showed: a case changed since is refused as stale, and nothing is written.
 */
export async function takeTransition(
  tx: Tx,
  input: {
    tenantId: string;
    applicationId: string;
    service: Service;
    by: By;
    transitionId: string;
    /** The case's lock version on the page the save came from; none for the applicant's answer and timers. */
    lockVersion?: number;
    entered?: Record<string, string | undefined>;
    effect?: EffectInput;
    locale?: string;
    now?: Date;
  },
): Promise<TakeResult> {
  const now = input.now ?? new Date();
  const a = await repo.lockById(tx, input.tenantId, input.applicationId);
  if (!a) return { ok: false, kind: 'notFound' };
  if (input.lockVersion !== undefined && a.lock_version !== input.lockVersion) return { ok: false, kind: 'stale' };
  if (input.effect?.kind === 'decide' && input.effect.caseVersion && new Date(a.updated_at).getTime() !== new Date(input.effect.caseVersion).getTime()) {
    return { ok: false, kind: 'stale' };
  }
  const { workflow, legacy } = await workflowOfCase(tx, input.tenantId, a);
  const def = workflow.definition;
  const from = (!legacy && a.workflow_state) || stateForLegacyStatus(def, a.status as CaseStatus);
  const [files, taken] = await Promise.all([repo.filesOf(tx, input.tenantId, a.id), repo.transitionsTaken(tx, input.tenantId, a.id)]);
  const facts = factsOf(a, from, input.service, files, taken);
  let transition: WorkflowTransition;
  let values: Record<string, string | number> = {};
  if (input.by.kind === 'staff') {
    const checked = checkTransition(def, facts, input.by.actor, input.transitionId, input.entered ?? {}, input.locale);
    if (!checked.ok) return { ok: false, kind: 'refused', refused: checked.refused, fields: checked.fields };
    const effect = checked.transition.effect;
    // Asking and deciding need their own input (the question, the confirmed Bescheid): never taken without it.
    if ((effect === 'ask' || effect === 'decide') && input.effect?.kind !== effect) {
      return { ok: false, kind: 'refused', refused: [{ key: 'workflow.refused.useForm' }], fields: {} };
    }
    transition = checked.transition;
    values = checked.values;
  } else {
    const t = def.transitions.find((x) => x.id === input.transitionId && x.from === from);
    const trigger = input.by.kind === 'applicant' ? 'applicantAnswer' : 'timer';
    if (!t || t.trigger !== trigger) return { ok: false, kind: 'refused', refused: [{ key: 'workflow.refused.state', params: { state: from } }], fields: {} };
    transition = t;
  }
  const decision = input.effect?.kind === 'decide' ? input.effect : undefined;
  const next = advance(def, facts, transition, a.status as CaseStatus, now, decision?.outcome);
  const staffId = input.by.kind === 'staff' ? input.by.actor.id : undefined;
  const takesUp = staffId && !a.assigned_to;
  const changes: Parameters<typeof repo.updateApplication>[3] = {
    workflow_id: workflow.id,
    workflow_state: next.state,
    state_entered_at: next.stateEnteredAt,
    due_at: next.dueAt,
    complete_at: next.completeAt,
    fee_paid_at: next.feePaidAt,
    closed_at: next.closedAt,
    status: next.status,
    lock_version: a.lock_version + 1,
    updated_at: now,
    ...(takesUp ? { assigned_to: staffId } : {}),
    ...(staffId ? { staff_seen_at: now } : {}),
  };
  if (decision) {
    const retain = new Date(now);
    retain.setUTCFullYear(retain.getUTCFullYear() + decision.retentionYears);
    Object.assign(changes, {
      decision_reason: decision.reason,
      decision_effective_from: decision.effectiveFrom,
      decision_remedy: JSON.stringify(decision.remedy),
      decided_at: now,
      decided_by: staffId ?? null,
      retain_until: retain.toISOString().slice(0, 10),
    });
  }
  await repo.updateApplication(tx, input.tenantId, a.id, changes);
  const actor = actorName(input.by);
  const object = { objectType: 'application', objectId: a.id } as const;
  // The history and the citizen's timeline read these entries: taking a case up is an assignment.
  if (takesUp) await audit(tx, input.tenantId, { actor, action: 'application.assigned', ...object, data: { to: staffId } });
  if (input.effect?.kind === 'ask') {
    await repo.insertMessage(tx, {
      tenant_id: input.tenantId,
      id: input.effect.messageId,
      application_id: a.id,
      author: 'office',
      author_user_id: staffId ?? null,
      body: input.effect.text,
      created_at: now,
    });
    await audit(tx, input.tenantId, { actor, action: 'application.question_asked', ...object, data: { messageId: input.effect.messageId } });
    await enqueue(tx, input.tenantId, 'application.question_asked', { applicationId: a.id });
  }
  if (decision) {
    await audit(tx, input.tenantId, {
      actor,
      action: `application.${decision.outcome}`,
      ...object,
      data: { effectiveFrom: decision.effectiveFrom, remedy: decision.remedy.kind ?? null },
    });
    await enqueue(tx, input.tenantId, 'application.decided', { applicationId: a.id });
  }
  const change = { from, to: next.state, transition: transition.id, fields: values };
  // The labels go with the entry, so the history reads as the version the case ran on named its steps.
  const names = { label: transition.label, toLabel: stateOf(def, next.state)?.label, effect: transition.effect ?? null };
  await audit(tx, input.tenantId, {
    actor,
    action: 'application.transition',
    ...object,
    data: { ...change, workflow: workflow.key, version: workflow.version, ...names },
  });
  await enqueue(tx, input.tenantId, 'case.state_changed', { applicationId: a.id, ...change, phase: next.phase, status: next.status });
  return { ok: true, transition, target: stateOf(def, next.state)!, applicationId: a.id };
}

/** The transition the applicant's answer takes from the case's state, when there is one (none: no answer is awaited). */
export async function answerTransitionOf(tx: Tx, tenantId: string, a: Application): Promise<string | undefined> {
  const { workflow, legacy } = await workflowOfCase(tx, tenantId, a);
  const state = (!legacy && a.workflow_state) || stateForLegacyStatus(workflow.definition, a.status as CaseStatus);
  return answerTransition(workflow.definition, state)?.id;
}

/**
 * What the citizen's status page needs of the workflow: whether an answer is awaited (a state waiting for payment
 * waits for the applicant too, but not for an answer), and the state, whose label says more than the phase there.
 */
export async function applicantView(tx: Tx, tenantId: string, a: Application) {
  const { workflow, legacy } = await workflowOfCase(tx, tenantId, a);
  const stateId = (!legacy && a.workflow_state) || stateForLegacyStatus(workflow.definition, a.status as CaseStatus);
  return { answerOpen: a.status === 'awaiting_applicant' && !!answerTransition(workflow.definition, stateId), state: stateOf(workflow.definition, stateId) };
}

/** A new message id for a question, made before the transaction so the effect names it. */
export const newMessageId = () => newId();

/**
 * Takes every timer transition whose time has come in one municipality: each case in its own check, so a case
 * worked meanwhile (its state changed) is left alone. Returns how many moved.
 */
export async function runTimers(tx: Tx, tenantId: string, serviceOf: (a: Application) => Promise<Service | undefined>, now = new Date()): Promise<number> {
  const candidates = await repo.timerCandidates(tx, tenantId, now);
  const workflows = new Map<string, Workflow | undefined>();
  let moved = 0;
  for (const c of candidates) {
    if (!workflows.has(c.workflow_id!)) workflows.set(c.workflow_id!, await workflowById(tx, tenantId, c.workflow_id!));
    const def = workflows.get(c.workflow_id!)?.definition;
    if (!def) continue;
    const timer = dueTimer(def, { state: c.workflow_state ?? '', stateEnteredAt: new Date(c.state_entered_at!) } as CaseFacts, now);
    if (!timer) continue;
    const a = await repo.findById(tx, tenantId, c.id);
    const service = a && (await serviceOf(a));
    if (!service) continue;
    const r = await takeTransition(tx, { tenantId, applicationId: c.id, service, by: { kind: 'system' }, transitionId: timer.id, now });
    if (r.ok) moved++;
  }
  return moved;
}
