// The inbox's domain rules: deadlines and warning days, the states offered, cleaned filters, who sees which
// services (teams, admins, substitutes), and the due-soon filter with a state's own warning days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { servicesVisibleTo } from '../teams/index.ts';
import { STANDARD } from '../workflows/index.ts';
import { cleanFilters, deadlineOf, inbox, stateOptions } from './inbox.ts';

const now = new Date('2026-12-06T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('deadlines', () => {
  const states = [
    { id: 'pruefung', label: { de: 'In Prüfung' }, warnDays: 3 },
    { id: 'zahlung', label: { de: 'Zahlung' }, warnDays: 7 },
  ];
  it('are overdue once past, due soon within the state’s warning days (3 by default), and none when closed or missing', () => {
    expect(deadlineOf({ due_at: days(-0.01), closed_at: null, workflow_state: 'pruefung' }, states, now)).toBe('overdue');
    expect(deadlineOf({ due_at: days(2.9), closed_at: null, workflow_state: 'pruefung' }, states, now)).toBe('soon');
    expect(deadlineOf({ due_at: days(3.1), closed_at: null, workflow_state: 'pruefung' }, states, now)).toBeUndefined();
    expect(deadlineOf({ due_at: days(6), closed_at: null, workflow_state: 'zahlung' }, states, now)).toBe('soon');
    expect(deadlineOf({ due_at: days(2), closed_at: null, workflow_state: 'unbekannt' }, states, now)).toBe('soon');
    expect(deadlineOf({ due_at: days(-3), closed_at: now, workflow_state: 'pruefung' }, states, now)).toBeUndefined();
    expect(deadlineOf({ due_at: null, closed_at: null, workflow_state: 'pruefung' }, states, now)).toBeUndefined();
  });

  it('take their warning days from the workflows, once per state id, the longer one where two differ', () => {
    const options = stateOptions([
      STANDARD,
      {
        states: [
          { id: 'pruefung', label: { de: 'Prüfung (anders)' }, deadline: { warnDays: 5 } },
          { id: 'neu', label: { de: 'Neu' } },
        ],
      },
    ]);
    expect(options.map((s) => s.id)).toEqual(['eingang', 'pruefung', 'rueckfrage', 'entschieden', 'abgeschlossen', 'neu']);
    expect(options.find((s) => s.id === 'pruefung')).toEqual({ id: 'pruefung', label: { de: 'In Prüfung', en: 'In review' }, warnDays: 5 });
    expect(options.find((s) => s.id === 'neu')!.warnDays).toBe(3);
  });
});

describe('filters', () => {
  it('keep only the known keys with a value, trimmed, the search cleaned', () => {
    expect(cleanFilters({ bereich: 'meine', frist: ' bald ', q: ' Hund\u0000 ', sort: '', evil: 'x', status: 42 })).toEqual({
      bereich: 'meine',
      frist: 'bald',
      q: 'Hund',
    });
  });
});

