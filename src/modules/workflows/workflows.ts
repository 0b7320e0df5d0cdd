// Loading a municipality's workflows: a saved version when there is one, otherwise the built-in one, stored as
// version 1 the first time a case needs it, so every case can point at the exact version it started with.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { BUILT_IN, builtIn, STANDARD } from './builtins.ts';
import * as repo from './repository.ts';
import type { Workflow, WorkflowDefinition, WorkflowProblem } from './schema.ts';
import { validateWorkflow } from './validate.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;

const toWorkflow = (row: Row): Workflow => ({
  id: row.id,
  tenantId: row.tenant_id,
  key: row.key,
  version: row.version,
  definition: row.definition as WorkflowDefinition,
  createdAt: new Date(row.created_at),
});

/** The workflow key a service names; services from before workflows name 'approval', which is the standard one. */
export const workflowKeyOf = (named: string | undefined | null): string => (!named || named === 'approval' ? STANDARD.key : named);

export async function workflowById(tx: Tx, tenantId: string, id: string): Promise<Workflow | undefined> {
  const row = await repo.byId(tx, tenantId, id);
  return row && toWorkflow(row);
}

/**
 * The version a new case of a service with this workflow key starts with. An unknown key (a workflow that was
 * never saved here and is not built in) falls back to the standard workflow, so an application is never refused
 * for it.
 */
export async function currentWorkflow(tx: Tx, tenantId: string, named: string, now = new Date()): Promise<Workflow> {
  const key = workflowKeyOf(named);
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

export type SaveResult = { ok: true; workflow: Workflow } | { ok: false; problems: WorkflowProblem[]; stale?: boolean };

/** The version an editor starts from: the newest saved one, or the built-in one, which counts as version 1. */
export async function editableWorkflow(
  tx: Tx,
  tenantId: string,
  key: string,
): Promise<{ definition: WorkflowDefinition; version: number; builtIn: boolean } | undefined> {
  const row = await repo.latestByKey(tx, tenantId, key);
  if (row) return { definition: row.definition as WorkflowDefinition, version: row.version, builtIn: false };
  const definition = builtIn(key);
  return definition && { definition, version: 1, builtIn: true };
}

export async function versionHistory(tx: Tx, tenantId: string, key: string) {
  return (await repo.versionsOf(tx, tenantId, key)).map((v) => ({ id: v.id, version: v.version, createdAt: new Date(v.created_at), createdBy: v.created_by }));
}

export async function workflowVersion(tx: Tx, tenantId: string, key: string, version: number): Promise<Workflow | undefined> {
  const row = await repo.byVersion(tx, tenantId, key, version);
  return row && toWorkflow(row);
}

/**
 * Saves an edited workflow as its next version. `expectedVersion` is the version the organiser started from: when
 * someone saved in between, the save is refused and nothing is overwritten. Cases keep pointing at the version they
 * started with; the built-in version is stored as version 1 first, so it stays in the history.
 */
export async function saveWorkflow(
  tx: Tx,
  input: { tenantId: string; definition: WorkflowDefinition; actor: string; expectedVersion: number; formFields?: readonly string[]; now?: Date },
): Promise<SaveResult> {
  const { tenantId, definition, actor } = input;
  const now = input.now ?? new Date();
  const problems = validateWorkflow(definition, { formFields: input.formFields });
  if (problems.length) return { ok: false, problems };
  const current = await editableWorkflow(tx, tenantId, definition.key);
  if (!current) return { ok: false, problems: [{ path: '/key', key: 'workflows.problem.noWorkflow' }] };
  if (current.version !== input.expectedVersion)
    return { ok: false, stale: true, problems: [{ path: '', key: 'workflows.problem.stale', params: { version: current.version } }] };
  if (current.builtIn) await storeVersion(tx, tenantId, current.definition, 1, null, now);
  const workflow = await storeVersion(tx, tenantId, definition, current.version + 1, actor, now);
  await audit(tx, tenantId, {
    actor: `staff:${actor}`,
    action: 'workflow.saved',
    objectType: 'workflow',
    objectId: workflow.id,
    data: { key: workflow.key, version: workflow.version },
  });
  return { ok: true, workflow };
}

/** A new workflow of the municipality, usually a copy of another one: version 1 under a key not yet used. */
export async function createWorkflow(tx: Tx, input: { tenantId: string; definition: WorkflowDefinition; actor: string; now?: Date }): Promise<SaveResult> {
  const { tenantId, definition, actor } = input;
  const problems = validateWorkflow(definition);
  if (problems.length) return { ok: false, problems };
  if (await editableWorkflow(tx, tenantId, definition.key))
    return { ok: false, problems: [{ path: '/key', key: 'workflows.problem.keyTaken', params: { key: definition.key } }] };
  const workflow = await storeVersion(tx, tenantId, definition, 1, actor, input.now);
  await audit(tx, tenantId, {
    actor: `staff:${actor}`,
    action: 'workflow.created',
    objectType: 'workflow',
    objectId: workflow.id,
    data: { key: workflow.key, version: 1 },
  });
  return { ok: true, workflow };
}

/** The role every clerk handling the service has; the other roles are given to accounts. */
const CASE_WORK_ROLE = 'sachbearbeitung';

/** The roles the municipality's workflows name beyond case work, each with the workflows naming it. */
export async function rolesNamedBy(tx: Tx, tenantId: string): Promise<Array<{ id: string; label: { de: string; en?: string }; workflows: string[] }>> {
  const roles = new Map<string, { id: string; label: { de: string; en?: string }; workflows: string[] }>();
  for (const w of await workflowsOf(tx, tenantId)) {
    for (const r of w.definition.roles) {
      if (r.id === CASE_WORK_ROLE) continue;
      const entry = roles.get(r.id) ?? { id: r.id, label: r.label, workflows: [] };
      entry.workflows.push(w.definition.name.de);
      roles.set(r.id, entry);
    }
  }
  return [...roles.values()].sort((a, b) => a.id.localeCompare(b.id));
}
