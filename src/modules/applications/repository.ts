import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ApplicationFilesTable, ApplicationsTable } from '../../platform/db/tables.ts';

export const findDraft = (tx: Tx, tenantId: string, tokenHash: string) =>
  tx
    .selectFrom('application_drafts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();

export const insertDraft = (
  tx: Tx,
  row: { tenant_id: string; token_hash: string; service_id: string; service_version: number; answers: string; created_at: Date; expires_at: Date },
) =>
  tx
    .insertInto('application_drafts')
    .values({ ...row, files: '[]' })
    .execute();

export const updateDraftAnswers = (tx: Tx, tenantId: string, tokenHash: string, answers: string, expiresAt: Date) =>
  tx.updateTable('application_drafts').set({ answers, expires_at: expiresAt }).where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();

export const renameDraft = (tx: Tx, tenantId: string, tokenHash: string, newTokenHash: string) =>
  tx.updateTable('application_drafts').set({ token_hash: newTokenHash }).where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();

export const deleteDraft = (tx: Tx, tenantId: string, tokenHash: string) =>
  tx.deleteFrom('application_drafts').where('tenant_id', '=', tenantId).where('token_hash', '=', tokenHash).execute();

export async function nextReferenceNumber(tx: Tx, tenantId: string, prefix: string, year: number): Promise<number> {
  const result = await sql<{ last_value: number }>`
    INSERT INTO reference_counters (tenant_id, prefix, year, last_value) VALUES (${tenantId}, ${prefix}, ${year}, 1)
    ON CONFLICT (tenant_id, prefix, year) DO UPDATE SET last_value = reference_counters.last_value + 1
    RETURNING last_value`.execute(tx);
  return result.rows[0]!.last_value;
}

export const insertApplication = (tx: Tx, row: Insertable<ApplicationsTable>) => tx.insertInto('applications').values(row).execute();

export const insertFiles = (tx: Tx, rows: Insertable<ApplicationFilesTable>[]) =>
  rows.length ? tx.insertInto('application_files').values(rows).execute() : Promise.resolve([]);

export const findByIdempotencyKey = (tx: Tx, tenantId: string, key: string) =>
  tx.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).where('idempotency_key', '=', key).executeTakeFirst();

export const findByStatusTokenHash = (tx: Tx, tenantId: string, hash: string) =>
  tx.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).where('status_token_hash', '=', hash).executeTakeFirst();

export const findById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const lockById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const updateApplication = (tx: Tx, tenantId: string, id: string, changes: Partial<Insertable<ApplicationsTable>>) =>
  tx.updateTable('applications').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const messagesOf = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('application_messages')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

export const insertMessage = (
  tx: Tx,
  row: { tenant_id: string; id: string; application_id: string; author: 'office' | 'applicant'; author_user_id: string | null; body: string; created_at: Date },
) => tx.insertInto('application_messages').values(row).execute();

export const filesOf = (tx: Tx, tenantId: string, applicationId: string) =>
  tx.selectFrom('application_files').selectAll().where('tenant_id', '=', tenantId).where('application_id', '=', applicationId).orderBy('created_at').execute();

export const findFile = (tx: Tx, tenantId: string, applicationId: string, fileId: string) =>
  tx
    .selectFrom('application_files')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();

export const INBOX_SORTS = { eingang: 'submitted_at', aktenzeichen: 'reference', status: 'status', name: 'applicant_name' } as const;
export type InboxSort = keyof typeof INBOX_SORTS;

/** `%` and `_` typed in a search are letters, not wildcards. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface InboxFilter {
  status?: string;
  /** Only these services (a chosen service, or those whose title matches the search). */
  serviceIds?: string[];
  /** Words searched in the reference and the applicant's name (lower case); `orServiceIds` also match. */
  text?: string;
  orServiceIds?: string[];
  /** A whole reference number typed: looked up by the unique index instead of searched in every row. */
  reference?: string;
}

