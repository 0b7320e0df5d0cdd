import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

export const latestByKey = (tx: Tx, tenantId: string, key: string) =>
  tx.selectFrom('workflows').selectAll().where('tenant_id', '=', tenantId).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const byId = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('workflows').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** The newest version of each of the municipality's workflows. */
export const latestOfEach = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('workflows')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where(({ eb, selectFrom }) =>
      eb(
        'version',
        '=',
        selectFrom('workflows as w2')
          .select(sql<number>`max(w2.version)`.as('v'))
          .whereRef('w2.tenant_id', '=', 'workflows.tenant_id')
          .whereRef('w2.key', '=', 'workflows.key'),
      ),
    )
    .orderBy('key')
    .execute();

export const byVersion = (tx: Tx, tenantId: string, key: string, version: number) =>
  tx.selectFrom('workflows').selectAll().where('tenant_id', '=', tenantId).where('key', '=', key).where('version', '=', version).executeTakeFirst();

export const versionsOf = (tx: Tx, tenantId: string, key: string) =>
  tx
    .selectFrom('workflows')
    .select(['id', 'version', 'created_at', 'created_by'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .execute();

/** Two saves at once: the unique (tenant, key, version) refuses the second. */
export const insertVersion = (
  tx: Tx,
  row: { tenant_id: string; id: string; key: string; version: number; definition: string; created_at: Date; created_by: string | null },
) => tx.insertInto('workflows').values(row).execute();
