import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { RegionWithMunicipalities } from '../organizations.ts';

export function HomePage({ ctx, directory }: { ctx: PageContext; directory: RegionWithMunicipalities[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1 class="kern-heading-large">{t('home.title')}</h1>
      <p class="kern-body--large">{t('home.intro')}</p>
      {directory.map(({ region, municipalities }) => (
        <section key={region.id} aria-labelledby={`region-${region.slug}`}>
          <h2 class="kern-heading-medium" id={`region-${region.slug}`}>
            {region.name}
            {region.is_demo && <span class="kern-badge kern-badge--info demo-badge">{t('home.demo')}</span>}
          </h2>
          <ul class="kern-list portal-list">
            {municipalities.map((m) => (
              <li key={m.id}>
                <a class="kern-link" href={`/${m.slug}/`}>
                  {m.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p class="kern-body--small">
        <a class="kern-link" href="/verwaltung/">
          {t('home.staffLogin')}
        </a>
      </p>
    </Layout>
  );
}
