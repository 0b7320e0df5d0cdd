// A clerk of one municipality sees nothing of another: every route of the back office and the portal answers 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { decideCase } from '../../testing/decide.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';

let t: TestApp;
let caseId: string;
let fileId: string;
let statusPath: string;
let guetersloh: Browser;
let harsewinkel: Browser;

beforeAll(async () => {
  t = await createTestApp();
  guetersloh = new Browser(t.app);
  harsewinkel = new Browser(t.app);
  const citizen = new Browser(t.app);
  await fillApplication(citizen);
  statusPath = await submitApplication(citizen);
  await guetersloh.login('sachbearbeitung@guetersloh.example');
  const inbox = await guetersloh.get('/verwaltung/');
  caseId = /\/verwaltung\/vorgaenge\/([0-9a-f-]{36})/.exec(inbox.body)![1]!;
  const page = await guetersloh.get(`/verwaltung/vorgaenge/${caseId}`);
  fileId = /dateien\/([0-9a-f-]{36})/.exec(page.body)![1]!;
  // Decide it so the decision PDF route exists for its own clerk.
  const { decided } = await decideCase(guetersloh, caseId, { outcome: 'approved', reason: 'ok' });
  expect(decided?.statusCode).toBe(303);
  await harsewinkel.login('sachbearbeitung@harsewinkel.example');
});
afterAll(() => t?.close());

describe('tenant isolation', () => {
  it('shows the case to its own clerk', async () => {
    expect((await guetersloh.get(`/verwaltung/vorgaenge/${caseId}`)).statusCode).toBe(200);
    expect((await guetersloh.get(`/verwaltung/vorgaenge/${caseId}/dateien/${fileId}`)).statusCode).toBe(200);
    expect((await guetersloh.get(`/verwaltung/vorgaenge/${caseId}/bescheid.pdf`)).statusCode).toBe(200);
  });

  it('answers 404 to a clerk of another municipality on every route', async () => {
    const page = await harsewinkel.get('/verwaltung/');
    expect(page.body).not.toContain(caseId);
    for (const url of [
      `/verwaltung/vorgaenge/${caseId}`,
      `/verwaltung/vorgaenge/${caseId}/dateien/${fileId}`,
      `/verwaltung/vorgaenge/${caseId}/bescheid.pdf`,
    ]) {
      expect((await harsewinkel.get(url)).statusCode, url).toBe(404);
    }
    for (const [action, fields] of [
      ['zuweisen', {}],
      ['rueckfrage', { question: 'Frage' }],
      ['entscheidung/vorschau', { outcome: 'rejected', reason: 'nein' }],
      ['entscheidung', { outcome: 'rejected', reason: 'nein', confirm: 'ja' }],
    ] as const) {
      expect((await harsewinkel.post(`/verwaltung/vorgaenge/${caseId}/${action}`, fields, page.body)).statusCode, action).toBe(404);
    }
  });

  it('does not open a status link under another municipality', async () => {
    const citizen = new Browser(t.app);
    expect((await citizen.get(statusPath)).statusCode).toBe(200);
    const foreign = statusPath.replace('/guetersloh/', '/harsewinkel/');
    for (const suffix of ['', '/eingangsbestaetigung.pdf', '/bescheid.pdf']) {
      expect((await citizen.get(foreign + suffix)).statusCode, suffix).toBe(404);
    }
  });

  it('lets a region admin work only on municipalities of the own region', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin@kanton-aargau.example');
    const choose = await admin.get('/verwaltung/');
    expect(choose.body).toContain('Stadt Aarau');
    expect(choose.body).not.toContain('Stadt Gütersloh');
    const gueterslohId = await inRegion(
      t.app.db,
      async (tx) => (await tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow()).id,
    );
    await admin.post('/verwaltung/kommune', { municipality: gueterslohId }, choose.body);
    expect((await admin.get(`/verwaltung/vorgaenge/${caseId}`)).statusCode).not.toBe(200);
  });

  it('sees no tenant rows without tenant context, and only its own with it', async () => {
    const db = t.app.db;
    const count = (table: 'applications' | 'application_files' | 'audit_log' | 'services') =>
      sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`;
    const none = await inRegion(db, async (tx) =>
      Promise.all((['applications', 'application_files', 'audit_log', 'services'] as const).map(async (tb) => (await count(tb).execute(tx)).rows[0]!.n)),
    );
    expect(none).toEqual([0, 0, 0, 0]);
    const ids = await inRegion(db, (tx) => tx.selectFrom('organizations').select(['id', 'slug']).where('slug', 'in', ['guetersloh', 'harsewinkel']).execute());
    const own = ids.find((o) => o.slug === 'guetersloh')!.id;
    const other = ids.find((o) => o.slug === 'harsewinkel')!.id;
    expect(await inTenant(db, own, async (tx) => (await count('applications').execute(tx)).rows[0]!.n)).toBeGreaterThan(0);
    expect(await inTenant(db, other, async (tx) => (await count('applications').execute(tx)).rows[0]!.n)).toBe(0);
    // Writing a row for another tenant is refused by the policy, not just hidden.
    await expect(inTenant(db, other, (tx) => sql`update applications set status = 'rejected' where tenant_id = ${own}`.execute(tx))).resolves.toMatchObject({
      numAffectedRows: 0n,
    });
    await expect(inTenant(db, other, (tx) => sql`insert into reference_counters values (${own}, 'XX', 2026, 1)`.execute(tx))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('runs as a role that neither owns the tables nor bypasses row-level security', async () => {
    const row = await inRegion(
      t.app.db,
      async (tx) =>
        (
          await sql<{ role: string; bypass: boolean; super: boolean; owner: string }>`
      select current_user as role, r.rolbypassrls as bypass, r.rolsuper as super,
             (select tableowner from pg_tables where tablename = 'applications') as owner
      from pg_roles r where r.rolname = current_user`.execute(tx)
        ).rows[0]!,
    );
    expect(row.role).toBe('rathaus_app');
    expect(row.bypass).toBe(false);
    expect(row.super).toBe(false);
    expect(row.owner).not.toBe('rathaus_app');
  });
});
