import type { FastifyInstance } from 'fastify';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { municipalityBySlug } from '../organizations/index.ts';
import { serviceBySlug, servicesOf } from './services.ts';
import { MunicipalityHomePage } from './views/MunicipalityHome.tsx';
import { ServicePage } from './views/ServicePage.tsx';

export async function serviceRoutes(app: FastifyInstance) {
  app.get<{ Params: { municipality: string } }>('/:municipality/', async (req, reply) => {
    const org = await inRegion(app.db, (tx) => municipalityBySlug(tx, req.params.municipality));
    if (!org) throw notFound();
    const services = await inTenant(app.db, org.id, (tx) => servicesOf(tx, org.id));
    return sendPage(reply, MunicipalityHomePage({ ctx: req.pageContext(), org, services }));
  });

  app.get<{ Params: { municipality: string; service: string } }>('/:municipality/leistungen/:service', async (req, reply) => {
    const org = await inRegion(app.db, (tx) => municipalityBySlug(tx, req.params.municipality));
    if (!org) throw notFound();
    const service = await inTenant(app.db, org.id, (tx) => serviceBySlug(tx, org.id, req.params.service));
    if (!service) throw notFound();
    return sendPage(reply, ServicePage({ ctx: req.pageContext(), org, service }));
  });
}
