import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { accessibilityProblems } from '../../testing/html.ts';
import { Browser } from '../../testing/http.ts';

let t: TestApp;
let gt: string;
let aarau: string;
let service: { id: string; title: string };
let gtAdmin: Browser;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const remedies = (tenant: string) =>
  t.database.admin.query<Record<string, string | null>>(`SELECT * FROM remedies WHERE tenant_id = $1 ORDER BY scope`, [tenant]);
const auditCount = async (tenant: string, action: string) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = $2`, [tenant, action])).n;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

const valid = {
  kind: 'widerspruch',
  authority: 'Stadt Gütersloh, Rechtsamt',
  address: 'Berliner Straße 70, 33330 Gütersloh',
  deadline: 'innerhalb eines Monats nach Bekanntgabe',
};

beforeAll(async () => {
  t = await createTestApp();
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  aarau = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'aarau'`)).id;
  service = await one<{ id: string; title: string }>(`SELECT id, title FROM services WHERE tenant_id = $1 ORDER BY slug LIMIT 1`, [gt]);
  gtAdmin = new Browser(t.app);
  await gtAdmin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('remedy settings', () => {
  it('shows the built-in default for a Kreis Gütersloh town: an action at the Verwaltungsgericht Minden', async () => {
    const res = await gtAdmin.get('/verwaltung/rechtsbehelfe');
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain('Verwaltungsgericht Minden');
    expect(page).toContain('Königswall 8, 32423 Minden');
    expect(page).toContain('Klage beim Verwaltungsgericht');
    expect(page).toContain('innerhalb eines Monats nach Bekanntgabe');
    expect(page).toContain('Voreinstellung');
    expect(res.body).toContain('href="/verwaltung/rechtsbehelfe"'); // the navigation entry
  });

  it('shows the Aargau default: a Beschwerde at the Departement Volkswirtschaft und Inneres', async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@aarau.example');
    const res = await admin.get('/verwaltung/rechtsbehelfe');
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain('Departement Volkswirtschaft und Inneres');
    expect(page).toContain('innert 30 Tagen seit Zustellung');
    const form = await admin.get('/verwaltung/rechtsbehelfe/kommune');
    expect(form.body).toContain('value="beschwerde"');
    expect(form.body).toContain('value="einsprache"');
    expect(form.body).not.toContain('value="klage"');
  });

  it('refuses bad input with German messages beside the fields, keeps what was typed and saves nothing', async () => {
    const form = await gtAdmin.get('/verwaltung/rechtsbehelfe/kommune');
    expect(form.statusCode).toBe(200);
    expect(accessibilityProblems(form.body)).toEqual([]);
    const before = await auditCount(gt, 'remedy.saved');
    const res = await gtAdmin.post(
      '/verwaltung/rechtsbehelfe/kommune',
      { kind: 'einsprache', authority: '  ', address: 'Königswall 8', deadline: 'x'.repeat(201) },
      form.body,
    );
    expect(res.statusCode).toBe(422);
    const page = text(res.body);
    expect(page).toContain('Bitte korrigieren Sie Folgendes');
    expect(page).toContain('Wählen Sie den Rechtsbehelf.'); // Einsprache is Swiss, not for a German town
    expect(page).toContain('Geben Sie das Gericht oder die Behörde ein');
    expect(page).toContain('Geben Sie die Frist ein');
    expect(res.body).toContain('value="Königswall 8"');
    expect(res.body).toContain('href="#f-kind-0"');
    expect(accessibilityProblems(res.body)).toEqual([]);
    expect(await remedies(gt)).toEqual([]);
    expect(await auditCount(gt, 'remedy.saved')).toBe(before);
  });

  it('saves the municipality remedy, audited, and every service without its own follows it', async () => {
    const form = await gtAdmin.get('/verwaltung/rechtsbehelfe/kommune');
    const res = await gtAdmin.post('/verwaltung/rechtsbehelfe/kommune', valid, form.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/rechtsbehelfe?hinweis=gespeichert');
    const rows = await remedies(gt);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scope: 'municipality', service_id: null, ...valid });
    const entry = await one<{ actor: string; data: { before: { authority: string }; after: { authority: string } } }>(
      `SELECT actor, data FROM audit_log WHERE tenant_id = $1 AND action = 'remedy.saved' ORDER BY seq DESC LIMIT 1`,
      [gt],
    );
    expect(entry.data.before.authority).toBe('Verwaltungsgericht Minden');
    expect(entry.data.after.authority).toBe('Stadt Gütersloh, Rechtsamt');
    const list = await gtAdmin.get(res.headers.location as string);
    const page = text(list.body);
    expect(page).toContain('Die Rechtsbehelfsbelehrung ist gespeichert.');
    expect(page).toContain('Wie für die Kommune');
    expect(page).toContain('Zuständig ist: Stadt Gütersloh, Rechtsamt, Berliner Straße 70, 33330 Gütersloh.');
  });

  it('lets one service differ, and removing the difference restores the municipality remedy; both audited', async () => {
    const url = `/verwaltung/rechtsbehelfe/${service.id}`;
    const form = await gtAdmin.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('Abweichung entfernen');
    const saved = await gtAdmin.post(
      url,
      { ...valid, kind: 'klage', authority: 'Verwaltungsgericht Minden', address: 'Königswall 8, 32423 Minden' },
      form.body,
    );
    expect(saved.statusCode).toBe(303);
    expect((await remedies(gt)).map((r) => r.scope).sort()).toEqual(['municipality', service.id].sort());
    const again = await gtAdmin.get(url);
    expect(again.body).toContain('Abweichung entfernen');
    const reset = await gtAdmin.post(`${url}/zuruecksetzen`, {}, again.body);
    expect(reset.statusCode).toBe(303);
    expect((await remedies(gt)).map((r) => r.scope)).toEqual(['municipality']);
    expect(await auditCount(gt, 'remedy.removed')).toBe(1);
  });

  it('answers 404 for a service of another municipality, and refuses clerks', async () => {
    const foreign = await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 LIMIT 1`, [aarau]);
    const form = await gtAdmin.get('/verwaltung/rechtsbehelfe/kommune');
    expect((await gtAdmin.get(`/verwaltung/rechtsbehelfe/${foreign.id}`)).statusCode).toBe(404);
    expect((await gtAdmin.post(`/verwaltung/rechtsbehelfe/${foreign.id}`, valid, form.body)).statusCode).toBe(404);
    expect((await gtAdmin.get('/verwaltung/rechtsbehelfe/irgendwas')).statusCode).toBe(404);
    expect(await remedies(aarau)).toEqual([]);
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/verwaltung/rechtsbehelfe')).statusCode).toBe(403);
    // A region admin who has not chosen a municipality is told where to choose one.
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    const page = await region.get('/verwaltung/rechtsbehelfe');
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Bitte wählen Sie zuerst in der Verwaltung die Kommune');
    expect((await region.get('/verwaltung/rechtsbehelfe/kommune')).body).not.toContain('name="authority"');
  });
});
