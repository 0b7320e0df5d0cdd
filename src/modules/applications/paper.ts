// Applications that arrive on paper: the scanning intake starts a case for them, with a reference number and the
// service's workflow, as the portal does for an online application. The answers are the few facts the clerk types
// from the letter; the letter itself goes into the case's file.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId, sha256Hex } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import type { Organization } from '../organizations/index.ts';
import type { Service } from '../services/index.ts';
import { currentWorkflow, start } from '../workflows/index.ts';
import { statusToken } from './applications.ts';
import { workflowKeyOf } from './case-workflow.ts';
import * as repo from './repository.ts';

export interface PaperApplicant {
  name: string;
  /** Empty when the letter names none: then no e-mail goes out. */
  email: string;
  address: string;
}

/** Answers of a paper case: keys no form field has, so the case page tells them apart from a form's answers. */
export const PAPER_ANSWERS = { name: 'papier.name', email: 'papier.email', address: 'papier.anschrift' } as const;

/**
 * A new case for a paper application. `idempotencyKey` is the intake form's one-time key: the same form sent twice
 * finds the case it made the first time.
 */
export async function createPaperApplication(
  tx: Tx,
  input: { org: Organization; service: Service; applicant: PaperApplicant; actor: string; secret: string; idempotencyKey: string; now?: Date; today: string },
): Promise<{ applicationId: string; reference: string; created: boolean }> {
  const { org, service, applicant } = input;
  const now = input.now ?? new Date();
  const key = sha256Hex(`paper:${input.idempotencyKey}`);
  const existing = await repo.findByIdempotencyKey(tx, org.id, key);
  if (existing) return { applicationId: existing.id, reference: existing.reference, created: false };
  const id = newId();
  const retainUntil = new Date(now);
  retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + service.definition.retentionYears);
  if (applicant.email) await enqueue(tx, org.id, 'application.submitted', { applicationId: id, locale: 'de' });
  const year = Number(input.today.slice(0, 4));
  const n = await repo.nextReferenceNumber(tx, org.id, org.reference_prefix, year);
  const reference = `${org.reference_prefix}-${year}-${String(n).padStart(6, '0')}`;
  const workflow = await currentWorkflow(tx, org.id, workflowKeyOf(service), now);
  const begun = start(workflow.definition, now);
  await repo.insertApplication(tx, {
    tenant_id: org.id,
    id,
    reference,
    service_id: service.id,
    status: 'submitted',
    answers: JSON.stringify({ [PAPER_ANSWERS.name]: applicant.name, [PAPER_ANSWERS.email]: applicant.email, [PAPER_ANSWERS.address]: applicant.address }),
    applicant_name: applicant.name,
    applicant_email: applicant.email,
    status_token_hash: sha256Hex(statusToken(input.secret, id)),
    idempotency_key: key,
    submitted_at: now,
    updated_at: now,
    retain_until: retainUntil.toISOString().slice(0, 10),
    service_version: service.version,
    channel: 'paper',
    workflow_id: workflow.id,
    workflow_state: begun.state,
    state_entered_at: begun.stateEnteredAt,
    due_at: begun.dueAt,
  });
  await audit(tx, org.id, {
    actor: input.actor,
    action: 'application.received_on_paper',
    objectType: 'application',
    objectId: id,
    data: { reference, service: service.id },
  });
  return { applicationId: id, reference, created: true };
}

/** A case of this municipality by its reference number ("GT-2026-000123"), typed in any case. */
export async function applicationByReference(tx: Tx, tenantId: string, reference: string) {
  const normalised = reference.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,10}-\d{4}-\d{6}$/.test(normalised)) return undefined;
  return repo.findByReference(tx, tenantId, normalised);
}
