import { placeName } from '../../../platform/i18n/place-names.ts';
import { formatNumber } from '../../../platform/i18n/format.ts';
import { Alert } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Organization } from '../../organizations/index.ts';
import { MAX_QUERY_LENGTH, type SearchOutcome, type ServiceSummary } from '../search.ts';
import { SearchForm } from './SearchForm.tsx';
import { ServiceList, serviceHref } from './ServiceList.tsx';

/** The results of "Was möchten Sie erledigen?"; when nothing is found, why, and the most used services instead. */
export function SearchPage({ ctx, org, outcome, suggestions }: { ctx: PageContext; org: Organization; outcome: SearchOutcome; suggestions: ServiceSummary[] }) {
  const { t } = ctx;
  const { query, hits } = outcome;
  const heading = query ? t('search.heading', { query }) : t('search.title');
  return (
    <Layout ctx={ctx} title={query ? `${t('search.title')}: ${query}` : t('search.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <h1 class="kern-heading-large">{heading}</h1>
      {outcome.truncated && <Alert kind="warning" title={t('search.truncated', { max: MAX_QUERY_LENGTH })} />}
      <SearchForm t={t} slug={org.slug} query={query} />
      {!query && <p class="kern-body">{t('search.empty')}</p>}
      {query && hits.length > 0 && (
        <section aria-labelledby="treffer">
          <p class="kern-body" id="treffer">
            {outcome.total === 1 ? t('search.countOne') : t('search.count', { count: formatNumber(outcome.total, ctx.locale, org) })}
            {outcome.total > hits.length && ` ${t('search.countShown', { shown: hits.length })}`}
          </p>
          {outcome.corrections.length > 0 && <p class="kern-body--small">{t('search.corrected')}</p>}
          <ol class="kern-list search-results" aria-label={t('search.results')}>
            {hits.map((h) => (
              <li key={h.id}>
                <h2 class="kern-heading-small">
                  <a class="kern-link" href={serviceHref(org.slug, h)}>
                    {h.title}
                  </a>
                </h2>
                {h.summary && <p class="kern-body">{h.summary}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {query && hits.length === 0 && (
        <Alert kind="info" title={t('search.none', { query })}>
          <p class="kern-body">{t('search.noneHint')}</p>
        </Alert>
      )}
      {hits.length === 0 && suggestions.length > 0 && (
        <section aria-labelledby="vorschlaege">
          <h2 class="kern-heading-medium" id="vorschlaege">
            {t('search.suggestions')}
          </h2>
          <ServiceList slug={org.slug} services={suggestions} summaries />
        </section>
      )}
      <p>
        <a class="kern-link" href={`/${org.slug}/`}>
          {t('search.home', { name: placeName(org.name).place })}
        </a>
      </p>
    </Layout>
  );
}
