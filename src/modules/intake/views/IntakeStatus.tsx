// One intake's state: waiting, running with its pages, done or failed, and what that means for the scan. While the
// recognition runs the page refreshes itself (an HTTP Refresh header, no script) until the clerk stops it.
import type { Translate } from '../../../platform/i18n/index.ts';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.ts';
import { CsrfField, DescriptionList, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { IntakeJob } from '../intake.ts';
import type { IntakeOutcomeKey } from '../schema.ts';
import { intakePath, stateLabel } from './IntakePage.tsx';

export const REFRESH_SECONDS = 3;

export const isRunning = (job: Pick<IntakeJob, 'state'>) => job.state === 'queued' || job.state === 'running';

/** The page's title carries the progress: after each refresh a screen reader reads it first. */
export function statusTitle(t: Translate, job: IntakeJob) {
  if (job.state === 'running' && job.pages_total) return t('intake.status.titleRunning', { done: job.pages_done, total: job.pages_total, file: job.filename });
  return `${stateLabel(t, job)} – ${t('intake.status.title', { file: job.filename })}`;
}

const sizeText = (bytes: number, locale: PageContext['locale']) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, locale, {}, { max: 1 })} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;

export function IntakeStatusPage(props: {
  ctx: PageContext;
  job: IntakeJob;
  municipality: { timeZone: string; country: 'DE' | 'CH' };
  caseLink?: { href: string; reference: string };
  dossierHref?: string;
  refreshing: boolean;
  canRetry: boolean;
}) {
  const { ctx, job } = props;
  const { t } = ctx;
  const running = isRunning(job);
  const outcome = job.message as IntakeOutcomeKey | null;
  const kind = job.state === 'failed' ? 'danger' : job.state === 'done' && outcome === 'intake.outcome.searchable' ? 'success' : running ? 'info' : 'warning';
  const pages =
    job.pages_total !== null
      ? t('intake.status.pages', { done: job.pages_done, total: job.pages_total })
      : t('intake.status.pagesUnknown', { done: job.pages_done });
  return (
    <Layout ctx={ctx} title={statusTitle(t, job)} area="backoffice">
      <h1 class="kern-heading-large">{t('intake.status.heading', { file: job.filename })}</h1>
      {/* One live region for everything that changes: its text is announced when the job moves on. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a KERN alert with paragraphs and a progress bar; <output> holds phrasing content only */}
      <div class={`kern-alert kern-alert--${kind}`} role="status" aria-live="polite" aria-atomic="true">
        <div class="kern-alert__header">
          <span class={`kern-icon kern-icon--${kind}`} aria-hidden="true"></span>
          <span class="kern-title">{stateLabel(t, job)}</span>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{outcome ? t(outcome) : t(job.state === 'running' ? 'intake.status.running' : 'intake.status.queued')}</p>
          {(running || job.pages_total !== null) && (
            <p class="kern-body">
              <label class="kern-label" for="intake-progress">
                {t('intake.status.progressLabel')}
              </label>
              <br />
              {job.pages_total ? (
                <progress id="intake-progress" max={job.pages_total} value={job.pages_done}>
                  {pages}
                </progress>
              ) : (
                // Without a page count yet the bar is indeterminate: it shows work, not a share of it.
                <progress id="intake-progress">{pages}</progress>
              )}{' '}
              <span>{pages}</span>
            </p>
          )}
        </div>
      </div>
      {running && (
        <p class="kern-body">
          {props.refreshing ? (
            <>
              {t('intake.status.refreshing', { seconds: REFRESH_SECONDS })}{' '}
              <a class="kern-link" href={`${intakePath(job.id)}?aktualisieren=aus`}>
                {t('intake.status.stopRefresh')}
              </a>
            </>
          ) : (
            <>
              {t('intake.status.refreshStopped')}{' '}
              <a class="kern-link" href={`${intakePath(job.id)}?aktualisieren=aus`}>
                {t('intake.status.refreshNow')}
              </a>{' '}
              <a class="kern-link" href={intakePath(job.id)}>
                {t('intake.status.resumeRefresh')}
              </a>
            </>
          )}
        </p>
      )}
      {props.canRetry && (
        <form method="post" action={`${intakePath(job.id)}/wiederholen`}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton variant="secondary">{t('intake.status.retry')}</SubmitButton>
        </form>
      )}
      <h2 class="kern-heading-medium">{t('intake.status.details')}</h2>
      <DescriptionList
        rows={[
          [
            t('intake.status.case'),
            props.caseLink ? (
              <a class="kern-link" href={props.caseLink.href}>
                {job.new_case ? t('intake.status.caseNew', { reference: props.caseLink.reference }) : props.caseLink.reference}
              </a>
            ) : (
              job.reference
            ),
          ],
          [
            t('intake.status.received'),
            formatDateTime(new Date(job.created_at), props.municipality.timeZone, ctx.locale, { country: props.municipality.country }),
          ],
          [t('intake.status.file'), job.filename],
          [t('intake.status.size'), sizeText(job.size_bytes, ctx.locale)],
          [t('intake.status.searchable'), job.text_searchable ? t('intake.status.yes') : t('intake.status.no')],
        ]}
      />
      <ul class="kern-list">
        {props.dossierHref && (
          <li>
            <a class="kern-link" href={props.dossierHref}>
              {t('intake.status.toDossier')}
            </a>
          </li>
        )}
        <li>
          <a class="kern-link" href="/verwaltung/posteingang">
            {t('intake.status.another')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
