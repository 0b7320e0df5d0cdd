import type { ComponentChildren } from 'preact';
import { Alert, CsrfField, DescriptionList, ErrorSummary, SubmitButton, TextArea } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import { textIn } from '../../forms/index.ts';
import type { Service } from '../../services/index.ts';
import type { WorkflowState } from '../../workflows/index.ts';
import type { CaseFile } from '../applications.ts';
import type { TimelineEvent } from '../timeline.ts';

interface StatusPageProps {
  ctx: PageContext;
  org: Organization;
  service: Service;
  file: CaseFile;
  timeline: TimelineEvent[];
  base: string;
  justSubmitted: boolean;
  statusUrl: string;
  answerError?: string;
  answerText?: string;
  answered?: boolean;
  maxUploadMb: number;
  /** Whether the office awaits an answer (a state waiting for payment does not); from the status when not given. */
  answerOpen?: boolean;
  /** The case's workflow state: its label is shown where the phase alone says too little. */
  workflowState?: WorkflowState;
}

export function StatusPage(p: StatusPageProps) {
  const { t, locale } = p.ctx;
  const a = p.file.application;
  const decided = a.status === 'approved' || a.status === 'rejected';
  const answerOpen = p.answerOpen ?? a.status === 'awaiting_applicant';
  const when = (d: Date) => formatDateTime(new Date(d), p.org.time_zone, locale, p.org);
  const d = p.service.definition;
  const title = textIn(d.title, locale) || p.service.title;
  const processing = textIn(d.processingTime, locale);
  const office = textIn(d.local.office, locale);
  const hours = textIn(d.local.hours, locale);
  const contactRows: Array<[string, ComponentChildren]> = [[t('service.office'), office || p.org.name]];
  if (d.local.phone) contactRows.push([t('service.phone'), d.local.phone]);
  if (d.local.email)
    contactRows.push([
      t('service.email'),
      <a class="kern-link" href={`mailto:${d.local.email}`}>
        {d.local.email}
      </a>,
    ]);
  if (hours) contactRows.push([t('service.hours'), hours]);
  return (
    <Layout
      ctx={p.ctx}
      title={p.justSubmitted ? t('status.submittedTitle') : t('status.title')}
      org={{ name: p.org.name, slug: p.org.slug, logoUrl: p.org.logo_url }}
    >
      {p.answerError && <ErrorSummary t={t} errors={[{ href: '#f-answer', text: p.answerError }]} />}
      <h1 class="kern-heading-large">{p.justSubmitted ? t('status.submittedTitle') : t('status.title')}</h1>
      {p.justSubmitted && (
        <Alert kind="success" title={t('status.submittedAlert')}>
          <p class="kern-body">
            {t('status.referenceIs')} <span class="reference">{a.reference}</span>
          </p>
          <p class="kern-body">{t('status.keepLink')}</p>
          <p class="kern-body">
            <a class="kern-link status-link" href={p.statusUrl}>
              {p.statusUrl}
            </a>
          </p>
        </Alert>
      )}
      {!decided && (
        <section aria-labelledby="next" class="journey-section">
          <h2 class="kern-heading-medium" id="next">
            {t('journey.next.heading')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {answerOpen ? (
              <li>{t('journey.next.answer')}</li>
            ) : a.status === 'awaiting_applicant' || p.workflowState?.phase === 'closed' ? (
              <li>{t('workflow.status.state', { state: textIn(p.workflowState?.label, locale) || t('status.value.awaiting_applicant') })}</li>
            ) : (
              <li>{t('journey.next.review', { office: office || p.org.name })}</li>
            )}
            {processing && <li>{t('journey.next.time', { time: processing })}</li>}
            <li>{t('journey.next.mail')}</li>
          </ul>
        </section>
      )}
      <section aria-labelledby="timeline" class="journey-section">
        <h2 class="kern-heading-medium" id="timeline">
          {t('journey.timeline.heading')}
        </h2>
        <ol class="timeline">
          {p.timeline.map((e, i) => (
            <li key={`${e.kind}-${i}`} class={`timeline__item${i === p.timeline.length - 1 ? ' timeline__item--current' : ''}`}>
              <span class="timeline__what">{t(`journey.timeline.${e.kind}`)}</span>{' '}
              <time class="timeline__when" dateTime={new Date(e.at).toISOString()}>
                {when(e.at)}
              </time>
            </li>
          ))}
        </ol>
      </section>
      {p.answered && <Alert kind="success" title={t('status.answerSent')} />}
      <DescriptionList
        rows={[
          [t('status.service'), title],
          [t('status.reference'), <span class="reference-inline">{a.reference}</span>],
          [t('status.submittedAt'), when(a.submitted_at)],
          [t('status.state'), <strong>{t(`status.value.${a.status}` as never)}</strong>],
        ]}
      />
      <p>
        <a class="kern-link" href={`${p.base}/eingangsbestaetigung.pdf`} download>
          {t('status.receiptPdf')}
        </a>
      </p>
      {decided && (
        <section aria-labelledby="decision">
          <h2 class="kern-heading-medium" id="decision">
            {t('status.decisionHeading')}
          </h2>
          <p class="kern-body">{t(a.status === 'approved' ? 'status.approvedText' : 'status.rejectedText')}</p>
          <p class="kern-body">
            {t('status.reason')}: {a.decision_reason}
          </p>
          <p>
            <a class="kern-link" href={`${p.base}/bescheid.pdf`} download>
              {t('status.decisionPdf')}
            </a>
          </p>
        </section>
      )}
      {p.file.messages.length > 0 && (
        <section aria-labelledby="messages">
          <h2 class="kern-heading-medium" id="messages">
            {t('status.messages')}
          </h2>
          {p.file.messages.map((m) => (
            <div key={m.id} class={`message message--${m.author}`}>
              <p class="kern-body--small">
                {m.author === 'office' ? t('status.fromOffice') : t('status.fromYou')} · {when(m.created_at)}
              </p>
              <p class="kern-body kern-preline-text">{m.body}</p>
              {p.file.files
                .filter((f) => f.message_id === m.id)
                .map((f) => (
                  <p key={f.id} class="kern-body--small">
                    {t('status.attached', { name: f.filename })}
                  </p>
                ))}
            </div>
          ))}
        </section>
      )}
      {answerOpen && (
        <section aria-labelledby="answer">
          <h2 class="kern-heading-medium" id="answer">
            {t('status.answerHeading')}
          </h2>
          <form method="post" action={`${p.base}/antwort`} enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <TextArea id="f-answer" name="answer" label={t('status.answerLabel')} value={p.answerText} error={p.answerError} />
            <div class="kern-form-input">
              <label class="kern-label" for="f-files">
                {t('status.answerFiles')}
              </label>
              <div class="kern-hint" id="f-files-hint">
                {t('form.fileHint', { mb: p.maxUploadMb })}
              </div>
              <input
                class="kern-form-input__input"
                type="file"
                id="f-files"
                name="files"
                multiple
                aria-describedby="f-files-hint"
                accept="application/pdf,image/jpeg,image/png"
              />
            </div>
            <SubmitButton>{t('status.answerSubmit')}</SubmitButton>
          </form>
        </section>
      )}
      <section aria-labelledby="contact" class="journey-section">
        <h2 class="kern-heading-medium" id="contact">
          {t('journey.contact.heading')}
        </h2>
        <p class="kern-body">{t('journey.contact.text', { reference: a.reference })}</p>
        <DescriptionList rows={contactRows} />
      </section>
    </Layout>
  );
}

/** The back button after submitting: this application is sent; its status page, or a new one. */
export function AlreadySubmittedPage({
  ctx,
  org,
  service,
  statusPath,
  startNew,
}: {
  ctx: PageContext;
  org: Organization;
  service: Service;
  statusPath: string;
  startNew: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('journey.sent.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <p class="kern-preline">{textIn(service.definition.title, locale) || service.title}</p>
      <h1 class="kern-heading-large">{t('journey.sent.title')}</h1>
      <p class="kern-body">{t('journey.sent.text')}</p>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={statusPath}>
            {t('journey.sent.status')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={startNew}>
            {t('journey.sent.new')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
