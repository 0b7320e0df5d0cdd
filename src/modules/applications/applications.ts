// The life of an application: draft → submitted → in review ⇄ awaiting applicant → approved | rejected.
import type { Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { DEFAULT_ACCEPT, incomingFiles, storeUpload } from '../../platform/blobs/uploads.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import { derivedToken, newId, sha256Hex } from '../../platform/ids.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import {
  allFields,
  fieldWithRole,
  finalAnswers,
  hasControlCharacters,
  validateAll,
  type Answers,
  type FileAnswer,
  type ValidationContext,
} from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import { computeFees, type Service } from '../services/index.ts';
import { currentWorkflow, start as startWorkflow, type Actor } from '../workflows/index.ts';
import { answerTransitionOf, newMessageId, type TakeResult, takeTransition, workflowKeyOf } from './case-workflow.ts';
import type { Draft } from './drafts.ts';
import { caseHistory } from './history.ts';
import * as repo from './repository.ts';

export type Status = 'submitted' | 'in_review' | 'awaiting_applicant' | 'approved' | 'rejected';
export const STATUSES: Status[] = ['submitted', 'in_review', 'awaiting_applicant', 'approved', 'rejected'];
const OPEN: Status[] = ['submitted', 'in_review', 'awaiting_applicant'];
const MAX_MESSAGE_LENGTH = 4000;

export class TransitionError extends Error {
  constructor(
    readonly key:
      | 'case.error.notOpen'
      | 'case.error.notAwaiting'
      | 'case.error.emptyText'
      | 'case.error.tooLong'
      | 'validation.controlCharacters'
      | 'decisions.error.stale',
  ) {
    super(key);
  }
}

export const statusToken = (secret: string, applicationId: string) => derivedToken(secret, 'status', applicationId);

// ----- submission -----

type SubmitResult =
  | { kind: 'submitted' | 'already'; applicationId: string; reference: string }
  | { kind: 'missing' }
  | { kind: 'invalid'; errors: ReturnType<typeof validateAll> };

/**
 * Submits the draft once: the draft token is the idempotency key, so a reload, the back button or a double
 * click finds the application already made instead of making another.
 */
export async function submit(
  tx: Tx,
  input: {
    org: Organization;
    service: Service;
    draftToken: string | undefined;
    draft: Draft | undefined;
    ctx: ValidationContext;
    locale: string;
    secret: string;
    now?: Date;
  },
): Promise<SubmitResult> {
  const { org, service } = input;
  const now = input.now ?? new Date();
  if (!input.draftToken) return { kind: 'missing' };
  const key = sha256Hex(input.draftToken);
  const existing = await repo.findByIdempotencyKey(tx, org.id, key);
  if (existing) return { kind: 'already', applicationId: existing.id, reference: existing.reference };
  const draft = input.draft;
  if (!draft) return { kind: 'missing' };
  const form = service.definition.form;
  const errors = validateAll(form, draft.answers, input.ctx);
  if (errors.length) return { kind: 'invalid', errors };

  // Rows that every submission of this municipality contends for (the reference counter, the audit head) are
  // locked last, so concurrent submissions wait for each other only during the final statements.
  const id = newId();
  const a = finalAnswers(form, draft.answers);
  const fees = computeFees(service.definition, a, form);
  const text = (role: 'firstName' | 'lastName' | 'email') => String(a[fieldWithRole(form, role) ?? ''] ?? '');
  const workflow = await currentWorkflow(tx, org.id, workflowKeyOf(service), now);
  const started = startWorkflow(workflow.definition, now);
  const retainUntil = new Date(now);
  retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + service.definition.retentionYears);
  await repo.deleteDraft(tx, org.id, draft.tokenHash);
  await enqueue(tx, org.id, 'application.submitted', { applicationId: id, locale: input.locale });
  await enqueue(tx, org.id, 'records.fileApplication', { applicationId: id });
  const year = Number(input.ctx.today.slice(0, 4));
  const n = await repo.nextReferenceNumber(tx, org.id, org.reference_prefix, year);
  const reference = `${org.reference_prefix}-${year}-${String(n).padStart(6, '0')}`;
  await repo.insertApplication(tx, {
    tenant_id: org.id,
    id,
    reference,
    service_id: service.id,
    status: 'submitted',
    answers: JSON.stringify(a),
    applicant_name: `${text('firstName')} ${text('lastName')}`.trim(),
    applicant_email: text('email'),
    status_token_hash: sha256Hex(statusToken(input.secret, id)),
    idempotency_key: key,
    submitted_at: now,
    updated_at: now,
    retain_until: retainUntil.toISOString().slice(0, 10),
    service_version: service.version,
    fees: JSON.stringify(fees),
    workflow_id: workflow.id,
    workflow_state: started.state,
    state_entered_at: started.stateEnteredAt,
    due_at: started.dueAt,
  });
  await repo.insertFiles(
    tx,
    allFields(form)
      .filter((f) => f.type === 'file')
      .flatMap((f) => ((a[f.id] as FileAnswer[] | undefined) ?? []).map((file) => fileRow(org.id, id, null, f.id, file, now))),
  );
  await audit(tx, org.id, { actor: 'applicant', action: 'application.submitted', objectType: 'application', objectId: id, data: { reference } });
  return { kind: 'submitted', applicationId: id, reference };
}

