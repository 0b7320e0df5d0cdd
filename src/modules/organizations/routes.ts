import type { FastifyInstance } from 'fastify';
import { inRegion } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { municipalityBySlug, portalDirectory, themeCss } from './organizations.ts';
import { HomePage } from './views/Home.tsx';

export async function organizationRoutes(app: FastifyInstance) {
  app.get('/', async (req, reply) => {
    const directory = await inRegion(app.db, (tx) => portalDirectory(tx));
    return sendPage(reply, HomePage({ ctx: req.pageContext(), directory }));
  });

  app.get('/api/v1/municipalities', async () => {
    const directory = await inRegion(app.db, (tx) => portalDirectory(tx));
    return directory.flatMap(({ region, municipalities }) =>
      municipalities.map((m) => ({
        slug: m.slug,
        name: m.name,
        officialKey: m.official_key,
        country: m.country,
        region: region.name,
        timeZone: m.time_zone,
        currency: m.currency,
        portalUrl: `/${m.slug}/`,
      })),
    );
  });

  app.get<{ Params: { slug: string } }>('/api/v1/municipalities/:slug', async (req) => {
    const org = await inRegion(app.db, (tx) => municipalityBySlug(tx, req.params.slug));
    if (!org) throw notFound();
    return {
      slug: org.slug,
      name: org.name,
      officialKey: org.official_key,
      country: org.country,
      timeZone: org.time_zone,
      currency: org.currency,
      contact: org.contact,
    };
  });

  app.get<{ Params: { municipality: string } }>('/:municipality/theme.css', async (req, reply) => {
    const org = await inRegion(app.db, (tx) => municipalityBySlug(tx, req.params.municipality));
    if (!org) throw notFound();
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(themeCss(org));
  });
}
