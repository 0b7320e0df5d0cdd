// The studio's workflow pages through HTTP: list, page with diagram and versions, editor, saving and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, csrfToken } from '../../testing/http.ts';
import { FOUR_EYES, STANDARD } from './builtins.ts';
import { toForm, type WorkflowForm } from './editor.ts';
import type { WorkflowDefinition } from './schema.ts';
import { createWorkflow } from './workflows.ts';

let t: TestApp;
let gt: string;
let admin: Browser;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const versions = async (key: string) =>
  (await t.database.admin.query<{ version: number }>(`SELECT version FROM workflows WHERE tenant_id = $1 AND key = $2 ORDER BY version`, [gt, key])).map(
    (r) => r.version,
  );
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The editor's form as a browser posts it: numbered rows, repeated names for checkboxes. */
function bodyOf(form: WorkflowForm, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({
    name_de: form.name_de,
    name_en: form.name_en,
    description_de: form.description_de,
    description_en: form.description_en,
    initial: form.initial,
  }))
    p.append(k, v);
  form.roles.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) p.append(`r${i}_${k}`, v);
  });
  form.states.forEach((s, i) => {
    for (const [k, v] of Object.entries(s)) if (k !== 'final') p.append(`s${i}_${k}`, v as string);
    if (s.final) p.append(`s${i}_final`, 'ja');
  });
  form.transitions.forEach((tr, i) => {
    for (const [k, v] of Object.entries(tr)) {
      if (Array.isArray(v)) for (const x of v) p.append(`t${i}_${k}`, x);
      else p.append(`t${i}_${k}`, v);
    }
  });
  for (const [k, v] of Object.entries(extra)) p.append(k, v);
  return p;
}

