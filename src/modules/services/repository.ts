import type { Tx } from '../../platform/db/database.ts';

export const listForTenant = (tx: Tx, tenantId: string) =>
  tx.selectFrom('services').selectAll().where('tenant_id', '=', tenantId).orderBy('title').execute();

export const findBySlug = (tx: Tx, tenantId: string, slug: string) =>
  tx.selectFrom('services').selectAll().where('tenant_id', '=', tenantId).where('slug', '=', slug).executeTakeFirst();

export const findById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('services').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const upsert = (tx: Tx, row: { tenant_id: string; id: string; slug: string; title: string; definition: string }) =>
  tx.insertInto('services').values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'slug']).doUpdateSet({ title: row.title, definition: row.definition }))
    .execute();
