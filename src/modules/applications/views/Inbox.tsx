import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, ScrollRegion, SelectInput, SubmitButton, type SummaryError } from '../../../platform/views/components.tsx';
import { ErrorMessage, FieldShell, hintId, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import { STATUSES, type Status } from '../applications.ts';
import type { InboxResult } from '../inbox.ts';

type Message = { key: MessageKey; params?: Record<string, string | number> };

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

/** "Überfällig" or "Bald fällig" beside a case's deadline. */
export function DeadlineBadge({ t, kind }: { t: Translate; kind: 'overdue' | 'soon' }) {
  return (
    <span class={`kern-badge kern-badge--${kind === 'overdue' ? 'danger' : 'warning'} kern-badge--small answer-badge deadline-badge`}>
      <span class="kern-label kern-label--small">{t(kind === 'overdue' ? 'worklist.due.overdue' : 'worklist.due.soon')}</span>
    </span>
  );
}

/** What a 422 keeps and says: the errors of the bulk form or the view form, and what was chosen or typed there. */
export interface InboxFormState {
  bulk?: { errors: Partial<Record<'cases' | 'assignee', Message>>; ids: string[]; assignee?: string };
  view?: { error: Message; name: string };
}

/** The inbox's address with these filters (empty values and the first page left out). */
export function inboxLink(filters: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '' && !(k === 'seite' && v === 1)) params.set(k, String(v));
  const q = params.toString();
  return `/verwaltung/${q ? `?${q}` : ''}`;
}

