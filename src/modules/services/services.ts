import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import type { Service, ServiceDefinition } from './schema.ts';

const toService = (row: { id: string; tenant_id: string; slug: string; title: string; definition: unknown }): Service => ({
  id: row.id, tenantId: row.tenant_id, slug: row.slug, title: row.title, definition: row.definition as ServiceDefinition,
});

export async function servicesOf(tx: Tx, tenantId: string): Promise<Service[]> {
  return (await repo.listForTenant(tx, tenantId)).map(toService);
}

export async function serviceBySlug(tx: Tx, tenantId: string, slug: string): Promise<Service | undefined> {
  const row = await repo.findBySlug(tx, tenantId, slug);
  return row && toService(row);
}

export async function serviceById(tx: Tx, tenantId: string, id: string): Promise<Service | undefined> {
  const row = await repo.findById(tx, tenantId, id);
  return row && toService(row);
}

export async function publishService(tx: Tx, tenantId: string, slug: string, title: string, definition: ServiceDefinition) {
  await repo.upsert(tx, { tenant_id: tenantId, id: newId(), slug, title, definition: JSON.stringify(definition) });
}
