// The E-Akte's overview pages: the dossier list with the full-text search, the filing plan, a new general dossier.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { Alert, CsrfField, DataTable, ErrorSummary, fieldSummary, SelectInput, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { ErrorMessage } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { PlanEntry, SearchHit } from '../records.ts';
import type { Errors, RecordsField } from '../schema.ts';

export interface Place {
  name: string;
  time_zone: string;
  country: 'DE' | 'CH';
}

/** Where each message of the summary leads. */
const TARGETS: Record<RecordsField, string> = {
  dossierTitle: 'f-dossier-title',
  number: 'f-number',
  title: 'f-title',
  kind: 'f-kind',
  date: 'f-date',
  correspondent: 'f-correspondent',
  position: 'f-position',
  file: 'f-file',
};

export const summaryOf = (ctx: PageContext, errors: Errors, params: Record<string, string | number> = {}) =>
  fieldSummary(TARGETS, errors, (key: MessageKey) => ctx.t(key, params));

export const kindLabel = (ctx: PageContext, kind: string) => ctx.t(`records.kind.${kind}` as MessageKey);

export const positionOptions = (plan: PlanEntry[]) =>
  plan.filter((p) => !p.retired_at).map((p) => ({ value: p.id, label: `${'\u00a0\u00a0'.repeat(p.depth)}${p.number} ${p.title}` }));

export interface DossierListItem {
  id: string;
  file_number: string;
  title: string;
  case_reference: string | null;
  position_number: string;
  position_title: string;
  created_at: Date;
  documents: number;
}

/** A snippet of a hit: the words found marked, everything else escaped as text. */
export function Snippet({ parts }: { parts: SearchHit['snippet'] }) {
  return <span>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</span>;
}

