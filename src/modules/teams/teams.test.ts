import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { isAbsent, membersOfTeam, substituteFor, teamsForService } from './index.ts';
import {
  type Actor,
  addMember,
  assignService,
  cleanName,
  createTeam,
  deleteAbsence,
  deleteTeam,
  listAbsences,
  parseDay,
  recordAbsence,
  removeMember,
  removeService,
  updateTeam,
} from './teams.ts';

let database: Database;
let gt: string; // Stadt Gütersloh
let rheda: string; // Stadt Rheda-Wiedenbrück
let admin: Actor;
let clerk: string;
let anna: string;
let bert: string;
let locked: string;
let foreign: string;
let service: string;
let foreignService: string;

const one = async <T>(sql: string, params: unknown[] = []) => (await database.admin.query<T>(sql, params))[0]!;
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).n;
const addStaff = async (org: string, name: string, active = true) => {
  const id = newId();
  await database.admin.query(
    `INSERT INTO staff_users (id, organization_id, email, name, role, password_hash, active) VALUES ($1, $2, $3, $4, 'clerk', NULL, $5)`,
    [id, org, `${id}@teams.example`, name, active],
  );
  return id;
};
const inGt = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(database.db, gt, fn);

beforeAll(async () => {
  database = await openTestDatabase();
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  rheda = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'rheda-wiedenbrueck'`)).id;
  admin = { id: (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'organisation@guetersloh.example'`)).id, role: 'municipality_admin' };
  clerk = (await one<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`)).id;
  anna = await addStaff(gt, 'Anna Arndt');
  bert = await addStaff(gt, 'Bert Brandt');
  locked = await addStaff(gt, 'Gesperrt Gerda', false);
  foreign = await addStaff(rheda, 'Fremd Frieda');
  service = (await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 ORDER BY slug LIMIT 1`, [gt])).id;
  foreignService = (await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 ORDER BY slug LIMIT 1`, [rheda])).id;
});
afterAll(() => database?.close());

describe('input', () => {
  it('reads a day typed in the date field or the German way, and nothing else', () => {
    expect(parseDay('2026-12-24')).toBe('2026-12-24');
    expect(parseDay(' 4.1.2027 ')).toBe('2027-01-04');
    expect(parseDay('2026-02-29')).toBeUndefined();
    expect(parseDay('31.04.2026')).toBeUndefined();
    expect(parseDay('morgen')).toBeUndefined();
    expect(parseDay('1899-01-01')).toBeUndefined();
    expect(parseDay(undefined)).toBeUndefined();
  });

  it('takes a name as meant: spaces trimmed and joined; empty, too long or with control characters refused', () => {
    expect(cleanName('  Bürger  büro ')).toBe('Bürger büro');
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName('x'.repeat(121))).toBeUndefined();
    expect(cleanName('a\u0000b')).toBeUndefined();
  });
});

describe('teams', () => {
  it('creates Fachbereiche and Sachgebiete; a name is taken once per municipality, whatever its case', async () => {
    const fb = await inGt((tx) => createTeam(tx, gt, admin, { name: 'Ordnung', kind: 'fachbereich' }));
    expect(fb.ok).toBe(true);
    const sg = await inGt((tx) => createTeam(tx, gt, admin, { name: 'Gewerbe', kind: 'sachgebiet', parent: fb.ok ? fb.id : '' }));
    expect(sg.ok).toBe(true);
    const before = await count('teams');
    expect(await inGt((tx) => createTeam(tx, gt, admin, { name: ' ordnung ', kind: 'sachgebiet' }))).toEqual({
      ok: false,
      errors: { name: 'teams.error.nameTaken' },
    });
    expect(await count('teams')).toBe(before);
    // Another municipality may use the same name.
    expect((await inTenant(database.db, rheda, (tx) => createTeam(tx, rheda, admin, { name: 'Ordnung', kind: 'fachbereich' }))).ok).toBe(true);
  });

  it('refuses a kind that is not one, a parent for a Fachbereich, and a parent that is no Fachbereich of the municipality', async () => {
    const fb = await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Ordnung'`, [gt]);
    const sg = await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Gewerbe'`, [gt]);
    const other = await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Ordnung'`, [rheda]);
    const before = await count('teams');
    expect(await inGt((tx) => createTeam(tx, gt, admin, { name: 'Neu', kind: 'abteilung' }))).toEqual({
      ok: false,
      errors: { kind: 'teams.error.kindMissing' },
    });
    expect(await inGt((tx) => createTeam(tx, gt, admin, { name: 'Neu', kind: 'fachbereich', parent: fb.id }))).toEqual({
      ok: false,
      errors: { parent: 'teams.error.parentNotAllowed' },
    });
    for (const parent of [sg.id, other.id, 'kein-id']) {
      expect(await inGt((tx) => createTeam(tx, gt, admin, { name: 'Neu', kind: 'sachgebiet', parent }))).toEqual({
        ok: false,
        errors: { parent: 'teams.error.parentUnknown' },
      });
    }
    expect(await count('teams')).toBe(before);
  });

  it('renames a team, refuses a name another team has, and cannot reach a team of another municipality', async () => {
    const sg = await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Gewerbe'`, [gt]);
    const other = await one<{ id: string }>(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Ordnung'`, [rheda]);
    expect(await inGt((tx) => updateTeam(tx, gt, admin, sg.id, { name: 'ORDNUNG' }))).toEqual({ ok: false, errors: { name: 'teams.error.nameTaken' } });
    expect(await inGt((tx) => updateTeam(tx, gt, admin, sg.id, { name: 'Gewerbe und Gaststätten' }))).toEqual({ ok: true, id: sg.id });
    expect((await one<{ name: string; parent_id: string | null }>(`SELECT name, parent_id FROM teams WHERE id = $1`, [sg.id])).parent_id).toBeNull();
    expect(await inGt((tx) => updateTeam(tx, gt, admin, other.id, { name: 'Übernommen' }))).toBeUndefined();
    expect((await one<{ name: string }>(`SELECT name FROM teams WHERE id = $1`, [other.id])).name).toBe('Ordnung');
  });

  it('keeps a Fachbereich while Sachgebiete belong to it', async () => {
    const fb = await inGt((tx) => createTeam(tx, gt, admin, { name: 'Soziales', kind: 'fachbereich' }));
    const sg = await inGt((tx) => createTeam(tx, gt, admin, { name: 'Wohngeld', kind: 'sachgebiet', parent: fb.ok ? fb.id : '' }));
    if (!fb.ok || !sg.ok) throw new Error('set-up failed');
    expect(await inGt((tx) => deleteTeam(tx, gt, admin, fb.id))).toEqual({ ok: false, errors: { team: 'teams.error.hasSachgebiete' } });
    expect(await inGt((tx) => deleteTeam(tx, gt, admin, sg.id))).toEqual({ ok: true, id: sg.id });
    expect(await inGt((tx) => deleteTeam(tx, gt, admin, fb.id))).toEqual({ ok: true, id: fb.id });
    expect(await count('teams', 'id = ANY($1)', [[fb.id, sg.id]])).toBe(0);
  });
});

