// All SQL of retention: rules, legal holds, which cases are due, their deletion and the deletion protocol.
import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { RetentionRulesTable } from '../../platform/db/tables.ts';

export const rulesOf = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('retention_rules as r')
    .leftJoin('services as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.service_id'))
    .select(['r.id', 'r.service_id', 'r.document_type', 'r.start_event', 'r.years', 'r.months', 'r.offer_to_archive', 'r.updated_at'])
    .select('s.title as service_title')
    .where('r.tenant_id', '=', tenantId)
    .orderBy(sql`r.service_id IS NOT NULL`)
    .orderBy(sql`s.title COLLATE "und-x-icu"`)
    .orderBy(sql`r.document_type IS NOT NULL`)
    .orderBy('r.document_type')
    .execute();

export const servicesOf = (tx: Tx, tenantId: string) =>
  tx.selectFrom('services').select(['id', 'title']).where('tenant_id', '=', tenantId).orderBy(sql`title COLLATE "und-x-icu"`).execute();

export const findRule = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('retention_rules').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** One rule per service and document type: saving the same pair again changes it. */
export const upsertRule = (tx: Tx, row: Insertable<RetentionRulesTable>) =>
  tx
    .insertInto('retention_rules')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'service_id', 'document_type']).doUpdateSet((eb) => ({
        start_event: eb.ref('excluded.start_event'),
        years: eb.ref('excluded.years'),
        months: eb.ref('excluded.months'),
        offer_to_archive: eb.ref('excluded.offer_to_archive'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

export const deleteRule = (tx: Tx, tenantId: string, id: string) =>
  tx.deleteFrom('retention_rules').where('tenant_id', '=', tenantId).where('id', '=', id).returning('id').executeTakeFirst();

// ----- legal hold -----

export const caseByReference = (tx: Tx, tenantId: string, reference: string) =>
  tx
    .selectFrom('applications')
    .select(['id', 'reference', 'legal_hold'])
    .where('tenant_id', '=', tenantId)
    .where('reference', '=', reference)
    .forUpdate()
    .executeTakeFirst();

export const caseById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('applications').select(['id', 'reference', 'legal_hold']).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const setHold = (tx: Tx, tenantId: string, id: string, hold: { on: boolean; reason: string | null; at: Date | null }) =>
  tx
    .updateTable('applications')
    .set({ legal_hold: hold.on, legal_hold_reason: hold.reason, legal_hold_at: hold.at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();

export const heldCases = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('applications as a')
    .leftJoin('services as s', (j) => j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.service_id'))
    .select(['a.id', 'a.reference', 'a.legal_hold_reason', 'a.legal_hold_at', 's.title as service_title'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.legal_hold', '=', true)
    .orderBy('a.reference')
    .execute();

// ----- which cases are due -----

export interface CaseRetention {
  id: string;
  reference: string;
  service_id: string;
  service_title: string | null;
  submitted_at: Date;
  decided_at: Date | null;
  closed_at: Date | null;
  legal_hold: boolean;
  /** The last day the case is kept; null while a rule's start event has not happened. */
  keep_until: string | null;
  offer: boolean;
  mark: 'A' | 'V' | null;
  offered_at: Date | null;
  transferred_at: Date | null;
}

/**
 * Finished cases (decided or closed) past the last day they are kept, and not held: the latest date of the rules of
 * their service (or, when the service has none, of the municipality's defaults); a case no rule covers keeps the date
 * it was given when it was decided. A rule whose start event has not happened yet keeps the case. With an id: that
 * one case, whatever its date.
 */
export async function casesPastRetention(
  tx: Tx,
  tenantId: string,
  opts: { timeZone: string; today: string; applicationId?: string; limit?: number },
): Promise<CaseRetention[]> {
  const filter = opts.applicationId ? sql`a.id = ${opts.applicationId}` : sql`NOT a.legal_hold`;
  const result = await sql<CaseRetention>`
    SELECT * FROM (
      SELECT a.id, a.reference, a.service_id, s.title AS service_title, a.submitted_at, a.decided_at, a.closed_at,
        a.legal_hold,
        to_char(CASE WHEN r.n = 0 THEN a.retain_until WHEN r.started THEN r.until END, 'YYYY-MM-DD') AS keep_until,
        COALESCE(r.offer, false) AS offer, m.mark, m.offered_at, m.transferred_at
      FROM applications a
      LEFT JOIN services s ON s.tenant_id = a.tenant_id AND s.id = a.service_id
      LEFT JOIN archive_marks m ON m.tenant_id = a.tenant_id AND m.application_id = a.id
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n, bool_and(x.ev IS NOT NULL) AS started, bool_or(x.offer_to_archive) AS offer,
          max((x.ev AT TIME ZONE ${opts.timeZone})::date + make_interval(years => x.years, months => x.months))::date AS until
        FROM (
          SELECT CASE r.start_event WHEN 'submitted' THEN a.submitted_at WHEN 'decided' THEN a.decided_at ELSE a.closed_at END AS ev,
            r.years, r.months, r.offer_to_archive
          FROM retention_rules r
          WHERE r.tenant_id = a.tenant_id
            AND r.service_id IS NOT DISTINCT FROM (
              SELECT own.service_id FROM retention_rules own WHERE own.tenant_id = a.tenant_id AND own.service_id = a.service_id LIMIT 1)
        ) x
      ) r
      WHERE a.tenant_id = ${tenantId}
        AND (a.status IN ('approved', 'rejected') OR a.closed_at IS NOT NULL)
        AND ${filter}
    ) c
    WHERE ${opts.applicationId ? sql`true` : sql`c.keep_until < ${opts.today}`}
    ORDER BY c.reference
    LIMIT ${opts.limit ?? 2000}`.execute(tx);
  return result.rows.map((r) => ({ ...r, submitted_at: new Date(r.submitted_at) }));
}

/** What a case leaves behind when it is deleted: its file hashes and how many messages and files it had. */
export async function caseContents(tx: Tx, tenantId: string, applicationId: string) {
  const files = await tx
    .selectFrom('application_files')
    .select('sha256')
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .execute();
  const messages = await tx
    .selectFrom('application_messages')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return { hashes: files.map((f) => f.sha256), messages: messages.n };
}

/** Messages, files and archive marks go with the row (ON DELETE CASCADE). Never a held case. */
export const deleteCase = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .deleteFrom('applications')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', applicationId)
    .where('legal_hold', '=', false)
    .returning('id')
    .executeTakeFirst();

// ----- protocol -----

export const insertProtocol = (tx: Tx, rows: Array<{ tenant_id: string; id: string; run_at: Date; data_class: string; count: number }>) =>
  rows.length ? tx.insertInto('deletion_protocol').values(rows).execute() : Promise.resolve([]);

export const protocolOf = (tx: Tx, tenantId: string, limit = 500) =>
  tx
    .selectFrom('deletion_protocol')
    .select(['id', 'run_at', 'data_class', 'count'])
    .where('tenant_id', '=', tenantId)
    .orderBy('run_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
