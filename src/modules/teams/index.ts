// What other modules may use of teams and absences: case work routes and hands over cases with these.
export {
  coveredBy,
  inboxTeams,
  isAbsent,
  membersOfTeam,
  servicesVisibleTo,
  substituteFor,
  substitutesOn,
  type TeamSummary,
  teamsForService,
} from './teams.ts';
export type { IsoDate, TeamKind } from './schema.ts';
export { teamRoutes } from './routes.ts';
