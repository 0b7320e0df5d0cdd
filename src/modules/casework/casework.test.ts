import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, fileBlobStore } from '../../platform/blobs/store.ts';
import { type Database, inRegion, inTenant } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { newId } from '../../platform/ids.ts';
import { applicationById, otherCasesOfApplicant } from '../applications/index.ts';
import { organizationById, type Organization } from '../organizations/index.ts';
import { serviceById } from '../services/index.ts';
import { addNote, createTask, myTasks, notesOf, parseDueDate, setTaskDone, tasksOf } from './casework.ts';
import { caseworkJobs } from './jobs.ts';
import { deliverHandover, handOver } from './handover.ts';
import { checkTemplate, fillTemplate, saveTemplate, salutation, templateOf } from './letter.ts';
import { managementOverview, periodStarts, startOfDayIn } from './overview.ts';
import { insertCase, orgId } from './test-cases.ts';
import { openTestDatabase } from '../../testing/harness.ts';

let database: Database;
let blobs: BlobStore;
let dir: string;
let gt: Organization;
let rheda: Organization;
let harsewinkel: Organization;
let aarau: Organization;
let clerk: { id: string };
let rhedaClerk: string;

const secret = 'test-secret-'.padEnd(40, 'x');
const one = async <T>(sql: string, params: unknown[] = []) => (await database.admin.query<T>(sql, params))[0]!;
const count = async (sql: string, params: unknown[] = []) => (await one<{ n: number }>(sql, params)).n;
const auditCount = (tenant: string, action: string) => count(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = $2`, [tenant, action]);

beforeAll(async () => {
  database = await openTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'casework-'));
  blobs = fileBlobStore(dir);
  const byId = async (slug: string) => (await inRegion(database.db, async (tx) => organizationById(tx, await orgId(database, slug))))!;
  [gt, rheda, harsewinkel, aarau] = await Promise.all(['guetersloh', 'rheda-wiedenbrueck', 'harsewinkel', 'aarau'].map(byId));
  clerk = await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`);
  rhedaClerk = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@rheda-wiedenbrueck.example'`)).id;
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notes', () => {
  it('refuses an empty note and stores nothing; a note is kept with author and time, audited without its text', async () => {
    const c = await insertCase(database, 'guetersloh');
    const empty = await inTenant(database.db, gt.id, (tx) => addNote(tx, gt.id, c.id, clerk, '   \n '));
    expect(empty).toEqual({ ok: false, errors: { note: 'casework.error.noteEmpty' } });
    const long = await inTenant(database.db, gt.id, (tx) => addNote(tx, gt.id, c.id, clerk, 'x'.repeat(4001)));
    expect(long).toEqual({ ok: false, errors: { note: 'casework.error.noteTooLong' } });
    expect(await count(`SELECT count(*)::int AS n FROM case_notes WHERE application_id = $1`, [c.id])).toBe(0);
    const saved = await inTenant(database.db, gt.id, (tx) => addNote(tx, gt.id, c.id, clerk, ' Rückruf am Montag vereinbart.\r\nBitte Nachweis prüfen. '));
    expect(saved.ok).toBe(true);
    const notes = await inTenant(database.db, gt.id, (tx) => notesOf(tx, gt.id, c.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ authorId: clerk.id, body: 'Rückruf am Montag vereinbart.\nBitte Nachweis prüfen.' });
    const entry = await one<{ data: Record<string, unknown>; actor: string }>(
      `SELECT data, actor FROM audit_log WHERE tenant_id = $1 AND action = 'case.note_added' AND object_id = $2`,
      [gt.id, c.id],
    );
    expect(entry.actor).toBe(`staff:${clerk.id}`);
    expect(JSON.stringify(entry.data)).not.toContain('Rückruf');
  });

  it('another municipality sees none of them (row-level security)', async () => {
    const c = await insertCase(database, 'guetersloh');
    await inTenant(database.db, gt.id, (tx) => addNote(tx, gt.id, c.id, clerk, 'Nur intern'));
    expect(await inTenant(database.db, rheda.id, (tx) => notesOf(tx, gt.id, c.id))).toEqual([]);
  });
});

