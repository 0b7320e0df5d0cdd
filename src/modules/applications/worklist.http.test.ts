// The inbox as clerks work it: team visibility, "Meine Vorgänge" with substitution, team inboxes, the workflow and
// deadline filters, sorting by due date, full-text search with stemming, saved views and bulk assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { addDocument, ensureCaseDossier } from '../records/index.ts';
import { Browser } from '../../testing/http.ts';

let t: TestApp;
let clerk: Browser;
let second: Browser;
let admin: Browser;
const ids: Record<string, string> = {};
let gt = '';
let dog = '';
let bulky = '';
let clerkId = '';
let secondId = '';
let foreignClerk = '';
let dogTeam = '';
let bulkyTeam = '';

const q = (sql: string) => t.database.admin.query<Record<string, string>>(sql);
const refs = (html: string) => [...html.matchAll(/>(GT-2026-7\d{5})<\/a>/g)].map((m) => m[1]!);
const rowOf = (html: string, reference: string) => {
  const start = html.indexOf(`>${reference}</a>`);
  expect(start, `${reference} in the inbox`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
};

// Cases GT-2026-7000nn written as the schema owner (as an import would), each with what the tests need.
const CASES: Array<{
  ref: string;
  service: 'dog' | 'bulky';
  status: string;
  state: string | null;
  dueDays: number | null;
  assignee?: 'clerk' | 'second';
  name: string;
  answers: object;
}> = [
  {
    ref: 'GT-2026-700001',
    service: 'dog',
    status: 'in_review',
    state: 'pruefung',
    dueDays: -2,
    assignee: 'clerk',
    name: 'Anna Überfällig',
    answers: { hundename: 'Bello' },
  },
  {
    ref: 'GT-2026-700002',
    service: 'dog',
    status: 'in_review',
    state: 'pruefung',
    dueDays: 2,
    assignee: 'clerk',
    name: 'Bernd Baldfällig',
    answers: { hundename: 'Rex' },
  },
  {
    ref: 'GT-2026-700003',
    service: 'dog',
    status: 'submitted',
    state: 'eingang',
    dueDays: 10,
    name: 'Carla Später',
    answers: { hinweis: 'Ein Antrag für zwei Hunde aus dem Zwinger' },
  },
  { ref: 'GT-2026-700004', service: 'dog', status: 'submitted', state: 'eingang', dueDays: null, name: 'Dieter Ohnefrist', answers: { hundename: 'Wuff' } },
  {
    ref: 'GT-2026-700005',
    service: 'bulky',
    status: 'in_review',
    state: 'pruefung',
    dueDays: 1,
    assignee: 'second',
    name: 'Emil Sperrig',
    answers: { gegenstaende: 'Sofa, Schrank' },
  },
  {
    ref: 'GT-2026-700006',
    service: 'bulky',
    status: 'submitted',
    state: 'eingang',
    dueDays: 4,
    name: 'Frieda Abfall',
    answers: { gegenstaende: 'Kühlschrank' },
  },
  { ref: 'GT-2026-700007', service: 'dog', status: 'approved', state: 'entschieden', dueDays: -5, assignee: 'clerk', name: 'Gustav Entschieden', answers: {} },
];

beforeAll(async () => {
  t = await createTestApp();
  const [org] = await q(`SELECT id FROM organizations WHERE slug = 'guetersloh'`);
  gt = org!.id!;
  const services = await q(`SELECT id, slug FROM services WHERE tenant_id = '${gt}' AND slug IN ('hund-anmelden', 'sperrmuell')`);
  dog = services.find((s) => s.slug === 'hund-anmelden')!.id!;
  bulky = services.find((s) => s.slug === 'sperrmuell')!.id!;
  // A second clerk of the town with the demo password, and a clerk of another municipality.
  await q(`INSERT INTO staff_users (id, organization_id, email, name, role, password_hash)
           SELECT gen_random_uuid(), organization_id, 'zweite@guetersloh.example', 'Zora Zweite', 'clerk', password_hash
           FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`);
  const staff = await q(
    `SELECT id, email FROM staff_users WHERE email IN ('sachbearbeitung@guetersloh.example', 'zweite@guetersloh.example', 'sachbearbeitung@rheda-wiedenbrueck.example')`,
  );
  clerkId = staff.find((s) => s.email === 'sachbearbeitung@guetersloh.example')!.id!;
  secondId = staff.find((s) => s.email === 'zweite@guetersloh.example')!.id!;
  foreignClerk = staff.find((s) => s.email === 'sachbearbeitung@rheda-wiedenbrueck.example')!.id!;
  for (const c of CASES) {
    const assignee = c.assignee === 'clerk' ? `'${clerkId}'` : c.assignee === 'second' ? `'${secondId}'` : 'NULL';
    const due = c.dueDays === null ? 'NULL' : `now() + interval '${c.dueDays} days'`;
    const [row] = await q(`
      INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email, status_token_hash,
        idempotency_key, assigned_to, submitted_at, updated_at, retain_until, workflow_state, due_at, closed_at)
      VALUES ('${gt}', gen_random_uuid(), '${c.ref}', '${c.service === 'dog' ? dog : bulky}', '${c.status}', '${JSON.stringify(c.answers)}',
        '${c.name}', 'x@example.org', md5('${c.ref}'), md5('k${c.ref}'), ${assignee}, now() - interval '3 days', now(), current_date + 3650,
        ${c.state ? `'${c.state}'` : 'NULL'}, ${due}, ${c.status === 'approved' ? 'now()' : 'NULL'})
      RETURNING id`);
    ids[c.ref] = row!.id!;
  }
  // Two teams: dogs (the clerk) and bulky waste (the second clerk).
  const [uuids] = await q(`SELECT gen_random_uuid() AS a, gen_random_uuid() AS b`);
  dogTeam = uuids!.a!;
  bulkyTeam = uuids!.b!;
  await q(
    `INSERT INTO teams (tenant_id, id, name, kind) VALUES ('${gt}', '${dogTeam}', 'Hundesteuer', 'sachgebiet'), ('${gt}', '${bulkyTeam}', 'Abfall', 'sachgebiet')`,
  );
  await q(`INSERT INTO team_members (tenant_id, team_id, user_id) VALUES ('${gt}', '${dogTeam}', '${clerkId}'), ('${gt}', '${bulkyTeam}', '${secondId}')`);
  await q(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ('${gt}', '${dogTeam}', '${dog}'), ('${gt}', '${bulkyTeam}', '${bulky}')`);
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
  second = new Browser(t.app);
  await second.login('zweite@guetersloh.example');
  admin = new Browser(t.app);
  await admin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('team visibility', () => {
  it('shows a clerk only the services their team handles, and an admin all of the municipality', async () => {
    const mine = refs((await clerk.get('/verwaltung/?sort=aktenzeichen&dir=asc')).body);
    expect(mine).toEqual(['GT-2026-700001', 'GT-2026-700002', 'GT-2026-700003', 'GT-2026-700004', 'GT-2026-700007']);
    expect(refs((await second.get('/verwaltung/?sort=aktenzeichen&dir=asc')).body)).toEqual(['GT-2026-700005', 'GT-2026-700006']);
    expect(refs((await admin.get('/verwaltung/?sort=aktenzeichen&dir=asc')).body)).toHaveLength(CASES.length);
  });

  it('gives nothing of another team’s service asked for by filter, search or reference', async () => {
    const byFilter = await clerk.get(`/verwaltung/?leistung=${bulky}`);
    expect(byFilter.statusCode).toBe(200);
    expect(refs(byFilter.body)).toEqual([]);
    expect(byFilter.body).toContain('Keine Anträge passen zu Ihrer Suche.');
    // The filter offers only the services the clerk may see.
    expect(byFilter.body).not.toContain(`<option value="${bulky}"`);
    expect(refs((await clerk.get('/verwaltung/?q=GT-2026-700005')).body)).toEqual([]);
    expect(refs((await clerk.get('/verwaltung/?q=Sperrig')).body)).toEqual([]);
    expect(refs((await clerk.get('/verwaltung/?q=Kühlschrank')).body)).toEqual([]);
    // The case page by its address (it asks the same rule, servicesVisibleTo): not there for this clerk.
    expect((await clerk.get(`/verwaltung/vorgaenge/${ids['GT-2026-700005']}`)).statusCode).toBe(404);
    expect((await second.get(`/verwaltung/vorgaenge/${ids['GT-2026-700005']}`)).statusCode).toBe(200);
    expect((await admin.get(`/verwaltung/vorgaenge/${ids['GT-2026-700001']}`)).statusCode).toBe(200);
  });

  it('offers a clerk their own team’s inbox and an admin every team’s', async () => {
    const page = (await clerk.get('/verwaltung/')).body;
    expect(page).toContain(`href="/verwaltung/?bereich=${dogTeam}&amp;sort=eingang&amp;dir=desc">Team Hundesteuer</a>`);
    expect(page).not.toContain('Team Abfall');
    const adminPage = await admin.get(`/verwaltung/?bereich=${bulkyTeam}&sort=aktenzeichen&dir=asc`);
    expect(adminPage.body).toContain('Team Hundesteuer');
    expect(adminPage.body).toContain('aria-current="page">Team Abfall</a>');
    expect(refs(adminPage.body)).toEqual(['GT-2026-700005', 'GT-2026-700006']);
    // Another team's id in the address is not a scope the clerk has: it is ignored, the visible cases stay.
    expect(refs((await clerk.get(`/verwaltung/?bereich=${bulkyTeam}`)).body)).not.toContain('GT-2026-700005');
  });
});

describe('filters and sorting', () => {
  it('filters by workflow state and by phase', async () => {
    expect(refs((await admin.get('/verwaltung/?zustand=eingang&sort=aktenzeichen&dir=asc')).body)).toEqual([
      'GT-2026-700003',
      'GT-2026-700004',
      'GT-2026-700006',
    ]);
    const both = await admin.get('/verwaltung/?zustand=pruefung&status=in_review&sort=aktenzeichen&dir=asc');
    expect(refs(both.body)).toEqual(['GT-2026-700001', 'GT-2026-700002', 'GT-2026-700005']);
    expect(both.body).toContain('<option value="pruefung" selected>In Prüfung</option>');
    expect(rowOf(both.body, 'GT-2026-700001')).toContain('In Bearbeitung');
    expect(rowOf(both.body, 'GT-2026-700001')).toContain('In Prüfung');
  });

  it('filters by assignee, also by nobody', async () => {
    expect(refs((await admin.get(`/verwaltung/?bearbeitung=${secondId}`)).body)).toEqual(['GT-2026-700005']);
    expect(refs((await admin.get('/verwaltung/?bearbeitung=niemand&sort=aktenzeichen&dir=asc')).body)).toEqual([
      'GT-2026-700003',
      'GT-2026-700004',
      'GT-2026-700006',
    ]);
    // A person of another municipality is not an option and is ignored.
    expect(refs((await admin.get(`/verwaltung/?bearbeitung=${foreignClerk}`)).body)).toHaveLength(CASES.length);
  });

  it('filters overdue and due-soon cases, and marks them with badges', async () => {
    const overdue = await admin.get('/verwaltung/?frist=ueberfaellig');
    // The decided case is past its date too, but closed: it is not overdue.
    expect(refs(overdue.body)).toEqual(['GT-2026-700001']);
    expect(rowOf(overdue.body, 'GT-2026-700001')).toContain('kern-badge--danger');
    expect(rowOf(overdue.body, 'GT-2026-700001')).toContain('Überfällig');
    const soon = await admin.get('/verwaltung/?frist=bald&sort=aktenzeichen&dir=asc');
    // Within the default 3 warning days: in 1 and 2 days; not in 4 or 10.
    expect(refs(soon.body)).toEqual(['GT-2026-700002', 'GT-2026-700005']);
    expect(rowOf(soon.body, 'GT-2026-700002')).toContain('Bald fällig');
    const all = await admin.get('/verwaltung/');
    expect(rowOf(all.body, 'GT-2026-700003')).not.toContain('kern-badge--');
    expect(rowOf(all.body, 'GT-2026-700004')).toContain('keine');
  });

  it('sorts by due date both ways, cases without a deadline last', async () => {
    expect(refs((await admin.get('/verwaltung/?sort=frist&dir=asc')).body)).toEqual([
      'GT-2026-700007',
      'GT-2026-700001',
      'GT-2026-700005',
      'GT-2026-700002',
      'GT-2026-700006',
      'GT-2026-700003',
      'GT-2026-700004',
    ]);
    const desc = refs((await admin.get('/verwaltung/?sort=frist&dir=desc')).body);
    expect(desc.slice(0, 2)).toEqual(['GT-2026-700003', 'GT-2026-700006']);
    expect(desc.at(-1)).toBe('GT-2026-700004');
  });
});

describe('full-text search over the case data', () => {
  it('finds a word of the answers, stemmed the German way', async () => {
    expect(refs((await admin.get(`/verwaltung/?q=${encodeURIComponent('Anträge')}`)).body)).toEqual(['GT-2026-700003']);
    expect(refs((await admin.get('/verwaltung/?q=zwinger')).body)).toEqual(['GT-2026-700003']);
    // Every word must match; the beginning of a word is enough.
    expect(refs((await admin.get(`/verwaltung/?q=${encodeURIComponent('Hunde Zwing')}`)).body)).toEqual(['GT-2026-700003']);
    expect(refs((await admin.get(`/verwaltung/?q=${encodeURIComponent('Zwinger Sofa')}`)).body)).toEqual([]);
    expect(refs((await admin.get(`/verwaltung/?q=${encodeURIComponent('Kühlschränke')}`)).body)).toEqual(['GT-2026-700006']);
  });

  it('follows a change of the answers and combines with the filters', async () => {
    await q(`UPDATE applications SET answers = '{"hinweis": "Zwei Dackel"}' WHERE id = '${ids['GT-2026-700004']}'`);
    expect(refs((await admin.get('/verwaltung/?q=dackel')).body)).toEqual(['GT-2026-700004']);
    expect(refs((await admin.get('/verwaltung/?q=dackel&zustand=pruefung')).body)).toEqual([]);
    await q(`UPDATE applications SET answers = '{"hundename": "Wuff"}' WHERE id = '${ids['GT-2026-700004']}'`);
    expect(refs((await admin.get('/verwaltung/?q=dackel')).body)).toEqual([]);
  });
});

describe('search in the documents of the case file', () => {
  it('finds a case by a word of a document in its E-Akte, for those who may see the case only', async () => {
    await inTenant(t.database.db, gt, async (tx) => {
      const dossier = await ensureCaseDossier(tx, { tenantId: gt, applicationId: ids['GT-2026-700002']!, reference: 'GT-2026-700002', title: 'Hund Rex' });
      await addDocument(tx, {
        tenantId: gt,
        dossierId: dossier.id,
        title: 'Nachweis',
        kind: 'anlage',
        file: { sha256: 'a'.repeat(64), filename: 'nachweis.pdf', contentType: 'application/pdf', size: 10 },
        text: 'Der Sachkundenachweis des Halters liegt vor.',
        actor: `staff:${clerkId}`,
      });
    });
    expect(refs((await clerk.get('/verwaltung/?q=Sachkundenachweis')).body)).toEqual(['GT-2026-700002']);
    expect(refs((await second.get('/verwaltung/?q=Sachkundenachweis')).body)).toEqual([]);
  });
});

describe('Meine Vorgänge and substitution', () => {
  it('lists the cases assigned to me', async () => {
    const page = await clerk.get('/verwaltung/?bereich=meine&sort=aktenzeichen&dir=asc');
    expect(page.body).toContain('aria-current="page">Meine Vorgänge</a>');
    expect(refs(page.body)).toEqual(['GT-2026-700001', 'GT-2026-700002', 'GT-2026-700007']);
  });

  it('adds the cases of a person I cover today, shows who covers them, and lets me see their services', async () => {
    await q(`INSERT INTO absences (tenant_id, id, user_id, substitute_id, starts_on, ends_on)
             VALUES ('${gt}', gen_random_uuid(), '${secondId}', '${clerkId}', current_date - 1, current_date + 1)`);
    const page = await clerk.get('/verwaltung/?bereich=meine&sort=aktenzeichen&dir=asc');
    expect(refs(page.body)).toEqual(['GT-2026-700001', 'GT-2026-700002', 'GT-2026-700005', 'GT-2026-700007']);
    expect(page.body).toContain('die Sie heute vertreten: Zora Zweite.');
    expect(rowOf(page.body, 'GT-2026-700005')).toContain('Zora Zweite');
    expect(rowOf(page.body, 'GT-2026-700005')).toContain('(vertreten durch Sachbearbeitung Stadt Gütersloh)');
    expect(rowOf((await admin.get('/verwaltung/')).body, 'GT-2026-700005')).toContain('vertreten durch');
    await q(`DELETE FROM absences WHERE user_id = '${secondId}'`);
    expect(refs((await clerk.get('/verwaltung/?bereich=meine')).body)).not.toContain('GT-2026-700005');
  });
});

describe('saved views', () => {
  it('saves the filters under a name, lists them as links, and deletes them', async () => {
    const page = await clerk.get('/verwaltung/?frist=ueberfaellig&bereich=meine&sort=frist&dir=asc');
    const saved = await clerk.post(
      '/verwaltung/ansichten',
      { name: '  Meine überfälligen  ', ansicht: 'frist=ueberfaellig&bereich=meine&sort=frist&dir=asc&evil=1' },
      page.body,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/verwaltung/?bereich=meine&frist=ueberfaellig&sort=frist&dir=asc&hinweis=gespeichert');
    const after = await clerk.get(saved.headers.location as string);
    expect(after.body).toContain('Die Ansicht ist gespeichert.');
    expect(after.body).toContain(
      '<a class="kern-link" href="/verwaltung/?bereich=meine&amp;frist=ueberfaellig&amp;sort=frist&amp;dir=asc">Meine überfälligen</a>',
    );
    // Another clerk's views are their own.
    expect((await second.get('/verwaltung/')).body).not.toContain('Meine überfälligen');
    const [view] = await q(`SELECT id FROM inbox_views WHERE name = 'Meine überfälligen'`);
    expect((await second.post(`/verwaltung/ansichten/${view!.id}/loeschen`, {})).statusCode).toBe(404);
    const [audited] = await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'inbox_view.saved' AND object_id = '${view!.id}'`);
    expect(Number(audited!.n)).toBe(1);

    const deleted = await clerk.post(`/verwaltung/ansichten/${view!.id}/loeschen`, {}, after.body);
    expect(deleted.statusCode).toBe(303);
    const gone = await clerk.get(deleted.headers.location as string);
    expect(gone.body).toContain('Die Ansicht ist gelöscht.');
    expect(gone.body).not.toContain('Meine überfälligen</a>');
  });

  it('refuses a view without a name or with a taken one, keeping the filters and what was typed', async () => {
    const page = await clerk.get('/verwaltung/?zustand=eingang');
    const empty = await clerk.post('/verwaltung/ansichten', { name: '   ', ansicht: 'zustand=eingang' }, page.body);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie der Ansicht einen Namen.');
    expect(empty.body).toContain('href="#view-name"');
    expect(empty.body).toContain('<option value="eingang" selected>');
    await clerk.post('/verwaltung/ansichten', { name: 'Neu', ansicht: 'zustand=eingang' }, page.body);
    const taken = await clerk.post('/verwaltung/ansichten', { name: 'neu', ansicht: '' }, page.body);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Sie haben schon eine Ansicht „neu“.');
    expect(taken.body).toContain('name="name" type="text" value="neu"');
    const long = await clerk.post('/verwaltung/ansichten', { name: 'x'.repeat(81) }, page.body);
    expect(long.body).toContain('höchstens 80 Zeichen (jetzt 81)');
    const [count] = await q(`SELECT count(*)::int AS n FROM inbox_views`);
    expect(Number(count!.n)).toBe(1);
  });
});

