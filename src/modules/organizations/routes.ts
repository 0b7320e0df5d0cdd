import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { incomingFiles } from '../../platform/blobs/uploads.ts';
import { inRegion } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { signInLocation } from '../../platform/http/sign-in.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import {
  type ColorValues,
  contrastOf,
  createMunicipality,
  defaultValues,
  logoOf,
  type MunicipalityValues,
  municipalityInRegion,
  readValues,
  regionMunicipalities,
  regionOf,
  removeMunicipalityLogo,
  setMunicipalityActive,
  setMunicipalityColors,
  setMunicipalityLogo,
  updateMunicipality,
  valuesOf,
} from './administration.ts';
import { municipalityBySlug, portalDirectory, themeCss, type Organization } from './organizations.ts';
import { schemas } from './schema.ts';
import { MunicipalitiesPage, MunicipalityPage, NewMunicipalityPage, type PageErrors, type RegionInfo } from './views/Administration.tsx';
import { HomePage } from './views/Home.tsx';

/** The region admins' pages: anyone else signed in gets 403; a person not signed in goes to the login page. */
export async function requireRegionAdmin(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect(signInLocation(req), 303);
  if (req.staff.role !== 'region_admin') throw forbidden();
}

const regionInfo = (region: Organization): RegionInfo => ({ name: region.name, country: region.country, officialKey: region.official_key });

const NOTICES: Record<string, MessageKey> = {
  angelegt: 'organizations.notice.created',
  geaendert: 'organizations.notice.changed',
  deaktiviert: 'organizations.notice.deactivated',
  aktiviert: 'organizations.notice.reactivated',
};
const noticeOf = (query: Record<string, string | undefined>): MessageKey | undefined => {
  const found = Object.keys(NOTICES).find((k) => query[k] === '1');
  return found ? NOTICES[found] : undefined;
};

const BASE = '/verwaltung/organisationen';