describe('who sees which services', () => {
  let t: TestApp;
  let gt = '';
  const people: Record<string, string> = {};
  const services: Record<string, string> = {};
  const query = (sql: string) => t.database.admin.query<Record<string, string>>(sql);
  const visible = (who: 'clerk' | 'other' | 'admin' | 'lonely', role: 'clerk' | 'municipality_admin' = 'clerk', day = todayIn('Europe/Berlin')) =>
    inTenant(t.database.db, gt, (tx) => servicesVisibleTo(tx, gt, { id: people[who]!, role }, day));

  beforeAll(async () => {
    t = await createTestApp();
    gt = (await query(`SELECT id FROM organizations WHERE slug = 'guetersloh'`))[0]!.id!;
    for (const [key, email] of [
      ['clerk', 'sachbearbeitung@guetersloh.example'],
      ['admin', 'organisation@guetersloh.example'],
    ] as const) {
      people[key] = (await query(`SELECT id FROM staff_users WHERE email = '${email}'`))[0]!.id!;
    }
    for (const key of ['other', 'lonely']) {
      people[key] = (
        await query(
          `INSERT INTO staff_users (id, organization_id, email, name, role) VALUES (gen_random_uuid(), '${gt}', '${key}@guetersloh.example', '${key}', 'clerk') RETURNING id`,
        )
      )[0]!.id!;
    }
    for (const row of await query(`SELECT id, slug FROM services WHERE tenant_id = '${gt}' AND slug IN ('hund-anmelden', 'sperrmuell')`))
      services[row.slug!] = row.id!;
  });
  afterAll(() => t?.close());

  it('is every service while the municipality has no team', async () => {
    expect(await visible('clerk')).toBe('all');
    expect(await visible('lonely')).toBe('all');
  });

  it('is the services of one’s teams once there are teams; admins see all; no team, no service', async () => {
    await query(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ('${gt}', '0190a000-0000-7000-8000-0000000000a1', 'Hunde', 'sachgebiet'),
                 ('${gt}', '0190a000-0000-7000-8000-0000000000a2', 'Abfall', 'sachgebiet')`);
    await query(`INSERT INTO team_members (tenant_id, team_id, user_id) VALUES ('${gt}', '0190a000-0000-7000-8000-0000000000a1', '${people.clerk}'),
                 ('${gt}', '0190a000-0000-7000-8000-0000000000a2', '${people.other}')`);
    await query(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ('${gt}', '0190a000-0000-7000-8000-0000000000a1', '${services['hund-anmelden']}'),
                 ('${gt}', '0190a000-0000-7000-8000-0000000000a2', '${services.sperrmuell}')`);
    expect(await visible('clerk')).toEqual([services['hund-anmelden']]);
    expect(await visible('other')).toEqual([services.sperrmuell]);
    expect(await visible('admin', 'municipality_admin')).toBe('all');
    expect(await visible('lonely')).toEqual([]);
  });

  it('adds the services of the person one covers, on the days of their absence only', async () => {
    await query(`INSERT INTO absences (tenant_id, id, user_id, substitute_id, starts_on, ends_on)
                 VALUES ('${gt}', gen_random_uuid(), '${people.other}', '${people.clerk}', '2026-12-07', '2026-12-09')`);
    expect(await visible('clerk', 'clerk', '2026-12-06')).toEqual([services['hund-anmelden']]);
    expect([...((await visible('clerk', 'clerk', '2026-12-08')) as string[])].sort()).toEqual([services['hund-anmelden'], services.sperrmuell].sort());
    // The absent person keeps their own.
    expect(await visible('other', 'clerk', '2026-12-08')).toEqual([services.sperrmuell]);
  });

  it('counts a case due soon by its state’s own warning days', async () => {
    const dog = services['hund-anmelden']!;
    await query(`INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email, status_token_hash,
                   idempotency_key, submitted_at, updated_at, retain_until, workflow_state, due_at)
                 SELECT '${gt}', gen_random_uuid(), 'GT-2026-6' || CASE s WHEN 'pruefung' THEN '0' ELSE '1' END || lpad(g::text, 4, '0'), '${dog}', 'in_review', '{}', 'Frist ' || g, 'f@example.org',
                   md5('f' || s || g), md5('fk' || s || g), now(), now(), current_date + 3650, s, now() + g * interval '1 day' - interval '1 hour'
                 FROM generate_series(1, 6) AS g, unnest(ARRAY['pruefung', 'zahlung']) AS s`);
    const states = [
      { id: 'pruefung', label: { de: 'In Prüfung' }, warnDays: 3 },
      { id: 'zahlung', label: { de: 'Zahlung' }, warnDays: 5 },
    ];
    const soon = await inTenant(t.database.db, gt, (tx) =>
      inbox(
        tx,
        gt,
        { frist: 'bald', sort: 'frist', dir: 'asc' },
        { staff: { id: people.admin!, role: 'municipality_admin' }, today: todayIn('Europe/Berlin'), now: new Date(), states },
      ),
    );
    const found = soon.rows.map((r) => `${r.workflow_state}:${r.applicant_name}`);
    expect(found.sort()).toEqual(
      [
        'pruefung:Frist 1',
        'pruefung:Frist 2',
        'pruefung:Frist 3',
        'zahlung:Frist 1',
        'zahlung:Frist 2',
        'zahlung:Frist 3',
        'zahlung:Frist 4',
        'zahlung:Frist 5',
      ].sort(),
    );
    expect(soon.rows.every((r) => r.deadline === 'soon')).toBe(true);
  });
});
