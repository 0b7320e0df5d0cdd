// A municipality's back-office page asked for by a region admin who has not chosen a municipality to work in:
// the page says what it is and where to choose, instead of a 404.
import { Layout, type PageContext } from './layout.tsx';

export function ChooseMunicipalityFirst({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  return (
    <Layout ctx={ctx} title={title} area="backoffice">
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{text}</p>
      <p>
        <a class="kern-link" href="/verwaltung/">
          {ctx.t('backoffice.chooseMunicipalityLink')}
        </a>
      </p>
    </Layout>
  );
}
