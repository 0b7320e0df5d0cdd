// What other modules may use of retention: what is due for each finished case, the deletion run, the pages.
export { caseRetention, casesDue, type Disposition } from './retention.ts';
export type { CaseRetention } from './repository.ts';
export { deleteExpiredEverywhere } from './jobs.ts';
export { requireMunicipality, retentionRoutes } from './routes.ts';
