export {
  AccountError,
  caseRolesOf,
  createStaffUser,
  purgeExpiredSessions,
  ROLES,
  staffAccounts,
  staffNames,
  staffOf,
  type Role,
  type StaffAccount,
} from './accounts.ts';
export { accountJobs } from './jobs.ts';
export { accountRoutes, loadStaff, requireAdmin, requireOrganiser, requireStaff } from './routes.ts';
