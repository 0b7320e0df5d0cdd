import type { ColumnType } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { KitaFeeTable } from './schema.ts';

/** Row type of migrations/0011_create_fee_tables.sql. */
export interface FeeTablesTable {
  tenant_id: string;
  calculator: string;
  content: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// The table is this module's alone, so its row type lives here rather than in the platform's list.
const withFeeTables = (tx: Tx) => tx.withTables<{ fee_tables: FeeTablesTable }>();

/** The tables of these tenants that row-level security lets the transaction see. */
export const findTables = (tx: Tx, calculator: string, tenantIds: string[]) =>
  withFeeTables(tx)
    .selectFrom('fee_tables')
    .select(['tenant_id', 'content', 'updated_at'])
    .where('calculator', '=', calculator)
    .where('tenant_id', 'in', tenantIds)
    .execute();

/** Whether any of these tenants has the table, without reading it. */
export const anyTable = async (tx: Tx, calculator: string, tenantIds: string[]) =>
  (
    await withFeeTables(tx)
      .selectFrom('fee_tables')
      .select('tenant_id')
      .where('calculator', '=', calculator)
      .where('tenant_id', 'in', tenantIds)
      .limit(1)
      .execute()
  ).length > 0;

export const upsertTable = (tx: Tx, tenantId: string, calculator: string, table: KitaFeeTable) =>
  withFeeTables(tx)
    .insertInto('fee_tables')
    .values({ tenant_id: tenantId, calculator, content: JSON.stringify(table), updated_at: new Date() })
    .onConflict((oc) => oc.columns(['tenant_id', 'calculator']).doUpdateSet({ content: JSON.stringify(table), updated_at: new Date() }))
    .execute();

/** Inserts unless the tenant has a table already: demo data never overwrites what an organiser saved. */
export const insertTableIfMissing = (tx: Tx, tenantId: string, calculator: string, table: KitaFeeTable) =>
  withFeeTables(tx)
    .insertInto('fee_tables')
    .values({ tenant_id: tenantId, calculator, content: JSON.stringify(table) })
    .onConflict((oc) => oc.columns(['tenant_id', 'calculator']).doNothing())
    .execute();

export async function deleteTable(tx: Tx, tenantId: string, calculator: string): Promise<boolean> {
  const result = await withFeeTables(tx).deleteFrom('fee_tables').where('tenant_id', '=', tenantId).where('calculator', '=', calculator).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