function fileRow(tenantId: string, applicationId: string, messageId: string | null, field: string, file: FileAnswer, now: Date) {
  return {
    tenant_id: tenantId,
    id: newId(),
    application_id: applicationId,
    message_id: messageId,
    field,
    filename: file.filename,
    content_type: file.contentType,
    size_bytes: file.size,
    sha256: file.sha256,
    created_at: now,
  };
}

// ----- reading -----

export const applicationByStatusToken = (tx: Tx, tenantId: string, token: string) => repo.findByStatusTokenHash(tx, tenantId, sha256Hex(token));
export const applicationById = (tx: Tx, tenantId: string, id: string) => repo.findById(tx, tenantId, id);
export type Application = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

export async function caseFile(tx: Tx, tenantId: string, id: string) {
  const application = await repo.findById(tx, tenantId, id);
  if (!application) return undefined;
  const [messages, files] = await Promise.all([repo.messagesOf(tx, tenantId, id), repo.filesOf(tx, tenantId, id)]);
  return { application, messages, files };
}
export type CaseFile = NonNullable<Awaited<ReturnType<typeof caseFile>>>;

/** The case as staff see it: the file with its history from the audit log. */
export async function staffCaseFile(tx: Tx, tenantId: string, id: string) {
  const file = await caseFile(tx, tenantId, id);
  if (!file) return undefined;
  return { ...file, history: await caseHistory(tx, tenantId, id, file.application.submitted_at) };
}
export type StaffCaseFile = NonNullable<Awaited<ReturnType<typeof staffCaseFile>>>;

export const fileOf = (tx: Tx, tenantId: string, applicationId: string, fileId: string) => repo.findFile(tx, tenantId, applicationId, fileId);

// The inbox's search, filters and paging are in inbox.ts.

/** A staff member opened the case: an answer that had come in is seen, and the inbox's badge goes. */
export const caseSeen = (tx: Tx, tenantId: string, id: string, now = new Date()) => repo.markSeen(tx, tenantId, id, now);

// ----- casework -----

function checkText(body: string, mayBeEmpty = false): string {
  const text = body.toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!text && !mayBeEmpty) throw new TransitionError('case.error.emptyText');
  if (text.length > MAX_MESSAGE_LENGTH) throw new TransitionError('case.error.tooLong');
  if (hasControlCharacters(text)) throw new TransitionError('validation.controlCharacters');
  return text;
}

/** Who works the case, as the workflow sees them: account role and the workflow roles the account holds. */
export const actorOf = (staff: StaffPrincipal, caseRoles: readonly string[]): Actor => ({ id: staff.id, role: staff.role, caseRoles });

