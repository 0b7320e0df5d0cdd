import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { inMunicipality } from '../organizations/index.ts';
import { hasKitaFeeTable } from '../calculators/index.ts';
import { routeSchemas, type SearchResultBody } from './schema.ts';
import { MAX_QUERY_LENGTH, portalOverview, searchWithDetails, servicesAtoZ, topTasks } from './search.ts';
import { asOffered, serviceBySlug } from './services.ts';
import { MunicipalityHomePage } from './views/MunicipalityHome.tsx';
import { SearchPage } from './views/SearchPage.tsx';
import { ServicePage } from './views/ServicePage.tsx';

const API_RESULTS = 50;

/** A repeated parameter arrives as a list; a page reads its first value. */
const firstOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** The API's answer to a q it cannot take, in German like every message. */
function badQuery(req: FastifyRequest): HttpProblem {
  const tooLong = (req.validationError as { validation?: Array<{ keyword: string }> } | undefined)?.validation?.some((v) => v.keyword === 'maxLength');
  const reason = tooLong ? req.t('search.tooLong', { max: MAX_QUERY_LENGTH }) : req.t('search.notText');
  return new HttpProblem(400, 'validation', 'errors.badRequest.title', reason, [{ name: 'q', reason }]);
}

export async function serviceRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/:municipality/', { schema: routeSchemas.home }, async (req, reply) => {
    const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => ({
      org,
      overview: await portalOverview(tx, org.id, req.locale),
      kitaCalculator: await hasKitaFeeTable(tx, org),
    }));
    if (!found) throw notFound();
    return sendPage(reply, MunicipalityHomePage({ ctx: req.pageContext(), ...found }));
  });

  app.get('/:municipality/suche', { schema: routeSchemas.searchPage }, async (req, reply) => {
    const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => {
      const outcome = await searchWithDetails(tx, org.id, firstOf(req.query.q), { locale: req.locale });
      const suggestions = outcome.hits.length === 0 ? await topTasks(tx, org.id, req.locale) : [];
      return { org, outcome, suggestions };
    });
    if (!found) throw notFound();
    return sendPage(reply, SearchPage({ ctx: req.pageContext(), ...found }));
  });

  app.get(
    '/api/v1/municipalities/:slug/services',
    // A q the API cannot take is answered in German below, not with the validator's English message.
    { schema: routeSchemas.searchApi, attachValidation: true },
    async (req): Promise<SearchResultBody> => {
      if (req.validationError) throw badQuery(req);
      const found = await inMunicipality(app.db, req.params.slug, async (tx, org) => {
        const outcome = await searchWithDetails(tx, org.id, req.query.q ?? '', { locale: req.locale, limit: API_RESULTS });
        const results = outcome.query ? outcome.hits : (await servicesAtoZ(tx, org.id, req.locale)).map((s) => ({ ...s, score: 0 }));
        return { org, query: outcome.query, results };
      });
      if (!found) throw notFound();
      const base = `${app.config.publicUrl}/${found.org.slug}/leistungen/`;
      return {
        query: found.query,
        results: found.results.map((r) => ({ title: r.title, summary: r.summary, url: base + encodeURIComponent(r.slug), slug: r.slug, score: r.score })),
      };
    },
  );

  app.get('/:municipality/leistungen/:service', { schema: routeSchemas.servicePage }, async (req, reply) => {
    const found = await inMunicipality(app.db, req.params.municipality, async (tx, org) => {
      const service = await serviceBySlug(tx, org.id, req.params.service);
      return service && { org, service: asOffered(service, org.name) };
    });
    if (!found) throw notFound();
    return sendPage(reply, ServicePage({ ctx: req.pageContext(), ...found }));
  });
}
