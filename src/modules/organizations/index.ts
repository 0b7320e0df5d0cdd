export {
  allMunicipalities,
  allOrganizations,
  createOrganization,
  inMunicipality,
  insertOrganization,
  municipalitiesOf,
  organizationById,
  organizationBySlug,
  type Organization,
} from './organizations.ts';
export { organizationRoutes } from './routes.ts';
