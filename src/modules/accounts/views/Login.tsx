import { Alert, CsrfField, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';

export function LoginPage({
  ctx,
  email,
  next,
  error,
  signedOut,
  passwordSet,
}: {
  ctx: PageContext;
  email?: string;
  /** The staff page to return to after signing in (already checked to be one of this site's). */
  next?: string;
  error?: 'invalid' | 'locked' | 'missing';
  signedOut?: boolean;
  passwordSet?: boolean;
}) {
  const { t } = ctx;
  const message = error === 'locked' ? t('login.locked') : error === 'missing' ? t('login.missing') : error ? t('login.invalid') : undefined;
  return (
    <Layout ctx={ctx} title={t('login.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('login.title')}</h1>
      {signedOut && <Alert kind="success" title={t('login.signedOut')} />}
      {passwordSet && <Alert kind="success" title={t('accounts.link.done')} />}
      {message && <ErrorSummary t={t} errors={[{ href: '#f-email', text: message }]} />}
      <form method="post" action="/verwaltung/anmelden" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {next && <input type="hidden" name="weiter" value={next} />}
        <TextInput id="f-email" name="email" type="email" label={t('login.email')} value={email} error={message} required autocomplete="username" />
        <TextInput id="f-password" name="password" type="password" label={t('login.password')} required autocomplete="current-password" />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <a class="kern-link" href="/verwaltung/passwort-vergessen">
          {t('accounts.forgot.link')}
        </a>
      </p>
    </Layout>
  );
}
