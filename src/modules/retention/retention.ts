// Retention: rules (DIN 66398 style: a start event plus a period), legal holds, and the deletion of expired cases
// with a protocol that counts what went, by class of data only.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { newId } from '../../platform/ids.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { orphanedBlobs } from '../applications/index.ts';
import { blobsOfRecords, deleteCaseRecords } from './records-link.ts';
import * as repo from './repository.ts';
import {
  type DataClass,
  DOCUMENT_TYPES,
  type DocumentType,
  type HoldErrors,
  type HoldInput,
  MAX_YEARS,
  REASON_MAX,
  type RuleErrors,
  type RuleInput,
  type RulePeriod,
  START_EVENTS,
  type StartEvent,
} from './schema.ts';

// ----- the date -----

/** The start event's day in the municipality's zone plus the period; the end of a shorter month is its last day. */
export function retentionDate(
  period: RulePeriod,
  events: { submittedAt: Date | null; decidedAt: Date | null; closedAt: Date | null },
  timeZone: string,
): string | null {
  const at = period.startEvent === 'submitted' ? events.submittedAt : period.startEvent === 'decided' ? events.decidedAt : events.closedAt;
  if (!at) return null;
  return addPeriod(todayIn(timeZone, at), period.years, period.months);
}

/** "2024-01-31" + 1 month = "2024-02-29", as PostgreSQL's date + interval counts, so page and deletion agree. */
export function addPeriod(day: string, years: number, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months + years * 12;
  const year = y + Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, month, Math.min(d, last)));
  return result.toISOString().slice(0, 10);
}

// ----- rules -----

export const isStartEvent = (v: unknown): v is StartEvent => START_EVENTS.includes(v as StartEvent);
export const isDocumentType = (v: unknown): v is DocumentType => DOCUMENT_TYPES.includes(v as DocumentType);

