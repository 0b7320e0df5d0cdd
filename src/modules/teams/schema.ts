// The teams module's words and route schemas; the handlers' types are inferred from the same schemas.
import { FormBody, HtmlPage, SeeOther, type Static, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export const TEAM_KINDS = ['fachbereich', 'sachgebiet'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const isTeamKind = (value: unknown): value is TeamKind => TEAM_KINDS.includes(value as TeamKind);

export const NAME_MAX = 120;

export type TeamErrorKey = Extract<MessageKey, `teams.error.${string}`>;

/** The fields of the teams pages that a message can stand beside. */
export type TeamField = 'name' | 'kind' | 'parent' | 'member' | 'members' | 'service' | 'team' | 'person' | 'from' | 'to' | 'substitute' | 'absence';
export type Errors = Partial<Record<TeamField, TeamErrorKey>>;
export type Outcome = { ok: true; id: string } | { ok: false; errors: Errors };

/** A calendar day as "2026-11-22". */
export type IsoDate = string;

const Str = Type.Optional(Type.String());
const form = (what: string) => ({ 303: SeeOther, 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

export const TeamParams = Type.Object({ id: Type.String() });
export const MemberParams = Type.Object({ id: Type.String(), userId: Type.String() });
export const ServiceParams = Type.Object({ id: Type.String(), serviceId: Type.String() });
export const AbsenceParams = Type.Object({ id: Type.String() });

export const NoticeQuery = Type.Object({ hinweis: Str });
export const CreateTeamBody = FormBody({ name: Str, kind: Str, parent: Str });
export const UpdateTeamBody = FormBody({ name: Str, parent: Str });
export const MemberBody = FormBody({ member: Str });
export const ServiceBody = FormBody({ service: Str });
export const AbsenceBody = FormBody({ person: Str, from: Str, to: Str, substitute: Str });

export type CreateTeamInput = Static<typeof CreateTeamBody>;
export type UpdateTeamInput = Static<typeof UpdateTeamBody>;
export type AbsenceInput = Static<typeof AbsenceBody>;

const tags = ['teams'];

export const schemas = {
  list: { tags, summary: 'Teams der Kommune (Fachbereiche, Sachgebiete)', querystring: NoticeQuery, response: { 200: HtmlPage('Teamliste') } },
  create: { tags, summary: 'Team anlegen', body: CreateTeamBody, response: form('Teamliste') },
  team: { tags, summary: 'Ein Team: Name, Mitglieder, Leistungen', params: TeamParams, querystring: NoticeQuery, response: { 200: HtmlPage('Team') } },
  update: { tags, summary: 'Team umbenennen oder einem Fachbereich zuordnen', params: TeamParams, body: UpdateTeamBody, response: form('Team') },
  remove: { tags, summary: 'Team löschen', params: TeamParams, body: FormBody({}), response: form('Team') },
  addMember: { tags, summary: 'Mitglied aufnehmen', params: TeamParams, body: MemberBody, response: form('Team') },
  removeMember: { tags, summary: 'Mitglied entfernen', params: MemberParams, body: FormBody({}), response: form('Team') },
  assignService: { tags, summary: 'Leistung zuordnen', params: TeamParams, body: ServiceBody, response: form('Team') },
  removeService: { tags, summary: 'Leistung abgeben', params: ServiceParams, body: FormBody({}), response: form('Team') },
  absences: {
    tags,
    summary: 'Abwesenheiten und Vertretungen (Admins: alle der Kommune; Sachbearbeitung: die eigenen)',
    querystring: NoticeQuery,
    response: { 200: HtmlPage('Abwesenheiten') },
  },
  recordAbsence: { tags, summary: 'Abwesenheit mit Vertretung eintragen', body: AbsenceBody, response: form('Abwesenheiten') },
  deleteAbsence: { tags, summary: 'Abwesenheit löschen', params: AbsenceParams, body: FormBody({}), response: { 303: SeeOther } },
} as const;