async function post(browser: Browser, url: string, body: URLSearchParams) {
  const page = await browser.get('/studio/ablaeufe');
  body.set('_csrf', csrfToken(page.body));
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

beforeAll(async () => {
  t = await createTestApp();
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  admin = new Browser(t.app);
  await admin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('who may see the workflow pages', () => {
  it('sends a stranger to the login page and refuses clerks', async () => {
    const stranger = await new Browser(t.app).get('/studio/ablaeufe');
    expect(stranger.statusCode).toBe(303);
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/studio/ablaeufe')).statusCode).toBe(403);
    expect((await clerk.get('/studio/ablaeufe/standard/bearbeiten')).statusCode).toBe(403);
  });

  it('answers 404 for a workflow that does not exist or a key of the wrong shape', async () => {
    expect((await admin.get('/studio/ablaeufe/gibt-es-nicht')).statusCode).toBe(404);
    expect((await admin.get('/studio/ablaeufe/..%2Fx')).statusCode).toBe(404);
    expect((await admin.get('/studio/ablaeufe/standard?version=99')).statusCode).toBe(404);
  });
});

describe('the list and a workflow page', () => {
  it('lists the built-in workflows with their version and the services using them', async () => {
    const res = await admin.get('/studio/ablaeufe');
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    for (const w of ['Standardablauf', 'Mit Zweitprüfung', 'Mit Gebührenzahlung']) expect(body).toContain(w);
    expect(body).toContain('1 (mitgeliefert)');
    // The demo's services predate workflows ('approval'): they count as using the standard workflow.
    const services = await t.database.admin.query<{ title: string }>(`SELECT title FROM services WHERE tenant_id = $1`, [gt]);
    expect(services.length).toBeGreaterThan(0);
    expect(body).toContain(services[0]!.title);
    expect(res.body).toContain('href="/studio/ablaeufe"');
  });

  it('shows the diagram as inline SVG with title and description, the tables in words, and the SVG file', async () => {
    const res = await admin.get('/studio/ablaeufe/vier-augen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="wf-title wf-desc"');
    expect(res.body).toContain('<title id="wf-title">Ablaufdiagramm: Mit Zweitprüfung</title>');
    const body = text(res.body);
    expect(body).toContain('Zustände von „Mit Zweitprüfung“');
    expect(body).toContain('„Freigeben und entscheiden“ nach „Entschieden“');
    expect(body).toContain('Andere Person als bei „Zur Zweitprüfung geben“ (Vier-Augen-Prinzip)');
    const svg = await admin.get('/studio/ablaeufe/vier-augen/diagramm.svg');
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
  });
});

describe('the editor', () => {
  it('adds a state row and keeps everything typed, without saving', async () => {
    const form = toForm(STANDARD);
    form.name_de = 'Standardablauf geändert';
    const res = await post(admin, '/studio/ablaeufe/standard/bearbeiten', bodyOf(form, { version: '1', _aktion: 'zustand-neu' }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Standardablauf geändert"');
    expect(res.body).toContain(`name="s${STANDARD.states.length}_id"`);
    expect(await versions('standard')).toEqual([]);
  });

  it('refuses an unreachable state with 422, the message linked to its input and every typed value kept', async () => {
    const form = toForm(STANDARD);
    form.states.push({
      id: 'archiv',
      label_de: 'Im Archiv <b>',
      label_en: '',
      phase: 'closed',
      final: true,
      deadline_days: '',
      deadline_from: 'entered',
      deadline_warn: '',
    });
    form.states[0]!.label_de = 'Neu eingegangen';
    const res = await post(admin, '/studio/ablaeufe/standard/bearbeiten', bodyOf(form, { version: '1', _aktion: 'speichern' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`href="#s${STANDARD.states.length}-id"`);
    expect(res.body).toContain('Der Zustand „Im Archiv &lt;b>“ ist vom Anfangszustand aus nicht erreichbar.');
    expect(res.body).not.toContain('Archiv <b>“');
    expect(res.body).toContain('value="Neu eingegangen"');
    expect(res.body).toContain('value="archiv"');
    expect(await versions('standard')).toEqual([]);
  });

  it('refuses a deadline that is no number and keeps what was typed', async () => {
    const form = toForm(STANDARD);
    form.states[1]!.deadline_days = 'vierzehn';
    const res = await post(admin, '/studio/ablaeufe/standard/bearbeiten', bodyOf(form, { version: '1' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="vierzehn"');
    expect(res.body).toContain('href="#s1-deadline_days"');
    expect(text(res.body)).toContain('Die Frist ist eine ganze Zahl von Tagen, mindestens 1, zum Beispiel 14.');
  });

  it('saves a valid change as version 2 (the built-in one kept as version 1), audited, and keeps the old version readable', async () => {
    const form = toForm(STANDARD);
    form.name_de = 'Standard mit Anhörung';
    form.states[1]!.deadline_days = '21';
    const res = await post(admin, '/studio/ablaeufe/standard/bearbeiten', bodyOf(form, { version: '1', _aktion: 'speichern' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/studio/ablaeufe/standard?hinweis=gespeichert');
    expect(await versions('standard')).toEqual([1, 2]);
    const audit = await one<{ action: string; data: { version: number } }>(
      `SELECT action, data FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
      [gt],
    );
    expect(audit).toMatchObject({ action: 'workflow.saved', data: { version: 2 } });
    const page = text((await admin.get('/studio/ablaeufe/standard?hinweis=gespeichert')).body);
    expect(page).toContain('als Version 2 gespeichert');
    expect(page).toContain('Frist 21 Tage ab Vollständigkeit');
    expect(page).toContain('Version 1 ansehen');
    const old = text((await admin.get('/studio/ablaeufe/standard?version=1')).body);
    expect(old).toContain('Sie sehen die ältere Version 1. Die aktuelle ist Version 2.');
    expect(old).toContain('Standardablauf');
    expect(old).toContain('Frist 14 Tage ab Vollständigkeit');
  });

  it('refuses a save based on an older version with 409: nothing overwritten, the typed values kept', async () => {
    const form = toForm(STANDARD);
    form.name_de = 'Zu spät gespeichert';
    const res = await post(admin, '/studio/ablaeufe/standard/bearbeiten', bodyOf(form, { version: '1', _aktion: 'speichern' }));
    expect(res.statusCode).toBe(409);
    expect(text(res.body)).toContain('Jemand hat diesen Ablauf inzwischen gespeichert (jetzt Version 2).');
    expect(res.body).toContain('value="Zu spät gespeichert"');
    expect(await versions('standard')).toEqual([1, 2]);
  });

  it('removes a transition row and refuses the save when a role is missing on a manual transition', async () => {
    const form = toForm(FOUR_EYES);
    form.transitions[0]!.roles = [];
    const removed = await post(admin, '/studio/ablaeufe/vier-augen/bearbeiten', bodyOf(form, { version: '1', _aktion: 'uebergang-entfernen-6' }));
    expect(removed.statusCode).toBe(200);
    expect(removed.body).not.toContain('name="t6_id"');
    const res = await post(admin, '/studio/ablaeufe/vier-augen/bearbeiten', bodyOf(form, { version: '1' }));
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Den Übergang „Übernehmen“ nimmt jemand von Hand');
    expect(res.body).toContain('href="#t0-roles"');
  });
});

describe('a new workflow as a copy', () => {
  it('refuses a taken or malformed short name and a missing name, keeping what was typed', async () => {
    const page = await admin.get('/studio/ablaeufe');
    const taken = await admin.post('/studio/ablaeufe', { source: 'standard', key: 'gebuehr', name: 'Noch einer' }, page.body);
    expect(taken.statusCode).toBe(422);
    expect(text(taken.body)).toContain('Einen Ablauf mit dem Kurznamen „gebuehr“ gibt es schon.');
    expect(taken.body).toContain('value="Noch einer"');
    const bad = await admin.post('/studio/ablaeufe', { source: 'standard', key: 'Mit Leerzeichen', name: '' }, page.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#wf-key"');
    expect(bad.body).toContain('href="#wf-name"');
    expect(bad.body).toContain('value="Mit Leerzeichen"');
  });

  it('creates version 1 of the copy and opens the editor', async () => {
    const page = await admin.get('/studio/ablaeufe');
    const res = await admin.post('/studio/ablaeufe', { source: 'vier-augen', key: 'mit-anhoerung', name: 'Mit Anhörung' }, page.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/studio/ablaeufe/mit-anhoerung/bearbeiten?hinweis=angelegt');
    expect(await versions('mit-anhoerung')).toEqual([1]);
    const editor = await admin.get(res.headers.location as string);
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('value="Mit Anhörung"');
    expect(text((await admin.get('/studio/ablaeufe')).body)).toContain('Mit Anhörung');
  });
});

describe('a service names its workflow', () => {
  it("offers the municipality's workflows in the local details, saves the choice and refuses one it does not have", async () => {
    const service = await one<{ id: string; title: string; local: Record<string, { de: string } | string> }>(
      `SELECT id, title, local FROM services WHERE tenant_id = $1 AND published ORDER BY slug LIMIT 1`,
      [gt],
    );
    const page = await admin.get(`/studio/leistungen/${service.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<option value="standard" selected/);
    expect(page.body).toContain('<option value="vier-augen"');
    const local = service.local as { office: { de: string }; email: string; phone: string; address: string; hours: { de: string } };
    const fields = { office_de: local.office.de, email: local.email, phone: local.phone, address: local.address, hours_de: local.hours.de };
    const refused = await admin.post(`/studio/leistungen/${service.id}`, { ...fields, workflow: 'erfunden' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(text(refused.body)).toContain('Bitte wählen Sie einen der Abläufe Ihrer Kommune.');
    expect(refused.body).toContain('href="#in-workflow"');
    const organiser = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'organisation@guetersloh.example'`)).id;
    // A workflow whose condition asks for a form answer the service's form does not have is refused for it.
    const needsField: WorkflowDefinition = { ...structuredClone(STANDARD), key: 'mit-feld', name: { de: 'Mit Feldprüfung' } };
    needsField.transitions.find((x) => x.id === 'entscheiden')!.guards = [{ kind: 'answered', field: 'baugrundstueck' }];
    expect((await inTenant(t.app.db, gt, (tx) => createWorkflow(tx, { tenantId: gt, definition: needsField, actor: organiser }))).ok).toBe(true);
    const missing = await admin.post(`/studio/leistungen/${service.id}`, { ...fields, workflow: 'mit-feld' }, page.body);
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain('Der Ablauf „Mit Feldprüfung“ verlangt das Formularfeld „baugrundstueck“, das diese Leistung nicht hat.');
    const saved = await admin.post(`/studio/leistungen/${service.id}`, { ...fields, workflow: 'vier-augen' }, page.body);
    expect(saved.statusCode).toBe(303);
    const row = await one<{ definition: { workflow: string } }>(`SELECT definition FROM services WHERE tenant_id = $1 AND id = $2`, [gt, service.id]);
    expect(row.definition.workflow).toBe('vier-augen');
    expect(text((await admin.get('/studio/ablaeufe/vier-augen')).body)).toContain(`Genutzt von: ${service.title}.`);
  });
});

describe('workflow roles for accounts', () => {
  it("lets the municipality's admin give an account the roles its workflows name, audited, and refuses others", async () => {
    const clerk = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`)).id;
    const page = await admin.get(`/verwaltung/konten/${clerk}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Rollen in Abläufen');
    expect(body).toContain('Leitung (leitung), genannt in: Mit Anhörung, Mit Zweitprüfung');
    expect(body).toContain('Kasse (kasse), genannt in: Mit Gebührenzahlung');
    const p = new URLSearchParams();
    p.append('roles', 'leitung');
    p.append('roles', 'kasse');
    const saved = await post(admin, `/verwaltung/konten/${clerk}/fallrollen`, p);
    expect(saved.statusCode).toBe(303);
    expect((await one<{ case_roles: string[] }>(`SELECT case_roles FROM staff_users WHERE id = $1`, [clerk])).case_roles).toEqual(['kasse', 'leitung']);
    const audit = await one<{ action: string; data: object }>(`SELECT action, data FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`, [gt]);
    expect(audit).toEqual({ action: 'staff_user.case_roles_changed', data: { from: [], to: ['kasse', 'leitung'] } });
    expect((await admin.get(`/verwaltung/konten/${clerk}`)).body).toMatch(/value="leitung" checked/);

    const forged = new URLSearchParams({ roles: 'buergermeister' });
    const refused = await post(admin, `/verwaltung/konten/${clerk}/fallrollen`, forged);
    expect(refused.statusCode).toBe(422);
    expect(text(refused.body)).toContain('Diese Rolle nennt kein Ablauf Ihrer Kommune.');
    expect((await one<{ case_roles: string[] }>(`SELECT case_roles FROM staff_users WHERE id = $1`, [clerk])).case_roles).toEqual(['kasse', 'leitung']);

    const none = await post(admin, `/verwaltung/konten/${clerk}/fallrollen`, new URLSearchParams());
    expect(none.statusCode).toBe(303);
    expect((await one<{ case_roles: string[] }>(`SELECT case_roles FROM staff_users WHERE id = $1`, [clerk])).case_roles).toEqual([]);
  });
});

describe('a region admin', () => {
  it('is told to choose a municipality first, and sees the workflows of the one chosen', async () => {
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    const before = await region.get('/studio/ablaeufe');
    expect(before.statusCode).toBe(200);
    expect(text(before.body)).toContain('Abläufe gehören zu einer Kommune.');
    const home = await region.get('/verwaltung/');
    const chosen = await region.post('/verwaltung/kommune', { municipality: gt }, home.body);
    expect(chosen.statusCode).toBe(303);
    const after = await region.get('/studio/ablaeufe');
    expect(text(after.body)).toContain('Abläufe – Stadt Gütersloh');
  });
});