export function InboxPage({
  ctx,
  org,
  result,
  names,
  views,
  municipalities,
  notice,
  form = {},
}: {
  ctx: PageContext;
  org: Organization;
  result: InboxResult;
  /** Names of the staff the page mentions (assignees, substitutes, the people covered). */
  names: Map<string, string>;
  views: Array<{ id: string; name: string; filters: Record<string, string> }>;
  municipalities?: Organization[];
  notice?: string;
  form?: InboxFormState;
}) {
  const { t, locale } = ctx;
  const f = result.filters;
  const link = (changes: Record<string, string | number | undefined>) => inboxLink({ ...f, seite: result.page, ...changes });
  const current = new URLSearchParams(inboxLink(f).split('?')[1] ?? '').toString();
  const serviceTitle = new Map(result.services.map((s) => [s.id, textIn(s.title, locale)]));
  const stateLabel = new Map(result.states.map((s) => [s.id, textIn(s.label, locale)]));
  const filtered = !!(f.q || f.status || f.zustand || f.leistung || f.bearbeitung || f.frist);
  const errors: SummaryError[] = [
    ...(form.view ? [{ href: '#view-name', text: t(form.view.error.key, form.view.error.params) }] : []),
    ...(form.bulk?.errors.cases ? [{ href: '#bulk-cases', text: t(form.bulk.errors.cases.key, form.bulk.errors.cases.params) }] : []),
    ...(form.bulk?.errors.assignee ? [{ href: '#bulk-assignee', text: t(form.bulk.errors.assignee.key, form.bulk.errors.assignee.params) }] : []),
  ];
  const selected = new Set(form.bulk?.ids ?? []);
  const sortHeader = (key: string, label: string) => {
    const active = f.sort === key;
    const nextDir = active && f.dir === 'desc' ? 'asc' : 'desc';
    return (
      <th class="kern-table__header" scope="col" aria-sort={active ? (f.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a class="kern-link" href={link({ sort: key, dir: nextDir, seite: 1 })}>
          {label}
        </a>
      </th>
    );
  };
  const scopeLink = (bereich: string | undefined, label: string, active: boolean) => (
    <li key={bereich ?? 'all'}>
      <a class="kern-link" href={inboxLink({ bereich, sort: f.sort, dir: f.dir })} aria-current={active ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <Layout ctx={ctx} title={t('inbox.title')} area="backoffice">
      <ErrorSummary t={t} errors={errors} />
      <h1 class="kern-heading-large">{t('inbox.heading', { name: org.name })}</h1>
      {notice && <Alert kind="success" title={notice} />}
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
      <nav aria-label={t('worklist.scopes')}>
        <ul class="kern-list inline-list">
          {scopeLink(undefined, t('worklist.scope.all'), result.scope === 'all')}
          {scopeLink('meine', t('worklist.scope.mine'), result.scope === 'mine')}
          {result.teams.map((team) => scopeLink(team.id, t('worklist.scope.team', { name: team.name }), result.team?.id === team.id))}
        </ul>
      </nav>
      {result.scope === 'mine' && result.covered.length > 0 && (
        <p class="kern-body">{t('worklist.mineIntro', { names: result.covered.map((id) => names.get(id) ?? '–').join(', ') })}</p>
      )}
      <search aria-label={t('inbox.searchRegion')}>
        <form method="get" action="/verwaltung/" class="filter-bar inbox-search">
          <FieldShell id="f-q" label={t('inbox.search')} hint={t('worklist.searchHint')} class="inbox-search__text">
            <input class="kern-form-input__input" id="f-q" name="q" type="search" value={f.q} aria-describedby={hintId('f-q')} maxLength={100} />
          </FieldShell>
          <SelectInput
            id="f-status"
            name="status"
            label={t('inbox.filterStatus')}
            placeholder={t('inbox.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: staffState(t, s) }))}
            value={f.status}
          />
          {result.states.length > 0 && (
            <SelectInput
              id="f-state"
              name="zustand"
              label={t('worklist.filterState')}
              placeholder={t('worklist.allStates')}
              options={result.states.map((s) => ({ value: s.id, label: textIn(s.label, locale) }))}
              value={f.zustand}
            />
          )}
          <SelectInput
            id="f-service"
            name="leistung"
            label={t('inbox.service')}
            placeholder={t('inbox.allServices')}
            options={[...serviceTitle].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, locale))}
            value={f.leistung}
          />
          <SelectInput
            id="f-assignee"
            name="bearbeitung"
            label={t('worklist.filterAssignee')}
            placeholder={t('worklist.allAssignees')}
            options={[{ value: 'niemand', label: t('worklist.unassigned') }, ...result.assigneeOptions.map((a) => ({ value: a.id, label: a.name }))]}
            value={f.bearbeitung}
          />
          <SelectInput
            id="f-due"
            name="frist"
            label={t('worklist.filterDue')}
            placeholder={t('worklist.allDue')}
            options={[
              { value: 'ueberfaellig', label: t('worklist.due.overdue') },
              { value: 'bald', label: t('worklist.due.soon') },
            ]}
            value={f.frist}
          />
          {f.bereich && <input type="hidden" name="bereich" value={f.bereich} />}
          <input type="hidden" name="sort" value={f.sort} />
          <input type="hidden" name="dir" value={f.dir} />
          <SubmitButton variant="secondary">{t('inbox.filter')}</SubmitButton>
        </form>
        {filtered && (
          <p class="kern-body">
            <a class="kern-link" href={inboxLink({ bereich: f.bereich, sort: f.sort, dir: f.dir })}>
              {t('inbox.reset')}
            </a>
          </p>
        )}
      </search>
      {result.rows.length === 0 ? (
        <p class="kern-body">{filtered ? t('inbox.noMatch') : t('inbox.empty')}</p>
      ) : (
        <form method="post" action="/verwaltung/zuweisen" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ansicht" value={current} />
          <ScrollRegion label={t('inbox.caption')}>
            <table class="kern-table" id="bulk-cases">
              <caption class="kern-sr-only">{t('inbox.caption')}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">
                    <span class="kern-sr-only">{t('worklist.selectColumn')}</span>
                  </th>
                  {sortHeader('aktenzeichen', t('inbox.reference'))}
                  <th class="kern-table__header" scope="col">
                    {t('inbox.service')}
                  </th>
                  {sortHeader('name', t('inbox.applicant'))}
                  {sortHeader('status', t('inbox.status'))}
                  {sortHeader('frist', t('worklist.dueAt'))}
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
                      <div class="kern-form-check">
                        <input class="kern-form-check__checkbox" type="checkbox" id={`sel-${r.id}`} name="ids" value={r.id} checked={selected.has(r.id)} />
                        <label class="kern-label" for={`sel-${r.id}`}>
                          <span class="kern-sr-only">{t('worklist.select', { reference: r.reference })}</span>
                        </label>
                      </div>
                    </td>
                    <th class="kern-table__header" scope="row">
                      <a class="kern-link inbox-reference" href={`/verwaltung/vorgaenge/${r.id}`}>
                        {r.reference}
                      </a>
                    </th>
                    <td class="kern-table__cell">{serviceTitle.get(r.service_id) ?? '–'}</td>
                    <td class="kern-table__cell">{r.applicant_name}</td>
                    <td class="kern-table__cell">
                      {staffState(t, r.status)}
                      {r.workflow_state && stateLabel.has(r.workflow_state) && (
                        <span class="kern-body--small state-step"> · {stateLabel.get(r.workflow_state)}</span>
                      )}
                      {r.unseen_answer && (
                        <>
                          {' '}
                          <AnswerBadge t={t} />
                        </>
                      )}
                    </td>
                    <td class="kern-table__cell">
                      {r.due_at ? formatDateTime(new Date(r.due_at), org.time_zone, locale, org) : t('worklist.noDue')}
                      {r.deadline && (
                        <>
                          {' '}
                          <DeadlineBadge t={t} kind={r.deadline} />
                        </>
                      )}
                    </td>
                    <td class="kern-table__cell">{formatDateTime(new Date(r.submitted_at), org.time_zone, locale, org)}</td>
                    <td class="kern-table__cell">
                      {r.assigned_to ? (names.get(r.assigned_to) ?? '–') : '–'}
                      {r.substitute && <span class="kern-body--small substitute"> ({t('worklist.substitute', { name: names.get(r.substitute) ?? '–' })})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <ErrorMessage id="bulk-cases-error" text={form.bulk?.errors.cases && t(form.bulk.errors.cases.key, form.bulk.errors.cases.params)} />
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t('worklist.bulk.legend')}</legend>
            <div class="kern-fieldset__body filter-bar">
              <SelectInput
                id="bulk-assignee"
                name="assignee"
                label={t('worklist.bulk.assignee')}
                placeholder={t('worklist.bulk.choose')}
                options={result.assigneeOptions.map((a) => ({ value: a.id, label: a.name }))}
                value={form.bulk?.assignee}
                error={form.bulk?.errors.assignee && t(form.bulk.errors.assignee.key, form.bulk.errors.assignee.params)}
              />
              <button type="submit" class="kern-btn kern-btn--primary" name="aktion" value="zuweisen">
                <span class="kern-label">{t('worklist.bulk.assign')}</span>
              </button>
              <button type="submit" class="kern-btn kern-btn--secondary" name="aktion" value="uebernehmen">
                <span class="kern-label">{t('worklist.bulk.take')}</span>
              </button>
            </div>
          </fieldset>
        </form>
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
      <section aria-labelledby="views-heading" class="stack">
        <h2 class="kern-heading-medium" id="views-heading">
          {t('worklist.views.heading')}
        </h2>
        {views.length === 0 ? (
          <p class="kern-body">{t('worklist.views.none')}</p>
        ) : (
          <ul class="kern-list saved-views">
            {views.map((v) => (
              <li key={v.id}>
                <a class="kern-link" href={inboxLink(v.filters)}>
                  {v.name}
                </a>{' '}
                <form method="post" action={`/verwaltung/ansichten/${v.id}/loeschen`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">
                    <span class="kern-label">{t('worklist.views.delete', { name: v.name })}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action="/verwaltung/ansichten" class="filter-bar" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ansicht" value={current} />
          <FieldShell
            id="view-name"
            label={t('worklist.views.name')}
            hint={t('worklist.views.nameHint')}
            error={form.view && t(form.view.error.key, form.view.error.params)}
          >
            <input
              class={withError('kern-form-input__input', form.view)}
              id="view-name"
              name="name"
              type="text"
              value={form.view?.name ?? ''}
              maxLength={200}
              aria-describedby={shellDescribedBy('view-name', { hint: true, error: form.view })}
              aria-invalid={form.view ? 'true' : undefined}
            />
          </FieldShell>
          <SubmitButton variant="secondary">{t('worklist.views.save')}</SubmitButton>
        </form>
      </section>
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
