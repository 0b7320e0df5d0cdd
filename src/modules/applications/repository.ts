import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { ApplicationFilesTable, ApplicationsTable, InboxViewsTable } from '../../platform/db/tables.ts';

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

export const INBOX_SORTS = { eingang: 'submitted_at', aktenzeichen: 'reference', status: 'status', name: 'applicant_name', frist: 'due_at' } as const;
export type InboxSort = keyof typeof INBOX_SORTS;

/** `%` and `_` typed in a search are letters, not wildcards. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The highest code point: every string that starts with a prefix sorts (collation "C") below prefix + this. */
const PREFIX_END = '\u{10FFFF}';

export interface InboxFilter {
  status?: string;
  /** A workflow state (`pruefung`). */
  workflowState?: string;
  /** Only these services: what the person may see, narrowed by a chosen service or team. */
  serviceIds?: string[];
  /** Assigned to one of these people; null: to nobody. */
  assignees?: string[] | null;
  /** Due before this moment and not closed. */
  dueBefore?: Date;
  /** Due from this moment on (with `dueSoon`): the "due soon" filter. */
  dueFrom?: Date;
  /** Per group of workflow states, the moment before which a case counts as due soon; `others` for every other state. */
  dueSoon?: { groups: Array<{ states: string[]; before: Date }>; others: Date };
  /** Words searched in the reference and the applicant's name (lower case); `orServiceIds` and `orIds` also match. */
  text?: string;
  /** German stems of the search's words: each must start a lexeme of the case's search text. */
  stems?: string[];
  orServiceIds?: string[];
  /** Cases found elsewhere (a document of the case's file matched). */
  orIds?: string[];
  /** A whole reference number typed: looked up by the unique index instead of searched in every row. */
  reference?: string;
}

/** The German stems of a search text, as the case's search text has them (stop words dropped). */
export async function searchStems(tx: Tx, text: string): Promise<string[]> {
  const result = await sql<{ lexeme: string }>`SELECT lexeme FROM unnest(to_tsvector('german', ${text})) ORDER BY lexeme`.execute(tx);
  return result.rows.map((r) => r.lexeme);
}

