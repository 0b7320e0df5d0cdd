// Loading a municipality's workflows: a saved version when there is one, otherwise the built-in one, stored as
// version 1 the first time a case needs it, so every case can point at the exact version it started with.
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { BUILT_IN, builtIn, STANDARD } from './builtins.ts';
import * as repo from './repository.ts';
import type { Workflow, WorkflowDefinition } from './schema.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;

const toWorkflow = (row: Row): Workflow => ({
  id: row.id,
  tenantId: row.tenant_id,
  key: row.key,
  version: row.version,
  definition: row.definition as WorkflowDefinition,
  createdAt: new Date(row.created_at),
});

export async function workflowById(tx: Tx, tenantId: string, id: string): Promise<Workflow | undefined> {
  const row = await repo.byId(tx, tenantId, id);
  return row && toWorkflow(row);
}

/**
 * The version a new case of a service with this workflow key starts with. An unknown key (a workflow that was
 * never saved here and is not built in) falls back to the standard workflow, so an application is never refused
 * for it.
 */
export async function currentWorkflow(tx: Tx, tenantId: string, key: string, now = new Date()): Promise<Workflow> {
  const row = await repo.latestByKey(tx, tenantId, key);
  if (row) return toWorkflow(row);
  const definition = builtIn(key);
  if (!definition) return currentWorkflow(tx, tenantId, STANDARD.key, now);
  return storeVersion(tx, tenantId, definition, 1, null, now);
}

export async function storeVersion(
  tx: Tx,
  tenantId: string,
  definition: WorkflowDefinition,
  version: number,
  actor: string | null,
  now = new Date(),
): Promise<Workflow> {
  const id = newId();
  await repo.insertVersion(tx, {
    tenant_id: tenantId,
    id,
    key: definition.key,
    version,
    definition: JSON.stringify(definition),
    created_at: now,
    created_by: actor,
  });
  return { id, tenantId, key: definition.key, version, definition, createdAt: now };
}

/** Every workflow the municipality can name in a service: its saved ones and the built-in ones not yet saved. */
export async function workflowsOf(tx: Tx, tenantId: string): Promise<Array<{ key: string; version: number | null; definition: WorkflowDefinition }>> {
  const saved = await repo.latestOfEach(tx, tenantId);
  const keys = new Set(saved.map((r) => r.key));
  return [
    ...saved.map((r) => ({ key: r.key, version: r.version, definition: r.definition as WorkflowDefinition })),
    ...BUILT_IN.filter((w) => !keys.has(w.key)).map((w) => ({ key: w.key, version: null, definition: w })),
  ];
}

export const stateOf = (definition: WorkflowDefinition, stateId: string | null | undefined) => definition.states.find((s) => s.id === stateId);
