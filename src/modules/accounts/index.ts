export { AccountError, createStaffUser, purgeExpiredSessions, ROLES, staffNames, type Role } from './accounts.ts';
export { accountRoutes, loadStaff, requireOrganiser, requireStaff } from './routes.ts';
