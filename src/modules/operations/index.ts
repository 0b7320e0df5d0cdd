export { operationsRoutes } from './routes.ts';
export { createOperationsMetrics, type OperationsMetrics } from './metrics.ts';
