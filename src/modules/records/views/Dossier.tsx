// A dossier with its documents and their versions, the upload of a document or a new version, and the page a
// damaged file answers with.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import { Alert, CsrfField, DataTable, DescriptionList, ErrorSummary, SelectInput, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { FieldShell, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Dossier, PlanEntry } from '../records.ts';
import { DOCUMENT_KINDS, type DocumentFields, type Errors } from '../schema.ts';
import { kindLabel, type Place, positionOptions, summaryOf } from './Records.tsx';

export interface VersionItem {
  version: number;
  sha256: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
  has_text: boolean;
}

export interface DocumentItem {
  id: string;
  title: string;
  kind: string;
  document_date: string | null;
  correspondent: string | null;
  position_number: string;
  position_title: string;
  current_version: number;
  versions: VersionItem[];
}

const ACCEPT = 'application/pdf,image/tiff,image/jpeg,image/png,text/plain,.txt';

export function formatSize(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} KB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}

const downloadHref = (dossierId: string, documentId: string, version: number) =>
  `/verwaltung/akten/${dossierId}/dokumente/${documentId}/versionen/${version}/datei`;

function FileField({ ctx, error, hint }: { ctx: PageContext; error?: string; hint: string }) {
  return (
    <FieldShell id="f-file" label={ctx.t('records.field.file')} hint={hint} error={error}>
      <input
        class={withError('kern-form-input__input', error)}
        type="file"
        id="f-file"
        name="file"
        accept={ACCEPT}
        aria-describedby={shellDescribedBy('f-file', { hint: true, error })}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldShell>
  );
}