/** What every save on the case page names: the transition its form is for and the lock version the page showed. */
export interface CaseSave {
  service: Service;
  actor: Actor;
  transitionId: string;
  lockVersion: number;
  locale?: string;
  now?: Date;
}

/**
 * Assigns the case to the staff member; not a workflow step, but a save of the case like any other, so it raises
 * the lock version and a stale page is refused.
 */
export async function assignToSelf(
  tx: Tx,
  tenantId: string,
  id: string,
  staff: StaffPrincipal,
  lockVersion: number,
  now = new Date(),
): Promise<'ok' | 'stale' | 'closed' | 'notFound'> {
  const application = await repo.lockById(tx, tenantId, id);
  if (!application) return 'notFound';
  if (application.lock_version !== lockVersion) return 'stale';
  if (application.closed_at || !OPEN.includes(application.status)) return 'closed';
  await repo.updateApplication(tx, tenantId, id, { assigned_to: staff.id, updated_at: now, staff_seen_at: now, lock_version: application.lock_version + 1 });
  await audit(tx, tenantId, { actor: `staff:${staff.id}`, action: 'application.assigned', objectType: 'application', objectId: id, data: { to: staff.id } });
  return 'ok';
}

/** A question to the applicant: the workflow's `ask` transition with the question as its effect. */
export async function askApplicant(tx: Tx, tenantId: string, id: string, question: string, save: CaseSave): Promise<TakeResult> {
  const text = checkText(question);
  return takeTransition(tx, {
    tenantId,
    applicationId: id,
    service: save.service,
    by: { kind: 'staff', actor: save.actor },
    transitionId: save.transitionId,
    lockVersion: save.lockVersion,
    effect: { kind: 'ask', messageId: newMessageId(), text },
    locale: save.locale,
    now: save.now,
  });
}

/** Any other transition, with the fields the clerk entered. */
export async function takeStep(tx: Tx, tenantId: string, id: string, entered: Record<string, string | undefined>, save: CaseSave): Promise<TakeResult> {
  return takeTransition(tx, {
    tenantId,
    applicationId: id,
    service: save.service,
    by: { kind: 'staff', actor: save.actor },
    transitionId: save.transitionId,
    lockVersion: save.lockVersion,
    entered,
    locale: save.locale,
    now: save.now,
  });
}

async function answerQuestion(
  tx: Tx,
  tenantId: string,
  service: Service,
  application: Application,
  answer: string,
  files: Array<FileAnswer & { field: string }>,
  now = new Date(),
) {
  const text = checkText(answer, files.length > 0);
  const locked = await repo.lockById(tx, tenantId, application.id);
  const transition = locked && locked.status === 'awaiting_applicant' ? await answerTransitionOf(tx, tenantId, locked) : undefined;
  if (!locked || !transition) throw new TransitionError('case.error.notAwaiting');
  const messageId = newId();
  await repo.insertMessage(tx, {
    tenant_id: tenantId,
    id: messageId,
    application_id: application.id,
    author: 'applicant',
    author_user_id: null,
    body: text,
    created_at: now,
  });
  await repo.insertFiles(
    tx,
    files.map((f) => fileRow(tenantId, application.id, messageId, f.field, f, now)),
  );
  await repo.updateApplication(tx, tenantId, application.id, { answered_at: now });
  // The answer moves the case on in its workflow (back into review): audited, announced, the lock version raised.
  await takeTransition(tx, { tenantId, applicationId: application.id, service, by: { kind: 'applicant' }, transitionId: transition, now });
  await audit(tx, tenantId, {
    actor: 'applicant',
    action: 'application.question_answered',
    objectType: 'application',
    objectId: application.id,
    data: { messageId, files: files.length },
  });
}

/**
 * The applicant's answer from the status page: refused while the office is not waiting for one, then the uploads
 * are stored (each checked by its content and size) and the answer saved. A refusal names the message to show.
 */