describe('bulk assignment', () => {
  const assigneeOf = async (ref: string) => (await q(`SELECT assigned_to FROM applications WHERE reference = '${ref}'`))[0]!.assigned_to ?? null;
  const post = async (b: Browser, fields: Record<string, string | string[]>) => {
    const page = await b.get('/verwaltung/');
    const body = new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! });
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url: '/verwaltung/zuweisen',
      payload: body.toString(),
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    });
  };

  it('assigns the selected cases to a person, audited per case, and returns to the same filters', async () => {
    const res = await post(admin, { ids: [ids['GT-2026-700003']!, ids['GT-2026-700004']!], assignee: clerkId, aktion: 'zuweisen', ansicht: 'zustand=eingang' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/verwaltung/?zustand=eingang&hinweis=zugewiesen&anzahl=2&an=${clerkId}`);
    expect(await assigneeOf('GT-2026-700003')).toBe(clerkId);
    expect(await assigneeOf('GT-2026-700004')).toBe(clerkId);
    const audit = await q(
      `SELECT object_id, data FROM audit_log WHERE action = 'application.assigned' AND object_id IN ('${ids['GT-2026-700003']}', '${ids['GT-2026-700004']}')`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]!.data).toMatchObject({ to: clerkId, bulk: true });
    expect((await admin.get(res.headers.location as string)).body).toContain('2 Vorgang/Vorgänge zugewiesen an Sachbearbeitung Stadt Gütersloh.');
  });

  it('lets a clerk take cases themselves', async () => {
    const res = await post(second, { ids: ids['GT-2026-700006']!, aktion: 'uebernehmen' });
    expect(res.statusCode).toBe(303);
    expect(await assigneeOf('GT-2026-700006')).toBe(secondId);
  });

  it('refuses no selection, a missing person, an unknown case, an invisible one, a decided one and a foreign person, changing nothing', async () => {
    const before = await q(`SELECT reference, assigned_to, lock_version FROM applications WHERE reference LIKE 'GT-2026-7%' ORDER BY reference`);
    const none = await post(admin, { assignee: clerkId, aktion: 'zuweisen' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie mindestens einen Vorgang aus.');
    const nobody = await post(admin, { ids: ids['GT-2026-700002']!, aktion: 'zuweisen' });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.body).toContain('Bitte wählen Sie aus, wem die Vorgänge zugewiesen werden.');
    // The selection is kept on the page.
    expect(nobody.body).toContain(`value="${ids['GT-2026-700002']}" checked`);

    const unknown = await post(admin, {
      ids: [ids['GT-2026-700002']!, '0190a000-0000-7000-8000-00000000dead', 'kein-vorgang'],
      assignee: secondId,
      aktion: 'zuweisen',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('2 der ausgewählten Vorgänge gibt es nicht oder Sie dürfen sie nicht sehen. Es wurde nichts geändert.');
    const invisible = await post(clerk, { ids: [ids['GT-2026-700002']!, ids['GT-2026-700005']!], aktion: 'uebernehmen' });
    expect(invisible.statusCode).toBe(422);
    expect(invisible.body).toContain('1 der ausgewählten Vorgänge gibt es nicht');
    const decided = await post(admin, { ids: ids['GT-2026-700007']!, assignee: secondId, aktion: 'zuweisen' });
    expect(decided.statusCode).toBe(422);
    expect(decided.body).toContain('Der Vorgang GT-2026-700007 ist bereits entschieden');
    const foreign = await post(admin, { ids: ids['GT-2026-700002']!, assignee: foreignClerk, aktion: 'zuweisen' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Diese Person gehört nicht zu Ihrer Kommune oder ist nicht aktiv.');
    expect(foreign.body).toContain('href="#bulk-assignee"');

    const after = await q(`SELECT reference, assigned_to, lock_version FROM applications WHERE reference LIKE 'GT-2026-7%' ORDER BY reference`);
    expect(after).toEqual(before);
  });
});
