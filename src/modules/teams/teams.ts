// Teams of a municipality (Fachbereiche and the Sachgebiete under them), their members and the services they handle,
// and absences with a substitute (Vertretung). Every function takes a transaction scoped to the municipality.
// Rules that hold at all times, so case work can rely on them:
// - a team that handles services has at least one member;
// - a substitute is active, of the same municipality, and not absent on any day of the absence they cover,
//   so who covers a person on a day is found in one step.
import { audit } from '../../platform/audit/audit.ts';
import { type Tx, UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { newId } from '../../platform/ids.ts';
import { staffAccounts, staffNames, staffOf } from '../accounts/index.ts';
import { allServicesOf, serviceById } from '../services/index.ts';
import * as repo from './repository.ts';
import {
  type AbsenceInput,
  type CreateTeamInput,
  type Errors,
  type IsoDate,
  isTeamKind,
  NAME_MAX,
  type Outcome,
  type TeamKind,
  type UpdateTeamInput,
} from './schema.ts';

export type Actor = Pick<StaffPrincipal, 'id' | 'role'>;

const actorOf = (a: Actor) => `staff:${a.id}`;
const failed = (errors: Errors): Outcome => ({ ok: false, errors });
const hasErrors = (errors: Errors) => Object.keys(errors).length > 0;

export const isTeamAdmin = (a: Actor | null | undefined) => a?.role === 'region_admin' || a?.role === 'municipality_admin';

/** A name as people mean it: spaces at the ends dropped, runs of spaces as one; undefined when empty, too long or with control characters. */
export function cleanName(input: string | undefined): string | undefined {
  const name = (input ?? '').replace(/\s+/g, ' ').trim();
  if (name === '' || name.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) return undefined;
  return name;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** A calendar day typed as "2026-12-24" (the date field) or "24.12.2026"; undefined for anything else or a day that does not exist. */
export function parseDay(input: string | undefined): IsoDate | undefined {
  const text = (input ?? '').trim();
  const iso = ISO.exec(text);
  const german = GERMAN.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
  if (!y || !m || !d) return undefined;
  const year = Number(y);
  const date = new Date(Date.UTC(year, Number(m) - 1, Number(d)));
  if (year < 2000 || year > 2100 || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return date.toISOString().slice(0, 10);
}

// ----- teams -----

export const listTeams = async (tx: Tx, tenantId: string) =>
  (await repo.listTeams(tx, tenantId)).map((t) => ({ ...t, members: Number(t.members ?? 0), services: Number(t.services ?? 0) }));

export type TeamRow = NonNullable<Awaited<ReturnType<typeof repo.findTeam>>>;

/** The team of this municipality, or undefined (also for an id that is not one): the page answers 404. */
export const teamInTenant = async (tx: Tx, tenantId: string, id: string): Promise<TeamRow | undefined> =>
  UUID.test(id) ? repo.findTeam(tx, tenantId, id) : undefined;

/** The Fachbereiche a Sachgebiet may belong to. */
export async function fachbereiche(tx: Tx, tenantId: string, except?: string) {
  return (await repo.listTeams(tx, tenantId)).filter((t) => t.kind === 'fachbereich' && t.id !== except).map((t) => ({ id: t.id, name: t.name }));
}

/** Everything the team page shows: the team, its members and services, and what can still be added. */
export async function teamDetails(tx: Tx, tenantId: string, id: string) {
  const team = await teamInTenant(tx, tenantId, id);
  if (!team) return undefined;
  const [members, staff, serviceIds, services, parents, children] = await Promise.all([
    repo.memberIdsOf(tx, tenantId, id).then((ids) => staffAccounts(tx, ids)),
    staffOf(tx, tenantId),
    repo.serviceIdsOf(tx, tenantId, id),
    allServicesOf(tx, tenantId),
    fachbereiche(tx, tenantId, id),
    repo.countChildren(tx, tenantId, id),
  ]);
  const memberIds = new Set(members.map((m) => m.id));
  const assigned = new Set(serviceIds);
  return {
    team,
    parentName: parents.find((p) => p.id === team.parent_id)?.name,
    parents,
    children,
    members,
    candidates: staff.filter((s) => s.active && !memberIds.has(s.id)).map((s) => ({ id: s.id, name: s.name, email: s.email })),
    services: services.filter((s) => assigned.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
    serviceOptions: services.filter((s) => !assigned.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
  };
}

type ParentCheck = { ok: true; parentId: string | null } | { ok: false; error: 'teams.error.parentNotAllowed' | 'teams.error.parentUnknown' };

async function checkParent(tx: Tx, tenantId: string, kind: TeamKind, parentInput: string | undefined, self?: string): Promise<ParentCheck> {
  const parent = (parentInput ?? '').trim();
  if (parent === '') return { ok: true, parentId: null };
  if (kind === 'fachbereich') return { ok: false, error: 'teams.error.parentNotAllowed' };
  const found = UUID.test(parent) && parent !== self ? await repo.findTeam(tx, tenantId, parent) : undefined;
  if (!found || found.kind !== 'fachbereich') return { ok: false, error: 'teams.error.parentUnknown' };
  return { ok: true, parentId: found.id };
}

export async function createTeam(tx: Tx, tenantId: string, actor: Actor, input: CreateTeamInput): Promise<Outcome> {
  const errors: Errors = {};
  const name = cleanName(input.name);
  if (!name) errors.name = 'teams.error.nameMissing';
  else if (await repo.teamWithName(tx, tenantId, name)) errors.name = 'teams.error.nameTaken';
  if (!isTeamKind(input.kind)) errors.kind = 'teams.error.kindMissing';
  const parent: ParentCheck = isTeamKind(input.kind) ? await checkParent(tx, tenantId, input.kind, input.parent) : { ok: true, parentId: null };
  if (!parent.ok) errors.parent = parent.error;
  if (hasErrors(errors) || !name || !isTeamKind(input.kind) || !parent.ok) return failed(errors);
  const id = newId();
  await repo.insertTeam(tx, { tenant_id: tenantId, id, name, kind: input.kind, parent_id: parent.parentId });
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'team.created',
    objectType: 'team',
    objectId: id,
    data: { kind: input.kind, parent: parent.parentId },
  });
  return { ok: true, id };
}

/** Renames the team and, for a Sachgebiet, sets the Fachbereich it belongs to; undefined when there is no such team. */
export async function updateTeam(tx: Tx, tenantId: string, actor: Actor, id: string, input: UpdateTeamInput): Promise<Outcome | undefined> {
  const team = UUID.test(id) ? await repo.lockTeam(tx, tenantId, id) : undefined;
  if (!team) return undefined;
  const errors: Errors = {};
  const name = cleanName(input.name);
  if (!name) errors.name = 'teams.error.nameMissing';
  else {
    const other = await repo.teamWithName(tx, tenantId, name);
    if (other && other.id !== id) errors.name = 'teams.error.nameTaken';
  }
  const parent = await checkParent(tx, tenantId, team.kind, input.parent, id);
  if (!parent.ok) errors.parent = parent.error;
  if (hasErrors(errors) || !name || !parent.ok) return failed(errors);
  if (name === team.name && parent.parentId === team.parent_id) return { ok: true, id };
  await repo.updateTeam(tx, tenantId, id, { name, parent_id: parent.parentId });
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'team.updated',
    objectType: 'team',
    objectId: id,
    data: { renamed: name !== team.name, parent: parent.parentId },
  });
  return { ok: true, id };
}

/** Deletes the team with its memberships and service assignments; a Fachbereich that still has Sachgebiete stays. */
export async function deleteTeam(tx: Tx, tenantId: string, actor: Actor, id: string): Promise<Outcome | undefined> {
  const team = UUID.test(id) ? await repo.lockTeam(tx, tenantId, id) : undefined;
  if (!team) return undefined;
  if ((await repo.countChildren(tx, tenantId, id)) > 0) return failed({ team: 'teams.error.hasSachgebiete' });
  await repo.deleteTeam(tx, tenantId, id);
  await audit(tx, tenantId, { actor: actorOf(actor), action: 'team.deleted', objectType: 'team', objectId: id, data: { kind: team.kind } });
  return { ok: true, id };
}

// ----- members -----

export async function addMember(tx: Tx, tenantId: string, actor: Actor, teamId: string, userInput: string | undefined): Promise<Outcome | undefined> {
  const team = UUID.test(teamId) ? await repo.lockTeam(tx, tenantId, teamId) : undefined;
  if (!team) return undefined;
  const userId = (userInput ?? '').trim();
  if (userId === '') return failed({ member: 'teams.error.memberMissing' });
  const account = UUID.test(userId) ? (await staffAccounts(tx, [userId]))[0] : undefined;
  if (!account || account.organization_id !== tenantId) return failed({ member: 'teams.error.memberForeign' });
  if (!account.active) return failed({ member: 'teams.error.memberInactive' });
  if (await repo.isMember(tx, tenantId, teamId, userId)) return { ok: true, id: teamId };
  await repo.insertMember(tx, tenantId, teamId, userId);
  await audit(tx, tenantId, { actor: actorOf(actor), action: 'team.member_added', objectType: 'team', objectId: teamId, data: { user: userId } });
  return { ok: true, id: teamId };
}

/** Removes a member; the last member of a team that still handles services stays. Undefined when team or membership is unknown. */
export async function removeMember(tx: Tx, tenantId: string, actor: Actor, teamId: string, userId: string): Promise<Outcome | undefined> {
  const team = UUID.test(teamId) ? await repo.lockTeam(tx, tenantId, teamId) : undefined;
  if (!team || !UUID.test(userId) || !(await repo.isMember(tx, tenantId, teamId, userId))) return undefined;
  if ((await repo.countMembers(tx, tenantId, teamId)) === 1 && (await repo.countServices(tx, tenantId, teamId)) > 0) {
    return failed({ members: 'teams.error.lastMember' });
  }
  await repo.deleteMember(tx, tenantId, teamId, userId);
  await audit(tx, tenantId, { actor: actorOf(actor), action: 'team.member_removed', objectType: 'team', objectId: teamId, data: { user: userId } });
  return { ok: true, id: teamId };
}

// ----- services -----

export async function assignService(tx: Tx, tenantId: string, actor: Actor, teamId: string, serviceInput: string | undefined): Promise<Outcome | undefined> {
  const team = UUID.test(teamId) ? await repo.lockTeam(tx, tenantId, teamId) : undefined;
  if (!team) return undefined;
  const serviceId = (serviceInput ?? '').trim();
  if (serviceId === '') return failed({ service: 'teams.error.serviceMissing' });
  const service = UUID.test(serviceId) ? await serviceById(tx, tenantId, serviceId) : undefined;
  if (!service) return failed({ service: 'teams.error.serviceUnknown' });
  if ((await repo.countMembers(tx, tenantId, teamId)) === 0) return failed({ service: 'teams.error.noMembers' });
  if ((await repo.serviceIdsOf(tx, tenantId, teamId)).includes(serviceId)) return { ok: true, id: teamId };
  await repo.insertTeamService(tx, tenantId, teamId, serviceId);
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'team.service_assigned',
    objectType: 'team',
    objectId: teamId,
    data: { service: serviceId },
  });
  return { ok: true, id: teamId };
}