const wholeNumber = (text: string | undefined, max: number): number | undefined => {
  const t = (text ?? '').trim();
  if (t === '') return 0;
  if (!/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= max ? n : undefined;
};

export type RuleOutcome = { ok: true; id: string } | { ok: false; errors: RuleErrors };

export async function saveRule(tx: Tx, tenantId: string, staff: StaffPrincipal, input: RuleInput, now = new Date()): Promise<RuleOutcome> {
  const errors: RuleErrors = {};
  const serviceId = input.service?.trim() || null;
  if (serviceId && !(await repo.servicesOf(tx, tenantId)).some((s) => s.id === serviceId)) errors.service = 'retention.error.serviceUnknown';
  const documentType = input.documentType?.trim() || null;
  if (documentType && !isDocumentType(documentType)) errors.documentType = 'retention.error.documentTypeUnknown';
  if (!isStartEvent(input.startEvent)) errors.startEvent = 'retention.error.startEventMissing';
  const years = wholeNumber(input.years, MAX_YEARS);
  const months = wholeNumber(input.months, 11);
  if (years === undefined) errors.years = 'retention.error.years';
  if (months === undefined) errors.months = 'retention.error.months';
  if (years !== undefined && months !== undefined && years === 0 && months === 0 && !errors.years) errors.years = 'retention.error.periodEmpty';
  if (Object.keys(errors).length) return { ok: false, errors };
  const row = await repo.upsertRule(tx, {
    tenant_id: tenantId,
    id: newId(),
    service_id: serviceId,
    document_type: documentType,
    start_event: input.startEvent as StartEvent,
    years: years!,
    months: months!,
    offer_to_archive: input.offer === 'ja',
    updated_at: now,
    updated_by: staff.id,
  });
  await audit(tx, tenantId, {
    actor: `staff:${staff.id}`,
    action: 'retention.rule_saved',
    objectType: 'retention_rule',
    objectId: row.id,
    data: { serviceId, documentType, startEvent: input.startEvent, years, months, offerToArchive: input.offer === 'ja' },
  });
  return { ok: true, id: row.id };
}

export async function removeRule(tx: Tx, tenantId: string, staff: StaffPrincipal, id: string): Promise<boolean> {
  const gone = await repo.deleteRule(tx, tenantId, id);
  if (!gone) return false;
  await audit(tx, tenantId, { actor: `staff:${staff.id}`, action: 'retention.rule_deleted', objectType: 'retention_rule', objectId: id });
  return true;
}

export async function rulesPage(tx: Tx, tenantId: string) {
  return { rules: await repo.rulesOf(tx, tenantId), services: await repo.servicesOf(tx, tenantId) };
}

// ----- legal hold -----

export type HoldOutcome = { ok: true; id: string } | { ok: false; errors: HoldErrors } | undefined;

const reasonError = (reason: string) =>
  !reason ? ('retention.error.reasonMissing' as const) : reason.length > REASON_MAX ? ('retention.error.reasonTooLong' as const) : undefined;

/** A held case is never deleted nor handed to the archive, whatever its date, until the hold is lifted. */
export async function setLegalHold(tx: Tx, tenantId: string, staff: StaffPrincipal, input: HoldInput, now = new Date()): Promise<HoldOutcome> {
  const errors: HoldErrors = {};
  const reference = (input.reference ?? '').trim().toUpperCase();
  const reason = (input.reason ?? '').trim();
  const found = reference ? await repo.caseByReference(tx, tenantId, reference) : undefined;
  if (!reference) errors.reference = 'retention.error.referenceMissing';
  else if (!found) errors.reference = 'retention.error.referenceUnknown';
  else if (found.legal_hold) errors.reference = 'retention.error.alreadyHeld';
  const bad = reasonError(reason);
  if (bad) errors.reason = bad;
  if (Object.keys(errors).length || !found) return { ok: false, errors };
  await repo.setHold(tx, tenantId, found.id, { on: true, reason, at: now });
  await audit(tx, tenantId, {
    actor: `staff:${staff.id}`,
    action: 'application.legal_hold_set',
    objectType: 'application',
    objectId: found.id,
    data: { reason },
  });
  return { ok: true, id: found.id };
}

export async function liftLegalHold(tx: Tx, tenantId: string, staff: StaffPrincipal, id: string, reasonIn: string | undefined): Promise<HoldOutcome> {
  const found = await repo.caseById(tx, tenantId, id);
  if (!found?.legal_hold) return undefined;
  const reason = (reasonIn ?? '').trim();
  const bad = reasonError(reason);
  if (bad) return { ok: false, errors: { reason: bad } };
  await repo.setHold(tx, tenantId, id, { on: false, reason: null, at: null });
  await audit(tx, tenantId, { actor: `staff:${staff.id}`, action: 'application.legal_hold_lifted', objectType: 'application', objectId: id, data: { reason } });
  return { ok: true, id };
}

export const heldCases = (tx: Tx, tenantId: string) => repo.heldCases(tx, tenantId);

// ----- what is due -----

export type Disposition = 'keep' | 'held' | 'offer' | 'transfer' | 'delete';

/**
 * What happens to a finished case today: kept until its date; then, when its rule offers it to the archive, offered
 * and, once the archive marked it A, transferred; deleted when the archive said V, after the transfer, or at once when
 * its rule offers nothing. A legal hold stops all of it.
 */
export function dispositionOf(c: repo.CaseRetention, today: string): Disposition {
  if (c.legal_hold) return 'held';
  if (!c.keep_until || c.keep_until >= today) return 'keep';
  if (!c.offer) return 'delete';
  if (c.mark === 'V') return 'delete';
  if (c.mark === 'A') return c.transferred_at ? 'delete' : 'transfer';
  return 'offer';
}

/** Cases past their date with what happens to them today; a run takes a bounded batch, the next run the rest. */
export async function casesDue(tx: Tx, tenantId: string, timeZone: string, today: string) {
  const cases = await repo.casesPastRetention(tx, tenantId, { timeZone, today });
  return cases.map((c) => ({ ...c, disposition: dispositionOf(c, today) }));
}

/** One case's retention as the case page may show it: its last day (null while open or its start event is to come), and what happens then. */
export async function caseRetention(tx: Tx, tenantId: string, applicationId: string, timeZone: string, today: string) {
  const [c] = await repo.casesPastRetention(tx, tenantId, { timeZone, today, applicationId });
  return c ? { keepUntil: c.keep_until, legalHold: c.legal_hold, disposition: dispositionOf(c, today) } : undefined;
}

// ----- deletion -----

export interface DeletionResult {
  counts: Record<DataClass, number>;
  /** Blobs nothing points at any more: removed from the store after the transaction commits. */
  blobs: string[];
}

/**
 * Deletes every case due today with its messages, files, E-Akte documents and search entries, and writes one
 * protocol row per class of data that lost something. The protocol holds counts only.
 */
export async function deleteExpired(tx: Tx, tenantId: string, timeZone: string, now = new Date()): Promise<DeletionResult> {
  const today = todayIn(timeZone, now);
  const due = (await casesDue(tx, tenantId, timeZone, today)).filter((c) => c.disposition === 'delete');
  const counts: Record<DataClass, number> = { applications: 0, messages: 0, documents: 0, files: 0, search_entries: 0 };
  const candidates = new Set<string>();
  for (const c of due) {
    const contents = await repo.caseContents(tx, tenantId, c.id);
    const records = await deleteCaseRecords(tx, tenantId, c.id);
    if (!(await repo.deleteCase(tx, tenantId, c.id))) continue;
    counts.applications++;
    counts.messages += contents.messages;
    counts.documents += records.documents;
    counts.search_entries += records.searchEntries;
    for (const h of [...contents.hashes, ...records.hashes]) candidates.add(h);
    await audit(tx, tenantId, { actor: 'system:retention', action: 'application.deleted', objectType: 'application', objectId: c.id });
  }
  const stored = [...candidates].map((sha256) => ({ sha256, writtenAt: new Date(0) }));
  const blobs = stored.length ? await orphanedBlobs(tx, tenantId, stored, now, await blobsOfRecords(tx, tenantId)) : [];
  counts.files = blobs.length;
  await repo.insertProtocol(
    tx,
    (Object.entries(counts) as Array<[DataClass, number]>)
      .filter(([, n]) => n > 0)
      .map(([dataClass, count]) => ({ tenant_id: tenantId, id: newId(), run_at: now, data_class: dataClass, count })),
  );
  return { counts, blobs };
}

export const protocolOf = (tx: Tx, tenantId: string) => repo.protocolOf(tx, tenantId);