describe('members and services', () => {
  let team: string;
  beforeAll(async () => {
    const made = await inGt((tx) => createTeam(tx, gt, admin, { name: 'Bürgerbüro', kind: 'fachbereich' }));
    if (!made.ok) throw new Error('set-up failed');
    team = made.id;
  });

  it('gives no services to a team without members', async () => {
    expect(await inGt((tx) => assignService(tx, gt, admin, team, service))).toEqual({ ok: false, errors: { service: 'teams.error.noMembers' } });
    expect(await count('team_services', 'team_id = $1', [team])).toBe(0);
  });

  it('takes only active staff of the same municipality as members', async () => {
    expect(await inGt((tx) => addMember(tx, gt, admin, team, foreign))).toEqual({ ok: false, errors: { member: 'teams.error.memberForeign' } });
    expect(await inGt((tx) => addMember(tx, gt, admin, team, admin.id.replace(/.$/, '0')))).toMatchObject({ ok: false });
    expect(await inGt((tx) => addMember(tx, gt, admin, team, locked))).toEqual({ ok: false, errors: { member: 'teams.error.memberInactive' } });
    expect(await inGt((tx) => addMember(tx, gt, admin, team, ''))).toEqual({ ok: false, errors: { member: 'teams.error.memberMissing' } });
    expect(await count('team_members', 'team_id = $1', [team])).toBe(0);
    expect(await inGt((tx) => addMember(tx, gt, admin, team, anna))).toEqual({ ok: true, id: team });
    expect(await inGt((tx) => addMember(tx, gt, admin, team, anna))).toEqual({ ok: true, id: team });
    expect(await count('team_members', 'team_id = $1', [team])).toBe(1);
  });

  it('assigns the municipality’s services only, and finds the teams of a service', async () => {
    expect(await inGt((tx) => assignService(tx, gt, admin, team, foreignService))).toEqual({ ok: false, errors: { service: 'teams.error.serviceUnknown' } });
    expect(await inGt((tx) => assignService(tx, gt, admin, team, service))).toEqual({ ok: true, id: team });
    expect(await inGt((tx) => teamsForService(tx, gt, service))).toEqual([{ id: team, name: 'Bürgerbüro', kind: 'fachbereich', parentId: null }]);
    expect(await inGt((tx) => teamsForService(tx, gt, foreignService))).toEqual([]);
    expect(await inGt((tx) => membersOfTeam(tx, team))).toEqual([{ id: anna, name: 'Anna Arndt', active: true }]);
    // Row-level security: in another municipality's transaction the team has no members at all.
    expect(await inTenant(database.db, rheda, (tx) => membersOfTeam(tx, team))).toEqual([]);
  });

  it('keeps the last member of a team that still handles services', async () => {
    expect(await inGt((tx) => removeMember(tx, gt, admin, team, anna))).toEqual({ ok: false, errors: { members: 'teams.error.lastMember' } });
    expect(await count('team_members', 'team_id = $1', [team])).toBe(1);
    await inGt((tx) => addMember(tx, gt, admin, team, bert));
    expect(await inGt((tx) => removeMember(tx, gt, admin, team, anna))).toEqual({ ok: true, id: team });
    expect(await inGt((tx) => removeMember(tx, gt, admin, team, anna))).toBeUndefined();
    expect(await inGt((tx) => removeService(tx, gt, admin, team, service))).toEqual({ ok: true, id: team });
    expect(await inGt((tx) => removeService(tx, gt, admin, team, service))).toBeUndefined();
    expect(await inGt((tx) => removeMember(tx, gt, admin, team, bert))).toEqual({ ok: true, id: team });
  });

  it('writes an audit entry for every change, with ids and no names', async () => {
    const rows = await database.admin.query<{ action: string; data: Record<string, unknown> }>(
      `SELECT action, data FROM audit_log WHERE tenant_id = $1 AND object_id = $2 ORDER BY seq`,
      [gt, team],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'team.created',
      'team.member_added',
      'team.service_assigned',
      'team.member_added',
      'team.member_removed',
      'team.service_removed',
      'team.member_removed',
    ]);
    expect(rows[1]!.data).toEqual({ user: anna });
    expect(JSON.stringify(rows)).not.toContain('Anna');
  });
});

