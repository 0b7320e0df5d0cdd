import { Alert, CsrfField, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import { textIn } from '../../forms/index.ts';
import type { Service } from '../../services/index.ts';

/** The secret link to continue later; whoever has it can see and change the answers, so it is shown once, here. */
export function SavedPage({
  ctx,
  org,
  service,
  resumeUrl,
  expiresAt,
  mailed = false,
  email,
  emailError = false,
}: {
  ctx: PageContext;
  org: Organization;
  service: Service;
  resumeUrl: string;
  expiresAt: Date;
  /** The link was just sent by e-mail. */
  mailed?: boolean;
  /** What was typed into the e-mail field, shown again with the error. */
  email?: string;
  emailError?: boolean;
}) {
  const { t, locale } = ctx;
  const base = `/${org.slug}/leistungen/${service.slug}/antrag`;
  const error = emailError ? t('journey.resumeMail.invalid') : undefined;
  return (
    <Layout
      ctx={ctx}
      title={`${error ? `${t('errors.titlePrefix')} ` : ''}${t('resume.savedTitle')}`}
      org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}
    >
      <ErrorSummary t={t} errors={error ? [{ href: '#resume-email', text: error }] : []} />
      <p class="kern-preline">{textIn(service.definition.title, locale) || service.title}</p>
      <h1 class="kern-heading-large">{t('resume.savedTitle')}</h1>
      {mailed && (
        <Alert kind="success" title={t('journey.resumeMail.sent')}>
          <p class="kern-body">{t('journey.resumeMail.sentText')}</p>
        </Alert>
      )}
      <p class="kern-body">{t('resume.savedText', { date: formatDateTime(expiresAt, org.time_zone, locale, org) })}</p>
      <div class="kern-form-input">
        <label class="kern-label" for="resume-link">
          {t('resume.link')}
        </label>
        <input class="kern-form-input__input" id="resume-link" type="text" readOnly value={resumeUrl} aria-describedby="resume-hint" />
        <div class="kern-hint" id="resume-hint">
          {t('resume.keepSecret')}
        </div>
      </div>
      <p class="kern-body">
        <a class="kern-link" href={resumeUrl}>
          {t('resume.continueNow')}
        </a>
      </p>
      <section aria-labelledby="resume-mail" class="journey-section">
        <h2 class="kern-heading-medium" id="resume-mail">
          {t('journey.resumeMail.heading')}
        </h2>
        <form method="post" action={`${base}/gespeichert`} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id="resume-email"
            name="email"
            type="email"
            autocomplete="email"
            label={t('journey.resumeMail.label')}
            hint={t('journey.resumeMail.hint')}
            value={email}
            error={error}
            maxLength={254}
            required
          />
          <SubmitButton>{t('journey.resumeMail.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function ResumeExpiredPage({ ctx, org, start }: { ctx: PageContext; org: Organization; start: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resume.expiredTitle')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <h1 class="kern-heading-large">{t('resume.expiredTitle')}</h1>
      <Alert kind="warning" title={t('resume.expiredTitle')}>
        <p class="kern-body">{t('resume.expiredText')}</p>
      </Alert>
      <p class="kern-body">
        <a class="kern-link" href={start}>
          {t('resume.startAgain')}
        </a>
      </p>
    </Layout>
  );
}

export function ResumePage({ ctx, org, service, action }: { ctx: PageContext; org: Organization; service: Service; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resume.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <p class="kern-preline">{service.title}</p>
      <h1 class="kern-heading-large">{t('resume.title')}</h1>
      <p class="kern-body">{t('resume.text')}</p>
      <form method="post" action={action} class="stack">
        <CsrfField token={ctx.csrfToken} />
        <SubmitButton>{t('resume.continue')}</SubmitButton>
      </form>
    </Layout>
  );
}
