import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../schema.ts';

export function MunicipalityHomePage({ ctx, org, services }: { ctx: PageContext; org: Organization; services: Service[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('portal.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <h1 class="kern-heading-large">{t('portal.heading', { name: org.name })}</h1>
      <p class="kern-body--large">{t('portal.intro')}</p>
      <h2 class="kern-heading-medium">{t('portal.services')}</h2>
      <ul class="kern-list">
        {services.map((s) => (
          <li key={s.id}>
            <a class="kern-link" href={`/${org.slug}/leistungen/${s.slug}`}>{s.title}</a>
            <p class="kern-body--small">{textIn(s.definition.summary, locale)}</p>
          </li>
        ))}
      </ul>
      <p><a class="kern-link" href="/">{t('portal.allMunicipalities')}</a></p>
    </Layout>
  );
}
