import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBlobStore } from '../../platform/blobs/store.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { accessibilityProblems, named } from '../../testing/html.ts';
import { decideCase } from '../../testing/decide.ts';
import { Browser } from '../../testing/http.ts';
import { pdfInfo, pdfText } from '../../testing/pdf.ts';
import { insertCase, orgId, statusLinkOf } from './test-cases.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let t: TestApp;
let clerk: Browser;
let admin: Browser;
let gt: string;
let rheda: string;
let clerkId: string;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const count = async (sql: string, params: unknown[] = []) => (await one<{ n: number }>(sql, params)).n;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  gt = await orgId(t.database, 'guetersloh');
  rheda = await orgId(t.database, 'rheda-wiedenbrueck');
  clerkId = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`)).id;
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
  admin = new Browser(t.app);
  await admin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('the case page sections', () => {
  it('shows notes, tasks, the applicant’s other cases and the handover form, accessibly', async () => {
    const c = await insertCase(t.database, 'guetersloh', { email: 'paula@example.org', firstName: 'Paula' });
    const earlier = await insertCase(t.database, 'guetersloh', { email: 'PAULA@example.org', service: 'sperrmuell' });
    const page = await clerk.get(`/verwaltung/vorgaenge/${c.id}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Weitere Anträge dieser Person');
    expect(page.body).toContain(`href="/verwaltung/vorgaenge/${earlier.id}"`);
    expect(body).toContain(earlier.reference);
    expect(body).toContain('Interne Notizen');
    expect(body).toContain('Interne Aufgaben');
    expect(body).toContain('Vorgang abgeben');
    expect(named(page.body, 'target').length).toBe(1);
    expect(accessibilityProblems(page.body)).toEqual([]);
  });
});