export async function removeService(tx: Tx, tenantId: string, actor: Actor, teamId: string, serviceId: string): Promise<Outcome | undefined> {
  const team = UUID.test(teamId) ? await repo.lockTeam(tx, tenantId, teamId) : undefined;
  if (!team || !UUID.test(serviceId)) return undefined;
  if ((await repo.deleteTeamService(tx, tenantId, teamId, serviceId)) === 0) return undefined;
  await audit(tx, tenantId, { actor: actorOf(actor), action: 'team.service_removed', objectType: 'team', objectId: teamId, data: { service: serviceId } });
  return { ok: true, id: teamId };
}

// ----- absences -----

/** The absences a person sees: admins those of the whole municipality, a clerk their own and those they cover. Only those not over yet. */
export async function listAbsences(tx: Tx, tenantId: string, viewer: Actor, today: IsoDate) {
  const rows = await repo.absencesFrom(tx, tenantId, today, isTeamAdmin(viewer) ? undefined : viewer.id);
  const names = await staffNames(
    tx,
    rows.flatMap((r) => [r.user_id, r.substitute_id]),
  );
  const named = rows.map((r) => ({ ...r, user_name: names.get(r.user_id) ?? '', substitute_name: names.get(r.substitute_id) ?? '' }));
  return named.sort((a, b) => a.starts_on.localeCompare(b.starts_on) || byName.compare(a.user_name, b.user_name));
}

