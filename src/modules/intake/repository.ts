// All SQL of the scanning intake.
import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { IntakeJobsTable } from '../../platform/db/tables.ts';

export const insertJob = (tx: Tx, row: Insertable<IntakeJobsTable>) => tx.insertInto('intake_jobs').values(row).execute();

export const jobById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('intake_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const lockJob = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('intake_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const jobByKey = (tx: Tx, tenantId: string, key: string) =>
  tx.selectFrom('intake_jobs').selectAll().where('tenant_id', '=', tenantId).where('idempotency_key', '=', key).executeTakeFirst();

export const recentJobs = (tx: Tx, tenantId: string, limit: number) =>
  tx.selectFrom('intake_jobs').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export const updateJob = (tx: Tx, tenantId: string, id: string, changes: Partial<Insertable<IntakeJobsTable>>) =>
  tx.updateTable('intake_jobs').set(changes).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

/** Progress is written only while the job runs: a late report never turns a finished job back. */
export const recordProgress = (tx: Tx, tenantId: string, id: string, pagesDone: number, pagesTotal: number | null, now: Date) =>
  tx
    .updateTable('intake_jobs')
    .set({ pages_done: pagesDone, pages_total: pagesTotal, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
