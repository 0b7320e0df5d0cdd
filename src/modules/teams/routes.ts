import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChooseMunicipalityFirst } from '../../platform/views/choose-municipality.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, type Tx } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin, requireStaff } from '../accounts/index.ts';
import { type Errors, type Outcome, schemas } from './schema.ts';
import {
  absencePeople,
  addMember,
  assignService,
  createTeam,
  deleteAbsence,
  deleteTeam,
  fachbereiche,
  isTeamAdmin,
  listAbsences,
  listTeams,
  recordAbsence,
  removeMember,
  removeService,
  teamDetails,
  updateTeam,
} from './teams.ts';
import { AbsencesPage, type AbsenceValues } from './views/Absences.tsx';
import { TeamPage, TeamsPage, type TeamValues } from './views/Teams.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;

const NOTICES: Record<string, MessageKey> = {
  angelegt: 'teams.notice.created',
  gespeichert: 'teams.notice.saved',
  geloescht: 'teams.notice.deleted',
  eingetragen: 'teams.notice.absenceRecorded',
  entfernt: 'teams.notice.absenceDeleted',
};
const noticeOf = (hinweis: string | undefined) => (hinweis ? NOTICES[hinweis] : undefined);
const statusOf = (errors: Errors) => (Object.keys(errors).length ? 422 : 200);

