// What happened to a case, for the clerk: every event of the audit log about the application, with who and when.
import type { Tx } from '../../platform/db/database.ts';
import * as repo from './repository.ts';

export type HistoryKind =
  | 'received'
  | 'receivedOnPaper'
  | 'receivedByHandover'
  | 'assigned'
  | 'question'
  | 'answer'
  | 'approved'
  | 'rejected'
  | 'decided'
  | 'transition'
  | 'note'
  | 'taskCreated'
  | 'taskCompleted'
  | 'taskReopened'
  | 'handedOver'
  | 'holdSet'
  | 'holdLifted';

export interface HistoryEntry {
  kind: HistoryKind;
  at: Date;
  /** Who did it: the applicant, a staff member (by account id) or the system. */
  by: { kind: 'applicant' } | { kind: 'staff'; id: string } | { kind: 'system' };
  /** For an assignment: the account it went to. */
  assignee?: string;
  /** For an answer: how many files came with it. */
  files?: number;
  /** For a workflow step: its label and the state it led to, as the workflow version named them. */
  step?: { label: { de: string; en?: string }; to: { de: string; en?: string } };
}

const KINDS: Record<string, HistoryKind> = {
  'application.submitted': 'received',
  'application.assigned': 'assigned',
  'application.question_asked': 'question',
  'application.question_answered': 'answer',
  'application.approved': 'approved',
  'application.rejected': 'rejected',
  'application.decided': 'decided',
  'application.transition': 'transition',
  'application.received_on_paper': 'receivedOnPaper',
  'application.received_by_handover': 'receivedByHandover',
  'application.handed_over': 'handedOver',
  'application.legal_hold_set': 'holdSet',
  'application.legal_hold_lifted': 'holdLifted',
  // Case work beside the workflow: staff-only entries, never part of the citizen's timeline (timeline.ts).
  'case.note_added': 'note',
  'case.task_created': 'taskCreated',
  'case.task_completed': 'taskCompleted',
  'case.task_reopened': 'taskReopened',
};

/** Kinds that stand for the case's first entry: a case has one of them, or gets "received" from its submission time. */
const FIRST: HistoryKind[] = ['received', 'receivedOnPaper', 'receivedByHandover'];

const isText = (v: unknown): v is { de: string; en?: string } => !!v && typeof v === 'object' && typeof (v as { de?: unknown }).de === 'string';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actorOf(actor: string): HistoryEntry['by'] {
  if (actor === 'applicant') return { kind: 'applicant' };
  const staff = /^staff:(.+)$/.exec(actor)?.[1];
  return staff && UUID.test(staff) ? { kind: 'staff', id: staff } : { kind: 'system' };
}

type AuditRow = { occurred_at: Date | string; actor: string; action: string; data: unknown };

/**
 * The audit entries as history, oldest first; entries of other kinds are left out. A case without its
 * "received" entry (imported or generated data) gets it from the application's own submission time.
 */
export function historyOf(rows: AuditRow[], submittedAt: Date): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    let kind = KINDS[row.action];
    if (!kind) continue;
    const data = (row.data ?? {}) as Record<string, unknown>;
    if (kind === 'decided' && (data.outcome === 'approved' || data.outcome === 'rejected')) kind = data.outcome;
    const entry: HistoryEntry = { kind, at: new Date(row.occurred_at), by: actorOf(row.actor) };
    if (kind === 'assigned' && typeof data.to === 'string' && UUID.test(data.to)) entry.assignee = data.to;
    if (kind === 'answer' && typeof data.files === 'number' && data.files > 0) entry.files = data.files;
    if (kind === 'transition') {
      // Steps whose effect has its own entry (a question, a decision, taking a case up) are shown by that entry.
      if (!isText(data.label) || !isText(data.toLabel) || data.effect === 'ask' || data.effect === 'decide') continue;
      entry.step = { label: data.label, to: data.toLabel };
    }
    entries.push(entry);
  }
  if (!entries.some((e) => FIRST.includes(e.kind))) entries.unshift({ kind: 'received', at: new Date(submittedAt), by: { kind: 'applicant' } });
  return entries;
}

export async function caseHistory(tx: Tx, tenantId: string, applicationId: string, submittedAt: Date): Promise<HistoryEntry[]> {
  return historyOf(await repo.auditEntriesOf(tx, tenantId, applicationId), submittedAt);
}

/** The staff accounts a history names (actors and assignees), for looking up their names. */
export const staffIn = (history: HistoryEntry[]): string[] =>
  history.flatMap((h) => [...(h.by.kind === 'staff' ? [h.by.id] : []), ...(h.assignee ? [h.assignee] : [])]);
