// All SQL of the teams module. Every query names the tenant; row-level security holds it to the transaction's too.
// Staff accounts are read here (names, organization, active) but never written: the accounts module owns them.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { AbsencesTable, TeamsTable } from '../../platform/db/tables.ts';
import type { IsoDate } from './schema.ts';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// ----- teams -----

/** The municipality's teams, A–Z the German way, with their parent's name and how many members and services they have. */
export const listTeams = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('teams as t')
    .leftJoin('teams as p', (j) => j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.parent_id'))
    .select(['t.id', 't.name', 't.kind', 't.parent_id', 'p.name as parent_name'])
    .select((eb) => [
      eb
        .selectFrom('team_members as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.tenant_id', '=', 't.tenant_id')
        .whereRef('m.team_id', '=', 't.id')
        .as('members'),
      eb
        .selectFrom('team_services as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.tenant_id', '=', 't.tenant_id')
        .whereRef('s.team_id', '=', 't.id')
        .as('services'),
    ])
    .where('t.tenant_id', '=', tenantId)
    .orderBy(sql`t.name COLLATE "und-x-icu"`)
    .execute();

export const findTeam = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('teams').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** The team with a row lock: changes to its members and services run one after another, so the rules hold under concurrency. */
export const lockTeam = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('teams').select(['id', 'name', 'kind', 'parent_id']).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const teamWithName = (tx: Tx, tenantId: string, name: string) =>
  tx.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();

export const insertTeam = (tx: Tx, row: Insertable<TeamsTable>) => tx.insertInto('teams').values(row).execute();

export const updateTeam = (tx: Tx, tenantId: string, id: string, change: { name: string; parent_id: string | null }) =>
  tx.updateTable('teams').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const deleteTeam = (tx: Tx, tenantId: string, id: string) => tx.deleteFrom('teams').where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const countChildren = async (tx: Tx, tenantId: string, id: string) =>
  Number(
    (
      await tx
        .selectFrom('teams')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('parent_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

// ----- members -----

/** The accounts that are members of the team. */
export const memberIdsOf = async (tx: Tx, tenantId: string, teamId: string) =>
  (await tx.selectFrom('team_members').select('user_id').where('tenant_id', '=', tenantId).where('team_id', '=', teamId).execute()).map((r) => r.user_id);

/** Members of a team found by its id alone: the tenant comes from the transaction (row-level security). */
export const memberIdsOfTeamId = async (tx: Tx, teamId: string) =>
  (await tx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((r) => r.user_id);

export const insertMember = (tx: Tx, tenantId: string, teamId: string, userId: string) =>
  tx
    .insertInto('team_members')
    .values({ tenant_id: tenantId, team_id: teamId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const deleteMember = async (tx: Tx, tenantId: string, teamId: string, userId: string) =>
  Number(
    (await tx.deleteFrom('team_members').where('tenant_id', '=', tenantId).where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst())
      .numDeletedRows,
  );

export const isMember = async (tx: Tx, tenantId: string, teamId: string, userId: string) =>
  !!(await tx
    .selectFrom('team_members')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst());

export const countMembers = async (tx: Tx, tenantId: string, teamId: string) =>
  Number(
    (
      await tx
        .selectFrom('team_members')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('team_id', '=', teamId)
        .executeTakeFirstOrThrow()
    ).n,
  );

// ----- services -----

export const serviceIdsOf = async (tx: Tx, tenantId: string, teamId: string) =>
  (await tx.selectFrom('team_services').select('service_id').where('tenant_id', '=', tenantId).where('team_id', '=', teamId).execute()).map(
    (r) => r.service_id,
  );

export const countServices = async (tx: Tx, tenantId: string, teamId: string) =>
  Number(
    (
      await tx
        .selectFrom('team_services')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('team_id', '=', teamId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertTeamService = (tx: Tx, tenantId: string, teamId: string, serviceId: string) =>
  tx
    .insertInto('team_services')
    .values({ tenant_id: tenantId, team_id: teamId, service_id: serviceId })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const deleteTeamService = async (tx: Tx, tenantId: string, teamId: string, serviceId: string) =>
  Number(
    (
      await tx
        .deleteFrom('team_services')
        .where('tenant_id', '=', tenantId)
        .where('team_id', '=', teamId)
        .where('service_id', '=', serviceId)
        .executeTakeFirst()
    ).numDeletedRows,
  );

export const teamsForService = (tx: Tx, tenantId: string, serviceId: string) =>
  tx
    .selectFrom('team_services as s')
    .innerJoin('teams as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.id', '=', 's.team_id'))
    .select(['t.id', 't.name', 't.kind', 't.parent_id'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.service_id', '=', serviceId)
    .orderBy(sql`t.name COLLATE "und-x-icu"`)
    .execute();

// ----- absences -----

/**
 * Absences are checked against each other (no overlap, no absent substitute): one writer per municipality at a time,
 * until the transaction ends, so two people entering absences at once cannot both pass the check.
 */
export const lockAbsences = (tx: Tx, tenantId: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`absences:${tenantId}`}))`.execute(tx);

/** Absences not over by the given day, soonest first; optionally only those of one person or covered by one person. */
export const absencesFrom = (tx: Tx, tenantId: string, fromDay: IsoDate, involving?: string) => {
  let q = tx
    .selectFrom('absences as a')
    .select(['a.id', 'a.user_id', 'a.substitute_id'])
    .select([day('a.starts_on').as('starts_on'), day('a.ends_on').as('ends_on')])
    .where('a.tenant_id', '=', tenantId)
    .where('a.ends_on', '>=', fromDay);
  if (involving) q = q.where((eb) => eb.or([eb('a.user_id', '=', involving), eb('a.substitute_id', '=', involving)]));
  return q.orderBy('a.starts_on').execute();
};

export const findAbsence = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('absences').select(['id', 'user_id', 'substitute_id']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** The person's absences that share a day with the period (both ends inclusive). */
export const absencesOverlapping = (tx: Tx, tenantId: string, userId: string, from: IsoDate, to: IsoDate) =>
  tx
    .selectFrom('absences')
    .select([day('starts_on').as('starts_on'), day('ends_on').as('ends_on')])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .execute();

/** Absences during the period in which the person is the substitute. */
export const coveringDuring = (tx: Tx, tenantId: string, substituteId: string, from: IsoDate, to: IsoDate) =>
  tx
    .selectFrom('absences')
    .select([day('starts_on').as('starts_on'), day('ends_on').as('ends_on')])
    .where('tenant_id', '=', tenantId)
    .where('substitute_id', '=', substituteId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .execute();

export const insertAbsence = (tx: Tx, row: Insertable<AbsencesTable>) => tx.insertInto('absences').values(row).execute();

export const deleteAbsence = (tx: Tx, tenantId: string, id: string) =>
  tx.deleteFrom('absences').where('tenant_id', '=', tenantId).where('id', '=', id).execute();

/** The person's absence on a day, if any; the tenant comes from the transaction (row-level security). */
export const absenceOn = (tx: Tx, userId: string, onDate: IsoDate) =>
  tx
    .selectFrom('absences')
    .select(['id', 'substitute_id'])
    .where('user_id', '=', userId)
    .where('starts_on', '<=', onDate)
    .where('ends_on', '>=', onDate)
    .executeTakeFirst();

// ----- visibility and substitution for the inbox -----

export const countTeams = async (tx: Tx, tenantId: string) =>
  Number(
    (
      await tx
        .selectFrom('teams')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The services handled by any team one of these people is a member of. */
export const serviceIdsOfMembers = async (tx: Tx, tenantId: string, userIds: string[]) =>
  userIds.length === 0
    ? []
    : (
        await tx
          .selectFrom('team_members as m')
          .innerJoin('team_services as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.team_id', '=', 'm.team_id'))
          .select('s.service_id')
          .distinct()
          .where('m.tenant_id', '=', tenantId)
          .where('m.user_id', 'in', userIds)
          .execute()
      ).map((r) => r.service_id);

/** The teams a person is a member of (all of the municipality's when `userId` is undefined), A–Z, with their services. */
export async function teamsWithServices(tx: Tx, tenantId: string, userId?: string) {
  let q = tx.selectFrom('teams as t').select(['t.id', 't.name', 't.kind', 't.parent_id']).where('t.tenant_id', '=', tenantId);
  if (userId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_members as m')
          .select('m.user_id')
          .whereRef('m.tenant_id', '=', 't.tenant_id')
          .whereRef('m.team_id', '=', 't.id')
          .where('m.user_id', '=', userId),
      ),
    );
  }
  const teams = await q.orderBy(sql`t.name COLLATE "und-x-icu"`).execute();
  const services = teams.length
    ? await tx
        .selectFrom('team_services')
        .select(['team_id', 'service_id'])
        .where('tenant_id', '=', tenantId)
        .where(
          'team_id',
          'in',
          teams.map((t) => t.id),
        )
        .execute()
    : [];
  return teams.map((t) => ({ ...t, serviceIds: services.filter((s) => s.team_id === t.id).map((s) => s.service_id) }));
}

/** The people whose absence on the day the person covers. */
export const coveredOn = async (tx: Tx, tenantId: string, substituteId: string, onDate: IsoDate) =>
  (
    await tx
      .selectFrom('absences')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('substitute_id', '=', substituteId)
      .where('starts_on', '<=', onDate)
      .where('ends_on', '>=', onDate)
      .execute()
  ).map((r) => r.user_id);

/** Of these people, those absent on the day, with who covers them. */
export const absencesOnDay = (tx: Tx, tenantId: string, userIds: string[], onDate: IsoDate) =>
  userIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('absences')
        .select(['user_id', 'substitute_id'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', userIds)
        .where('starts_on', '<=', onDate)
        .where('ends_on', '>=', onDate)
        .execute();