const byName = new Intl.Collator('de');

/** The people an absence can be entered for (admins: all staff of the municipality) and who can substitute (the active ones). */
export async function absencePeople(tx: Tx, tenantId: string) {
  const staff = await staffOf(tx, tenantId);
  return {
    people: staff.map((s) => ({ id: s.id, name: s.name })),
    substitutes: staff.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name })),
  };
}

/**
 * Records an absence. Admins enter it for anyone of the municipality, a clerk for themselves only. Refused, each with
 * its own message: a day that is not one, an end before the start, an overlap with another absence of the person,
 * a person who covers someone else in that time, and a substitute who is the person, of another municipality,
 * deactivated, or absent on any day of the period.
 */
export async function recordAbsence(tx: Tx, tenantId: string, actor: Actor, input: AbsenceInput): Promise<Outcome> {
  await repo.lockAbsences(tx, tenantId);
  const errors: Errors = {};
  const personId = isTeamAdmin(actor) ? (input.person ?? '').trim() : actor.id;
  const substituteId = (input.substitute ?? '').trim();
  const from = parseDay(input.from);
  const to = parseDay(input.to);
  if (!from) errors.from = 'teams.error.fromInvalid';
  if (!to) errors.to = 'teams.error.toInvalid';
  else if (from && from > to) errors.to = 'teams.error.toBeforeFrom';

  if (personId === '') errors.person = 'teams.error.personMissing';
  else {
    const person = UUID.test(personId) ? (await staffAccounts(tx, [personId]))[0] : undefined;
    if (!person || person.organization_id !== tenantId) errors.person = 'teams.error.personUnknown';
  }
  if (substituteId === '') errors.substitute = 'teams.error.substituteMissing';
  else if (substituteId === personId) errors.substitute = 'teams.error.substituteSelf';
  else {
    const substitute = UUID.test(substituteId) ? (await staffAccounts(tx, [substituteId]))[0] : undefined;
    if (!substitute || substitute.organization_id !== tenantId) errors.substitute = 'teams.error.substituteUnknown';
    else if (!substitute.active) errors.substitute = 'teams.error.substituteInactive';
  }

  if (from && to && from <= to) {
    if (!errors.person) {
      if ((await repo.absencesOverlapping(tx, tenantId, personId, from, to)).length) errors.from = 'teams.error.overlap';
      else if ((await repo.coveringDuring(tx, tenantId, personId, from, to)).length) errors.person = 'teams.error.personCovers';
    }
    if (!errors.substitute && (await repo.absencesOverlapping(tx, tenantId, substituteId, from, to)).length) {
      errors.substitute = 'teams.error.substituteAbsent';
    }
  }
  if (hasErrors(errors) || !from || !to) return failed(errors);
  const id = newId();
  await repo.insertAbsence(tx, { tenant_id: tenantId, id, user_id: personId, substitute_id: substituteId, starts_on: from, ends_on: to });
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'absence.recorded',
    objectType: 'absence',
    objectId: id,
    data: { user: personId, substitute: substituteId },
  });
  return { ok: true, id };
}

