// All SQL of the legal module: one row of texts per organization, in the organization's tenant scope.
import type { Tx } from '../../platform/db/database.ts';

export interface StoredTexts {
  texts: Record<string, string>;
  updatedAt: Date;
}

export async function findTexts(tx: Tx, tenantId: string): Promise<StoredTexts | undefined> {
  const row = await tx.selectFrom('legal_texts').select(['texts', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return row && { texts: row.texts, updatedAt: row.updated_at };
}

export async function saveTexts(tx: Tx, tenantId: string, texts: Record<string, string>, userId: string): Promise<void> {
  const now = new Date();
  await tx
    .insertInto('legal_texts')
    .values({ tenant_id: tenantId, texts: JSON.stringify(texts), updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ texts: JSON.stringify(texts), updated_at: now, updated_by: userId }))
    .execute();
}