export async function inboxPage(tx: Tx, tenantId: string, opts: InboxFilter & { sort: InboxSort; dir: 'asc' | 'desc'; limit: number; offset: number }) {
  let query = tx
    .selectFrom('applications')
    .select(['id', 'reference', 'status', 'applicant_name', 'submitted_at', 'assigned_to', 'service_id'])
    // An answer no staff member has looked at since it came in.
    .select(sql<boolean>`(answered_at IS NOT NULL AND (staff_seen_at IS NULL OR staff_seen_at < answered_at))`.as('unseen_answer'))
    .where('tenant_id', '=', tenantId);
  if (opts.status) query = query.where('status', '=', opts.status as never);
  if (opts.serviceIds) query = opts.serviceIds.length ? query.where('service_id', 'in', opts.serviceIds) : query.where(sql<boolean>`false`);
  if (opts.reference) query = query.where('reference', '=', opts.reference);
  else if (opts.text) {
    const pattern = `%${likeEscaped(opts.text)}%`;
    const others = opts.orServiceIds ?? [];
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(reference)`, 'like', pattern),
        eb(sql`lower(applicant_name COLLATE "und-x-icu")`, 'like', pattern),
        ...(others.length ? [eb('service_id', 'in', others)] : []),
      ]),
    );
  }
  const column = INBOX_SORTS[opts.sort];
  const rows = await query
    .orderBy(column, opts.dir)
    .orderBy('id', opts.dir)
    .limit(opts.limit + 1)
    .offset(opts.offset)
    .execute();
  return { rows: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
}

/** Staff opened or worked the case: an answer that came in before is seen. Writes only when there is one unseen. */
export const markSeen = (tx: Tx, tenantId: string, id: string, now: Date) =>
  tx
    .updateTable('applications')
    .set({ staff_seen_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('answered_at', 'is not', null)
    .where((eb) => eb.or([eb('staff_seen_at', 'is', null), eb('staff_seen_at', '<', eb.ref('answered_at'))]))
    .execute();

/** The audit log's entries about one application, oldest first: the case page's history. */
export const auditEntriesOf = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('audit_log')
    .select(['seq', 'occurred_at', 'actor', 'action', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('object_type', '=', 'application')
    .where('object_id', '=', applicationId)
    .orderBy('seq')
    .limit(500)
    .execute();

// ----- retention -----

export const deleteExpiredDrafts = (tx: Tx, tenantId: string, now: Date) =>
  tx.deleteFrom('application_drafts').where('tenant_id', '=', tenantId).where('expires_at', '<=', now).returning('answers').execute();

export async function deleteApplicationsPastRetention(tx: Tx, tenantId: string, today: string) {
  const files = await tx
    .selectFrom('application_files as f')
    .innerJoin('applications as a', (j) => j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.application_id'))
    .select('f.sha256')
    .where('a.tenant_id', '=', tenantId)
    .where('a.retain_until', '<', today as never)
    .where('a.status', 'in', ['approved', 'rejected'])
    .execute();
  // An open case is never deleted unseen, whatever its date: only decided ones expire.
  const deleted = await tx
    .deleteFrom('applications')
    .where('tenant_id', '=', tenantId)
    .where('retain_until', '<', today as never)
    .where('status', 'in', ['approved', 'rejected'])
    .returning('id')
    .execute();
  return { ids: deleted.map((d) => d.id), hashes: files.map((f) => f.sha256) };
}

/** Every blob a row of this tenant still points at: files of applications and uploads in drafts. */
export async function referencedBlobs(tx: Tx, tenantId: string) {
  const files = await tx.selectFrom('application_files').select('sha256').where('tenant_id', '=', tenantId).execute();
  const drafts = await tx.selectFrom('application_drafts').select('answers').where('tenant_id', '=', tenantId).execute();
  return { files: files.map((f) => f.sha256), draftAnswers: drafts.map((d) => d.answers) };
}

/** When a clerk first took the application up (its first assignment in the audit log), for the citizen's timeline. */
export async function reviewStartedAt(tx: Tx, tenantId: string, applicationId: string): Promise<Date | undefined> {
  const row = await tx
    .selectFrom('audit_log')
    .select('occurred_at')
    .where('tenant_id', '=', tenantId)
    .where('object_type', '=', 'application')
    .where('object_id', '=', applicationId)
    .where('action', '=', 'application.assigned')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.occurred_at) : undefined;
}