/** Deletes an absence: admins any of the municipality, a clerk their own. False when there is none the person may delete. */
export async function deleteAbsence(tx: Tx, tenantId: string, actor: Actor, id: string): Promise<boolean> {
  const absence = UUID.test(id) ? await repo.findAbsence(tx, tenantId, id) : undefined;
  if (!absence || (!isTeamAdmin(actor) && absence.user_id !== actor.id)) return false;
  await repo.deleteAbsence(tx, tenantId, id);
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'absence.deleted',
    objectType: 'absence',
    objectId: id,
    data: { user: absence.user_id, substitute: absence.substitute_id },
  });
  return true;
}

// ----- for case work -----

export interface TeamSummary {
  id: string;
  name: string;
  kind: TeamKind;
  parentId: string | null;
}

/** The teams of the municipality that handle the service, A–Z. */
export async function teamsForService(tx: Tx, tenantId: string, serviceId: string): Promise<TeamSummary[]> {
  if (!UUID.test(serviceId)) return [];
  return (await repo.teamsForService(tx, tenantId, serviceId)).map((t) => ({ id: t.id, name: t.name, kind: t.kind, parentId: t.parent_id }));
}

/** The members of a team, A–Z; the transaction must be scoped to the team's municipality. */
export async function membersOfTeam(tx: Tx, teamId: string): Promise<Array<{ id: string; name: string; active: boolean }>> {
  if (!UUID.test(teamId)) return [];
  return (await staffAccounts(tx, await repo.memberIdsOfTeamId(tx, teamId))).map(({ id, name, active }) => ({ id, name, active }));
}