describe('tasks', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('reads due dates as ISO or German days and refuses impossible ones', () => {
    expect(parseDueDate('2026-12-24')).toBe('2026-12-24');
    expect(parseDueDate('4.1.2027')).toBe('2027-01-04');
    expect(parseDueDate('31.02.2027')).toBeUndefined();
    expect(parseDueDate('morgen')).toBeUndefined();
  });

  it('refuses a due date in the past or malformed, an assignee of another municipality, a missing title; nothing stored', async () => {
    const c = await insertCase(database, 'guetersloh');
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{ title: 'Nachweis prüfen', assignee: clerk.id, due: '06.12.2026' }, { due: 'casework.error.duePast' }],
      [{ title: 'Nachweis prüfen', assignee: clerk.id, due: '2026-13-01' }, { due: 'casework.error.dueInvalid' }],
      [{ title: 'Nachweis prüfen', assignee: clerk.id, due: '' }, { due: 'casework.error.dueMissing' }],
      [{ title: 'Nachweis prüfen', assignee: rhedaClerk, due: '2026-12-24' }, { assignee: 'casework.error.assigneeUnknown' }],
      [{ title: 'Nachweis prüfen', assignee: 'kein-uuid', due: '2026-12-24' }, { assignee: 'casework.error.assigneeUnknown' }],
      [
        { title: ' ', assignee: '', due: '2026-12-24' },
        { title: 'casework.error.titleEmpty', assignee: 'casework.error.assigneeMissing' },
      ],
    ];
    for (const [input, errors] of cases) {
      const r = await inTenant(database.db, gt.id, (tx) => createTask(tx, gt, { id: c.id, serviceId: c.serviceId }, clerk, input, now));
      expect(r, JSON.stringify(input)).toEqual({ ok: false, errors });
    }
    expect(await count(`SELECT count(*)::int AS n FROM case_tasks WHERE application_id = $1`, [c.id])).toBe(0);
  });

  it('creates, completes and reopens a task, each audited; "Meine Aufgaben" marks it overdue once the day has passed', async () => {
    const c = await insertCase(database, 'guetersloh');
    const made = await inTenant(database.db, gt.id, (tx) =>
      createTask(tx, gt, { id: c.id, serviceId: c.serviceId }, clerk, { title: 'Halterhaftpflicht anfordern', assignee: clerk.id, due: '07.12.2026' }, now),
    );
    expect(made.ok).toBe(true);
    const id = made.ok ? made.id : '';
    const today = await inTenant(database.db, gt.id, (tx) => myTasks(tx, gt, clerk.id, now));
    expect(today.find((t) => t.id === id)).toMatchObject({ reference: c.reference, due: '2026-12-07', overdue: false });
    const later = await inTenant(database.db, gt.id, (tx) => myTasks(tx, gt, clerk.id, new Date('2026-12-08T09:00:00Z')));
    expect(later.find((t) => t.id === id)?.overdue).toBe(true);

    expect(await inTenant(database.db, gt.id, (tx) => setTaskDone(tx, gt.id, c.id, id, clerk, true))).toBe(true);
    expect((await inTenant(database.db, gt.id, (tx) => myTasks(tx, gt, clerk.id, now))).some((t) => t.id === id)).toBe(false);
    const [done] = await inTenant(database.db, gt.id, (tx) => tasksOf(tx, gt, c.id, new Date('2026-12-20T09:00:00Z')));
    expect(done).toMatchObject({ completedBy: clerk.id, overdue: false });
    expect(await inTenant(database.db, gt.id, (tx) => setTaskDone(tx, gt.id, c.id, id, clerk, false))).toBe(true);
    expect(await auditCount(gt.id, 'case.task_created')).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'case.task_completed'`, [c.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'case.task_reopened'`, [c.id])).toBe(1);
    // A task of another case is not found through this one.
    const other = await insertCase(database, 'guetersloh');
    expect(await inTenant(database.db, gt.id, (tx) => setTaskDone(tx, gt.id, other.id, id, clerk, true))).toBe(false);
  });
});