export async function inboxPage(tx: Tx, tenantId: string, opts: InboxFilter & { sort: InboxSort; dir: 'asc' | 'desc'; limit: number; offset: number }) {
  let query = tx
    .selectFrom('applications')
    .select([
      'id',
      'reference',
      'status',
      'applicant_name',
      'submitted_at',
      'assigned_to',
      'service_id',
      'workflow_id',
      'workflow_state',
      'due_at',
      'closed_at',
    ])
    // An answer no staff member has looked at since it came in.
    .select(sql<boolean>`(answered_at IS NOT NULL AND (staff_seen_at IS NULL OR staff_seen_at < answered_at))`.as('unseen_answer'))
    .where('tenant_id', '=', tenantId);
  if (opts.status) query = query.where('status', '=', opts.status as never);
  if (opts.workflowState) query = query.where('workflow_state', '=', opts.workflowState);
  if (opts.serviceIds) query = opts.serviceIds.length ? query.where('service_id', 'in', opts.serviceIds) : query.where(sql<boolean>`false`);
  if (opts.assignees === null) query = query.where('assigned_to', 'is', null);
  else if (opts.assignees) query = opts.assignees.length ? query.where('assigned_to', 'in', opts.assignees) : query.where(sql<boolean>`false`);
  if (opts.dueBefore) query = query.where('due_at', '<', opts.dueBefore).where('closed_at', 'is', null);
  if (opts.dueFrom && opts.dueSoon) {
    const soon = opts.dueSoon;
    const grouped = soon.groups.flatMap((g) => g.states);
    query = query
      .where('due_at', '>=', opts.dueFrom)
      .where('closed_at', 'is', null)
      .where((eb) =>
        eb.or([
          ...soon.groups.map((g) => eb.and([eb('workflow_state', 'in', g.states), eb('due_at', '<', g.before)])),
          eb.and([
            grouped.length ? eb.or([eb('workflow_state', 'is', null), eb('workflow_state', 'not in', grouped)]) : eb.lit(true),
            eb('due_at', '<', soon.others),
          ]),
        ]),
      );
  }
  if (opts.reference) query = query.where('reference', '=', opts.reference);
  else if (opts.text) {
    const pattern = `%${likeEscaped(opts.text)}%`;
    const others = opts.orServiceIds ?? [];
    const ids = opts.orIds ?? [];
    const stems = opts.stems ?? [];
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(reference)`, 'like', pattern),
        eb(sql`lower(applicant_name COLLATE "und-x-icu")`, 'like', pattern),
        ...(others.length ? [eb('service_id', 'in', others)] : []),
        ...(ids.length ? [eb('id', 'in', ids)] : []),
        // Every stem must begin a lexeme of the case: a range of the terms' primary key per word.
        ...(stems.length
          ? [
              eb.and(
                stems.map((stem) =>
                  eb(
                    'id',
                    'in',
                    eb
                      .selectFrom('application_search_terms')
                      .select('application_id')
                      .where('tenant_id', '=', tenantId)
                      .where('lexeme', '>=', stem)
                      .where('lexeme', '<', stem + PREFIX_END),
                  ),
                ),
              ),
            ]
          : []),
      ]),
    );
  }
  const column = INBOX_SORTS[opts.sort];
  // No deadline sorts last either way: those cases are not waiting on a date.
  query = column === 'due_at' ? query.orderBy(sql`due_at ${sql.raw(opts.dir)} nulls last`) : query.orderBy(column, opts.dir);
  const rows = await query
    .orderBy('id', opts.dir)
    .limit(opts.limit + 1)
    .offset(opts.offset)
    .execute();
  return { rows: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
}

/** The cases of a bulk assignment, locked until the transaction ends so each is audited with the state it had. */
export const lockCases = (tx: Tx, tenantId: string, ids: string[]) =>
  tx
    .selectFrom('applications')
    .select(['id', 'reference', 'status', 'service_id', 'assigned_to', 'closed_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();

export const assignCases = (tx: Tx, tenantId: string, ids: string[], to: string, now: Date) =>
  tx
    .updateTable('applications')
    .set((eb) => ({ assigned_to: to, updated_at: now, lock_version: eb('lock_version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();

// ----- saved inbox views -----

export const viewsOf = (tx: Tx, tenantId: string, userId: string) =>
  tx
    .selectFrom('inbox_views')
    .select(['id', 'name', 'filters', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy(sql`name COLLATE "und-x-icu"`)
    .execute();

export const viewNamed = (tx: Tx, tenantId: string, userId: string, name: string) =>
  tx
    .selectFrom('inbox_views')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

export const insertView = (tx: Tx, row: Insertable<InboxViewsTable>) => tx.insertInto('inbox_views').values(row).execute();

export const deleteView = async (tx: Tx, tenantId: string, userId: string, id: string) =>
  (
    await tx
      .deleteFrom('inbox_views')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .returning(['name'])
      .executeTakeFirst()
  )?.name;

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

// ----- case work: the applicant's other cases, the management view's figures -----

/** The municipality's cases of one applicant: the same e-mail (case-insensitive) or the same name, newest first. */
export const casesByApplicant = (tx: Tx, tenantId: string, email: string, name: string, limit = 200) =>
  tx
    .selectFrom('applications')
    .select(['id', 'reference', 'service_id', 'status', 'submitted_at', 'closed_at', 'answers', 'applicant_email', 'applicant_name'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        ...(email ? [eb(sql`lower(applicant_email)`, '=', email.toLowerCase())] : []),
        ...(name ? [eb(sql`lower(applicant_name)`, '=', name.toLowerCase())] : []),
      ]),
    )
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();

/** Per service: cases received since each of the given times, open ones, and open ones past their deadline. */
export const figuresByService = (tx: Tx, tenantId: string, weekStart: Date, monthStart: Date, now: Date) =>
  tx
    .selectFrom('applications')
    .select('service_id')
    .select(sql<number>`count(*) FILTER (WHERE submitted_at >= ${weekStart})::int`.as('week'))
    .select(sql<number>`count(*) FILTER (WHERE submitted_at >= ${monthStart})::int`.as('month'))
    .select(sql<number>`count(*) FILTER (WHERE closed_at IS NULL AND status IN ('submitted', 'in_review', 'awaiting_applicant'))::int`.as('open'))
    .select(
      sql<number>`count(*) FILTER (WHERE closed_at IS NULL AND status IN ('submitted', 'in_review', 'awaiting_applicant') AND due_at < ${now})::int`.as(
        'overdue',
      ),
    )
    .where('tenant_id', '=', tenantId)
    .groupBy('service_id')
    .execute();

// ----- workflow -----

/** Who took which workflow transition of the case, oldest first (the four-eyes guard reads the last of each). */
export const transitionsTaken = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('audit_log')
    .select(['actor', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('object_type', '=', 'application')
    .where('object_id', '=', applicationId)
    .where('action', '=', 'application.transition')
    .orderBy('seq')
    .execute();

/** Open cases on a workflow that have been in their state since before `enteredBefore`: candidates for a timer. */
export const timerCandidates = (tx: Tx, tenantId: string, enteredBefore: Date, limit = 500) =>
  tx
    .selectFrom('applications')
    .select(['id', 'workflow_id', 'workflow_state', 'state_entered_at'])
    .where('tenant_id', '=', tenantId)
    .where('closed_at', 'is', null)
    .where('workflow_id', 'is not', null)
    .where('state_entered_at', '<=', enteredBefore)
    .orderBy('state_entered_at')
    .limit(limit)
    .execute();

export const findByReference = (tx: Tx, tenantId: string, reference: string) =>
  tx.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId).where('reference', '=', reference).executeTakeFirst();
