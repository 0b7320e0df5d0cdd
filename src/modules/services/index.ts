export type { Fee, Service, ServiceDefinition } from './schema.ts';
export { publishService, serviceById, serviceBySlug, servicesOf } from './services.ts';
export { serviceRoutes } from './routes.ts';
