// The municipality's workflows in the studio: the list (with a copy form for a new one) and one workflow's page
// with its diagram, the same in words, and its version history.
import type { PageContext } from '../../../platform/views/layout.tsx';
import { Alert, CsrfField, DataTable, ErrorSummary, SelectInput, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { StudioLayout } from '../../../platform/views/studio-layout.tsx';
import type { WorkflowDefinition, WorkflowProblem } from '../schema.ts';
import { Description, Diagram } from './Description.tsx';

const textIn = (text: { de: string; en?: string } | undefined, locale: string) => (text ? (locale === 'en' && text.en) || text.de : '');

export interface WorkflowListItem {
  key: string;
  definition: WorkflowDefinition;
  /** The newest version; a built-in workflow never saved here counts as version 1. */
  version: number;
  builtIn: boolean;
  services: string[];
}

const COPY_INPUTS: Record<string, string> = { '/source': 'wf-source', '/key': 'wf-key', '/name/de': 'wf-name' };

export function WorkflowListPage({
  ctx,
  municipality,
  workflows,
  problems = [],
  values = {},
  notice,
}: {
  ctx: PageContext;
  municipality: string;
  workflows: WorkflowListItem[];
  problems?: WorkflowProblem[];
  values?: Record<string, string>;
  notice?: string;
}) {
  const { t, locale } = ctx;
  const errorOf = (path: string) => {
    const p = problems.find((x) => x.path === path);
    return p && t(p.key as never, p.params);
  };
  const title = t('workflows.list.title', { municipality });
  return (
    <StudioLayout ctx={ctx} title={title}>
      <ErrorSummary t={t} errors={problems.map((p) => ({ href: `#${COPY_INPUTS[p.path] ?? 'wf-name'}`, text: t(p.key as never, p.params) }))} />
      {notice && <Alert kind="success" title={notice} />}
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('workflows.list.intro')}</p>
      <p class="kern-body">
        <a class="kern-link" href="/studio/ablaeufe/import">
          {t('bpmn.import.title')}
        </a>
      </p>
      <DataTable
        caption={t('workflows.list.caption')}
        headers={[t('workflows.list.name'), t('workflows.list.key'), t('workflows.list.version'), t('workflows.list.services'), t('workflows.list.actions')]}
        rows={workflows.map((w) => ({
          key: w.key,
          cells: [
            <a class="kern-link" href={`/studio/ablaeufe/${w.key}`} key="name">
              {textIn(w.definition.name, locale)}
            </a>,
            <code key="key">{w.key}</code>,
            w.builtIn ? t('workflows.list.builtIn') : String(w.version),
            w.services.length ? w.services.join(', ') : t('workflows.list.noServices'),
            <a class="kern-link" href={`/studio/ablaeufe/${w.key}/bearbeiten`} key="edit">
              {t('workflows.edit')}
              <span class="kern-sr-only"> – {textIn(w.definition.name, locale)}</span>
            </a>,
          ],
        }))}
      />
      <section aria-labelledby="wf-copy-heading">
        <h2 class="kern-heading-medium" id="wf-copy-heading">
          {t('workflows.copy.heading')}
        </h2>
        <p class="kern-body">{t('workflows.copy.intro')}</p>
        <form method="post" action="/studio/ablaeufe" class="studio-form" noValidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectInput
            id="wf-source"
            name="source"
            label={t('workflows.copy.source')}
            value={values.source}
            error={errorOf('/source')}
            options={workflows.map((w) => ({ value: w.key, label: textIn(w.definition.name, locale) }))}
          />
          <TextInput id="wf-name" name="name" label={t('workflows.copy.name')} value={values.name} error={errorOf('/name/de')} required />
          <TextInput
            id="wf-key"
            name="key"
            label={t('workflows.copy.key')}
            hint={t('workflows.copy.keyHint')}
            value={values.key}
            error={errorOf('/key')}
            required
          />
          <SubmitButton>{t('workflows.copy.submit')}</SubmitButton>
        </form>
      </section>
    </StudioLayout>
  );
}

