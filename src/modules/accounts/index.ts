export { AccountError, createStaffUser, purgeExpiredSessions, ROLES, staffNames, type Role } from './accounts.ts';
export { accountJobs } from './jobs.ts';
export { accountRoutes, loadStaff, requireAdmin, requireOrganiser, requireStaff } from './routes.ts';
