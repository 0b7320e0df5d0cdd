// Saving workflow versions: checked, refused when stale, audited; running cases keep the version they started with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { FOUR_EYES, STANDARD } from './builtins.ts';
import type { WorkflowDefinition } from './schema.ts';
import { createWorkflow, currentWorkflow, editableWorkflow, rolesNamedBy, saveWorkflow, workflowById, workflowKeyOf, workflowsOf } from './workflows.ts';

let t: TestApp;
let gt: string;
let actor: string;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const inGt = <T>(work: Parameters<typeof inTenant<T>>[2]) => inTenant(t.app.db, gt, work);
const edited = (name: string): WorkflowDefinition => ({ ...structuredClone(STANDARD), name: { de: name } });

beforeAll(async () => {
  t = await createTestApp();
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  actor = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'organisation@guetersloh.example'`)).id;
});
afterAll(() => t?.close());

describe('saving a workflow', () => {
  it('refuses an invalid definition and stores nothing', async () => {
    const def = edited('Kaputt');
    def.states.push({ id: 'irgendwo', label: { de: 'Irgendwo' }, phase: 'in_review' });
    const result = await inGt((tx) => saveWorkflow(tx, { tenantId: gt, definition: def, actor, expectedVersion: 1 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.key)).toEqual(['workflows.problem.unreachable', 'workflows.problem.deadEnd']);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM workflows WHERE tenant_id = $1 AND key = 'standard'`, [gt])).n).toBe(0);
  });

  it('keeps a running case on the version it started with while new cases take the saved one', async () => {
    // A citizen applies while the built-in workflow is in force: the case points at version 1.
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    const applied = await one<{ id: string; workflow_id: string }>(
      `SELECT id, workflow_id FROM applications WHERE tenant_id = $1 ORDER BY submitted_at DESC LIMIT 1`,
      [gt],
    );
    const first = await inGt((tx) => workflowById(tx, gt, applied.workflow_id));
    expect(first).toMatchObject({ key: 'standard', version: 1 });
    const before = JSON.stringify(first!.definition);

    const saved = await inGt((tx) => saveWorkflow(tx, { tenantId: gt, definition: edited('Standard, geändert'), actor, expectedVersion: 1 }));
    expect(saved.ok && saved.workflow.version).toBe(2);

    const after = await one<{ workflow_id: string }>(`SELECT workflow_id FROM applications WHERE tenant_id = $1 AND id = $2`, [gt, applied.id]);
    expect(after.workflow_id).toBe(applied.workflow_id);
    const still = await inGt((tx) => workflowById(tx, gt, applied.workflow_id));
    expect(JSON.stringify(still!.definition)).toBe(before);
    expect(still!.definition.name.de).toBe('Standardablauf');
    expect((await inGt((tx) => currentWorkflow(tx, gt, 'standard'))).version).toBe(2);
    const audit = await one<{ action: string; actor: string; data: object }>(
      `SELECT action, actor, data FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
      [gt],
    );
    expect(audit).toEqual({ action: 'workflow.saved', actor: `staff:${actor}`, data: { key: 'standard', version: 2 } });
  });

  it('refuses a stale save: someone saved in between, nothing is overwritten', async () => {
    const second = await inGt((tx) => saveWorkflow(tx, { tenantId: gt, definition: edited('Von Anna'), actor, expectedVersion: 2 }));
    expect(second.ok).toBe(true);
    const stale = await inGt((tx) => saveWorkflow(tx, { tenantId: gt, definition: edited('Von Bernd, zu spät'), actor, expectedVersion: 2 }));
    expect(stale).toEqual({ ok: false, stale: true, problems: [{ path: '', key: 'workflows.problem.stale', params: { version: 3 } }] });
    const current = await inGt((tx) => editableWorkflow(tx, gt, 'standard'));
    expect(current).toMatchObject({ version: 3, builtIn: false });
    expect(current!.definition.name.de).toBe('Von Anna');
  });

  it('creates a new workflow under a free key only, and lists it with the built-in ones', async () => {
    const copy: WorkflowDefinition = { ...structuredClone(FOUR_EYES), key: 'mit-kasse', name: { de: 'Mit Kasse' } };
    copy.roles.push({ id: 'kasse', label: { de: 'Kasse' } });
    copy.transitions.find((x) => x.id === 'abschliessen')!.roles.push('kasse');
    expect((await inGt((tx) => createWorkflow(tx, { tenantId: gt, definition: copy, actor }))).ok).toBe(true);
    const again = await inGt((tx) => createWorkflow(tx, { tenantId: gt, definition: copy, actor }));
    expect(again).toEqual({ ok: false, problems: [{ path: '/key', key: 'workflows.problem.keyTaken', params: { key: 'mit-kasse' } }] });
    const builtInKey = await inGt((tx) => createWorkflow(tx, { tenantId: gt, definition: { ...copy, key: 'gebuehr' }, actor }));
    expect(builtInKey.ok).toBe(false);
    const keys = (await inGt((tx) => workflowsOf(tx, gt))).map((w) => w.key);
    expect(keys).toEqual(expect.arrayContaining(['standard', 'vier-augen', 'gebuehr', 'mit-kasse']));
    const roles = await inGt((tx) => rolesNamedBy(tx, gt));
    expect(roles.map((r) => r.id)).toEqual(['kasse', 'leitung']);
    expect(roles.find((r) => r.id === 'kasse')!.workflows).toEqual(expect.arrayContaining(['Mit Kasse', 'Mit Gebührenzahlung']));
  });

  it("reads a service's old 'approval' as the standard workflow", () => {
    expect(workflowKeyOf('approval')).toBe('standard');
    expect(workflowKeyOf(undefined)).toBe('standard');
    expect(workflowKeyOf('gebuehr')).toBe('gebuehr');
  });
});
