import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';

let t: TestApp;
let gt: string;
let rheda: string;
let gtAdmin: Browser;
let gtClerk: Browser;
let ids: { admin: string; clerk: string; rhedaClerk: string; extra: string; service: string; rhedaTeam: string };

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).n;
const idOf = async (email: string) => (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = $1`, [email])).id;
const teamId = async (name: string, tenant = gt) => (await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = $2`, [tenant, name])).id;
const lastAudit = async (tenant: string) =>
  one<{ action: string; actor: string; data: Record<string, unknown> }>(
    `SELECT action, actor, data FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1`,
    [tenant],
  );

/** A page's text without tags, to look for messages as people read them. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  rheda = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'rheda-wiedenbrueck'`)).id;
  const extra = newId();
  await t.database.admin.query(
    `INSERT INTO staff_users (id, organization_id, email, name, role, password_hash) VALUES ($1, $2, 'extra@guetersloh.example', 'Erika Extra', 'clerk', NULL)`,
    [extra, gt],
  );
  const rhedaTeam = newId();
  await t.database.admin.query(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ($1, $2, 'Rheda-Team', 'fachbereich')`, [rheda, rhedaTeam]);
  ids = {
    admin: await idOf('organisation@guetersloh.example'),
    clerk: await idOf('sachbearbeitung@guetersloh.example'),
    rhedaClerk: await idOf('sachbearbeitung@rheda-wiedenbrueck.example'),
    extra,
    service: (await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 ORDER BY slug LIMIT 1`, [gt])).id,
    rhedaTeam,
  };
  gtAdmin = new Browser(t.app);
  await gtAdmin.login('organisation@guetersloh.example');
  gtClerk = new Browser(t.app);
  await gtClerk.login('sachbearbeitung@guetersloh.example');
});
afterAll(() => t?.close());

describe('who may use the team pages', () => {
  it('sends a person who is not signed in to the login page', async () => {
    const res = await new Browser(t.app).get('/verwaltung/teams');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/anmelden?weiter=/verwaltung/teams');
  });

  it('refuses clerks with 403, for pages and forms alike, and changes nothing', async () => {
    expect((await gtClerk.get('/verwaltung/teams')).statusCode).toBe(403);
    const before = await count('teams');
    expect((await gtClerk.post('/verwaltung/teams', { name: 'Heimlich', kind: 'fachbereich' })).statusCode).toBe(403);
    expect((await gtClerk.get(`/verwaltung/teams/${ids.rhedaTeam}`)).statusCode).toBe(403);
    expect(await count('teams')).toBe(before);
  });

  it('shows the nav entry to admins, and only the absences entry to clerks', async () => {
    const adminHome = await gtAdmin.get('/verwaltung/abwesenheiten');
    expect(adminHome.body).toContain('href="/verwaltung/teams"');
    const clerkHome = await gtClerk.get('/verwaltung/abwesenheiten');
    expect(clerkHome.statusCode).toBe(200);
    expect(clerkHome.body).toContain('href="/verwaltung/abwesenheiten"');
    expect(clerkHome.body).not.toContain('href="/verwaltung/teams"');
  });

  it('answers 404 for another municipality’s team, and for ids that are none', async () => {
    expect((await gtAdmin.get(`/verwaltung/teams/${ids.rhedaTeam}`)).statusCode).toBe(404);
    expect((await gtAdmin.get('/verwaltung/teams/kein-team')).statusCode).toBe(404);
    expect((await gtAdmin.post(`/verwaltung/teams/${ids.rhedaTeam}/angaben`, { name: 'Übernommen' })).statusCode).toBe(404);
    expect((await gtAdmin.post(`/verwaltung/teams/${ids.rhedaTeam}/mitglieder`, { member: ids.clerk })).statusCode).toBe(404);
    expect((await gtAdmin.post(`/verwaltung/teams/${ids.rhedaTeam}/loeschen`, {})).statusCode).toBe(404);
    expect((await one<{ name: string }>(`SELECT name FROM teams WHERE id = $1`, [ids.rhedaTeam])).name).toBe('Rheda-Team');
    expect(await count('team_members', 'team_id = $1', [ids.rhedaTeam])).toBe(0);
  });

  it('refuses a form without CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/verwaltung/teams',
      payload: 'name=Ohne&kind=fachbereich',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...gtAdmin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(403);
    expect(await count('teams', `name = 'Ohne'`)).toBe(0);
  });
});

describe('teams of a municipality', () => {
  it('creates a Fachbereich and a Sachgebiet in it, with a success notice and an audit entry', async () => {
    const list = await gtAdmin.get('/verwaltung/teams');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Teams – Stadt Gütersloh');
    const res = await gtAdmin.post('/verwaltung/teams', { name: 'Bürgerdienste', kind: 'fachbereich' }, list.body);
    expect(res.statusCode).toBe(303);
    const fb = await teamId('Bürgerdienste');
    expect(res.headers.location).toBe(`/verwaltung/teams/${fb}?hinweis=angelegt`);
    const page = await gtAdmin.get(String(res.headers.location));
    expect(page.body).toContain('Das Team ist angelegt.');
    expect(await lastAudit(gt)).toEqual({ action: 'team.created', actor: `staff:${ids.admin}`, data: { kind: 'fachbereich', parent: null } });
    const sg = await gtAdmin.post('/verwaltung/teams', { name: 'Meldewesen', kind: 'sachgebiet', parent: fb });
    expect(sg.statusCode).toBe(303);
    const listed = await gtAdmin.get('/verwaltung/teams');
    expect(text(listed.body)).toContain('Meldewesen Sachgebiet Bürgerdienste');
  });

  it('refuses a duplicate name with a clear message, keeps what was typed, and creates nothing', async () => {
    const before = await count('teams');
    const res = await gtAdmin.post('/verwaltung/teams', { name: 'bürgerdienste', kind: 'sachgebiet' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ein Team mit diesem Namen gibt es in dieser Kommune schon.');
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('value="bürgerdienste"');
    expect(res.body).toMatch(/value="sachgebiet" checked/);
    expect(await count('teams')).toBe(before);
  });

  it('refuses a missing name and kind at once', async () => {
    const res = await gtAdmin.post('/verwaltung/teams', { name: '  ' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte geben Sie den Namen des Teams ein');
    expect(res.body).toContain('Bitte wählen Sie, ob das Team ein Fachbereich oder ein Sachgebiet ist.');
  });

  it('renames a team; a name another team has is refused and the typed name kept', async () => {
    const sg = await teamId('Meldewesen');
    const taken = await gtAdmin.post(`/verwaltung/teams/${sg}/angaben`, { name: 'Bürgerdienste', parent: '' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ein Team mit diesem Namen gibt es in dieser Kommune schon.');
    expect(taken.body).toContain('value="Bürgerdienste"');
    expect(await teamId('Meldewesen')).toBe(sg);
    const renamed = await gtAdmin.post(`/verwaltung/teams/${sg}/angaben`, { name: 'Melde- und Passwesen', parent: await teamId('Bürgerdienste') });
    expect(renamed.statusCode).toBe(303);
    expect((await gtAdmin.get(String(renamed.headers.location))).body).toContain('<h1 class="kern-heading-large">Melde- und Passwesen</h1>');
    expect((await lastAudit(gt)).action).toBe('team.updated');
  });

  it('keeps a Fachbereich with Sachgebiete, then deletes both', async () => {
    const fb = await teamId('Bürgerdienste');
    const sg = await teamId('Melde- und Passwesen');
    const refused = await gtAdmin.post(`/verwaltung/teams/${fb}/loeschen`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Zu diesem Fachbereich gehören noch Sachgebiete.');
    expect(await count('teams', 'id = $1', [fb])).toBe(1);
    expect((await gtAdmin.post(`/verwaltung/teams/${sg}/loeschen`, {})).headers.location).toBe('/verwaltung/teams?hinweis=geloescht');
    expect((await gtAdmin.post(`/verwaltung/teams/${fb}/loeschen`, {})).statusCode).toBe(303);
    expect(await count('teams', 'id = ANY($1)', [[fb, sg]])).toBe(0);
    expect(await lastAudit(gt)).toMatchObject({ action: 'team.deleted', data: { kind: 'fachbereich' } });
  });
});

describe('members and services of a team', () => {
  let team: string;
  beforeAll(async () => {
    await gtAdmin.post('/verwaltung/teams', { name: 'Ordnungsamt', kind: 'fachbereich' });
    team = await teamId('Ordnungsamt');
  });

  it('refuses a service for a team without members, and changes nothing', async () => {
    const page = await gtAdmin.get(`/verwaltung/teams/${team}`);
    expect(page.body).toContain('Ein Team braucht mindestens ein Mitglied');
    const res = await gtAdmin.post(`/verwaltung/teams/${team}/leistungen`, { service: ids.service }, page.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ein Team ohne Mitglieder kann keine Leistungen bearbeiten.');
    expect(res.body).toMatch(new RegExp(`value="${ids.service}" selected`));
    expect(await count('team_services', 'team_id = $1', [team])).toBe(0);
  });

  it('refuses an account of another municipality as member, and changes nothing', async () => {
    const res = await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder`, { member: ids.rhedaClerk });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Dieses Konto gehört nicht zu den Mitarbeitenden dieser Kommune');
    expect(await count('team_members', 'team_id = $1', [team])).toBe(0);
  });

  it('adds members, assigns a service, and writes audit entries with ids only', async () => {
    const added = await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder`, { member: ids.clerk });
    expect(added.statusCode).toBe(303);
    expect(await lastAudit(gt)).toEqual({ action: 'team.member_added', actor: `staff:${ids.admin}`, data: { user: ids.clerk } });
    const assigned = await gtAdmin.post(`/verwaltung/teams/${team}/leistungen`, { service: ids.service });
    expect(assigned.statusCode).toBe(303);
    expect(await lastAudit(gt)).toEqual({ action: 'team.service_assigned', actor: `staff:${ids.admin}`, data: { service: ids.service } });
    const page = await gtAdmin.get(`/verwaltung/teams/${team}`);
    expect(page.body).toContain('Sachbearbeitung Stadt Gütersloh');
    expect(page.body).toContain(`/verwaltung/teams/${team}/leistungen/${ids.service}/entfernen`);
    expect(text((await gtAdmin.get('/verwaltung/teams')).body)).toContain('Ordnungsamt Fachbereich – 1 1');
  });

  it('keeps the last member while the team has services, with a clear message', async () => {
    const res = await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder/${ids.clerk}/entfernen`, {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Das ist das letzte Mitglied des Teams, und das Team bearbeitet noch Leistungen.');
    expect(await count('team_members', 'team_id = $1 AND user_id = $2', [team, ids.clerk])).toBe(1);
  });

  it('answers 404 for a member or service the team does not have', async () => {
    expect((await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder/${ids.rhedaClerk}/entfernen`, {})).statusCode).toBe(404);
    expect((await gtAdmin.post(`/verwaltung/teams/${team}/leistungen/${newId()}/entfernen`, {})).statusCode).toBe(404);
  });

  it('removes a member once another is in, and gives up the service', async () => {
    expect((await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder`, { member: ids.extra })).statusCode).toBe(303);
    expect((await gtAdmin.post(`/verwaltung/teams/${team}/mitglieder/${ids.clerk}/entfernen`, {})).statusCode).toBe(303);
    expect((await lastAudit(gt)).action).toBe('team.member_removed');
    expect((await gtAdmin.post(`/verwaltung/teams/${team}/leistungen/${ids.service}/entfernen`, {})).statusCode).toBe(303);
    expect((await lastAudit(gt)).action).toBe('team.service_removed');
    expect(await count('team_services', 'team_id = $1', [team])).toBe(0);
  });
});

describe('a region admin', () => {
  it('chooses a municipality first, then works on its teams', async () => {
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    const first = await region.get('/verwaltung/teams');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Bitte wählen Sie zuerst in der Verwaltung die Kommune');
    expect((await region.post('/verwaltung/kommune', { municipality: rheda })).statusCode).toBe(303);
    const list = await region.get('/verwaltung/teams');
    expect(list.body).toContain('Rheda-Team');
    expect((await region.post('/verwaltung/teams', { name: 'Kreis-Team', kind: 'fachbereich' })).statusCode).toBe(303);
    expect(await count('teams', `tenant_id = $1 AND name = 'Kreis-Team'`, [rheda])).toBe(1);
    expect((await region.get(`/verwaltung/teams/${await teamId('Ordnungsamt')}`)).statusCode).toBe(404);
  });
});

describe('absences', () => {
  const form = (fields: Record<string, string>) => gtAdmin.post('/verwaltung/abwesenheiten', fields);

  it('records an absence with a substitute, shows it, and writes an audit entry', async () => {
    const res = await form({ person: ids.clerk, from: '2027-03-01', to: '2027-03-05', substitute: ids.extra });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/abwesenheiten?hinweis=eingetragen');
    const page = await gtAdmin.get(String(res.headers.location));
    expect(page.body).toContain('Die Abwesenheit ist eingetragen.');
    expect(text(page.body)).toContain('Sachbearbeitung Stadt Gütersloh 01.03.2027 05.03.2027 Erika Extra');
    expect(await lastAudit(gt)).toMatchObject({ action: 'absence.recorded', data: { user: ids.clerk, substitute: ids.extra } });
  });

  const refusals: Array<[string, Record<string, string>, string, string]> = [
    ['an end before the start', { from: '2027-06-10', to: '2027-06-01' }, 'Der letzte Tag liegt vor dem ersten Tag.', '#f-to'],
    ['a day that is none', { from: '31.02.2027', to: '2027-06-01' }, 'Bitte geben Sie den ersten Tag der Abwesenheit als Datum ein', '#f-from'],
    [
      'an overlap with the person’s own absence',
      { from: '2027-03-05', to: '2027-03-08' },
      'Für diese Person ist in diesem Zeitraum schon eine Abwesenheit eingetragen.',
      '#f-from',
    ],
    ['a substitute of another municipality', { substitute: 'RHEDA' }, 'Die Vertretung muss zu den Mitarbeitenden dieser Kommune gehören.', '#f-substitute'],
    ['the person as their own substitute', { substitute: 'SELF' }, 'Die Vertretung muss eine andere Person sein als die abwesende.', '#f-substitute'],
  ];
  for (const [what, change, message, href] of refusals) {
    it(`refuses ${what} with a clear message, keeps the input, and records nothing`, async () => {
      const fields = { person: ids.clerk, from: '2027-06-01', to: '2027-06-02', substitute: ids.extra, ...change };
      if (fields.substitute === 'RHEDA') fields.substitute = ids.rhedaClerk;
      if (fields.substitute === 'SELF') fields.substitute = ids.clerk;
      const before = await count('absences');
      const res = await form(fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain(`href="${href}"`);
      expect(res.body).toContain(`value="${fields.from}"`);
      expect(res.body).toContain(`value="${fields.to}"`);
      expect(res.body).toMatch(new RegExp(`value="${ids.clerk}" selected`));
      expect(await count('absences')).toBe(before);
    });
  }

  it('refuses a substitute who is absent during any part of the period', async () => {
    const before = await count('absences');
    const res = await form({ person: ids.extra, from: '2027-03-05', to: '2027-03-12', substitute: ids.clerk });
    expect(res.statusCode).toBe(422);
    // Erika covers the clerk until 5 March, and the clerk is away then: both rules speak.
    expect(res.body).toContain('Die Vertretung ist in diesem Zeitraum selbst abwesend.');
    expect(res.body).toContain('Diese Person vertritt in diesem Zeitraum selbst jemanden');
    expect(await count('absences')).toBe(before);
  });

  it('lets a clerk see and record only their own absence, and delete only their own', async () => {
    const page = await gtClerk.get('/verwaltung/abwesenheiten');
    expect(page.body).toContain('Abwesende Person: Sachbearbeitung Stadt Gütersloh (Sie selbst)');
    expect(page.body).not.toContain('id="f-person" name="person"');
    const res = await gtClerk.post('/verwaltung/abwesenheiten', { person: ids.extra, from: '2027-07-01', to: '2027-07-03', substitute: ids.admin }, page.body);
    expect(res.statusCode).toBe(303);
    expect(await count('absences', `user_id = $1 AND starts_on = '2027-07-01'`, [ids.clerk])).toBe(1);
    expect(await count('absences', 'user_id = $1', [ids.extra])).toBe(0);

    await form({ person: ids.admin, from: '2027-08-01', to: '2027-08-02', substitute: ids.extra });
    const othersAbsence = (await one<{ id: string }>(`SELECT id FROM absences WHERE user_id = $1`, [ids.admin])).id;
    const seen = await gtClerk.get('/verwaltung/abwesenheiten');
    expect(seen.body).not.toContain('Organisation Stadt Gütersloh 01.08.2027');
    expect((await gtClerk.post(`/verwaltung/abwesenheiten/${othersAbsence}/loeschen`, {})).statusCode).toBe(404);
    expect(await count('absences', 'id = $1', [othersAbsence])).toBe(1);

    const own = (await one<{ id: string }>(`SELECT id FROM absences WHERE user_id = $1 AND starts_on = '2027-07-01'`, [ids.clerk])).id;
    const deleted = await gtClerk.post(`/verwaltung/abwesenheiten/${own}/loeschen`, {});
    expect(deleted.headers.location).toBe('/verwaltung/abwesenheiten?hinweis=entfernt');
    expect(await count('absences', 'id = $1', [own])).toBe(0);
    expect(await lastAudit(gt)).toMatchObject({ action: 'absence.deleted', actor: `staff:${ids.clerk}` });
  });

  it('answers 404 for another municipality’s absence', async () => {
    const rhedaAdmin = new Browser(t.app);
    await rhedaAdmin.login('organisation@rheda-wiedenbrueck.example');
    const absence = (await one<{ id: string }>(`SELECT id FROM absences WHERE user_id = $1`, [ids.admin])).id;
    expect((await rhedaAdmin.post(`/verwaltung/abwesenheiten/${absence}/loeschen`, {})).statusCode).toBe(404);
    expect(await count('absences', 'id = $1', [absence])).toBe(1);
    expect((await rhedaAdmin.get('/verwaltung/abwesenheiten')).body).not.toContain('Erika Extra');
  });
});
