import { Alert, CsrfField, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';

/** The secret link to continue later; whoever has it can see and change the answers, so it is shown once, here. */
export function SavedPage({
  ctx,
  org,
  service,
  resumeUrl,
  expiresAt,
}: {
  ctx: PageContext;
  org: Organization;
  service: Service;
  resumeUrl: string;
  expiresAt: Date;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('resume.savedTitle')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <p class="kern-preline">{service.title}</p>
      <h1 class="kern-heading-large">{t('resume.savedTitle')}</h1>
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
