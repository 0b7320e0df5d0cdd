// Retention pages of the back office: rules (municipality admin), legal holds (staff), the deletion protocol (admin).
import { ChooseMunicipalityFirst } from '../../platform/views/choose-municipality.tsx';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin, requireStaff } from '../accounts/index.ts';
import { heldCases, liftLegalHold, protocolOf, removeRule, rulesPage, saveRule, setLegalHold } from './retention.ts';
import { type HoldErrors, type RuleErrors, schemas } from './schema.ts';
import { HoldsPage, ProtocolPage, RulesPage, type RuleValues } from './views/Retention.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;

/** Retention and the archive belong to a municipality: a region admin who has not chosen one is shown where to. */
export async function requireMunicipality(req: FastifyRequest, reply: FastifyReply) {
  const org = req.staff?.tenant;
  if (org && org.kind === 'municipality') return;
  return sendPage(
    reply,
    ChooseMunicipalityFirst({ ctx: req.pageContext(), title: req.t('retention.rules.title'), text: req.t('retention.chooseMunicipality') }),
  );
}

const NOTICES: Record<string, MessageKey> = {
  gespeichert: 'retention.notice.saved',
  geloescht: 'retention.notice.deleted',
  gesperrt: 'retention.notice.held',
  aufgehoben: 'retention.notice.lifted',
};

export async function retentionRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: '/verwaltung/aufbewahrung', label: 'retention.nav', roles: ['region_admin', 'municipality_admin'] });

  /** The municipality worked on; without one (a region admin who chose none) there is nothing to show. */
  const municipality = (req: FastifyRequest): Municipality => {
    const org = req.staff?.tenant;
    if (!org || org.kind !== 'municipality') throw notFound();
    return org;
  };

  const rules = async (req: FastifyRequest, reply: FastifyReply, values: RuleValues = {}, errors: RuleErrors = {}, notice?: MessageKey) => {
    const org = municipality(req);
    const data = await inTenant(app.db, org.id, (tx) => rulesPage(tx, org.id));
    return sendPage(
      reply,
      RulesPage({ ctx: req.pageContext(), municipality: org.name, ...data, values, errors, notice }),
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/verwaltung/aufbewahrung', { schema: schemas.rules, preHandler: [requireAdmin, requireMunicipality] }, async (req, reply) =>
    rules(req, reply, {}, {}, req.query.hinweis ? NOTICES[req.query.hinweis] : undefined),
  );

  app.post('/verwaltung/aufbewahrung/regeln', { schema: schemas.saveRule, preHandler: [requireAdmin, requireMunicipality] }, async (req, reply) => {
    const org = municipality(req);
    const outcome = await inTenant(app.db, org.id, (tx) => saveRule(tx, org.id, req.staff!, req.body));
    if (!outcome.ok) return rules(req, reply, req.body, outcome.errors);
    return reply.redirect('/verwaltung/aufbewahrung?hinweis=gespeichert', 303);
  });

  app.post(
    '/verwaltung/aufbewahrung/regeln/:id/loeschen',
    { schema: schemas.deleteRule, preHandler: [requireAdmin, requireMunicipality] },
    async (req, reply) => {
      const org = municipality(req);
      if (!(await inTenant(app.db, org.id, (tx) => removeRule(tx, org.id, req.staff!, req.params.id)))) throw notFound();
      return reply.redirect('/verwaltung/aufbewahrung?hinweis=geloescht', 303);
    },
  );

  app.get('/verwaltung/aufbewahrung/protokoll', { schema: schemas.protocol, preHandler: [requireAdmin, requireMunicipality] }, async (req, reply) => {
    const org = municipality(req);
    const rows = await inTenant(app.db, org.id, (tx) => protocolOf(tx, org.id));
    return sendPage(reply, ProtocolPage({ ctx: req.pageContext(), municipality: org.name, timeZone: org.time_zone, rows }));
  });

  const holds = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, string | undefined>; errors?: HoldErrors; liftErrors?: { id: string; errors: HoldErrors }; notice?: MessageKey } = {},
  ) => {
    const org = municipality(req);
    const held = await inTenant(app.db, org.id, (tx) => heldCases(tx, org.id));
    const failed = Object.keys(extra.errors ?? {}).length || extra.liftErrors;
    return sendPage(reply, HoldsPage({ ctx: req.pageContext(), municipality: org.name, timeZone: org.time_zone, held, ...extra }), failed ? 422 : 200);
  };

  app.get('/verwaltung/aufbewahrung/sperren', { schema: schemas.holds, preHandler: [requireStaff, requireMunicipality] }, async (req, reply) =>
    holds(req, reply, { notice: req.query.hinweis ? NOTICES[req.query.hinweis] : undefined }),
  );

  app.post('/verwaltung/aufbewahrung/sperren', { schema: schemas.setHold, preHandler: [requireStaff, requireMunicipality] }, async (req, reply) => {
    const org = municipality(req);
    const outcome = await inTenant(app.db, org.id, (tx) => setLegalHold(tx, org.id, req.staff!, req.body));
    if (outcome && !outcome.ok) return holds(req, reply, { values: req.body, errors: outcome.errors });
    return reply.redirect('/verwaltung/aufbewahrung/sperren?hinweis=gesperrt', 303);
  });

  app.post(
    '/verwaltung/aufbewahrung/sperren/:id/aufheben',
    { schema: schemas.liftHold, preHandler: [requireStaff, requireMunicipality] },
    async (req, reply) => {
      const org = municipality(req);
      const outcome = await inTenant(app.db, org.id, (tx) => liftLegalHold(tx, org.id, req.staff!, req.params.id, req.body.reason));
      if (!outcome) throw notFound();
      if (!outcome.ok) return holds(req, reply, { liftErrors: { id: req.params.id, errors: outcome.errors } });
      return reply.redirect('/verwaltung/aufbewahrung/sperren?hinweis=aufgehoben', 303);
    },
  );
}