export async function organizationRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: BASE, label: 'organizations.nav', roles: ['region_admin'] });

  // ----- public: directory, API, theme and logo -----

  app.get('/', { schema: schemas.home }, async (req, reply) => {
    const directory = await inRegion(app.db, (tx) => portalDirectory(tx));
    return sendPage(reply, HomePage({ ctx: req.pageContext(), directory }));
  });

  app.get('/api/v1/municipalities', { schema: schemas.list }, async () => {
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

  app.get('/api/v1/municipalities/:slug', { schema: schemas.detail }, async (req) => {
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
      logoUrl: org.logo_url,
    };
  });

  app.get('/:municipality/theme.css', { schema: schemas.theme }, async (req, reply) => {
    const org = await inRegion(app.db, (tx) => municipalityBySlug(tx, req.params.municipality));
    if (!org) throw notFound();
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(themeCss(org));
  });

  app.get('/:municipality/logo', { schema: schemas.logo }, async (req, reply) => {
    const logo = await inRegion(app.db, (tx) => logoOf(tx, app.blobs, req.params.municipality));
    if (!logo) throw notFound();
    const etag = `"${logo.sha256}"`;
    // The versioned address never changes its bytes; the plain one may, when a new logo comes.
    const versioned = req.query.v === logo.sha256.slice(0, 16);
    reply
      .header('x-content-type-options', 'nosniff')
      .header('etag', etag)
      .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .header('content-disposition', `attachment; filename="logo.${logo.type.slice('image/'.length).replace('jpeg', 'jpg')}"`)
      .header('content-security-policy', "default-src 'none'");
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(logo.type).send(logo.data);
  });

  // ----- region admins: the region's municipalities -----

  const guard = { preHandler: requireRegionAdmin };

  app.get(BASE, { ...guard, schema: schemas.adminList }, async (req, reply) => {
    const { region, municipalities } = await inRegion(app.db, async (tx) => ({
      region: await regionOf(tx, req.staff!),
      municipalities: await regionMunicipalities(tx, req.staff!),
    }));
    if (!region) throw forbidden();
    const items = municipalities.map((m) => ({ id: m.id, name: m.name, slug: m.slug, officialKey: m.official_key, active: m.active }));
    return sendPage(reply, MunicipalitiesPage({ ctx: req.pageContext(), region: regionInfo(region), municipalities: items, notice: noticeOf(req.query) }));
  });

  const newPage = async (req: FastifyRequest, reply: FastifyReply, values?: MunicipalityValues, errors = {}) => {
    const region = await inRegion(app.db, (tx) => regionOf(tx, req.staff!));
    if (!region) throw forbidden();
    const page = NewMunicipalityPage({ ctx: req.pageContext(), region: regionInfo(region), values: values ?? defaultValues(region), errors });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get(`${BASE}/neu`, { ...guard, schema: schemas.newForm }, (req, reply) => newPage(req, reply));

  app.post(`${BASE}/neu`, { ...guard, schema: schemas.create }, async (req, reply) => {
    const values = readValues(req.body);
    const outcome = await inRegion(app.db, (tx) => createMunicipality(tx, req.staff!, values));
    if (!outcome.ok) return newPage(req, reply, values, outcome.errors);
    return reply.redirect(`${BASE}/${outcome.id}?angelegt=1`, 303);
  });

  /** One municipality's page; a refused form shows what was typed in it, the other forms what is stored. */
  const municipalityPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    typed: { values?: MunicipalityValues; colors?: ColorValues } = {},
    errors: PageErrors = {},
    notice?: MessageKey,
  ) => {
    const found = await inRegion(app.db, (tx) => municipalityInRegion(tx, req.staff!, id));
    if (!found) throw notFound();
    const { region, org } = found;
    const stored = { primary: org.primary_color, text: org.primary_text_color };
    const page = MunicipalityPage({
      ctx: req.pageContext(),
      region: regionInfo(region),
      municipality: {
        id: org.id,
        name: org.name,
        slug: org.slug,
        active: org.active,
        logoUrl: org.logo_url,
        colors: stored,
        contrast: contrastOf(org.primary_color, org.primary_text_color),
      },
      values: typed.values ?? valuesOf(org),
      colors: typed.colors ?? stored,
      errors,
      notice,
    });
    const failed = Object.values(errors).some((e) => e && Object.keys(e).length > 0);
    return sendPage(reply, page, failed ? 422 : 200);
  };
  const changed = (reply: FastifyReply, id: string, what = 'geaendert') => reply.redirect(`${BASE}/${id}?${what}=1`, 303);

  app.get(`${BASE}/:id`, { ...guard, schema: schemas.edit }, (req, reply) => municipalityPage(req, reply, req.params.id, {}, {}, noticeOf(req.query)));

  app.post(`${BASE}/:id`, { ...guard, schema: schemas.update }, async (req, reply) => {
    const values = readValues(req.body);
    // A slug taken by a concurrent change between the check and the update: once more, and the check finds it.
    const attempt = () => inRegion(app.db, (tx) => updateMunicipality(tx, req.staff!, req.params.id, values));
    const outcome = await onUniqueViolation(attempt, attempt);
    if (!outcome.ok) return municipalityPage(req, reply, req.params.id, { values }, { data: outcome.errors });
    return changed(reply, req.params.id);
  });

  app.post(`${BASE}/:id/farben`, { ...guard, schema: schemas.colors }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => setMunicipalityColors(tx, req.staff!, req.params.id, req.body));
    if (!outcome) throw notFound();
    if (!outcome.ok) {
      const colors = { primary: String(req.body.primary ?? ''), text: String(req.body.text ?? '') };
      return municipalityPage(req, reply, req.params.id, { colors }, { colors: outcome.errors });
    }
    return changed(reply, req.params.id);
  });

  app.post(`${BASE}/:id/logo`, { ...guard, schema: schemas.uploadLogo, config: { multipart: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outcome = await inRegion(app.db, (tx) => setMunicipalityLogo(tx, app.blobs, req.staff!, req.params.id, incomingFiles(body.logo)));
    if (!outcome) throw notFound();
    if (!outcome.ok) return municipalityPage(req, reply, req.params.id, {}, { logo: outcome.errors });
    return changed(reply, req.params.id);
  });

  app.post(`${BASE}/:id/logo/entfernen`, { ...guard, schema: schemas.removeLogo }, async (req, reply) => {
    if (!(await inRegion(app.db, (tx) => removeMunicipalityLogo(tx, req.staff!, req.params.id)))) throw notFound();
    return changed(reply, req.params.id);
  });

  app.post(`${BASE}/:id/deaktivieren`, { ...guard, schema: schemas.deactivate }, async (req, reply) => {
    if (!(await inRegion(app.db, (tx) => setMunicipalityActive(tx, req.staff!, req.params.id, false)))) throw notFound();
    return changed(reply, req.params.id, 'deaktiviert');
  });

  app.post(`${BASE}/:id/aktivieren`, { ...guard, schema: schemas.reactivate }, async (req, reply) => {
    if (!(await inRegion(app.db, (tx) => setMunicipalityActive(tx, req.staff!, req.params.id, true)))) throw notFound();
    return changed(reply, req.params.id, 'aktiviert');
  });
}
