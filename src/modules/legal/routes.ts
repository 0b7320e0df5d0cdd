// HTTP of the legal module: the legal pages of each municipality and of the operator, the studio page that
// edits a municipality's texts, and the texts the check page's privacy notice needs.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { inRegion, scopeToTenant, type Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import { allOrganizations, inMunicipality, type Organization, organizationById } from '../organizations/index.ts';
import { servicesOf } from '../services/index.ts';
import { type LegalErrors, type LegalState, legalTextsOf, saveLegalTexts } from './legal.ts';
import { type LegalTexts, schemas } from './schema.ts';
import { AccessibilityPage, EasyLanguagePage, ImprintPage, type LegalOrg, PrivacyPage } from './views/LegalPages.tsx';
import { StudioLegalPage } from './views/StudioLegal.tsx';

/** The address most of a municipality's services give: the defaults' address when its contact names none. */
async function serviceAddress(tx: Tx, tenantId: string): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const s of await servicesOf(tx, tenantId)) {
    const a = s.definition.local?.address?.trim();
    if (a) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const textsOf = (tx: Tx, org: Organization) => legalTextsOf(tx, org, () => serviceAddress(tx, org.id));

/** The operator of the platform pages (/, /verwaltung, /studio): the installation's first region. */
async function operator(tx: Tx): Promise<{ org: Organization; legal: LegalState } | undefined> {
  const regions = (await allOrganizations(tx))
    .filter((o) => o.kind === 'region')
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.name.localeCompare(b.name));
  const org = regions[0];
  if (!org) return undefined;
  await scopeToTenant(tx, org.id);
  return { org, legal: await legalTextsOf(tx, org) };
}

const legalOrg = (org: Organization, portal: boolean): LegalOrg => ({ name: org.name, slug: org.slug, country: org.country, logoUrl: org.logo_url, portal });

type PageOf = (p: { ctx: ReturnType<FastifyRequest['pageContext']>; org: LegalOrg; legal: LegalState; siteAddress: string }) => VNode;
const PAGES: Array<{ path: string; page: PageOf; platform: keyof typeof schemas; own: keyof typeof schemas }> = [
  { path: 'impressum', page: ImprintPage, platform: 'platformImprint', own: 'imprint' },
  { path: 'datenschutz', page: PrivacyPage, platform: 'platformPrivacy', own: 'privacy' },
  { path: 'barrierefreiheit', page: AccessibilityPage, platform: 'platformAccessibility', own: 'accessibility' },
  { path: 'leichte-sprache', page: EasyLanguagePage, platform: 'platformEasy', own: 'easy' },
];

function legalRoutesPlugin(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const base = app.config.publicUrl;

  for (const { path, page, platform, own } of PAGES) {
    app.get(`/${path}`, { schema: schemas[platform] }, async (req, reply) => {
      const found = await inRegion(app.db, operator);
      if (!found) throw notFound();
      return sendPage(reply, page({ ctx: req.pageContext(), org: legalOrg(found.org, false), legal: found.legal, siteAddress: `${base}/` }));
    });
    app.get(`/:municipality/${path}`, { schema: schemas[own] as typeof schemas.imprint }, async (req, reply) => {
      const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => ({ org, legal: await textsOf(tx, org) }));
      if (!found) throw notFound();
      const siteAddress = `${base}/${found.org.slug}/`;
      return sendPage(reply, page({ ctx: req.pageContext(), org: legalOrg(found.org, true), legal: found.legal, siteAddress }));
    });
  }

  // ----- studio: the texts of the organization one works in -----

  /**
   * A municipality admin edits the municipality's texts, a region admin those of the municipality chosen to work
   * in, or, with none chosen, the region's own: the operator's texts on the platform's pages.
   */
  const inOwnOrganization = <T>(req: FastifyRequest, fn: (tx: Tx, org: Organization) => Promise<T>) => {
    const staff = req.staff!;
    return inRegion(app.db, async (tx) => {
      const org = staff.tenant?.kind === 'municipality' ? (staff.tenant as Organization) : await organizationById(tx, staff.organizationId);
      if (!org || (org.kind === 'region' && staff.role !== 'region_admin')) throw notFound();
      await scopeToTenant(tx, org.id);
      return fn(tx, org);
    });
  };

  const editPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Organization,
    values: LegalTexts,
    extra: { errors?: LegalErrors; saved?: boolean; defaults?: boolean },
  ) =>
    sendPage(
      reply,
      StudioLegalPage({ ctx: req.pageContext(), owner: { name: org.name, slug: org.kind === 'municipality' ? org.slug : null }, values, ...extra }),
      extra.errors && Object.keys(extra.errors).length ? 422 : 200,
    );

  app.get('/studio/rechtliches', { schema: schemas.editForm, preHandler: requireOrganiser }, async (req, reply) => {
    const { org, legal } = await inOwnOrganization(req, async (tx, org) => ({ org, legal: await textsOf(tx, org) }));
    return editPage(req, reply, org, legal.texts, { saved: req.query.gespeichert === '1', defaults: !legal.saved });
  });

  app.post('/studio/rechtliches', { schema: schemas.save, preHandler: requireOrganiser }, async (req, reply) => {
    const { org, outcome } = await inOwnOrganization(req, async (tx, org) => ({ org, outcome: await saveLegalTexts(tx, req.staff!, org, req.body) }));
    if (!outcome.ok) return editPage(req, reply, org, outcome.values, { errors: outcome.errors });
    return reply.redirect('/studio/rechtliches?gespeichert=1', 303);
  });
}

/** Not encapsulated, so the hook that reads the check page's texts applies to the portal's routes as well. */
export const legalRoutes = Object.assign(async (app: FastifyInstance) => legalRoutesPlugin(app), { [Symbol.for('skip-override')]: true });
