import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { inMunicipality } from '../organizations/index.ts';
import { serviceBySlug, servicesOf } from './services.ts';
import { MunicipalityHomePage } from './views/MunicipalityHome.tsx';
import { ServicePage } from './views/ServicePage.tsx';

export async function serviceRoutes(app: FastifyInstance) {
  app.get<{ Params: { municipality: string } }>('/:municipality/', async (req, reply) => {
    const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => ({ org, services: await servicesOf(tx, org.id) }));
    if (!found) throw notFound();
    return sendPage(reply, MunicipalityHomePage({ ctx: req.pageContext(), ...found }));
  });

  app.get<{ Params: { municipality: string; service: string } }>('/:municipality/leistungen/:service', async (req, reply) => {
    const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => {
      const service = await serviceBySlug(tx, org.id, req.params.service);
      return service && { org, service };
    });
    if (!found) throw notFound();
    return sendPage(reply, ServicePage({ ctx: req.pageContext(), ...found }));
  });
}
