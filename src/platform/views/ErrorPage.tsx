import type { MessageKey } from '../i18n/index.ts';
import { Layout, type PageContext } from './layout.tsx';

export function ErrorPage({
  ctx,
  titleKey,
  status,
  detail,
  requestId,
}: {
  ctx: PageContext;
  titleKey: MessageKey;
  status: number;
  detail?: string;
  /** Quoted by the citizen to the office, it finds this request in the logs. */
  requestId: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(titleKey)}>
      <h1 class="kern-heading-large">{t(titleKey)}</h1>
      <p class="kern-body">{detail ?? t('errors.explanation')}</p>
      <p class="kern-body--small">{t('errors.statusCode', { status })}</p>
      <p class="kern-body--small">
        {t('operations.requestId')} <code>{requestId}</code>
      </p>
      <p>
        <a class="kern-link" href="/">
          {t('errors.backHome')}
        </a>
      </p>
    </Layout>
  );
}