describe('notes over HTTP', () => {
  it('an empty note is refused with 422, the message beside the field; a note is saved and shown on the case page', async () => {
    const c = await insertCase(t.database, 'guetersloh');
    const page = await clerk.get(`/verwaltung/vorgaenge/${c.id}/notizen`);
    expect(page.statusCode).toBe(200);
    const refused = await clerk.post(`/verwaltung/vorgaenge/${c.id}/notizen`, { note: '   ' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(text(refused.body)).toContain('Geben Sie den Text der Notiz ein.');
    expect(refused.body).toContain('href="#f-note"');
    expect(accessibilityProblems(refused.body)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM case_notes WHERE application_id = $1`, [c.id])).toBe(0);
    const long = await clerk.post(`/verwaltung/vorgaenge/${c.id}/notizen`, { note: `Anfang ${'x'.repeat(4000)}` }, page.body);
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Anfang xxxx'); // what was typed is kept
    const saved = await clerk.post(`/verwaltung/vorgaenge/${c.id}/notizen`, { note: 'Telefonat: Nachweis folgt per Post.' }, page.body);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/verwaltung/vorgaenge/${c.id}#casework-notes`);
    const casePage = await clerk.get(`/verwaltung/vorgaenge/${c.id}`);
    expect(text(casePage.body)).toContain('Telefonat: Nachweis folgt per Post.');
  });

  it('answers 404 for a case of another municipality or an id that is none', async () => {
    const foreign = await insertCase(t.database, 'rheda-wiedenbrueck');
    const page = await clerk.get(`/verwaltung/vorgaenge/${foreign.id}/notizen`);
    expect(page.statusCode).toBe(404);
    const res = await clerk.post(`/verwaltung/vorgaenge/${foreign.id}/notizen`, { note: 'Fremd' });
    expect(res.statusCode).toBe(404);
    expect((await clerk.get('/verwaltung/vorgaenge/irgendwas/notizen')).statusCode).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM case_notes WHERE tenant_id = $1`, [rheda])).toBe(0);
  });
});

describe('tasks over HTTP', () => {
  it('refuses a past due date and an assignee of another municipality, keeping what was typed; then "Meine Aufgaben" lists the task', async () => {
    const c = await insertCase(t.database, 'guetersloh');
    const foreignClerk = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@rheda-wiedenbrueck.example'`)).id;
    const page = await clerk.get(`/verwaltung/vorgaenge/${c.id}/aufgaben`);
    expect(page.statusCode).toBe(200);
    const refused = await clerk.post(
      `/verwaltung/vorgaenge/${c.id}/aufgaben`,
      { title: 'Impfpass anfordern', assignee: foreignClerk, due: '01.01.2020' },
      page.body,
    );
    expect(refused.statusCode).toBe(422);
    const body = text(refused.body);
    expect(body).toContain('Wählen Sie eine Person Ihrer Kommune aus der Liste.');
    expect(body).toContain('Das Fälligkeitsdatum liegt in der Vergangenheit.');
    expect(refused.body).toContain('value="Impfpass anfordern"');
    expect(refused.body).toContain('value="01.01.2020"');
    expect(refused.body).toContain('href="#f-task-due"');
    expect(accessibilityProblems(refused.body)).toEqual([]);
    const malformed = await clerk.post(
      `/verwaltung/vorgaenge/${c.id}/aufgaben`,
      { title: 'Impfpass anfordern', assignee: clerkId, due: 'nächste Woche' },
      page.body,
    );
    expect(malformed.statusCode).toBe(422);
    expect(text(malformed.body)).toContain('Geben Sie das Fälligkeitsdatum als TT.MM.JJJJ ein');
    expect(await count(`SELECT count(*)::int AS n FROM case_tasks WHERE application_id = $1`, [c.id])).toBe(0);

    const saved = await clerk.post(`/verwaltung/vorgaenge/${c.id}/aufgaben`, { title: 'Impfpass anfordern', assignee: clerkId, due: '2099-12-31' }, page.body);
    expect(saved.statusCode).toBe(303);
    const task = await one<{ id: string }>(`SELECT id FROM case_tasks WHERE application_id = $1`, [c.id]);
    // A task already overdue (written as if made earlier) is marked in the list.
    await t.database.admin.query(
      `INSERT INTO case_tasks (tenant_id, id, application_id, title, assignee_id, due_on, created_by, created_at)
       VALUES ($1, gen_random_uuid(), $2, 'Rückruf Halterin', $3, '2026-01-05', $3, now())`,
      [gt, c.id, clerkId],
    );
    const mine = await clerk.get('/verwaltung/aufgaben');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('href="/verwaltung/aufgaben"'); // in the back office's navigation
    expect(mine.body).not.toContain('href="/verwaltung/uebersicht"'); // the management view is for admins
    const list = text(mine.body);
    expect(list).toContain('Impfpass anfordern');
    expect(list).toContain('Rückruf Halterin');
    expect(list).toContain('Überfällig');
    expect(list).toContain(c.reference);
    expect(accessibilityProblems(mine.body)).toEqual([]);

    const done = await clerk.post(`/verwaltung/vorgaenge/${c.id}/aufgaben/${task.id}`, { erledigt: '1', zurueck: 'aufgaben' }, mine.body);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/verwaltung/aufgaben');
    expect(text((await clerk.get('/verwaltung/aufgaben')).body)).not.toContain('Impfpass anfordern');
    const reopen = await clerk.post(`/verwaltung/vorgaenge/${c.id}/aufgaben/${task.id}`, { erledigt: '0' }, mine.body);
    expect(reopen.headers.location).toBe(`/verwaltung/vorgaenge/${c.id}#casework-tasks`);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action LIKE 'case.task_%'`, [c.id])).toBe(3);
    expect((await clerk.post(`/verwaltung/vorgaenge/${c.id}/aufgaben/${c.id}`, { erledigt: '1' }, mine.body)).statusCode).toBe(404);
  });
});

describe('handover over HTTP', () => {
  it('refuses an unknown organisation with a German message; hands the case over and says where it went', async () => {
    const blobs = fileBlobStore(path.join(t.dataDir, 'blobs'));
    const c = await insertCase(t.database, 'guetersloh', {
      files: [{ filename: 'nachweis.pdf', bytes: Buffer.from('%PDF-1.4 Nachweis') }],
      blobs,
      secret: t.config.appSecret,
    });
    const page = await clerk.get(`/verwaltung/vorgaenge/${c.id}/abgabe`);
    expect(page.statusCode).toBe(200);
    const refused = await clerk.post(`/verwaltung/vorgaenge/${c.id}/abgabe`, { target: gt, note: 'An mich selbst' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(text(refused.body)).toContain('Wählen Sie eine Kommune Ihrer Region oder die Region aus der Liste.');
    expect(refused.body).toContain('An mich selbst');
    expect(accessibilityProblems(refused.body)).toEqual([]);
    const ok = await clerk.post(`/verwaltung/vorgaenge/${c.id}/abgabe`, { target: rheda, note: 'Die Halterin wohnt in Rheda-Wiedenbrück.' }, page.body);
    expect(ok.statusCode).toBe(303);
    const after = await clerk.get(`/verwaltung/vorgaenge/${c.id}`);
    const body = text(after.body);
    expect(body).toContain('an Stadt Rheda-Wiedenbrück abgegeben');
    expect(body).toMatch(/Aktenzeichen dort: RW-\d{4}-\d{6}/);
    expect(body).not.toContain('Vorgang abgeben'); // closed: no second handover
    expect(accessibilityProblems(after.body)).toEqual([]);
    // The applicant's status link still works and says where the case went.
    const status = await new Browser(t.app).get(statusLinkOf('guetersloh', t.config.appSecret, c.id));
    expect(status.statusCode).toBe(200);
    expect(text(status.body)).toMatch(/zuständigkeitshalber an Stadt Rheda-Wiedenbrück abgegeben\. Dort hat er das Aktenzeichen RW-\d{4}-\d{6}/);
    // The receiving municipality's clerk finds the new case with the files.
    const other = new Browser(t.app);
    await other.login('sachbearbeitung@rheda-wiedenbrueck.example');
    const received = await one<{ application_id: string }>(`SELECT application_id FROM case_handovers WHERE tenant_id = $1 AND direction = 'in'`, [rheda]);
    const there = await other.get(`/verwaltung/vorgaenge/${received.application_id}`);
    expect(there.statusCode).toBe(200);
    expect(text(there.body)).toContain(`von Stadt Gütersloh übernommen`);
    expect(text(there.body)).toContain('nachweis.pdf');
  });
});

describe('the management view', () => {
  it('is for municipality admins: a table with caption and right-aligned numbers', async () => {
    expect((await clerk.get('/verwaltung/uebersicht')).statusCode).toBe(403);
    await insertCase(t.database, 'guetersloh', { dueAt: new Date('2026-01-01T00:00:00Z') });
    const page = await admin.get('/verwaltung/uebersicht');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/verwaltung/bescheidvorlage"');
    expect(page.body).toContain('<caption');
    expect(page.body).toContain('kern-table__cell--numeric');
    expect(page.body).not.toContain('<script');
    const body = text(page.body);
    expect(body).toContain('Eingang diese Woche');
    expect(body).toContain('Überfällig');
    expect(body).toContain('Hund anmelden');
    expect(accessibilityProblems(page.body)).toEqual([]);
  });
});

describe('a region admin', () => {
  it('is sent to choose a municipality first', async () => {
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    for (const url of ['/verwaltung/aufgaben', '/verwaltung/uebersicht', '/verwaltung/bescheidvorlage']) {
      const res = await region.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/verwaltung/');
    }
  });
});

describe('the decision template editor', () => {
  it('refuses an unknown placeholder with a clear message, keeps the text, saves nothing; saves a valid one', async () => {
    expect((await clerk.get('/verwaltung/bescheidvorlage')).statusCode).toBe(403);
    const form = await admin.get('/verwaltung/bescheidvorlage');
    expect(form.statusCode).toBe(200);
    expect(text(form.body)).toContain('{{Aktenzeichen}}');
    expect(text(form.body)).toContain('Noch ist keine Vorlage gespeichert');
    expect(accessibilityProblems(form.body)).toEqual([]);
    const bad = await admin.post('/verwaltung/bescheidvorlage', { body: 'Zu {{Aktenzeichen}}: {{Steuerklasse}}' }, form.body);
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('Unbekannter Platzhalter: {{Steuerklasse}}.');
    expect(bad.body).toContain('Zu {{Aktenzeichen}}: {{Steuerklasse}}');
    expect(bad.body).toContain('href="#f-template"');
    expect(accessibilityProblems(bad.body)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM decision_templates WHERE tenant_id = $1`, [gt])).toBe(0);
    const ok = await admin.post('/verwaltung/bescheidvorlage', { body: 'zu Ihrem Antrag {{Aktenzeichen}} für {{hundename}}:' }, form.body);
    expect(ok.statusCode).toBe(303);
    const saved = await admin.get(ok.headers.location as string);
    expect(text(saved.body)).toContain('Die Vorlage ist gespeichert.');
    expect(saved.body).toContain('zu Ihrem Antrag {{Aktenzeichen}} für {{hundename}}:');
    expect(text(saved.body)).not.toContain('Noch ist keine Vorlage gespeichert');
  });
});