describe('who may be given a task', () => {
  it('only people who may see the case’s service: a clerk of another team is refused, the admin (who sees all) is not', async () => {
    const baden = (await inRegion(database.db, async (tx) => organizationById(tx, await orgId(database, 'baden'))))!;
    const badenClerk = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@baden.example'`)).id;
    const badenAdmin = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'organisation@baden.example'`)).id;
    const c = await insertCase(database, 'baden');
    const other = await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 AND id <> $2 LIMIT 1`, [baden.id, c.serviceId]);
    const team = newId();
    await database.admin.query(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ($1, $2, 'Werkhof', 'sachgebiet')`, [baden.id, team]);
    await database.admin.query(`INSERT INTO team_members (tenant_id, team_id, user_id) VALUES ($1, $2, $3)`, [baden.id, team, badenClerk]);
    await database.admin.query(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ($1, $2, $3)`, [baden.id, team, other.id]);
    const now = new Date('2026-12-07T10:00:00Z');
    const refused = await inTenant(database.db, baden.id, (tx) =>
      createTask(tx, baden, { id: c.id, serviceId: c.serviceId }, { id: badenAdmin }, { title: 'Prüfen', assignee: badenClerk, due: '2026-12-24' }, now),
    );
    expect(refused).toEqual({ ok: false, errors: { assignee: 'casework.error.assigneeUnknown' } });
    const given = await inTenant(database.db, baden.id, (tx) =>
      createTask(tx, baden, { id: c.id, serviceId: c.serviceId }, { id: badenAdmin }, { title: 'Prüfen', assignee: badenAdmin, due: '2026-12-24' }, now),
    );
    expect(given.ok).toBe(true);
  });
});

