// The studio's frame: the layout with the studio's own navigation, used by every module with studio pages.
import type { ComponentChildren } from 'preact';
import { Layout, type PageContext } from './layout.tsx';

export function StudioLayout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const current = ctx.path.split('?')[0] ?? '';
  const links: Array<[string, string]> = [
    ['/studio/', ctx.t('studio.home')],
    ['/studio/ablaeufe', ctx.t('workflows.nav')],
    ['/studio/rechtliches', ctx.t('legal.studio.nav')],
  ];
  return (
    <Layout ctx={ctx} title={title} area="studio">
      <nav aria-label={ctx.t('studio.nav')} class="studio-nav">
        <ul class="kern-list kern-list--horizontal">
          {links.map(([href, label]) => (
            <li key={href}>
              <a class="kern-link" href={href} aria-current={current === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
}
