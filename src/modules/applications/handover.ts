// What case work beside the workflow needs of applications: the applicant's other cases, a case handed to another
// organisation of the region (closed here, received there with its own reference), and the management figures.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId, sha256Hex } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import type { Answers } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import type { Service } from '../services/index.ts';
import { currentWorkflow, start as startWorkflow } from '../workflows/index.ts';
import { type Application, statusToken } from './applications.ts';
import { workflowKeyOf } from './case-workflow.ts';
import * as repo from './repository.ts';

const OPEN = new Set(['submitted', 'in_review', 'awaiting_applicant']);

/** Open: not decided and not closed (a handed-over case is closed). */
export const isOpenCase = (a: Pick<Application, 'status' | 'closed_at'>) => OPEN.has(a.status) && !a.closed_at;

/** A field that holds a date of birth, where the form has one: a date field named so. */
const BIRTH = /geburt|birth/i;
const birthDateIn = (answers: Answers): string | undefined => {
  for (const [key, value] of Object.entries(answers ?? {})) if (BIRTH.test(key) && typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
};

export interface ApplicantCase {
  id: string;
  reference: string;
  serviceId: string;
  status: Application['status'];
  submittedAt: Date;
  closedAt: Date | null;
}

/**
 * The applicant's other cases in this municipality: the same e-mail (case-insensitive), or the same name and date of
 * birth where both forms have one. A name alone is not enough: two people share names.
 */
export async function otherCasesOfApplicant(tx: Tx, tenantId: string, a: Application): Promise<ApplicantCase[]> {
  const email = a.applicant_email.trim();
  const name = a.applicant_name.trim();
  const birth = birthDateIn(a.answers as Answers);
  const rows = await repo.casesByApplicant(tx, tenantId, email, birth ? name : '');
  return rows
    .filter((r) => r.id !== a.id)
    .filter(
      (r) =>
        (email && r.applicant_email.trim().toLowerCase() === email.toLowerCase()) ||
        (birth && r.applicant_name.trim().toLowerCase() === name.toLowerCase() && birthDateIn(r.answers as Answers) === birth),
    )
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      serviceId: r.service_id,
      status: r.status,
      submittedAt: new Date(r.submitted_at),
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
    }));
}

export class HandoverRefused extends Error {
  constructor(readonly key: 'casework.error.notOpen') {
    super(key);
  }
}

/** Locks the case and closes it as handed over: no one works it here any more, the applicant can no longer answer. */
export async function closeAsHandedOver(tx: Tx, tenantId: string, id: string, actor: string, data: Record<string, unknown>, now = new Date()) {
  const a = await repo.lockById(tx, tenantId, id);
  if (!a) return undefined;
  if (!isOpenCase(a)) throw new HandoverRefused('casework.error.notOpen');
  await repo.updateApplication(tx, tenantId, id, {
    status: a.status === 'awaiting_applicant' ? 'in_review' : a.status,
    closed_at: now,
    updated_at: now,
    lock_version: a.lock_version + 1,
  });
  await audit(tx, tenantId, { actor, action: 'application.handed_over', objectType: 'application', objectId: id, data });
  return a;
}

/** A message from the office on the status page: where the case went. */
export async function tellApplicant(tx: Tx, tenantId: string, id: string, staffId: string | null, text: string, now = new Date()) {
  await repo.insertMessage(tx, {
    tenant_id: tenantId,
    id: newId(),
    application_id: id,
    author: 'office',
    author_user_id: staffId,
    body: text,
    created_at: now,
  });
}

export const caseFiles = (tx: Tx, tenantId: string, id: string) => repo.filesOf(tx, tenantId, id);

/**
 * The receiving organisation's new case: its own reference, the answers and files (rows pointing at blobs the
 * caller copied into this tenant's store), a status link of its own that the applicant gets by e-mail. Idempotent
 * by the handover's id: a second delivery finds the case made by the first.
 */