/** A region admin reaches the list before choosing a municipality: workflows belong to one, the page says where to choose. */
export function ChooseMunicipalityPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={t('workflows.nav')}>
      <h1 class="kern-heading-large">{t('workflows.nav')}</h1>
      <p class="kern-body">{t('workflows.chooseMunicipality')}</p>
      <p>
        <a class="kern-link" href="/verwaltung/">
          {t('workflows.chooseMunicipalityLink')}
        </a>
      </p>
    </StudioLayout>
  );
}

export interface VersionItem {
  version: number;
  createdAt: string;
  createdBy: string;
}

export function WorkflowPage({
  ctx,
  def,
  version,
  latest,
  builtIn,
  history,
  services,
  notice,
  extraLinks = [],
}: {
  ctx: PageContext;
  def: WorkflowDefinition;
  version: number;
  latest: number;
  builtIn: boolean;
  history: VersionItem[];
  services: string[];
  notice?: string;
  extraLinks?: Array<[string, string]>;
}) {
  const { t, locale } = ctx;
  const name = textIn(def.name, locale);
  const base = `/studio/ablaeufe/${def.key}`;
  const old = version !== latest;
  return (
    <StudioLayout ctx={ctx} title={t('workflows.page.title', { name })}>
      {notice && <Alert kind="success" title={notice} />}
      <h1 class="kern-heading-large">{t('workflows.page.title', { name })}</h1>
      {old && (
        <Alert kind="info" title={t('workflows.page.oldVersion', { version, latest })}>
          <p class="kern-body">
            <a class="kern-link" href={base}>
              {t('workflows.page.toLatest')}
            </a>
          </p>
        </Alert>
      )}
      <p class="kern-body">{textIn(def.description, locale)}</p>
      <p class="kern-body">
        {builtIn ? t('workflows.page.builtInVersion') : t('workflows.page.version', { version })}{' '}
        {services.length ? t('workflows.page.usedBy', { services: services.join(', ') }) : t('workflows.page.unused')}
      </p>
      <ul class="kern-list kern-list--horizontal">
        {!old && (
          <li>
            <a class="kern-link" href={`${base}/bearbeiten`}>
              {t('workflows.edit')}
            </a>
          </li>
        )}
        <li>
          <a class="kern-link" href={`${base}/diagramm.svg${old ? `?version=${version}` : ''}`}>
            {t('workflows.page.svg')}
          </a>
        </li>
        {extraLinks.map(([href, label]) => (
          <li key={href}>
            <a class="kern-link" href={href}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a class="kern-link" href="/studio/ablaeufe">
            {t('workflows.nav')}
          </a>
        </li>
      </ul>
      <h2 class="kern-heading-medium">{t('workflows.page.diagram')}</h2>
      <Diagram ctx={ctx} def={def} />
      <section aria-labelledby="wf-text-heading">
        <h2 class="kern-heading-medium" id="wf-text-heading">
          {t('workflows.page.text')}
        </h2>
        <Description ctx={ctx} def={def} headingLevel={3} />
      </section>
      <section aria-labelledby="wf-history-heading">
        <h2 class="kern-heading-medium" id="wf-history-heading">
          {t('workflows.page.history')}
        </h2>
        {history.length === 0 ? (
          <p class="kern-body">{t('workflows.page.noHistory')}</p>
        ) : (
          <DataTable
            caption={t('workflows.page.historyCaption', { name })}
            headers={[t('workflows.list.version'), t('workflows.page.savedAt'), t('workflows.page.savedBy'), t('workflows.list.actions')]}
            rows={history.map((h) => ({
              key: String(h.version),
              cells: [
                String(h.version),
                h.createdAt,
                h.createdBy,
                h.version === version ? (
                  t('workflows.page.shown')
                ) : (
                  <a class="kern-link" href={h.version === latest ? base : `${base}?version=${h.version}`} key="view">
                    {t('workflows.page.view', { version: h.version })}
                  </a>
                ),
              ],
            }))}
          />
        )}
      </section>
    </StudioLayout>
  );
}