describe('the Bescheid with the template', () => {
  it('the preview and the PDFs (clerk and applicant) carry the salutation and the filled template, kept as issued', async () => {
    const form = await admin.get('/verwaltung/bescheidvorlage');
    const saved = await admin.post(
      '/verwaltung/bescheidvorlage',
      { body: 'zu Ihrem Antrag {{Aktenzeichen}} vom {{Eingangsdatum}} für den Hund {{hundename}} ergeht folgender Bescheid.' },
      form.body,
    );
    expect(saved.statusCode).toBe(303);
    const c = await insertCase(t.database, 'guetersloh', { firstName: 'Jana', lastName: 'Krause', extra: { hundename: 'Bello' }, secret: t.config.appSecret });
    const { preview, decided } = await decideCase(clerk, c.id, { outcome: 'approved', reason: 'Alle Voraussetzungen liegen vor.' });
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    const shown = text(preview.body);
    expect(shown).toContain('Guten Tag Jana Krause,');
    expect(shown).toContain(`zu Ihrem Antrag ${c.reference} vom`);
    expect(shown).toContain('für den Hund Bello ergeht folgender Bescheid.');
    expect(decided?.statusCode).toBe(303);
    const pdf = await clerk.get(`/verwaltung/vorgaenge/${c.id}/bescheid.pdf`);
    expect(pdf.statusCode).toBe(200);
    const printed = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(printed).toContain('Guten Tag Jana Krause,');
    expect(printed).toContain('für den Hund Bello ergeht folgender Bescheid.');
    // A later change of the template does not rewrite the Bescheid already issued; the applicant's PDF says the same.
    const again = await admin.get('/verwaltung/bescheidvorlage');
    await admin.post('/verwaltung/bescheidvorlage', { body: 'Neuer Text für {{Aktenzeichen}}.' }, again.body);
    const citizen = await new Browser(t.app).get(`${statusLinkOf('guetersloh', t.config.appSecret, c.id)}/bescheid.pdf`);
    expect(citizen.statusCode).toBe(200);
    const theirs = pdfText(citizen.rawPayload).replace(/\s+/g, ' ');
    expect(theirs).toContain('für den Hund Bello ergeht folgender Bescheid.');
    expect(theirs).not.toContain('Neuer Text');
  });
});

