// The audit log page: the chain check on top, the filter form (GET, works without JavaScript), the entries
// newest first, and a page navigation whose links keep the filters.
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Alert, DataTable, ErrorSummary, fieldSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { ChainState, LogPage } from '../auditlog.ts';
import { type FilterErrors, type FilterField, type FilterValues, MAX_FILTER_LENGTH } from '../schema.ts';

export const LOG_PATH = '/verwaltung/protokoll';

const FIELD_IDS: Record<FilterField, string> = { objekttyp: 'f-object-type', objekt: 'f-object-id', person: 'f-actor', von: 'f-from', bis: 'f-to' };

/** The log's address with these filters (and page); empty filters are left out. */
export function logHref(values: FilterValues, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  if (page && page > 1) params.set('seite', String(page));
  const query = params.toString();
  return query ? `${LOG_PATH}?${query}` : LOG_PATH;
}

const CHAIN_PROBLEM: Record<string, MessageKey> = {
  changed: 'auditlog.chain.changed',
  missing: 'auditlog.chain.missing',
  'head-mismatch': 'auditlog.chain.head',
};

function ChainAlert({ ctx, chain, timeZone, country }: { ctx: PageContext; chain: ChainState; timeZone: string; country: 'DE' | 'CH' }) {
  const { t, locale } = ctx;
  const fullCheck = t('auditlog.chain.fullCheck', { time: formatDateTime(chain.fullCheckAt, timeZone, locale, { country }) });
  if (chain.ok) {
    const title = chain.entries === 1 ? t('auditlog.chain.okOne') : t('auditlog.chain.ok', { count: formatNumber(chain.entries, locale) });
    return (
      <Alert kind="success" title={title}>
        <p class="kern-body">{fullCheck}</p>
      </Alert>
    );
  }
  return (
    <Alert kind="danger" title={t('auditlog.chain.broken')}>
      <p class="kern-body">{t(CHAIN_PROBLEM[chain.first.problem]!, { seq: chain.first.seq })}</p>
      {chain.more > 0 && <p class="kern-body">{t('auditlog.chain.more', { count: chain.more })}</p>}
      <p class="kern-body">{t('auditlog.chain.advice')}</p>
      <p class="kern-body">{fullCheck}</p>
    </Alert>
  );
}

export function AuditLogPage({
  ctx,
  tenantName,
  timeZone,
  country,
  chain,
  values,
  errors = {},
  log,
}: {
  ctx: PageContext;
  tenantName: string;
  timeZone: string;
  country: 'DE' | 'CH';
  chain: ChainState;
  values: FilterValues;
  errors?: FilterErrors;
  /** Absent when the filters could not be read. */
  log?: LogPage;
}) {
  const { t, locale } = ctx;
  const message = (key: NonNullable<FilterErrors[FilterField]>) => t(key, { max: MAX_FILTER_LENGTH });
  const summary = fieldSummary(FIELD_IDS, errors, message);
  const errorOf = (field: FilterField) => {
    const key = errors[field];
    return key && message(key);
  };
  const dateHint = t('auditlog.filter.dateHint', { zone: timeZone });
  return (
    <Layout ctx={ctx} title={`${summary.length ? `${t('errors.titlePrefix')} ` : ''}${t('auditlog.title')}`} area="backoffice">
      <ErrorSummary t={t} errors={summary} />
      <h1 class="kern-heading-large">{t('auditlog.heading', { name: tenantName })}</h1>
      <ChainAlert ctx={ctx} chain={chain} timeZone={timeZone} country={country} />
      <p class="kern-body">{t('auditlog.intro')}</p>
      <section aria-labelledby="filter-heading">
        <h2 class="kern-heading-medium" id="filter-heading">
          {t('auditlog.filter.heading')}
        </h2>
        <form method="get" action={LOG_PATH} class="stack" novalidate>
          <TextInput
            id={FIELD_IDS.objekttyp}
            name="objekttyp"
            label={t('auditlog.filter.objectType')}
            hint={t('auditlog.filter.objectTypeHint')}
            value={values.objekttyp}
            error={errorOf('objekttyp')}
            autocomplete="off"
          />
          <TextInput
            id={FIELD_IDS.objekt}
            name="objekt"
            label={t('auditlog.filter.objectId')}
            value={values.objekt}
            error={errorOf('objekt')}
            autocomplete="off"
          />
          <TextInput
            id={FIELD_IDS.person}
            name="person"
            label={t('auditlog.filter.actor')}
            hint={t('auditlog.filter.actorHint')}
            value={values.person}
            error={errorOf('person')}
            autocomplete="off"
          />
          <TextInput
            id={FIELD_IDS.von}
            name="von"
            label={t('auditlog.filter.from')}
            hint={dateHint}
            value={values.von}
            error={errorOf('von')}
            autocomplete="off"
          />
          <TextInput
            id={FIELD_IDS.bis}
            name="bis"
            label={t('auditlog.filter.to')}
            hint={dateHint}
            value={values.bis}
            error={errorOf('bis')}
            autocomplete="off"
          />
          <SubmitButton>{t('auditlog.filter.submit')}</SubmitButton>
        </form>
        <p>
          <a class="kern-link" href={LOG_PATH}>
            {t('auditlog.filter.reset')}
          </a>
        </p>
      </section>
      {log && (
        <section aria-labelledby="entries-heading">
          <h2 class="kern-heading-medium" id="entries-heading">
            {log.total === 1 ? t('auditlog.countOne') : t('auditlog.count', { count: formatNumber(log.total, locale) })}
          </h2>
          {log.entries.length === 0 ? (
            <p class="kern-body">{t('auditlog.empty')}</p>
          ) : (
            <DataTable
              caption={t('auditlog.caption')}
              headers={[t('auditlog.col.seq'), t('auditlog.col.time'), t('auditlog.col.actor'), t('auditlog.col.action'), t('auditlog.col.object')]}
              rows={log.entries.map((e) => ({
                key: String(e.seq),
                cells: [
                  String(e.seq),
                  formatDateTime(e.occurredAt, timeZone, locale, { country }),
                  <a
                    class="kern-link"
                    href={logHref({ person: e.actor })}
                    aria-label={t('auditlog.actor.filter', { actor: e.actorName ?? e.actor })}
                    title={e.actor}
                  >
                    {e.actorName ?? e.actor}
                  </a>,
                  <code>{e.action}</code>,
                  <a class="kern-link" href={logHref({ objekttyp: e.objectType, objekt: e.objectId })}>
                    {e.objectType} {e.objectId}
                  </a>,
                ],
              }))}
            />
          )}
          {log.pages > 1 && (
            <nav aria-label={t('auditlog.pages')} class="pagination">
              {log.page > 1 && (
                <a class="kern-link" href={logHref(values, log.page - 1)} rel="prev">
                  {t('auditlog.previous')}
                </a>
              )}
              <span class="kern-body" aria-current="page">
                {t('auditlog.page', { page: log.page, pages: log.pages })}
              </span>
              {log.page < log.pages && (
                <a class="kern-link" href={logHref(values, log.page + 1)} rel="next">
                  {t('auditlog.next')}
                </a>
              )}
            </nav>
          )}
        </section>
      )}
    </Layout>
  );
}
