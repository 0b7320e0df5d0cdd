import { CsrfField, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import { STATUSES } from '../applications.ts';
import type { inbox } from '../applications.ts';

type InboxResult = Awaited<ReturnType<typeof inbox>>;

export function InboxPage({
  ctx,
  org,
  result,
  assignees,
  municipalities,
}: {
  ctx: PageContext;
  org: Organization;
  result: InboxResult;
  assignees: Map<string, string>;
  municipalities?: Organization[];
}) {
  const { t, locale } = ctx;
  const link = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const merged = { status: result.status, sort: result.sort, dir: result.dir, seite: result.page, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && !(k === 'seite' && v === 1)) params.set(k, String(v));
    const q = params.toString();
    return `/verwaltung/${q ? `?${q}` : ''}`;
  };
  const sortHeader = (key: string, label: string) => {
    const active = result.sort === key;
    const nextDir = active && result.dir === 'desc' ? 'asc' : 'desc';
    return (
      <th class="kern-table__header" scope="col" aria-sort={active ? (result.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a class="kern-link" href={link({ sort: key, dir: nextDir, seite: 1 })}>
          {label}
        </a>
      </th>
    );
  };
  return (
    <Layout ctx={ctx} title={t('inbox.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('inbox.heading', { name: org.name })}</h1>
      {municipalities && (
        <form method="post" action="/verwaltung/kommune" class="filter-bar">
          <CsrfField token={ctx.csrfToken} />
          <div class="kern-form-input">
            <label class="kern-label" for="f-municipality">
              {t('inbox.municipality')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="f-municipality" name="municipality">
                {municipalities.map((m) => (
                  <option key={m.id} value={m.id} selected={m.id === org.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <SubmitButton variant="secondary">{t('inbox.switch')}</SubmitButton>
        </form>
      )}
      <form method="get" action="/verwaltung/" class="filter-bar">
        <div class="kern-form-input">
          <label class="kern-label" for="f-status">
            {t('inbox.filterStatus')}
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="f-status" name="status">
              <option value="">{t('inbox.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s} selected={result.status === s}>
                  {t(`status.value.${s}` as never)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <input type="hidden" name="sort" value={result.sort} />
        <input type="hidden" name="dir" value={result.dir} />
        <SubmitButton variant="secondary">{t('inbox.filter')}</SubmitButton>
      </form>
      {result.rows.length === 0 ? (
        <p class="kern-body">{t('inbox.empty')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table">
            <caption class="kern-sr-only">{t('inbox.caption')}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                {sortHeader('aktenzeichen', t('inbox.reference'))}
                {sortHeader('name', t('inbox.applicant'))}
                {sortHeader('status', t('inbox.status'))}
                {sortHeader('eingang', t('inbox.submittedAt'))}
                <th class="kern-table__header" scope="col">
                  {t('inbox.assignee')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {result.rows.map((r) => (
                <tr class="kern-table__row" key={r.id}>
                  <td class="kern-table__cell">
                    <a class="kern-link" href={`/verwaltung/vorgaenge/${r.id}`}>
                      {r.reference}
                    </a>
                  </td>
                  <td class="kern-table__cell">{r.applicant_name}</td>
                  <td class="kern-table__cell">{t(`status.value.${r.status}` as never)}</td>
                  <td class="kern-table__cell">{formatDateTime(new Date(r.submitted_at), org.time_zone, locale, org)}</td>
                  <td class="kern-table__cell">{r.assigned_to ? (assignees.get(r.assigned_to) ?? '–') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t('inbox.pages')} class="pagination">
        {result.page > 1 && (
          <a class="kern-link" href={link({ seite: result.page - 1 })}>
            {t('inbox.previous')}
          </a>
        )}
        {result.hasMore && (
          <a class="kern-link" href={link({ seite: result.page + 1 })}>
            {t('inbox.next')}
          </a>
        )}
      </nav>
    </Layout>
  );
}

export function ChooseMunicipalityPage({ ctx, municipalities }: { ctx: PageContext; municipalities: Organization[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('inbox.chooseTitle')} area="backoffice">
      <h1 class="kern-heading-large">{t('inbox.chooseTitle')}</h1>
      <form method="post" action="/verwaltung/kommune" class="stack">
        <CsrfField token={ctx.csrfToken} />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('inbox.municipality')}</legend>
          <div class="kern-fieldset__body">
            {municipalities.map((m, i) => (
              <div class="kern-form-check" key={m.id}>
                <input class="kern-form-check__radio" type="radio" id={`m-${i}`} name="municipality" value={m.id} checked={i === 0} />
                <label class="kern-label" for={`m-${i}`}>
                  {m.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <SubmitButton>{t('inbox.switch')}</SubmitButton>
      </form>
    </Layout>
  );
}