describe('team visibility', () => {
  it('a clerk works only the cases of the services their team handles, and sees only those among the other cases', async () => {
    const hw = await orgId(t.database, 'harsewinkel');
    const hwClerk = new Browser(t.app);
    await hwClerk.login('sachbearbeitung@harsewinkel.example');
    const member = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@harsewinkel.example'`)).id;
    const bulky = await insertCase(t.database, 'harsewinkel', { service: 'sperrmuell', email: 'tom@example.org' });
    const dog = await insertCase(t.database, 'harsewinkel', { email: 'tom@example.org' });
    const team = '0190a0a0-0000-7000-8000-000000000001';
    await t.database.admin.query(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ($1, $2, 'Abfall', 'sachgebiet')`, [hw, team]);
    await t.database.admin.query(`INSERT INTO team_members (tenant_id, team_id, user_id) VALUES ($1, $2, $3)`, [hw, team, member]);
    await t.database.admin.query(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ($1, $2, $3)`, [hw, team, bulky.serviceId]);
    expect((await hwClerk.get(`/verwaltung/vorgaenge/${dog.id}/notizen`)).statusCode).toBe(404);
    expect((await hwClerk.post(`/verwaltung/vorgaenge/${dog.id}/notizen`, { note: 'Nicht mein Team' })).statusCode).toBe(404);
    const own = await hwClerk.get(`/verwaltung/vorgaenge/${bulky.id}/notizen`);
    expect(own.statusCode).toBe(200);
    const page = await hwClerk.get(`/verwaltung/vorgaenge/${bulky.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Weitere Anträge dieser Person');
    expect(page.body).not.toContain(dog.reference);
    expect(await count(`SELECT count(*)::int AS n FROM case_notes WHERE application_id = $1`, [dog.id])).toBe(0);
  });
});

describe('the letterhead', () => {
  it("carries the municipality's logo where the organizations module has one", async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const blobs = fileBlobStore(path.join(t.dataDir, 'blobs'));
    const aarau = await orgId(t.database, 'aarau');
    const sha = await blobs.put(aarau, png);
    await t.database.admin.query(`UPDATE organizations SET logo_sha256 = $1, logo_type = 'image/png' WHERE id = $2`, [sha, aarau]);
    const c = await insertCase(t.database, 'aarau', { service: 'hund-anmelden', secret: t.config.appSecret });
    const aarauClerk = new Browser(t.app);
    await aarauClerk.login('sachbearbeitung@aarau.example');
    const { decided } = await decideCase(aarauClerk, c.id, { outcome: 'approved', reason: 'Alle Voraussetzungen liegen vor.' });
    expect(decided?.statusCode).toBe(303);
    const images = (bytes: Buffer) => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'logo-')), 'b.pdf');
      writeFileSync(file, bytes);
      return spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter((l) => /^\s*\d+\s+\d+\s+image/.test(l)).length;
    };
    const withLogo = (await aarauClerk.get(`/verwaltung/vorgaenge/${c.id}/bescheid.pdf`)).rawPayload;
    expect(images(withLogo)).toBe(1);
    // Still a tagged PDF, the logo a figure in the structure.
    expect(pdfInfo(withLogo)).toMatch(/Tagged:\s+yes/);
    expect(pdfInfo(withLogo, true)).toContain('Figure');
    expect(images((await new Browser(t.app).get(`${statusLinkOf('aarau', t.config.appSecret, c.id)}/bescheid.pdf`)).rawPayload)).toBe(1);
    // A municipality without a logo: none.
    const plain = await insertCase(t.database, 'guetersloh', { secret: t.config.appSecret });
    await decideCase(clerk, plain.id, { outcome: 'rejected', reason: 'Nachweis fehlt.' });
    expect(images((await clerk.get(`/verwaltung/vorgaenge/${plain.id}/bescheid.pdf`)).rawPayload)).toBe(0);
  });
});
