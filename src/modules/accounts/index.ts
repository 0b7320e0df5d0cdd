export { AccountError, createStaffUser, purgeExpiredSessions, ROLES, staffNames, type Role } from './accounts.ts';
export { accountRoutes, loadStaff, requireStaff } from './routes.ts';
