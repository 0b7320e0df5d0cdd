// Pieces every studio page uses: its layout and the way definition problems are shown beside their inputs.
import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../platform/i18n/index.ts';
import { ErrorSummary } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { DefinitionProblem } from '../../forms/index.ts';
import { inputOf } from '../studio.ts';

export type Errors = Record<string, string>;

/** Problems keyed by input name (the first one per input), plus the summary linking to each input. */
export function problemsByInput(t: Translate, problems: DefinitionProblem[]): Errors {
  const errors: Errors = {};
  for (const p of problems) {
    const input = inputOf(p.path) || '_';
    const text = t(p.key, p.params);
    if (!errors[input]) errors[input] = p.path && !p.path.startsWith(`/${input}`) ? `${text} (${p.path})` : text;
  }
  return errors;
}

export function Summary({ t, problems }: { t: Translate; problems: DefinitionProblem[] }) {
  return (
    <ErrorSummary
      t={t}
      errors={problems.map((p) => ({ href: `#in-${inputOf(p.path) || 'top'}`, text: p.path ? `${p.path}: ${t(p.key, p.params)}` : t(p.key, p.params) }))}
    />
  );
}

export function StudioLayout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} area="studio">
      <nav aria-label={ctx.t('studio.nav')} class="studio-nav">
        <ul class="kern-list kern-list--horizontal">
          <li>
            <a class="kern-link" href="/studio/">
              {ctx.t('studio.home')}
            </a>
          </li>
          <li>
            <a class="kern-link" href="/studio/rechtliches">
              {ctx.t('legal.studio.nav')}
            </a>
          </li>
        </ul>
      </nav>
      {children}
    </Layout>
  );
}
