import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Organization } from '../../organizations/index.ts';
import { byInitial, type PortalOverview } from '../search.ts';
import { SearchForm } from './SearchForm.tsx';
import { ServiceList } from './ServiceList.tsx';

/** The portal's home page: the search first, then the top tasks, life situations and every service A–Z. */
export function MunicipalityHomePage({
  ctx,
  org,
  overview,
  kitaCalculator,
}: {
  ctx: PageContext;
  org: Organization;
  overview: PortalOverview;
  kitaCalculator: boolean;
}) {
  const { t } = ctx;
  const letters = byInitial(overview.all);
  return (
    <Layout ctx={ctx} title={t('portal.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <h1 class="kern-heading-large">{t('portal.heading', { name: org.name })}</h1>
      <p class="kern-body--large">{t('portal.intro')}</p>
      <SearchForm t={t} slug={org.slug} />
      {overview.all.length === 0 && <p class="kern-body">{t('search.noServices')}</p>}
      {overview.topTasks.length > 0 && (
        <section aria-labelledby="top-tasks">
          <h2 class="kern-heading-medium" id="top-tasks">
            {t('search.topTasks')}
          </h2>
          <ServiceList slug={org.slug} services={overview.topTasks} summaries />
        </section>
      )}
      {kitaCalculator && (
        <section aria-labelledby="calculators">
          <h2 class="kern-heading-medium" id="calculators">
            {t('portal.calculators')}
          </h2>
          <ul class="kern-list">
            <li>
              <a class="kern-link" href={`/${org.slug}/rechner/kita-beitrag`}>
                {t('portal.kitaCalculator')}
              </a>
            </li>
          </ul>
        </section>
      )}
      {overview.lifeSituations.length > 0 && (
        <section aria-labelledby="life-situations">
          <h2 class="kern-heading-medium" id="life-situations">
            {t('search.lifeSituations')}
          </h2>
          {overview.lifeSituations.map(({ situation, services }) => (
            <section key={situation} aria-labelledby={`lebenslage-${situation}`}>
              <h3 class="kern-heading-small" id={`lebenslage-${situation}`}>
                {t(`lifeSituation.${situation}`)}
              </h3>
              <ServiceList slug={org.slug} services={services} />
            </section>
          ))}
        </section>
      )}
      {overview.all.length > 0 && (
        <section aria-labelledby="a-z">
          <h2 class="kern-heading-medium" id="a-z">
            {t('search.allServices')}
          </h2>
          {letters.length > 1 && (
            <nav aria-label={t('search.letters')}>
              <ul class="kern-list kern-list--horizontal">
                {letters.map(({ letter }) => (
                  <li key={letter}>
                    <a class="kern-link" href={`#buchstabe-${letter === '#' ? 'sonstige' : letter}`}>
                      {letter}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {letters.map(({ letter, services }) => (
            <section key={letter} aria-labelledby={`buchstabe-${letter === '#' ? 'sonstige' : letter}`}>
              <h3 class="kern-heading-small" id={`buchstabe-${letter === '#' ? 'sonstige' : letter}`}>
                {letter}
              </h3>
              <ServiceList slug={org.slug} services={services} />
            </section>
          ))}
        </section>
      )}
      <p>
        <a class="kern-link" href="/">
          {t('portal.allMunicipalities')}
        </a>
      </p>
    </Layout>
  );
}
