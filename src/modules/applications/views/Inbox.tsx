import { CsrfField, SelectInput, SubmitButton } from '../../../platform/views/components.tsx';
import { FieldShell, hintId } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import { STATUSES, type Status } from '../applications.ts';
import type { inbox } from '../applications.ts';

type InboxResult = Awaited<ReturnType<typeof inbox>>;

/** A state in the staff's words ("Wartet auf Antwort"), not the citizen's ("Rückfrage an Sie"). */
export const staffState = (t: Translate, status: Status) => t(`inbox.state.${status}`);

/** "Antwort eingegangen": the applicant answered, and no staff member has opened the case since. */
export function AnswerBadge({ t }: { t: Translate }) {
  return (
    <span class="kern-badge kern-badge--info kern-badge--small answer-badge">
      <span class="kern-label kern-label--small">{t('inbox.answerReceived')}</span>
    </span>
  );
}

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
    const merged = { q: result.q, status: result.status, leistung: result.service, sort: result.sort, dir: result.dir, seite: result.page, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && !(k === 'seite' && v === 1)) params.set(k, String(v));
    const q = params.toString();
    return `/verwaltung/${q ? `?${q}` : ''}`;
  };
  const serviceTitle = new Map(result.services.map((s) => [s.id, textIn(s.title, locale)]));
  const filtered = !!(result.q || result.status || result.service);
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
      <search aria-label={t('inbox.searchRegion')}>
        <form method="get" action="/verwaltung/" class="filter-bar inbox-search">
          <FieldShell id="f-q" label={t('inbox.search')} hint={t('inbox.searchHint')} class="inbox-search__text">
            <input class="kern-form-input__input" id="f-q" name="q" type="search" value={result.q} aria-describedby={hintId('f-q')} maxLength={100} />
          </FieldShell>
          <SelectInput
            id="f-status"
            name="status"
            label={t('inbox.filterStatus')}
            placeholder={t('inbox.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: staffState(t, s) }))}
            value={result.status}
          />
          <SelectInput
            id="f-service"
            name="leistung"
            label={t('inbox.service')}
            placeholder={t('inbox.allServices')}
            options={[...serviceTitle].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, locale))}
            value={result.service}
          />
          <input type="hidden" name="sort" value={result.sort} />
          <input type="hidden" name="dir" value={result.dir} />
          <SubmitButton variant="secondary">{t('inbox.filter')}</SubmitButton>
        </form>
        {filtered && (
          <p class="kern-body">
            <a class="kern-link" href={`/verwaltung/?sort=${result.sort}&dir=${result.dir}`}>
              {t('inbox.reset')}
            </a>
          </p>
        )}
      </search>
      {result.rows.length === 0 ? (
        <p class="kern-body">{filtered ? t('inbox.noMatch') : t('inbox.empty')}</p>
      ) : (
        <div class="kern-table-responsive">
          <table class="kern-table">
            <caption class="kern-sr-only">{t('inbox.caption')}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                {sortHeader('aktenzeichen', t('inbox.reference'))}
                <th class="kern-table__header" scope="col">
                  {t('inbox.service')}
                </th>
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
                    <a class="kern-link inbox-reference" href={`/verwaltung/vorgaenge/${r.id}`}>
                      {r.reference}
                    </a>
                  </td>
                  <td class="kern-table__cell">{serviceTitle.get(r.service_id) ?? '–'}</td>
                  <td class="kern-table__cell">{r.applicant_name}</td>
                  <td class="kern-table__cell">
                    {staffState(t, r.status)}
                    {r.unseen_answer && (
                      <>
                        {' '}
                        <AnswerBadge t={t} />
                      </>
                    )}
                  </td>
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
