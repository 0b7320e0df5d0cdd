import type { FastifyInstance } from 'fastify';
import { health } from './system.ts';

export async function systemRoutes(app: FastifyInstance) {
  app.get('/health', async (_req, reply) => {
    const result = await health(app.db);
    return reply
      .status(result.ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(result.ok ? { status: 'ok' } : { status: 'unavailable', reason: result.reason });
  });
}
