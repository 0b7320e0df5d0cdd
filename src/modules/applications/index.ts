export { applicationRoutes } from './routes.ts';
export { applicationJobs, purgeAllTenants } from './jobs.ts';
