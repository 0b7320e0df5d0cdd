import type { ServiceSummary } from '../search.ts';

export const serviceHref = (slug: string, service: { slug: string }) => `/${slug}/leistungen/${service.slug}`;

/** Links to services, with their summaries where space allows. */
export function ServiceList({ slug, services, summaries = false }: { slug: string; services: ServiceSummary[]; summaries?: boolean }) {
  return (
    <ul class="kern-list portal-list">
      {services.map((s) => (
        <li key={s.id}>
          <a class="kern-link" href={serviceHref(slug, s)}>
            {s.title}
          </a>
          {summaries && s.summary && <p class="kern-body--small">{s.summary}</p>}
        </li>
      ))}
    </ul>
  );
}
