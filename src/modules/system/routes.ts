import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { API_DOCS_PATH, API_TAGS, OPENAPI_PATH } from '../../platform/http/openapi.ts';
import { sendPage } from '../../platform/views/render.ts';
import { apiReference, type OpenApiDocument } from './reference.ts';
import { schemas } from './schema.ts';
import { health } from './system.ts';
import { ApiDocsPage } from './views/ApiDocs.tsx';

export async function systemRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/health', { schema: schemas.health }, async (_req, reply) => {
    const result = await health(app.db);
    return reply
      .status(result.ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(result.ok ? { status: 'ok' as const } : { status: 'unavailable' as const, reason: result.reason });
  });

  // Generated once from the route schemas, when first asked for; the same for every request.
  const document = () => app.swagger() as unknown as OpenApiDocument;

  app.get(OPENAPI_PATH, { schema: schemas.openapi }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(document()));

  app.get(API_DOCS_PATH, { schema: schemas.docs }, async (req, reply) =>
    sendPage(
      reply,
      ApiDocsPage({ ctx: req.pageContext(), reference: apiReference(document(), API_TAGS), documentPath: OPENAPI_PATH, openapi: document().openapi }),
    ),
  );
}
