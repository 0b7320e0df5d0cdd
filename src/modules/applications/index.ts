export { applicationRoutes } from './routes.ts';
export { applicationJobs, purgeAllTenants } from './jobs.ts';
export { STATUSES, statusToken, submit, saveDraft, type Status } from './applications.ts';