export async function teamRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav(
    { href: '/verwaltung/teams', label: 'teams.nav', roles: ['region_admin', 'municipality_admin'] },
    { href: '/verwaltung/abwesenheiten', label: 'teams.absences.nav', roles: ['region_admin', 'municipality_admin', 'clerk'] },
  );

  /** The municipality the person works on; a region admin who has not chosen one is shown where to. */
  const municipalityOr = (req: FastifyRequest, reply: FastifyReply, title: MessageKey): Municipality | undefined => {
    const org = req.staff?.tenant;
    if (org && org.kind === 'municipality') return org;
    sendPage(reply, ChooseMunicipalityFirst({ ctx: req.pageContext(), title: req.t(title), text: req.t('teams.chooseMunicipality') }));
    return undefined;
  };
  /** One transaction in the municipality; a name another transaction took meanwhile is found again on the second run. */
  const work = <T>(org: Municipality, fn: (tx: Tx) => Promise<T>) =>
    onUniqueViolation(
      () => inTenant(app.db, org.id, fn),
      () => inTenant(app.db, org.id, fn),
    );

  // ----- teams -----

  const listPage = async (req: FastifyRequest, reply: FastifyReply, org: Municipality, values: TeamValues = {}, errors: Errors = {}, notice?: MessageKey) => {
    const { teams, parents } = await inTenant(app.db, org.id, async (tx) => ({ teams: await listTeams(tx, org.id), parents: await fachbereiche(tx, org.id) }));
    return sendPage(reply, TeamsPage({ ctx: req.pageContext(), municipality: org.name, teams, parents, values, errors, notice }), statusOf(errors));
  };

  app.get('/verwaltung/teams', { schema: schemas.list, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (org) return listPage(req, reply, org, {}, {}, noticeOf(req.query.hinweis));
    return reply;
  });

  app.post('/verwaltung/teams', { schema: schemas.create, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await work(org, (tx) => createTeam(tx, org.id, req.staff!, req.body));
    if (!outcome.ok) return listPage(req, reply, org, req.body, outcome.errors);
    return reply.redirect(`/verwaltung/teams/${outcome.id}?hinweis=angelegt`, 303);
  });

  type TeamValuesIn = { name?: string; parent?: string; member?: string; service?: string };
  const teamPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Municipality,
    id: string,
    values: TeamValuesIn = {},
    errors: Errors = {},
    notice?: MessageKey,
  ) => {
    const view = await inTenant(app.db, org.id, (tx) => teamDetails(tx, org.id, id));
    if (!view) throw notFound();
    return sendPage(reply, TeamPage({ ctx: req.pageContext(), view, values, errors, notice }), statusOf(errors));
  };
  /** After a change: the team page again (PRG), or the same page with the refusal and what was typed; 404 for a team of no concern. */
  const answer = (req: FastifyRequest, reply: FastifyReply, org: Municipality, id: string, outcome: Outcome | undefined, values: TeamValuesIn = {}) => {
    if (!outcome) throw notFound();
    if (!outcome.ok) return teamPage(req, reply, org, id, values, outcome.errors);
    return reply.redirect(`/verwaltung/teams/${id}?hinweis=gespeichert`, 303);
  };

  app.get('/verwaltung/teams/:id', { schema: schemas.team, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    return org ? teamPage(req, reply, org, req.params.id, {}, {}, noticeOf(req.query.hinweis)) : reply;
  });

  app.post('/verwaltung/teams/:id/angaben', { schema: schemas.update, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await work(org, (tx) => updateTeam(tx, org.id, req.staff!, req.params.id, req.body));
    return answer(req, reply, org, req.params.id, outcome, req.body);
  });

  app.post('/verwaltung/teams/:id/loeschen', { schema: schemas.remove, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => deleteTeam(tx, org.id, req.staff!, req.params.id));
    if (outcome?.ok) return reply.redirect('/verwaltung/teams?hinweis=geloescht', 303);
    return answer(req, reply, org, req.params.id, outcome);
  });

  app.post('/verwaltung/teams/:id/mitglieder', { schema: schemas.addMember, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => addMember(tx, org.id, req.staff!, req.params.id, req.body.member));
    return answer(req, reply, org, req.params.id, outcome, { member: req.body.member });
  });

  app.post('/verwaltung/teams/:id/mitglieder/:userId/entfernen', { schema: schemas.removeMember, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => removeMember(tx, org.id, req.staff!, req.params.id, req.params.userId));
    return answer(req, reply, org, req.params.id, outcome);
  });

  app.post('/verwaltung/teams/:id/leistungen', { schema: schemas.assignService, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => assignService(tx, org.id, req.staff!, req.params.id, req.body.service));
    return answer(req, reply, org, req.params.id, outcome, { service: req.body.service });
  });

  app.post('/verwaltung/teams/:id/leistungen/:serviceId/entfernen', { schema: schemas.removeService, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.list.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => removeService(tx, org.id, req.staff!, req.params.id, req.params.serviceId));
    return answer(req, reply, org, req.params.id, outcome);
  });

  // ----- absences: every member of staff sees the page; what it offers depends on the role -----

  const absencesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Municipality,
    values: AbsenceValues = {},
    errors: Errors = {},
    notice?: MessageKey,
  ) => {
    const staff = req.staff!;
    const today = todayIn(org.time_zone);
    const { absences, people } = await inTenant(app.db, org.id, async (tx) => ({
      absences: await listAbsences(tx, org.id, staff, today),
      people: await absencePeople(tx, org.id),
    }));
    const page = AbsencesPage({
      ctx: req.pageContext(),
      municipality: org.name,
      country: org.country,
      viewer: { id: staff.id, name: staff.name },
      admin: isTeamAdmin(staff),
      absences,
      people: people.people,
      substitutes: people.substitutes,
      values,
      errors,
      notice,
    });
    return sendPage(reply, page, statusOf(errors));
  };

  app.get('/verwaltung/abwesenheiten', { schema: schemas.absences, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.absences.title');
    return org ? absencesPage(req, reply, org, {}, {}, noticeOf(req.query.hinweis)) : reply;
  });

  app.post('/verwaltung/abwesenheiten', { schema: schemas.recordAbsence, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.absences.title');
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => recordAbsence(tx, org.id, req.staff!, req.body));
    if (!outcome.ok) return absencesPage(req, reply, org, req.body, outcome.errors);
    return reply.redirect('/verwaltung/abwesenheiten?hinweis=eingetragen', 303);
  });

  app.post('/verwaltung/abwesenheiten/:id/loeschen', { schema: schemas.deleteAbsence, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply, 'teams.absences.title');
    if (!org) return reply;
    const deleted = await inTenant(app.db, org.id, (tx) => deleteAbsence(tx, org.id, req.staff!, req.params.id));
    if (!deleted) throw notFound();
    return reply.redirect('/verwaltung/abwesenheiten?hinweis=entfernt', 303);
  });
}