export function DossierListPage({
  ctx,
  place,
  dossiers,
  q,
  hits,
  notice,
}: {
  ctx: PageContext;
  place: Place;
  dossiers: DossierListItem[];
  q: string;
  hits: SearchHit[] | undefined;
  notice?: MessageKey;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('records.list.title')} area="backoffice">
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('records.list.heading', { municipality: place.name })}</h1>
      <p class="kern-body">{t('records.list.intro')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href="/verwaltung/akten/neu">
            {t('records.list.newLink')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/akten/aktenplan">
            {t('records.list.planLink')}
          </a>
        </li>
      </ul>

      {/* biome-ignore lint/a11y/useSemanticElements: the search element is not yet known to every screen reader; a form with role="search" is */}
      <form method="get" action="/verwaltung/akten" role="search" class="stack" aria-label={t('records.search.label')}>
        <TextInput id="f-q" name="q" type="search" label={t('records.search.label')} hint={t('records.search.hint')} value={q} />
        <SubmitButton variant="secondary">{t('records.search.submit')}</SubmitButton>
      </form>

      {hits && (
        <section aria-labelledby="treffer-heading">
          <h2 class="kern-heading-medium" id="treffer-heading">
            {t('records.search.hitsHeading', { q })}
          </h2>
          {hits.length === 0 ? (
            <p class="kern-body">{t('records.search.none')}</p>
          ) : (
            <ol class="kern-list search-hits">
              {hits.map((h) => (
                <li key={h.documentId}>
                  <a class="kern-link" href={`/verwaltung/akten/${h.dossierId}/dokumente/${h.documentId}`}>
                    {h.title}
                  </a>{' '}
                  <span class="kern-body">
                    ({kindLabel(ctx, h.kind)}, {t('records.search.inDossier', { fileNumber: h.fileNumber, title: h.dossierTitle })})
                  </span>
                  {h.snippet.length > 0 && (
                    <p class="kern-body">
                      <Snippet parts={h.snippet} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      <section aria-labelledby="akten-heading">
        <h2 class="kern-heading-medium" id="akten-heading">
          {q ? t('records.list.matchingHeading', { q }) : t('records.list.recentHeading')}
        </h2>
        {dossiers.length === 0 ? (
          <p class="kern-body">{t('records.list.empty')}</p>
        ) : (
          <DataTable
            caption={q ? t('records.list.matchingHeading', { q }) : t('records.list.recentHeading')}
            headers={[
              t('records.col.fileNumber'),
              t('records.col.title'),
              t('records.col.case'),
              t('records.col.position'),
              t('records.col.documents'),
              t('records.col.created'),
            ]}
            rows={dossiers.map((d) => ({
              key: d.id,
              cells: [
                <a class="kern-link" href={`/verwaltung/akten/${d.id}`}>
                  {d.file_number}
                </a>,
                d.title,
                d.case_reference ?? t('records.list.general'),
                `${d.position_number} ${d.position_title}`,
                String(d.documents),
                formatDateTime(d.created_at, place.time_zone, locale, { country: place.country }),
              ],
            }))}
          />
        )}
      </section>
    </Layout>
  );
}

export function NewDossierPage({
  ctx,
  plan,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  plan: PlanEntry[];
  values?: { title?: string; position?: string };
  errors?: Errors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('records.new.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      <h1 class="kern-heading-large">{t('records.new.title')}</h1>
      <p class="kern-body">{t('records.new.intro')}</p>
      <form method="post" action="/verwaltung/akten" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          id="f-dossier-title"
          name="title"
          label={t('records.field.dossierTitle')}
          hint={t('records.field.dossierTitleHint')}
          value={values.title}
          error={errors.dossierTitle && t(errors.dossierTitle)}
          required
        />
        <SelectInput
          id="f-position"
          name="position"
          label={t('records.field.position')}
          hint={t('records.field.positionHint')}
          options={positionOptions(plan)}
          value={values.position}
          placeholder=""
          error={errors.position && t(errors.position)}
        />
        <SubmitButton>{t('records.new.submit')}</SubmitButton>
      </form>
      <p>
        <a class="kern-link" href="/verwaltung/akten">
          {t('records.backToList')}
        </a>
      </p>
    </Layout>
  );
}

export function PlanPage({
  ctx,
  place,
  plan,
  canEdit,
  values = {},
  errors = {},
  errorFor,
  notice,
}: {
  ctx: PageContext;
  place: Place;
  plan: PlanEntry[];
  canEdit: boolean;
  values?: { number?: string; title?: string };
  errors?: Errors;
  /** The position a rename or retire refused is about (its form shows the message); none for the new position form. */
  errorFor?: string;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  const forNew = errorFor === undefined;
  const summary = forNew
    ? summaryOf(ctx, errors)
    : Object.values(errors).map((key) => ({ href: errors.title ? `#f-rename-${errorFor}` : `#pos-${errorFor}`, text: t(key as MessageKey) }));
  return (
    <Layout ctx={ctx} title={t('records.plan.title')} area="backoffice">
      <ErrorSummary t={t} errors={summary} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('records.plan.heading', { municipality: place.name })}</h1>
      <p class="kern-body">{canEdit ? t('records.plan.introAdmin') : t('records.plan.introClerk')}</p>
      <p>
        <a class="kern-link" href="/verwaltung/akten">
          {t('records.backToList')}
        </a>
      </p>
      <DataTable
        caption={t('records.plan.tableCaption')}
        headers={[t('records.col.number'), t('records.col.positionTitle'), t('records.col.state'), ...(canEdit ? [t('records.col.change')] : [])]}
        rows={plan.map((p) => ({
          key: p.id,
          cells: [
            <span id={`pos-${p.id}`} class={`plan-depth-${Math.min(p.depth, 5)}`}>
              {p.number}
            </span>,
            p.title,
            p.retired_at ? t('records.plan.retired') : t('records.plan.active'),
            ...(canEdit
              ? [
                  <div class="stack">
                    <form method="post" action={`/verwaltung/akten/aktenplan/${p.id}`} class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <TextInput
                        id={`f-rename-${p.id}`}
                        name="title"
                        label={t('records.plan.renameLabel', { number: p.number })}
                        value={errorFor === p.id && values.title !== undefined ? values.title : p.title}
                        error={errorFor === p.id && errors.title ? t(errors.title) : undefined}
                        required
                      />
                      <SubmitButton variant="secondary">
                        {t('records.plan.rename')}
                        <span class="kern-sr-only"> {p.number}</span>
                      </SubmitButton>
                    </form>
                    {!p.retired_at && (
                      <form method="post" action={`/verwaltung/akten/aktenplan/${p.id}/aussondern`} class="inline-form">
                        <CsrfField token={ctx.csrfToken} />
                        <ErrorMessage id={`retire-${p.id}`} text={errorFor === p.id && errors.number ? t(errors.number) : undefined} />
                        <SubmitButton variant="secondary">
                          {t('records.plan.retire')}
                          <span class="kern-sr-only"> {p.number}</span>
                        </SubmitButton>
                      </form>
                    )}
                  </div>,
                ]
              : []),
          ],
        }))}
      />
      {canEdit && (
        <section aria-labelledby="neu-heading">
          <h2 class="kern-heading-medium" id="neu-heading">
            {t('records.plan.addHeading')}
          </h2>
          <form method="post" action="/verwaltung/akten/aktenplan" class="stack" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput
              id="f-number"
              name="number"
              label={t('records.field.number')}
              hint={t('records.field.numberHint')}
              value={forNew ? values.number : undefined}
              error={forNew && errors.number ? t(errors.number) : undefined}
              required
            />
            <TextInput
              id="f-title"
              name="title"
              label={t('records.field.positionTitle')}
              value={forNew ? values.title : undefined}
              error={forNew && errors.title ? t(errors.title) : undefined}
              required
            />
            <SubmitButton>{t('records.plan.add')}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  );
}
