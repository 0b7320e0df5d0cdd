import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit/audit.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { checkChainsInFull } from './jobs.ts';

let t: TestApp;
const orgs = new Map<string, string>();

const admin = async (email: string) => {
  const b = new Browser(t.app);
  expect((await b.login(email)).statusCode).toBe(303);
  return b;
};
const rows = (html: string) => (html.match(/<tr class="kern-table__row">/g)?.length ?? 1) - 1;
const entryCount = async (slug: string) =>
  Number((await t.database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = '${orgs.get(slug)}'`))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await inRegion(t.app.db, (tx) => tx.selectFrom('organizations').select(['id', 'slug']).execute())) orgs.set(o.slug, o.id);
  const write = (slug: string, objectId: string, n = 1, objectType = 'test_object') =>
    inTenant(t.app.db, orgs.get(slug)!, async (tx) => {
      for (let i = 0; i < n; i++)
        await audit(tx, orgs.get(slug)!, { actor: 'system:test', action: 'test.done', objectType, objectId: n > 1 ? `${objectId}-${i}` : objectId });
    });
  await write('harsewinkel', 'nur-in-harsewinkel');
  await write('guetersloh', 'nur-in-guetersloh');
  await write('kreis-guetersloh', 'nur-in-der-region');
  await write('baden', 'seite', 60, 'paged_object');
});
afterAll(() => t?.close());

describe('who may read the audit log', () => {
  it('sends a person who is not signed in to the login page and refuses clerks', async () => {
    const anonymous = await new Browser(t.app).get('/verwaltung/protokoll');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/verwaltung/anmelden?weiter=/verwaltung/protokoll');
    const clerk = await admin('sachbearbeitung@guetersloh.example');
    const res = await clerk.get('/verwaltung/protokoll');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Kein Zugriff');
    expect(res.body).not.toContain('nur-in-guetersloh');
    expect((await clerk.get('/verwaltung/')).body).not.toContain('href="/verwaltung/protokoll"');
  });

  it("shows a municipality admin the municipality's log only, never another's, whatever the filter", async () => {
    const b = await admin('organisation@guetersloh.example');
    const res = await b.get('/verwaltung/protokoll');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Protokoll – Stadt Gütersloh');
    expect(res.body).toContain('nur-in-guetersloh');
    expect(res.body).toContain('staff_user.signed_in');
    expect(res.body).not.toContain('nur-in-harsewinkel');
    expect(res.body).not.toContain('nur-in-der-region');
    const probe = await b.get('/verwaltung/protokoll?objekt=nur-in-harsewinkel');
    expect(probe.statusCode).toBe(200);
    expect(probe.body).toContain('Keine Einträge für diese Filter.');
    expect((await b.get('/verwaltung/')).body).toContain('href="/verwaltung/protokoll"');
  });

  it("shows a region admin the region's log, and the municipality's once acting in it", async () => {
    const b = await admin('admin@kreis-guetersloh.example');
    const region = await b.get('/verwaltung/protokoll');
    expect(region.statusCode).toBe(200);
    expect(region.body).toContain('Protokoll – Kreis Gütersloh');
    expect(region.body).toContain('nur-in-der-region');
    expect(region.body).not.toContain('nur-in-harsewinkel');
    const chooser = await b.get('/verwaltung/');
    expect((await b.post('/verwaltung/kommune', { municipality: orgs.get('harsewinkel')! }, chooser.body)).statusCode).toBe(303);
    const town = await b.get('/verwaltung/protokoll');
    expect(town.body).toContain('Protokoll – Stadt Harsewinkel');
    expect(town.body).toContain('nur-in-harsewinkel');
    expect(town.body).not.toContain('nur-in-der-region');
    expect(town.body).not.toContain('nur-in-guetersloh');
  });

  it('keeps an admin of another region out of this one', async () => {
    const b = await admin('admin@kanton-aargau.example');
    const res = await b.get('/verwaltung/protokoll?objekt=nur-in-der-region');
    expect(res.body).toContain('Protokoll – Kanton Aargau');
    expect(res.body).toContain('Keine Einträge für diese Filter.');
  });
});

describe('filters and pages', () => {
  it("filters by person and names staff accounts; the person's name links to that filter", async () => {
    const b = await admin('organisation@guetersloh.example');
    const id = (await t.database.admin.query<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'organisation@guetersloh.example'`))[0]!.id;
    const res = await b.get(`/verwaltung/protokoll?person=${encodeURIComponent(`staff:${id}`)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`value="staff:${id}"`);
    expect(res.body).not.toContain('nur-in-guetersloh');
    expect(res.body).toContain('staff_user.signed_in');
    expect(res.body).toMatch(new RegExp(`href="/verwaltung/protokoll\\?person=staff%3A${id}"[^>]*>[^<]*Organisation`));
  });

  it('filters by object type and id together', async () => {
    const b = await admin('organisation@baden.example');
    const res = await b.get('/verwaltung/protokoll?objekttyp=paged_object&objekt=seite-7');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('1 Eintrag gefunden');
    expect(rows(res.body)).toBe(1);
    expect(res.body).toContain('paged_object seite-7');
  });

  it("filters by period in the tenant's time zone", async () => {
    const b = await admin('organisation@baden.example');
    const today = new Intl.DateTimeFormat('de-CH', { timeZone: 'Europe/Zurich', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    const inPeriod = await b.get(`/verwaltung/protokoll?objekttyp=paged_object&von=${today}&bis=${today}`);
    expect(inPeriod.body).toContain('60 Einträge gefunden');
    const before = await b.get('/verwaltung/protokoll?objekttyp=paged_object&von=01.01.2020&bis=31.12.2020');
    expect(before.body).toContain('Keine Einträge für diese Filter.');
  });

  it('pages by 50 with links that keep the filters and work without script', async () => {
    const b = await admin('organisation@baden.example');
    const first = await b.get('/verwaltung/protokoll?objekttyp=paged_object');
    expect(first.body).toContain('60 Einträge gefunden');
    expect(rows(first.body)).toBe(50);
    expect(first.body).toContain('Seite 1 von 2');
    expect(first.body).toContain('href="/verwaltung/protokoll?objekttyp=paged_object&amp;seite=2"');
    expect(first.body).toContain('paged_object seite-59');
    const second = await b.get('/verwaltung/protokoll?objekttyp=paged_object&seite=2');
    expect(rows(second.body)).toBe(10);
    expect(second.body).toContain('Seite 2 von 2');
    expect(second.body).toContain('href="/verwaltung/protokoll?objekttyp=paged_object"');
    expect(second.body).toContain('paged_object seite-0');
    expect(second.body).not.toContain('paged_object seite-59');
  });

  it('refuses a "to" before "from" with a 422, a German message and the form as typed', async () => {
    const b = await admin('organisation@baden.example');
    const before = await entryCount('baden');
    const res = await b.get('/verwaltung/protokoll?objekttyp=paged_object&von=10.03.2026&bis=09.03.2026');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte korrigieren Sie Folgendes');
    expect(res.body).toContain('href="#f-to"');
    expect(res.body).toContain('Das Datum „Bis“ darf nicht vor dem Datum „Von“ liegen.');
    expect(res.body).toContain('value="10.03.2026"');
    expect(res.body).toContain('value="09.03.2026"');
    expect(res.body).toContain('value="paged_object"');
    expect(res.body).not.toContain('Einträge gefunden');
    expect(await entryCount('baden')).toBe(before);
  });

  it('refuses a day that does not exist with a 422 and keeps it', async () => {
    const b = await admin('organisation@baden.example');
    const res = await b.get('/verwaltung/protokoll?von=31.02.2026');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte geben Sie ein gültiges Datum ein, zum Beispiel 31.03.2026.');
    expect(res.body).toContain('value="31.02.2026"');
    expect(res.body).toContain('aria-invalid="true"');
  });
});

describe('the hash-chain check', () => {
  it('reports the chain unchanged with its length', async () => {
    const b = await admin('organisation@wettingen.example');
    const res = await b.get('/verwaltung/protokoll');
    expect(res.body).toContain(`Kette geprüft: ${await entryCount('wettingen')} Einträge, unverändert`);
    expect(res.body).not.toContain('Kette gebrochen');
  });

  it('names the first entry that fails after a row was changed directly in the database', async () => {
    const b = await admin('organisation@wettingen.example');
    const wettingen = orgs.get('wettingen')!;
    expect((await b.get('/verwaltung/protokoll')).body).toContain('Zuletzt vollständig nachgerechnet:');
    await t.database.admin.exec(`UPDATE audit_log SET actor = 'jemand-anders' WHERE tenant_id = '${wettingen}' AND seq = 2`);
    // Looks in between recompute only newer entries; the hourly upkeep recomputes a chain in full once a day.
    expect((await checkChainsInFull(t.app.db)).map((c) => c.slug)).not.toContain('wettingen');
    const tomorrow = new Date(Date.now() + 24 * 3600_000 + 60_000);
    const checked = await checkChainsInFull(t.app.db, { now: tomorrow });
    expect(checked.find((c) => c.slug === 'wettingen')!.problems).toEqual([{ tenantId: wettingen, seq: 2, problem: 'changed' }]);
    const res = await b.get('/verwaltung/protokoll');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('Kette gebrochen: Das Protokoll wurde außerhalb der Anwendung verändert');
    expect(res.body).toContain('Eintrag Nr. 2 wurde nachträglich verändert');
    expect(res.body).not.toContain('Kette geprüft');
    // Other tenants' chains are theirs: still unchanged.
    expect((await (await admin('organisation@baden.example')).get('/verwaltung/protokoll')).body).toContain('unverändert');
  });

  it('names a deleted entry, at the next look when it came after the last one', async () => {
    const b = await admin('organisation@aarau.example');
    expect((await b.get('/verwaltung/protokoll')).body).toContain('unverändert');
    const last = await entryCount('aarau');
    await inTenant(t.app.db, orgs.get('aarau')!, (tx) =>
      audit(tx, orgs.get('aarau')!, { actor: 'system:test', action: 'thing.done', objectType: 'thing', objectId: 'x' }),
    );
    await inTenant(t.app.db, orgs.get('aarau')!, (tx) =>
      audit(tx, orgs.get('aarau')!, { actor: 'system:test', action: 'thing.done', objectType: 'thing', objectId: 'y' }),
    );
    await t.database.admin.exec(`DELETE FROM audit_log WHERE tenant_id = '${orgs.get('aarau')}' AND seq = ${last + 1}`);
    expect((await b.get('/verwaltung/protokoll')).body).toContain(`Eintrag Nr. ${last + 1} fehlt: Er wurde gelöscht.`);
  });

  it('names a deleted entry found by the full check', async () => {
    const b = await admin('organisation@harsewinkel.example');
    expect((await b.get('/verwaltung/protokoll')).body).toContain('unverändert');
    await t.database.admin.exec(`DELETE FROM audit_log WHERE tenant_id = '${orgs.get('harsewinkel')}' AND seq = 1`);
    await checkChainsInFull(t.app.db, { all: true });
    const res = await b.get('/verwaltung/protokoll');
    expect(res.body).toContain('Eintrag Nr. 1 fehlt: Er wurde gelöscht.');
  });
});