/** Whether the person is absent on the day (a calendar day in the municipality's zone, "2026-11-22"). */
export async function isAbsent(tx: Tx, userId: string, onDate: IsoDate): Promise<boolean> {
  return UUID.test(userId) && ISO.test(onDate) ? !!(await repo.absenceOn(tx, userId, onDate)) : false;
}

/**
 * Who covers the person on the day: the substitute of their absence that day, or null when they are not absent.
 * One step is enough: a substitute is never absent on a day of the absence they cover (recordAbsence refuses it both ways).
 */
export async function substituteFor(tx: Tx, userId: string, onDate: IsoDate): Promise<string | null> {
  if (!UUID.test(userId) || !ISO.test(onDate)) return null;
  return (await repo.absenceOn(tx, userId, onDate))?.substitute_id ?? null;
}

// ----- for the inbox and the case page -----

/**
 * The services whose cases the person may see in their municipality: 'all', or the ids of those services.
 * Admins see all of it; so does everyone in a municipality without any team (teams are not set up yet there).
 * Otherwise a clerk sees the services their teams handle, and during an absence they cover those of the absent
 * person's teams too, so the cases they stand in for are not hidden from them. Row-level security keeps it to the
 * municipality in every case; this is the one rule for the inbox and the case page alike.
 */
export async function servicesVisibleTo(tx: Tx, tenantId: string, staff: Actor, today: IsoDate): Promise<'all' | string[]> {
  if (isTeamAdmin(staff)) return 'all';
  if ((await repo.countTeams(tx, tenantId)) === 0) return 'all';
  const covered = ISO.test(today) ? await repo.coveredOn(tx, tenantId, staff.id, today) : [];
  return repo.serviceIdsOfMembers(tx, tenantId, [staff.id, ...covered]);
}

/** The teams whose inbox the person can open: admins every team of the municipality, a clerk their own. */
export async function inboxTeams(tx: Tx, tenantId: string, staff: Actor): Promise<Array<TeamSummary & { serviceIds: string[] }>> {
  const rows = await repo.teamsWithServices(tx, tenantId, isTeamAdmin(staff) ? undefined : staff.id);
  return rows.map((t) => ({ id: t.id, name: t.name, kind: t.kind, parentId: t.parent_id, serviceIds: t.serviceIds }));
}

/** The people the person covers on the day (their absence's substitute). */
export const coveredBy = async (tx: Tx, tenantId: string, substituteId: string, onDate: IsoDate): Promise<string[]> =>
  UUID.test(substituteId) && ISO.test(onDate) ? repo.coveredOn(tx, tenantId, substituteId, onDate) : [];

/** Of these people, who is absent on the day, mapped to who covers them. */
export async function substitutesOn(tx: Tx, tenantId: string, userIds: string[], onDate: IsoDate): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id) => UUID.test(id)))];
  if (!ISO.test(onDate) || ids.length === 0) return new Map();
  return new Map((await repo.absencesOnDay(tx, tenantId, ids, onDate)).map((r) => [r.user_id, r.substitute_id]));
}