export async function answerFromPortal(
  tx: Tx,
  input: { blobs: BlobStore; tenantId: string; service: Service; application: Application; text: string; files: unknown; uploadMaxBytes: number },
): Promise<{ ok: true } | { ok: false; key: MessageKey; params?: Record<string, string | number> }> {
  if (input.application.status !== 'awaiting_applicant') return { ok: false, key: 'case.error.notAwaiting' };
  const files: Array<FileAnswer & { field: string }> = [];
  for (const incoming of incomingFiles(input.files)) {
    const result = await storeUpload(input.blobs, input.tenantId, incoming, DEFAULT_ACCEPT, input.uploadMaxBytes);
    if (!result.ok) return { ok: false, key: result.key, params: result.params };
    files.push({ ...result.file, field: 'answer' });
  }
  try {
    await answerQuestion(tx, input.tenantId, input.service, input.application, input.text, files);
  } catch (e) {
    if (!(e instanceof TransitionError)) throw e;
    return { ok: false, key: e.key };
  }
  return { ok: true };
}

/** A decision as the clerk confirmed it on the preview. */
export interface Decision {
  outcome: 'approved' | 'rejected';
  reason: string;
  /** "2027-01-01", or null: from notification. */
  effectiveFrom: string | null;
  /** The remedy the Bescheid names, kept with the decision so a later change of the settings does not rewrite it. */
  remedy: Record<string, string>;
  /** The case's last change when the preview was made: a case changed since (an answer came in) is not decided. */
  caseVersion?: Date;
}

/** The binding decision: the workflow's `decide` transition with the confirmed Bescheid as its effect. */
export async function decide(tx: Tx, tenantId: string, id: string, decision: Decision, retentionYears: number, save: CaseSave): Promise<TakeResult> {
  const reason = checkText(decision.reason);
  return takeTransition(tx, {
    tenantId,
    applicationId: id,
    service: save.service,
    by: { kind: 'staff', actor: save.actor },
    transitionId: save.transitionId,
    lockVersion: save.lockVersion,
    effect: {
      kind: 'decide',
      outcome: decision.outcome,
      reason,
      effectiveFrom: decision.effectiveFrom,
      remedy: decision.remedy,
      retentionYears,
      caseVersion: decision.caseVersion,
    },
    locale: save.locale,
    now: save.now,
  });
}

// ----- retention -----

/**
 * Blobs no row points at any more: replaced uploads, uploads of abandoned requests, interrupted purges, a replaced
 * or removed logo. `alsoInUse` are the tenant's blobs that other modules keep (its logo).
 */
export async function orphanedBlobs(tx: Tx, tenantId: string, stored: Array<{ sha256: string; writtenAt: Date }>, olderThan: Date, alsoInUse: string[] = []) {
  const used = await blobsInUse(tx, tenantId);
  for (const sha256 of alsoInUse) used.add(sha256);
  return stored.filter((b) => b.writtenAt < olderThan && !used.has(b.sha256)).map((b) => b.sha256);
}

async function blobsInUse(tx: Tx, tenantId: string): Promise<Set<string>> {
  const refs = await repo.referencedBlobs(tx, tenantId);
  return new Set([...refs.files, ...refs.draftAnswers.flatMap(hashesIn)]);
}

const hashesIn = (answers: unknown): string[] =>
  Object.values((answers ?? {}) as Answers).flatMap((v) =>
    Array.isArray(v) ? v.flatMap((f) => (f && typeof f === 'object' && typeof (f as FileAnswer).sha256 === 'string' ? [(f as FileAnswer).sha256] : [])) : [],
  );

/**
 * Deletes unfinished drafts after their expiry and returns the blobs no longer referenced by anything. Cases are
 * deleted by the retention module, by its rules, holds and the archive's marks.
 */
export async function purgeExpired(tx: Tx, tenantId: string, now = new Date()) {
  const drafts = await repo.deleteExpiredDrafts(tx, tenantId, now);
  const candidates = new Set(drafts.flatMap((d) => hashesIn(d.answers)));
  const used = candidates.size ? await blobsInUse(tx, tenantId) : new Set<string>();
  const orphaned = [...candidates].filter((sha256) => !used.has(sha256));
  return { drafts: drafts.length, orphaned };
}
