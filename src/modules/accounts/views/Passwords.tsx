// Setting a password through a one-time link, asking for one, and one's own account with password and sessions.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, DataTable, ErrorSummary, fieldSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { FieldErrors } from '../passwords.ts';

const IDS = { current: 'f-current', password: 'f-password', repeat: 'f-repeat' } as const;
const summaryOf = (ctx: PageContext, errors: FieldErrors) => fieldSummary(IDS, errors, (key: MessageKey) => ctx.t(key));

function NewPasswordFields({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        id={IDS.password}
        name="password"
        type="password"
        label={t('accounts.field.password')}
        hint={t('accounts.field.passwordHint')}
        error={errors.password && t(errors.password)}
        required
        autocomplete="new-password"
      />
      <TextInput
        id={IDS.repeat}
        name="repeat"
        type="password"
        label={t('accounts.field.repeat')}
        error={errors.repeat && t(errors.repeat)}
        required
        autocomplete="new-password"
      />
    </>
  );
}

export function SetPasswordPage({
  ctx,
  token,
  name,
  email,
  errors = {},
}: {
  ctx: PageContext;
  token: string;
  name: string;
  email: string;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.link.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      <h1 class="kern-heading-large">{t('accounts.link.title')}</h1>
      <p class="kern-body">{t('accounts.link.intro', { name })}</p>
      <form method="post" action={`/verwaltung/passwort-setzen/${token}`} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <NewPasswordFields ctx={ctx} errors={errors} />
        <SubmitButton>{t('accounts.link.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function LinkGonePage({ ctx, reason }: { ctx: PageContext; reason: 'invalid' | 'used' | 'expired' }) {
  const { t } = ctx;
  const title = t(`accounts.link.${reason}` as MessageKey);
  return (
    <Layout ctx={ctx} title={title} area="backoffice">
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('accounts.link.askAgain')}</p>
      <p>
        <a class="kern-link" href="/verwaltung/passwort-vergessen">
          {t('accounts.forgot.title')}
        </a>
      </p>
    </Layout>
  );
}

export function ForgotPage({ ctx, sent, email, error }: { ctx: PageContext; sent?: boolean; email?: string; error?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.forgot.title')} area="backoffice">
      {error && <ErrorSummary t={t} errors={[{ href: '#f-email', text: t(error) }]} />}
      {sent && <Alert kind="success" title={t('accounts.forgot.sent')} />}
      <h1 class="kern-heading-large">{t('accounts.forgot.title')}</h1>
      <p class="kern-body">{t('accounts.forgot.intro')}</p>
      <form method="post" action="/verwaltung/passwort-vergessen" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput id="f-email" name="email" type="email" label={t('login.email')} value={email} error={error && t(error)} required autocomplete="username" />
        <SubmitButton>{t('accounts.forgot.submit')}</SubmitButton>
      </form>
      <p>
        <a class="kern-link" href="/verwaltung/anmelden">
          {t('login.title')}
        </a>
      </p>
    </Layout>
  );
}

export interface SessionItem {
  id: string;
  since: string;
  until: string;
  browser: string;
  current: boolean;
}

export function OwnAccountPage({
  ctx,
  email,
  sessions,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  email: string;
  sessions: SessionItem[];
  errors?: FieldErrors;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.own.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('accounts.own.title')}</h1>
      <section aria-labelledby="password-heading">
        <h2 class="kern-heading-medium" id="password-heading">
          {t('accounts.own.passwordHeading')}
        </h2>
        <p class="kern-body">{t('accounts.own.passwordHint')}</p>
        <form method="post" action="/verwaltung/konto/passwort" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="username" value={email} autocomplete="username" />
          <TextInput
            id={IDS.current}
            name="current"
            type="password"
            label={t('accounts.field.current')}
            error={errors.current && t(errors.current)}
            required
            autocomplete="current-password"
          />
          <NewPasswordFields ctx={ctx} errors={errors} />
          <SubmitButton>{t('accounts.own.passwordSubmit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 class="kern-heading-medium" id="sessions-heading">
          {t('accounts.own.sessionsHeading')}
        </h2>
        <DataTable
          caption={t('accounts.own.sessionsHeading')}
          headers={[t('accounts.own.col.since'), t('accounts.own.col.browser'), t('accounts.own.col.until'), t('accounts.own.end')]}
          rows={sessions.map((s) => ({
            key: s.id,
            cells: [
              s.since,
              s.browser || t('accounts.own.unknownBrowser'),
              s.until,
              s.current ? (
                <strong>{t('accounts.own.current')}</strong>
              ) : (
                <form method="post" action={`/verwaltung/konto/sitzungen/${s.id}/beenden`}>
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small" aria-label={t('accounts.own.endLabel', { since: s.since })}>
                    <span class="kern-label">{t('accounts.own.end')}</span>
                  </button>
                </form>
              ),
            ],
          }))}
        />
      </section>
    </Layout>
  );
}
