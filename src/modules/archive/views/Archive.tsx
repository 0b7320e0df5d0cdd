// The archive page: what is due for offer and transfer, the download, and the upload of the archive's evaluation.
import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import { Alert, CsrfField, DataTable, ErrorSummary, SubmitButton } from '../../../platform/views/components.tsx';
import { ErrorMessage } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { CaseRetention } from '../../retention/index.ts';

function Cases({ ctx, id, title, cases, timeZone }: { ctx: PageContext; id: string; title: string; cases: CaseRetention[]; timeZone: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby={id}>
      <h2 class="kern-heading-medium" id={id}>
        {title}
      </h2>
      {cases.length === 0 ? (
        <p class="kern-body">{t('archive.none')}</p>
      ) : (
        <DataTable
          caption={title}
          headers={[t('archive.col.reference'), t('archive.col.service'), t('archive.col.keepUntil'), t('archive.col.offeredAt')]}
          rows={cases.map((c) => ({
            key: c.id,
            cells: [
              c.reference,
              c.service_title ?? '–',
              c.keep_until ? formatDate(c.keep_until, ctx.locale) : '–',
              c.offered_at ? formatDateTime(new Date(c.offered_at), timeZone, ctx.locale) : '–',
            ],
          }))}
        />
      )}
    </section>
  );
}

export function ArchivePage(p: {
  ctx: PageContext;
  municipality: string;
  timeZone: string;
  offer: CaseRetention[];
  waiting: CaseRetention[];
  transfer: CaseRetention[];
  error?: string;
  exportError?: string;
  notice?: string;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const summary = [...(p.exportError ? [{ href: '#export-heading', text: p.exportError }] : []), ...(p.error ? [{ href: '#f-datei', text: p.error }] : [])];
  return (
    <Layout ctx={ctx} title={t('archive.title')} area="backoffice">
      <ErrorSummary t={t} errors={summary} />
      {p.notice && <Alert kind="success" title={p.notice} />}
      <h1 class="kern-heading-large">{t('archive.heading', { municipality: p.municipality })}</h1>
      <p class="kern-body">{t('archive.intro')}</p>
      <Cases ctx={ctx} id="offer-heading" title={t('archive.offer.heading')} cases={p.offer} timeZone={p.timeZone} />
      <Cases ctx={ctx} id="transfer-heading" title={t('archive.transfer.heading')} cases={p.transfer} timeZone={p.timeZone} />
      <Cases ctx={ctx} id="waiting-heading" title={t('archive.waiting.heading')} cases={p.waiting} timeZone={p.timeZone} />
      <section aria-labelledby="export-heading">
        <h2 class="kern-heading-medium" id="export-heading">
          {t('archive.export.heading')}
        </h2>
        <p class="kern-body">{t('archive.export.hint')}</p>
        <form method="post" action="/verwaltung/archiv/export">
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton>{t('archive.export.submit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="import-heading">
        <h2 class="kern-heading-medium" id="import-heading">
          {t('archive.import.heading')}
        </h2>
        <form method="post" action="/verwaltung/archiv/bewertung" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class={p.error ? 'kern-form-input kern-form-input--error' : 'kern-form-input'}>
            <label class="kern-label" for="f-datei">
              {t('archive.import.field')}
            </label>
            <ErrorMessage id="f-datei-error" text={p.error} />
            <input
              class="kern-form-input__input"
              id="f-datei"
              name="datei"
              type="file"
              accept=".xml,application/xml,text/xml"
              aria-invalid={p.error ? 'true' : undefined}
              aria-describedby={p.error ? 'f-datei-error' : undefined}
            />
          </div>
          <SubmitButton variant="secondary">{t('archive.import.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
