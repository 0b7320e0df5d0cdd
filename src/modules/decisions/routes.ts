// The remedy settings in the back office (/verwaltung/rechtsbehelfe): municipality admins set the
// Rechtsbehelfsbelehrung their decisions name, for the municipality and per service.
import { ChooseMunicipalityFirst } from '../../platform/views/choose-municipality.tsx';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin } from '../accounts/index.ts';
import { allServicesOf } from '../services/index.ts';
import { REMEDY_KINDS, type RemedyErrors, type RemedyInput, remedyFor, remedySettings, removeServiceRemedy, saveRemedy } from './decisions.ts';
import { schemas } from './schema.ts';
import { RemediesPage, RemedyEditPage } from './views/Remedies.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;
const BASE = '/verwaltung/rechtsbehelfe';
const NOTICES: Record<string, MessageKey> = { gespeichert: 'decisions.settings.notice.saved', entfernt: 'decisions.settings.notice.reset' };

export async function decisionRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: BASE, label: 'decisions.settings.nav', roles: ['region_admin', 'municipality_admin'] });

  /** The municipality the admin works on; a region admin who has not chosen one is shown where to. */
  const municipalityOr = (req: FastifyRequest, reply: FastifyReply): Municipality | undefined => {
    const org = req.staff?.tenant;
    if (org && org.kind === 'municipality') return org;
    sendPage(
      reply,
      ChooseMunicipalityFirst({ ctx: req.pageContext(), title: req.t('decisions.settings.title'), text: req.t('decisions.settings.chooseMunicipality') }),
    );
    return undefined;
  };

  /** 'kommune', or the id of one of the municipality's services (with its title); anything else is a 404. */
  const scopeOf = async (org: Municipality, scope: string) => {
    if (scope === 'kommune') return { serviceId: undefined, title: org.name };
    if (!UUID.test(scope)) throw notFound();
    const service = await inTenant(app.db, org.id, async (tx) => (await allServicesOf(tx, org.id)).find((s) => s.id === scope));
    if (!service) throw notFound();
    return { serviceId: service.id, title: service.title };
  };

  app.get(BASE, { schema: schemas.settings, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const view = await inTenant(app.db, org.id, async (tx) => remedySettings(tx, org, await allServicesOf(tx, org.id)));
    const notice = req.query.hinweis ? NOTICES[req.query.hinweis] : undefined;
    return sendPage(reply, RemediesPage({ ctx: req.pageContext(), municipality: org.name, remedy: view.municipality, services: view.services, notice }));
  });

  const editPage = async (req: FastifyRequest, reply: FastifyReply, org: Municipality, scope: string, values?: RemedyInput, errors: RemedyErrors = {}) => {
    const s = await scopeOf(org, scope);
    const remedy = await inTenant(app.db, org.id, (tx) => remedyFor(tx, org, s.serviceId));
    const page = RemedyEditPage({
      ctx: req.pageContext(),
      action: `${BASE}/${scope}`,
      heading: s.title,
      kinds: REMEDY_KINDS[org.country],
      remedy,
      values,
      errors,
      canReset: remedy.source === 'service',
    });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get(`${BASE}/:scope`, { schema: schemas.edit, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    return editPage(req, reply, org, req.params.scope);
  });

  app.post(`${BASE}/:scope`, { schema: schemas.save, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const s = await scopeOf(org, req.params.scope);
    const outcome = await inTenant(app.db, org.id, (tx) => saveRemedy(tx, org, req.staff!, { serviceId: s.serviceId }, req.body));
    if (!outcome.ok) return editPage(req, reply, org, req.params.scope, req.body, outcome.errors);
    return reply.redirect(`${BASE}?hinweis=gespeichert`, 303);
  });

  app.post(`${BASE}/:scope/zuruecksetzen`, { schema: schemas.reset, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const s = await scopeOf(org, req.params.scope);
    if (!s.serviceId) throw notFound();
    await inTenant(app.db, org.id, (tx) => removeServiceRemedy(tx, org, req.staff!, s.serviceId!));
    return reply.redirect(`${BASE}?hinweis=entfernt`, 303);
  });
}
