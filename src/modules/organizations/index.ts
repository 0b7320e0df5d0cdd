export {
  allMunicipalities, formatDateTime, inMunicipality, formatMoney, insertOrganization, municipalitiesOf, municipalityBySlug, organizationById,
  organizationBySlug, todayIn, type Organization,
} from './organizations.ts';
export { organizationRoutes } from './routes.ts';
