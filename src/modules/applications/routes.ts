// The application module's routes: the citizen's side in portal-routes.ts, the back office's inbox in inbox-routes.ts
// and its case pages in case-routes.ts.
import type { FastifyInstance } from 'fastify';
import { caseRoutes } from './case-routes.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { portalRoutes } from './portal-routes.ts';

export async function applicationRoutes(app: FastifyInstance) {
  await portalRoutes(app);
  await inboxRoutes(app);
  await caseRoutes(app);
}
