import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { ProblemResponse, Type } from '../../platform/http/schema.ts';
import { scrapeAccess, type OperationsMetrics } from './metrics.ts';

export async function operationsRoutes(app: FastifyInstance, { metrics }: { metrics: OperationsMetrics }) {
  const mayScrape = scrapeAccess(app.config);
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Betriebskennzahlen im Prometheus-Format (nur mit METRICS_TOKEN oder von METRICS_ALLOW)',
        response: {
          200: { description: 'Kennzahlen im Textformat von Prometheus', content: { 'text/plain': { schema: Type.String() } } },
          404: ProblemResponse('Ohne Freigabe: wie eine unbekannte Adresse'),
        },
      },
    },
    async (req, reply) => {
      // Refused like an unknown address, so a scan learns nothing about the installation.
      if (!mayScrape({ authorization: req.headers.authorization, ip: req.ip })) throw notFound();
      const text = await metrics.scrape();
      return reply.type(metrics.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
