export { auditLogRoutes } from './routes.ts';
export { checkChainsInFull } from './jobs.ts';
