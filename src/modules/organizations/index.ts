export {
  allMunicipalities,
  allOrganizations,
  createOrganization,
  formatDateTime,
  inMunicipality,
  formatMoney,
  insertOrganization,
  municipalitiesOf,
  organizationById,
  organizationBySlug,
  todayIn,
  type Organization,
} from './organizations.ts';
export { organizationRoutes } from './routes.ts';
