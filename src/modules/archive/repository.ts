// All SQL of the archive transfer: a case's documents for the export, and the marks of offer, evaluation and transfer.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

/** The case's files, as the applicant and the office added them; the E-Akte's documents replace them once it has them. */
export const filesOfCase = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('application_files')
    .select(['id', 'field', 'content_type', 'sha256', 'created_at', 'message_id'])
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

export const markOffered = (tx: Tx, tenantId: string, ids: string[], processId: string, now: Date) =>
  ids.length
    ? tx
        .insertInto('archive_marks')
        .values(ids.map((id) => ({ tenant_id: tenantId, application_id: id, offered_at: now, offer_process_id: processId })))
        .onConflict((oc) => oc.columns(['tenant_id', 'application_id']).doUpdateSet({ offered_at: now, offer_process_id: processId }))
        .execute()
    : Promise.resolve([]);

export const markTransferred = (tx: Tx, tenantId: string, ids: string[], now: Date) =>
  ids.length
    ? tx.updateTable('archive_marks').set({ transferred_at: now }).where('tenant_id', '=', tenantId).where('application_id', 'in', ids).execute()
    : Promise.resolve([]);

/** The cases among these ids that were offered to the archive (only those can be evaluated). */
export const offeredAmong = async (tx: Tx, tenantId: string, ids: string[]) =>
  ids.length
    ? (
        await tx
          .selectFrom('archive_marks')
          .select('application_id')
          .where('tenant_id', '=', tenantId)
          .where('application_id', 'in', ids)
          .where('offered_at', 'is not', null)
          .execute()
      ).map((r) => r.application_id)
    : [];

export const setMark = (tx: Tx, tenantId: string, applicationId: string, mark: 'A' | 'V', now: Date) =>
  tx
    .updateTable('archive_marks')
    .set({ mark, marked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where(sql<boolean>`transferred_at IS NULL`)
    .execute();