export async function receiveHandedOverCase(
  tx: Tx,
  input: {
    org: Organization;
    service: Service;
    handoverId: string;
    source: Pick<Application, 'answers' | 'applicant_name' | 'applicant_email' | 'fees'>;
    files: Array<{ field: string; filename: string; content_type: string; size_bytes: number | string; sha256: string }>;
    from: { orgId: string; reference: string };
    secret: string;
    today: string;
    now?: Date;
  },
): Promise<{ id: string; reference: string; created: boolean }> {
  const now = input.now ?? new Date();
  const key = sha256Hex(`handover:${input.handoverId}`);
  const existing = await repo.findByIdempotencyKey(tx, input.org.id, key);
  if (existing) return { id: existing.id, reference: existing.reference, created: false };
  const id = newId();
  const year = Number(input.today.slice(0, 4));
  const n = await repo.nextReferenceNumber(tx, input.org.id, input.org.reference_prefix, year);
  const reference = `${input.org.reference_prefix}-${year}-${String(n).padStart(6, '0')}`;
  const retainUntil = new Date(now);
  retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + input.service.definition.retentionYears);
  // The new case runs on the receiving service's workflow from its start, as a submission there would.
  const workflow = await currentWorkflow(tx, input.org.id, workflowKeyOf(input.service), now);
  const started = startWorkflow(workflow.definition, now);
  await repo.insertApplication(tx, {
    tenant_id: input.org.id,
    id,
    reference,
    service_id: input.service.id,
    status: 'submitted',
    answers: JSON.stringify(input.source.answers ?? {}),
    applicant_name: input.source.applicant_name,
    applicant_email: input.source.applicant_email,
    status_token_hash: sha256Hex(statusToken(input.secret, id)),
    idempotency_key: key,
    submitted_at: now,
    updated_at: now,
    retain_until: retainUntil.toISOString().slice(0, 10),
    service_version: input.service.version,
    fees: input.source.fees === null || input.source.fees === undefined ? null : JSON.stringify(input.source.fees),
    workflow_id: workflow.id,
    workflow_state: started.state,
    state_entered_at: started.stateEnteredAt,
    due_at: started.dueAt,
  });
  await repo.insertFiles(
    tx,
    input.files.map((f) => ({
      tenant_id: input.org.id,
      id: newId(),
      application_id: id,
      message_id: null,
      field: f.field,
      filename: f.filename,
      content_type: f.content_type,
      size_bytes: Number(f.size_bytes),
      sha256: f.sha256,
      created_at: now,
    })),
  );
  // The applicant hears of the new case with its own status link, as after a submission.
  await enqueue(tx, input.org.id, 'application.submitted', { applicationId: id, locale: 'de' });
  await enqueue(tx, input.org.id, 'records.fileApplication', { applicationId: id });
  await audit(tx, input.org.id, {
    actor: 'system:handover',
    action: 'application.received_by_handover',
    objectType: 'application',
    objectId: id,
    data: { reference, handover: input.handoverId, fromOrg: input.from.orgId, fromReference: input.from.reference },
  });
  return { id, reference, created: true };
}

export interface ServiceFigures {
  serviceId: string;
  week: number;
  month: number;
  open: number;
  overdue: number;
}

/** Per service: received since the week's and the month's start, open, and open past the deadline (due_at). */
export const caseFiguresByService = async (tx: Tx, tenantId: string, weekStart: Date, monthStart: Date, now: Date): Promise<ServiceFigures[]> =>
  (await repo.figuresByService(tx, tenantId, weekStart, monthStart, now)).map((r) => ({
    serviceId: r.service_id,
    week: Number(r.week),
    month: Number(r.month),
    open: Number(r.open),
    overdue: Number(r.overdue),
  }));

/** Keeps the letter the Bescheid was issued with, in the transaction that decides, so its PDF never changes later. */
export async function keepDecisionLetter(tx: Tx, tenantId: string, id: string, letter: { salutation: string; paragraphs: string[] } | undefined) {
  if (!letter) return;
  await repo.updateApplication(tx, tenantId, id, { decision_letter: JSON.stringify(letter) });
}
