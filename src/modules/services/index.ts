export type { FeeKind, FeeRule, LifeSituation, LocalDetails, Service, ServiceContent, ServiceDefinition } from './schema.ts';
export { LIFE_SITUATIONS } from './schema.ts';
export { allServicesOf, asOffered, serviceAtVersion, serviceById, serviceBySlug, serviceRow, servicesOf, serviceTitles } from './services.ts';
export {
  acceptTemplateVersion,
  adoptTemplate,
  checkContent,
  createOwnService,
  createTemplate,
  editableForm,
  listTemplates,
  missingLocalDetails,
  pendingTemplateUpdates,
  publishService,
  publishOwnService,
  publishTemplate,
  resolveDefinition,
  saveEditableForm,
  saveOwnContent,
  saveTemplateDraft,
  templateById,
  updateLocalDetails,
  type FormOwner,
  type PendingUpdate,
  type Result,
  type TemplateSummary,
  type TemplateView,
} from './catalog.ts';
export { serviceRoutes } from './routes.ts';
export { computeFees, feeKind, feeSchedule, type FeeLine, type FeeResult } from './fees.ts';
export { FeeLines } from './views/Fees.tsx';
export { ServicePage } from './views/ServicePage.tsx';
export { reindexMunicipality, reindexService, removeFromIndex, searchServices, topTasks, type SearchHit, type ServiceSummary } from './search.ts';