export function DossierPage({
  ctx,
  place,
  dossier,
  caseLink,
  documents,
  plan,
  values = {},
  errors = {},
  errorParams,
  notice,
  maxMb,
}: {
  ctx: PageContext;
  place: Place;
  dossier: Dossier;
  /** The case page, for a case's dossier. */
  caseLink?: string;
  documents: DocumentItem[];
  plan: PlanEntry[];
  values?: DocumentFields;
  errors?: Errors;
  errorParams?: Record<string, string | number>;
  notice?: MessageKey;
  maxMb: number;
}) {
  const { t, locale } = ctx;
  const day = (iso: string) => formatDate(iso, locale, { country: place.country });
  const fileError = errors.file && t(errors.file, errorParams);
  return (
    <Layout ctx={ctx} title={t('records.dossier.title', { fileNumber: dossier.file_number })} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors, errorParams)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('records.dossier.heading', { fileNumber: dossier.file_number, title: dossier.title })}</h1>
      <DescriptionList
        rows={[
          [t('records.col.fileNumber'), dossier.file_number],
          [t('records.col.title'), dossier.title],
          [t('records.col.position'), `${dossier.position_number} ${dossier.position_title}`],
          [
            t('records.col.case'),
            dossier.case_reference ? (
              caseLink ? (
                <a class="kern-link" href={caseLink}>
                  {dossier.case_reference}
                </a>
              ) : (
                dossier.case_reference
              )
            ) : (
              t('records.list.general')
            ),
          ],
          [t('records.col.created'), formatDateTime(dossier.created_at, place.time_zone, locale, { country: place.country })],
        ]}
      />
      <p>
        <a class="kern-link" href="/verwaltung/akten">
          {t('records.backToList')}
        </a>
      </p>

      <section aria-labelledby="dokumente-heading">
        <h2 class="kern-heading-medium" id="dokumente-heading">
          {t('records.dossier.documentsHeading')}
        </h2>
        {documents.length === 0 ? (
          <p class="kern-body">{t('records.dossier.empty')}</p>
        ) : (
          <DataTable
            caption={t('records.dossier.documentsHeading')}
            headers={[t('records.col.document'), t('records.col.kind'), t('records.col.date'), t('records.col.correspondent'), t('records.col.versions')]}
            rows={documents.map((d) => {
              const current = d.versions[d.versions.length - 1];
              return {
                key: d.id,
                cells: [
                  <a class="kern-link" href={`/verwaltung/akten/${dossier.id}/dokumente/${d.id}`}>
                    {d.title}
                  </a>,
                  kindLabel(ctx, d.kind),
                  d.document_date ? day(d.document_date) : '–',
                  d.correspondent ?? '–',
                  current ? (
                    <span>
                      {t('records.dossier.versionCount', { n: d.versions.length })}{' '}
                      <a class="kern-link" href={downloadHref(dossier.id, d.id, current.version)}>
                        {t('records.download', { version: current.version })}
                        <span class="kern-sr-only"> {d.title}</span>
                      </a>
                    </span>
                  ) : (
                    '–'
                  ),
                ],
              };
            })}
          />
        )}
      </section>

      <section aria-labelledby="hochladen-heading">
        <h2 class="kern-heading-medium" id="hochladen-heading">
          {t('records.upload.heading')}
        </h2>
        <form method="post" action={`/verwaltung/akten/${dossier.id}/dokumente`} enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput id="f-title" name="title" label={t('records.field.title')} value={values.title} error={errors.title && t(errors.title)} required />
          <SelectInput
            id="f-kind"
            name="kind"
            label={t('records.field.kind')}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))}
            value={values.kind}
            placeholder=""
            error={errors.kind && t(errors.kind)}
          />
          <TextInput
            id="f-date"
            name="date"
            type="date"
            label={t('records.field.date')}
            hint={t('records.field.dateHint')}
            value={values.date}
            error={errors.date && t(errors.date)}
          />
          <TextInput
            id="f-correspondent"
            name="correspondent"
            label={t('records.field.correspondent')}
            hint={t('records.field.correspondentHint')}
            value={values.correspondent}
            error={errors.correspondent && t(errors.correspondent)}
          />
          <SelectInput
            id="f-position"
            name="position"
            label={t('records.field.documentPosition')}
            hint={t('records.field.documentPositionHint', { number: dossier.position_number })}
            options={positionOptions(plan)}
            value={values.position}
            placeholder={t('records.field.asDossier')}
            error={errors.position && t(errors.position)}
          />
          <FileField ctx={ctx} error={fileError} hint={t('records.field.fileHint', { mb: maxMb })} />
          <SubmitButton>{t('records.upload.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function DocumentPage({
  ctx,
  place,
  dossier,
  document,
  errors = {},
  errorParams,
  notice,
  maxMb,
}: {
  ctx: PageContext;
  place: Place;
  dossier: Dossier;
  document: DocumentItem;
  errors?: Errors;
  errorParams?: Record<string, string | number>;
  notice?: MessageKey;
  maxMb: number;
}) {
  const { t, locale } = ctx;
  const fileError = errors.file && t(errors.file, errorParams);
  return (
    <Layout ctx={ctx} title={t('records.document.title', { title: document.title })} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors, errorParams)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{document.title}</h1>
      <DescriptionList
        rows={[
          [t('records.col.dossier'), <a class="kern-link" href={`/verwaltung/akten/${dossier.id}`}>{`${dossier.file_number} ${dossier.title}`}</a>],
          [t('records.col.kind'), kindLabel(ctx, document.kind)],
          [t('records.col.date'), document.document_date ? formatDate(document.document_date, locale, { country: place.country }) : '–'],
          [t('records.col.correspondent'), document.correspondent ?? '–'],
          [t('records.col.position'), `${document.position_number} ${document.position_title}`],
        ]}
      />
      <section aria-labelledby="versionen-heading">
        <h2 class="kern-heading-medium" id="versionen-heading">
          {t('records.document.versionsHeading')}
        </h2>
        <p class="kern-body">{t('records.document.versionsIntro')}</p>
        <DataTable
          caption={t('records.document.versionsHeading')}
          headers={[
            t('records.col.version'),
            t('records.col.filename'),
            t('records.col.size'),
            t('records.col.created'),
            t('records.col.text'),
            t('records.col.sha256'),
            t('records.col.download'),
          ]}
          rows={[...document.versions].reverse().map((v) => ({
            key: String(v.version),
            cells: [
              String(v.version),
              v.filename,
              formatSize(v.size_bytes, locale),
              formatDateTime(v.created_at, place.time_zone, locale, { country: place.country }),
              v.has_text ? t('records.document.textYes') : t('records.document.textNo'),
              <code class="hash">{v.sha256}</code>,
              <a class="kern-link" href={downloadHref(dossier.id, document.id, v.version)}>
                {t('records.download', { version: v.version })}
              </a>,
            ],
          }))}
        />
      </section>
      <section aria-labelledby="version-neu-heading">
        <h2 class="kern-heading-medium" id="version-neu-heading">
          {t('records.version.heading')}
        </h2>
        <p class="kern-body">{t('records.version.intro')}</p>
        <form
          method="post"
          action={`/verwaltung/akten/${dossier.id}/dokumente/${document.id}/versionen`}
          enctype="multipart/form-data"
          class="stack"
          novalidate
        >
          <CsrfField token={ctx.csrfToken} />
          <FileField ctx={ctx} error={fileError} hint={t('records.field.fileHint', { mb: maxMb })} />
          <SubmitButton>{t('records.version.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function DamagedPage({ ctx, dossierId, documentId, version }: { ctx: PageContext; dossierId: string; documentId: string; version: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('records.damaged.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('records.damaged.title')}</h1>
      <Alert kind="danger" title={t('records.damaged.alert', { version })}>
        <p class="kern-body">{t('records.damaged.body')}</p>
      </Alert>
      <p>
        <a class="kern-link" href={`/verwaltung/akten/${dossierId}/dokumente/${documentId}`}>
          {t('records.damaged.back')}
        </a>
      </p>
    </Layout>
  );
}