describe("the applicant's other cases", () => {
  it('finds the same e-mail (any case) and the same name with the same date of birth, in this municipality only', async () => {
    const first = await insertCase(database, 'guetersloh', {
      email: 'Jana.Krause@Example.org',
      firstName: 'Jana',
      lastName: 'Krause',
      birthDate: '1990-03-01',
    });
    const sameMail = await insertCase(database, 'guetersloh', { email: 'jana.krause@example.org', firstName: 'J.', lastName: 'Krause' });
    const sameBirth = await insertCase(database, 'guetersloh', { email: 'andere@example.org', firstName: 'Jana', lastName: 'Krause', birthDate: '1990-03-01' });
    const namesake = await insertCase(database, 'guetersloh', { email: 'dritte@example.org', firstName: 'Jana', lastName: 'Krause', birthDate: '1971-07-07' });
    const elsewhere = await insertCase(database, 'rheda-wiedenbrueck', { email: 'jana.krause@example.org' });
    const found = await inTenant(database.db, gt.id, async (tx) => otherCasesOfApplicant(tx, gt.id, (await applicationById(tx, gt.id, first.id))!));
    const ids = found.map((f) => f.id);
    expect(ids).toContain(sameMail.id);
    expect(ids).toContain(sameBirth.id);
    expect(ids).not.toContain(namesake.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(first.id);
    expect(found.find((f) => f.id === sameMail.id)).toMatchObject({ reference: sameMail.reference, status: 'submitted' });
  });
});

describe('handing a case over', () => {
  const deps = () => ({ db: database.db, blobs, secret });

  it('refuses an unknown organisation, one of another region, a missing note, and a target without the service; nothing changes', async () => {
    const c = await insertCase(database, 'guetersloh');
    const tries: Array<[Record<string, string>, Record<string, string>]> = [
      [{ target: newId(), note: 'Zuständig ist Rheda.' }, { target: 'casework.error.targetUnknown' }],
      [{ target: aarau.id, note: 'Zuständig ist Aarau.' }, { target: 'casework.error.targetUnknown' }],
      [{ target: 'rheda', note: 'x' }, { target: 'casework.error.targetUnknown' }],
      [{ target: rheda.id, note: '  ' }, { note: 'casework.error.handoverNoteEmpty' }],
      [{ target: '', note: 'Vermerk' }, { target: 'casework.error.targetMissing' }],
    ];
    for (const [input, errors] of tries) {
      const r = await handOver(deps(), { org: gt, staff: clerk, applicationId: c.id, ...input });
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, errors });
    }
    // Harsewinkel does not offer the residents' parking permit.
    const parking = await insertCase(database, 'guetersloh', { service: 'bewohnerparkausweis' });
    const r = await handOver(deps(), { org: gt, staff: clerk, applicationId: parking.id, target: harsewinkel.id, note: 'Zuständig ist Harsewinkel.' });
    expect(r).toMatchObject({ ok: false, errors: { target: 'casework.error.targetNoService' }, params: { organization: harsewinkel.name } });
    const t = translator('de');
    if (!r.ok) expect(t(r.errors.target!, r.params)).toContain('bietet die Leistung „Bewohnerparkausweis');
    const rows = await database.admin.query<{ closed_at: Date | null }>(`SELECT closed_at FROM applications WHERE id = ANY($1)`, [[c.id, parking.id]]);
    expect(rows.every((x) => x.closed_at === null)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM case_handovers WHERE application_id = ANY($1)`, [[c.id, parking.id]])).toBe(0);
  });

  it('makes a new case at the receiving municipality with its own reference, the answers and the files; closes the sending one', async () => {
    const bytes = Buffer.from('%PDF-1.4 Versicherungsnachweis Bello');
    const c = await insertCase(database, 'guetersloh', { firstName: 'Łukasz', lastName: 'Żółć', files: [{ filename: 'versicherung.pdf', bytes }], blobs });
    const r = await handOver(deps(), { org: gt, staff: clerk, applicationId: c.id, target: rheda.id, note: 'Wohnsitz liegt in Rheda-Wiedenbrück.' });
    expect(r).toMatchObject({ ok: true, delivered: true });
    const sent = await one<{ closed_at: Date | null; status: string; lock_version: number }>(
      `SELECT closed_at, status, lock_version FROM applications WHERE id = $1`,
      [c.id],
    );
    expect(sent.closed_at).not.toBeNull();
    expect(sent.lock_version).toBe(1);
    const out = await one<{ other_reference: string; other_application_id: string; completed_at: Date | null }>(
      `SELECT other_reference, other_application_id, completed_at FROM case_handovers WHERE tenant_id = $1 AND application_id = $2`,
      [gt.id, c.id],
    );
    expect(out.completed_at).not.toBeNull();
    expect(out.other_reference).toMatch(/^RW-\d{4}-\d{6}$/);
    const received = await one<{ tenant_id: string; reference: string; answers: Record<string, string>; applicant_name: string; service_id: string }>(
      `SELECT tenant_id, reference, answers, applicant_name, service_id FROM applications WHERE id = $1`,
      [out.other_application_id],
    );
    expect(received).toMatchObject({ tenant_id: rheda.id, reference: out.other_reference, applicant_name: 'Łukasz Żółć' });
    const started = await one<{ workflow_id: string | null; workflow_state: string | null }>(
      `SELECT workflow_id, workflow_state FROM applications WHERE id = $1`,
      [out.other_application_id],
    );
    expect(started.workflow_id).not.toBeNull();
    expect(started.workflow_state).toBeTruthy();
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND topic = 'records.fileApplication' AND payload->>'applicationId' = $2`, [
        rheda.id,
        out.other_application_id,
      ]),
    ).toBe(1);
    expect(received.answers.vorname).toBe('Łukasz');
    const service = await inTenant(database.db, rheda.id, (tx) => serviceById(tx, rheda.id, received.service_id));
    expect(service?.slug).toBe('hund-anmelden');
    const file = await one<{ sha256: string; filename: string }>(
      `SELECT sha256, filename FROM application_files WHERE tenant_id = $1 AND application_id = $2`,
      [rheda.id, out.other_application_id],
    );
    expect(file.filename).toBe('versicherung.pdf');
    expect(await blobs.get(rheda.id, file.sha256)).toEqual(bytes);
    const incoming = await one<{ other_reference: string; note: string }>(
      `SELECT other_reference, note FROM case_handovers WHERE tenant_id = $1 AND direction = 'in'`,
      [rheda.id],
    );
    expect(incoming).toEqual({ other_reference: c.reference, note: 'Wohnsitz liegt in Rheda-Wiedenbrück.' });
    // The applicant's status page (the sending case's messages) says where it went; the new case mails its own link.
    const message = await one<{ body: string; author: string }>(`SELECT body, author FROM application_messages WHERE application_id = $1`, [c.id]);
    expect(message.author).toBe('office');
    expect(message.body).toContain(`an Stadt Rheda-Wiedenbrück abgegeben`);
    expect(message.body).toContain(out.other_reference);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1 AND topic = 'application.submitted' AND payload->>'applicationId' = $2`, [
        rheda.id,
        out.other_application_id,
      ]),
    ).toBe(1);
    for (const action of ['case.handover_started', 'case.handed_over', 'application.handed_over']) {
      expect(
        await count(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND object_id = $2 AND action = $3`, [gt.id, c.id, action]),
        action,
      ).toBe(1);
    }
    expect(await auditCount(rheda.id, 'application.received_by_handover')).toBeGreaterThanOrEqual(1);
    // Closed: it cannot go anywhere a second time.
    const again = await handOver(deps(), { org: gt, staff: clerk, applicationId: c.id, target: harsewinkel.id, note: 'Nochmal' });
    expect(again).toEqual({ ok: false, errors: { target: 'casework.error.notOpen' }, params: undefined });
  });

  it('when the receiving side fails, the case is handed over and the outbox job delivers it later, once', async () => {
    let failing = true;
    const flaky: BlobStore = {
      ...blobs,
      put: async (tenant, bytes) => {
        if (failing && tenant === rheda.id) throw new Error('disk full');
        return blobs.put(tenant, bytes);
      },
    };
    const c = await insertCase(database, 'guetersloh', { files: [{ filename: 'nachweis.pdf', bytes: Buffer.from(`%PDF-1.4 ${newId()}`) }], blobs });
    const r = await handOver({ ...deps(), blobs: flaky }, { org: gt, staff: clerk, applicationId: c.id, target: rheda.id, note: 'Zuständig ist Rheda.' });
    expect(r).toMatchObject({ ok: true, delivered: false });
    const pending = await one<{ id: string; completed_at: Date | null }>(
      `SELECT id, completed_at FROM case_handovers WHERE tenant_id = $1 AND application_id = $2`,
      [gt.id, c.id],
    );
    expect(pending.completed_at).toBeNull();
    expect((await one<{ closed_at: Date | null }>(`SELECT closed_at FROM applications WHERE id = $1`, [c.id])).closed_at).not.toBeNull();
    const received = () => count(`SELECT count(*)::int AS n FROM case_handovers WHERE tenant_id = $1 AND id = $2 AND direction = 'in'`, [rheda.id, pending.id]);
    expect(await received()).toBe(0);

    failing = false;
    const handlers = caseworkJobs({ db: database.db, blobs: flaky, secret });
    while ((await runDueJobs(database.db, handlers)) > 0);
    expect(await received()).toBe(1);
    // Delivered again (at-least-once): nothing is made twice.
    expect(await deliverHandover({ db: database.db, blobs, secret }, gt.id, pending.id)).toBe(true);
    await database.admin.query(`UPDATE case_handovers SET completed_at = NULL WHERE tenant_id = $1 AND id = $2`, [gt.id, pending.id]);
    expect(await deliverHandover({ db: database.db, blobs, secret }, gt.id, pending.id)).toBe(true);
    expect(await received()).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM applications WHERE tenant_id = $1 AND answers->>'email' = $2`, [rheda.id, `${c.id}@example.org`])).toBe(
      1,
    );
  });

  it('hands a case to the region only when the region offers the service, and says so otherwise', async () => {
    const c = await insertCase(database, 'guetersloh');
    const region = (await inRegion(database.db, (tx) => organizationById(tx, gt.parent_id!)))!;
    const r = await handOver(deps(), { org: gt, staff: clerk, applicationId: c.id, target: region.id, note: 'Kreis ist zuständig.' });
    expect(r).toMatchObject({ ok: false, errors: { target: 'casework.error.targetNoService' }, params: { organization: region.name } });
  });
});

describe('the management view', () => {
  it('starts the week on Monday and the month on the first, in the municipality’s zone', () => {
    expect(startOfDayIn('2026-12-07', 'Europe/Berlin').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'Europe/Zurich').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    const starts = periodStarts('Europe/Berlin', new Date('2026-12-09T12:00:00Z')); // a Wednesday
    expect(starts.week.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(starts.month.toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('counts received this week and month, open and overdue per service and per team', async () => {
    const now = new Date('2026-12-09T12:00:00Z');
    const before = await inTenant(database.db, harsewinkel.id, (tx) => managementOverview(tx, harsewinkel, now));
    const dogBefore = before.byService.find((s) => s.name.includes('Hund'))!;
    await insertCase(database, 'harsewinkel', { submittedAt: new Date('2026-12-08T08:00:00Z'), dueAt: new Date('2026-12-09T08:00:00Z') });
    await insertCase(database, 'harsewinkel', { submittedAt: new Date('2026-12-02T08:00:00Z'), dueAt: new Date('2026-12-20T08:00:00Z') });
    await insertCase(database, 'harsewinkel', { submittedAt: new Date('2026-11-20T08:00:00Z'), status: 'approved' });
    const view = await inTenant(database.db, harsewinkel.id, (tx) => managementOverview(tx, harsewinkel, now));
    const dog = view.byService.find((s) => s.id === dogBefore.id)!;
    expect(dog.week - dogBefore.week).toBe(1);
    expect(dog.month - dogBefore.month).toBe(2);
    expect(dog.open - dogBefore.open).toBe(2);
    expect(dog.overdue - dogBefore.overdue).toBe(1);
    expect(view.total.open).toBe(view.byService.reduce((n, s) => n + s.open, 0));
    // A team that handles the service counts its cases.
    const teamId = newId();
    await database.admin.query(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ($1, $2, 'Steuern', 'sachgebiet')`, [harsewinkel.id, teamId]);
    await database.admin.query(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ($1, $2, $3)`, [harsewinkel.id, teamId, dog.id]);
    const withTeam = await inTenant(database.db, harsewinkel.id, (tx) => managementOverview(tx, harsewinkel, now));
    expect(withTeam.byTeam.find((x) => x.id === teamId)).toMatchObject({ name: 'Steuern', open: dog.open, overdue: dog.overdue, week: dog.week });
  });
});

describe('the decision letter template', () => {
  it('refuses an unknown placeholder, unclosed braces and an empty text with a clear message; saves nothing', async () => {
    const bad = await inTenant(database.db, gt.id, (tx) => saveTemplate(tx, gt, clerk, 'Zu {{Aktenzeichen}} und {{Hundesteuerklasse}}.'));
    expect(bad).toEqual({ ok: false, error: { key: 'casework.error.templatePlaceholder', params: { names: '{{Hundesteuerklasse}}' } } });
    expect(translator('de')('casework.error.templatePlaceholder', { names: '{{Hundesteuerklasse}}' })).toBe(
      'Unbekannter Platzhalter: {{Hundesteuerklasse}}. Verwenden Sie nur die unten genannten Platzhalter.',
    );
    expect(checkTemplate('Zu {{Aktenzeichen}', [])).toEqual({ ok: false, error: { key: 'casework.error.templateBraces' } });
    expect(checkTemplate(' ', [])).toEqual({ ok: false, error: { key: 'casework.error.templateEmpty' } });
    expect(await inTenant(database.db, gt.id, (tx) => templateOf(tx, gt.id))).toBeUndefined();
  });

  it('saves a template with field placeholders, audited, and fills it with the case’s data', async () => {
    const body = 'zu Ihrem Antrag „{{Leistung}}“ ({{Aktenzeichen}}) für den Hund {{hundename}}:\n\nWir danken für Ihre Geduld.';
    expect(await inTenant(database.db, gt.id, (tx) => saveTemplate(tx, gt, clerk, body))).toEqual({ ok: true });
    expect(await auditCount(gt.id, 'decision_template.saved')).toBe(1);
    const c = await insertCase(database, 'guetersloh', { extra: { hundename: 'Bello' } });
    const filled = await inTenant(database.db, gt.id, async (tx) => {
      const a = (await applicationById(tx, gt.id, c.id))!;
      const service = (await serviceById(tx, gt.id, a.service_id))!;
      return fillTemplate((await templateOf(tx, gt.id))!.body, gt, service, a, translator('de'), 'de');
    });
    expect(filled).toEqual([`zu Ihrem Antrag „Hund anmelden (Hundesteuer)“ (${c.reference}) für den Hund Bello:`, 'Wir danken für Ihre Geduld.']);
  });

  it('greets by the salutation the answers give, else by name', async () => {
    const t = translator('de');
    const service = (await inTenant(database.db, gt.id, async (tx) => serviceById(tx, gt.id, (await insertCase(database, 'guetersloh')).serviceId)))!;
    const form = { ...service.definition.form, steps: [...service.definition.form.steps] };
    form.steps[0] = { ...form.steps[0]!, fields: [...form.steps[0]!.fields, { id: 'anrede', type: 'select', label: { de: 'Anrede' } } as never] };
    expect(salutation(form, { anrede: 'frau', nachname: 'Krause', vorname: 'Jana' }, 'Jana Krause', t)).toBe('Sehr geehrte Frau Krause,');
    expect(salutation(form, { anrede: 'herr', nachname: 'Krause' }, 'Jan Krause', t)).toBe('Sehr geehrter Herr Krause,');
    expect(salutation(form, { anrede: 'divers', nachname: 'Krause' }, 'Kim Krause', t)).toBe('Guten Tag Kim Krause,');
    expect(salutation(form, {}, '', t)).toBe('Guten Tag,');
  });
});