describe('absences', () => {
  const record = (actor: Actor, input: Record<string, string>) => inGt((tx) => recordAbsence(tx, gt, actor, input));

  it('records an absence; the person is absent on its first and last day, and covered by the substitute', async () => {
    expect(await record(admin, { person: anna, from: '2027-03-01', to: '10.03.2027', substitute: bert })).toMatchObject({ ok: true });
    for (const day of ['2027-03-01', '2027-03-05', '2027-03-10']) {
      expect(await inGt((tx) => isAbsent(tx, anna, day))).toBe(true);
      expect(await inGt((tx) => substituteFor(tx, anna, day))).toBe(bert);
    }
    for (const day of ['2027-02-28', '2027-03-11']) {
      expect(await inGt((tx) => isAbsent(tx, anna, day))).toBe(false);
      expect(await inGt((tx) => substituteFor(tx, anna, day))).toBeNull();
    }
    expect(await inGt((tx) => isAbsent(tx, bert, '2027-03-05'))).toBe(false);
    expect(await inGt((tx) => isAbsent(tx, anna, 'bald'))).toBe(false);
  });

  it('refuses each broken rule with its own message and records nothing', async () => {
    const before = await count('absences');
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{ person: anna, from: '2027-05-10', to: '2027-05-01', substitute: bert }, { to: 'teams.error.toBeforeFrom' }],
      [
        { person: anna, from: 'morgen', to: '', substitute: bert },
        { from: 'teams.error.fromInvalid', to: 'teams.error.toInvalid' },
      ],
      [{ person: anna, from: '2027-03-10', to: '2027-03-12', substitute: clerk }, { from: 'teams.error.overlap' }],
      [{ person: clerk, from: '2027-03-08', to: '2027-03-09', substitute: anna }, { substitute: 'teams.error.substituteAbsent' }],
      [{ person: bert, from: '2027-03-09', to: '2027-03-20', substitute: clerk }, { person: 'teams.error.personCovers' }],
      [{ person: anna, from: '2027-06-01', to: '2027-06-02', substitute: anna }, { substitute: 'teams.error.substituteSelf' }],
      [{ person: anna, from: '2027-06-01', to: '2027-06-02', substitute: foreign }, { substitute: 'teams.error.substituteUnknown' }],
      [{ person: anna, from: '2027-06-01', to: '2027-06-02', substitute: locked }, { substitute: 'teams.error.substituteInactive' }],
      [{ person: foreign, from: '2027-06-01', to: '2027-06-02', substitute: anna }, { person: 'teams.error.personUnknown' }],
      [
        { from: '2027-06-01', to: '2027-06-02' },
        { person: 'teams.error.personMissing', substitute: 'teams.error.substituteMissing' },
      ],
    ];
    for (const [input, errors] of cases) expect(await record(admin, input), JSON.stringify(input)).toEqual({ ok: false, errors });
    expect(await count('absences')).toBe(before);
  });

  it('lets a clerk record only their own absence, see their own and those they cover, and delete only their own', async () => {
    const me: Actor = { id: clerk, role: 'clerk' };
    const own = await record(me, { person: anna, from: '2027-04-01', to: '2027-04-02', substitute: bert });
    if (!own.ok) throw new Error(JSON.stringify(own));
    expect((await one<{ user_id: string }>(`SELECT user_id FROM absences WHERE id = $1`, [own.id])).user_id).toBe(clerk);
    await record(admin, { person: bert, from: '2027-05-01', to: '2027-05-02', substitute: clerk });
    expect(await record(admin, { person: anna, from: '2027-05-01', to: '2027-05-02', substitute: admin.id })).toMatchObject({ ok: true });
    const seen = await inGt((tx) => listAbsences(tx, gt, me, '2027-01-01'));
    expect(seen.map((a) => [a.user_id, a.substitute_id, a.starts_on, a.ends_on])).toEqual([
      [clerk, bert, '2027-04-01', '2027-04-02'],
      [bert, clerk, '2027-05-01', '2027-05-02'],
    ]);
    expect((await inGt((tx) => listAbsences(tx, gt, admin, '2027-01-01'))).length).toBe(4);
    expect((await inGt((tx) => listAbsences(tx, gt, admin, '2027-04-03'))).length).toBe(2);
    const bertsAbsence = seen[1]!.id;
    expect(await inGt((tx) => deleteAbsence(tx, gt, me, bertsAbsence))).toBe(false);
    expect(await inTenant(database.db, rheda, (tx) => deleteAbsence(tx, rheda, admin, own.id))).toBe(false);
    expect(await inGt((tx) => deleteAbsence(tx, gt, me, own.id))).toBe(true);
    expect(await count('absences', 'id = ANY($1)', [[own.id, bertsAbsence]])).toBe(1);
    const audit = await database.admin.query<{ action: string; data: Record<string, unknown> }>(
      `SELECT action, data FROM audit_log WHERE tenant_id = $1 AND object_id = $2 ORDER BY seq`,
      [gt, own.id],
    );
    expect(audit).toEqual([
      { action: 'absence.recorded', data: { user: clerk, substitute: bert } },
      { action: 'absence.deleted', data: { user: clerk, substitute: bert } },
    ]);
  });
});
