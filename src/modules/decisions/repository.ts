// All SQL of the decisions module: the remedies a municipality configured, for itself and per service.
import type { Tx } from '../../platform/db/database.ts';
import type { RemediesTable } from '../../platform/db/tables.ts';

export type RemedyRow = Pick<RemediesTable, 'scope' | 'service_id' | 'kind' | 'authority' | 'address' | 'deadline'>;

const COLUMNS = ['scope', 'service_id', 'kind', 'authority', 'address', 'deadline'] as const;

/** The municipality's own row and a service's, if any: at most two rows. */
export const remediesFor = (tx: Tx, tenantId: string, serviceId: string | undefined): Promise<RemedyRow[]> =>
  tx
    .selectFrom('remedies')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('scope', 'in', serviceId ? ['municipality', serviceId] : ['municipality'])
    .execute();

export const allRemedies = (tx: Tx, tenantId: string): Promise<RemedyRow[]> =>
  tx.selectFrom('remedies').select(COLUMNS).where('tenant_id', '=', tenantId).execute();

export async function upsertRemedy(
  tx: Tx,
  row: {
    tenant_id: string;
    scope: string;
    service_id: string | null;
    kind: RemediesTable['kind'];
    authority: string;
    address: string;
    deadline: string;
    updated_by: string;
    updated_at: Date;
  },
) {
  await tx
    .insertInto('remedies')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'scope']).doUpdateSet({
        kind: row.kind,
        authority: row.authority,
        address: row.address,
        deadline: row.deadline,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteRemedy(tx: Tx, tenantId: string, scope: string): Promise<boolean> {
  const result = await tx.deleteFrom('remedies').where('tenant_id', '=', tenantId).where('scope', '=', scope).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
