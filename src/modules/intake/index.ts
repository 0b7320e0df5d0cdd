// What other modules and the entry point may use of the scanning intake: its pages and its background job.
export { intakeRoutes } from './routes.ts';
export { intakeJobs } from './jobs.ts';
