// The case page's sections of case work: the applicant's other cases, internal notes, internal tasks and the
// handover, each with its form. The forms are also shown alone (with their errors) when input is refused.
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, ScrollRegion, SelectInput, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { HandoverErrors, HandoverInput, NoteErrors, TaskErrors, TaskInput } from '../schema.ts';
import type { CaseWorkData } from '../sections.ts';

type Org = Pick<Organization, 'time_zone' | 'country' | 'currency'>;
const caseBase = (id: string) => `/verwaltung/vorgaenge/${id}`;

export function NoteForm({ ctx, applicationId, value, errors = {} }: { ctx: PageContext; applicationId: string; value?: string; errors?: NoteErrors }) {
  const { t } = ctx;
  return (
    <form method="post" action={`${caseBase(applicationId)}/notizen`} class="stack" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <TextArea
        id="f-note"
        name="note"
        label={t('casework.notes.label')}
        hint={t('casework.notes.hint')}
        value={value}
        error={errors.note && t(errors.note)}
        required
      />
      <SubmitButton variant="secondary">{t('casework.notes.submit')}</SubmitButton>
    </form>
  );
}

export function TaskForm(p: { ctx: PageContext; applicationId: string; staff: Array<{ id: string; name: string }>; values?: TaskInput; errors?: TaskErrors }) {
  const { t } = p.ctx;
  const e = p.errors ?? {};
  return (
    <form method="post" action={`${caseBase(p.applicationId)}/aufgaben`} class="stack" novalidate>
      <CsrfField token={p.ctx.csrfToken} />
      <TextInput id="f-task-title" name="title" label={t('casework.tasks.title')} value={p.values?.title} error={e.title && t(e.title)} required />
      <SelectInput
        id="f-task-assignee"
        name="assignee"
        label={t('casework.tasks.assignee')}
        placeholder={t('casework.tasks.choose')}
        options={p.staff.map((s) => ({ value: s.id, label: s.name }))}
        value={p.values?.assignee}
        error={e.assignee && t(e.assignee)}
      />
      <TextInput
        id="f-task-due"
        name="due"
        type="date"
        label={t('casework.tasks.due')}
        hint={t('casework.tasks.dueHint')}
        value={p.values?.due}
        error={e.due && t(e.due)}
        required
      />
      <SubmitButton variant="secondary">{t('casework.tasks.submit')}</SubmitButton>
    </form>
  );
}

export function HandoverForm(p: {
  ctx: PageContext;
  applicationId: string;
  targets: CaseWorkData['targets'];
  values?: HandoverInput;
  errors?: HandoverErrors;
  params?: Record<string, string>;
}) {
  const { t } = p.ctx;
  const e = p.errors ?? {};
  return (
    <form method="post" action={`${caseBase(p.applicationId)}/abgabe`} class="stack" novalidate>
      <CsrfField token={p.ctx.csrfToken} />
      <SelectInput
        id="f-handover-target"
        name="target"
        label={t('casework.handover.target')}
        placeholder={t('casework.tasks.choose')}
        options={p.targets.map((o) => ({ value: o.id, label: o.kind === 'region' ? t('casework.handover.region', { name: o.name }) : o.name }))}
        value={p.values?.target}
        error={e.target && t(e.target, p.params)}
      />
      <TextArea
        id="f-handover-note"
        name="note"
        label={t('casework.handover.note')}
        hint={t('casework.handover.noteHint')}
        value={p.values?.note}
        error={e.note && t(e.note)}
        required
      />
      <SubmitButton variant="secondary">{t('casework.handover.submit')}</SubmitButton>
    </form>
  );
}

/** A form alone on its page: shown when its input was refused (422), every typed value kept. */
export function CaseFormPage(p: {
  ctx: PageContext;
  reference: string;
  applicationId: string;
  heading: MessageKey;
  errors: Array<{ href: string; text: string }>;
  children: ComponentChildren;
}) {
  const { t } = p.ctx;
  const title = `${p.errors.length ? `${t('errors.titlePrefix')} ` : ''}${t(p.heading)} – ${p.reference}`;
  return (
    <Layout ctx={p.ctx} title={title} area="backoffice">
      {p.errors.length > 0 && <ErrorSummary t={t} errors={p.errors} />}
      <p>
        <a class="kern-link" href={caseBase(p.applicationId)}>
          {t('casework.backToCase', { reference: p.reference })}
        </a>
      </p>
      <h1 class="kern-heading-large">
        {t(p.heading)} – {p.reference}
      </h1>
      {p.children}
    </Layout>
  );
}

function stateOf(ctx: PageContext, c: { status: string; closedAt: Date | null }) {
  if (c.closedAt && (c.status === 'submitted' || c.status === 'in_review' || c.status === 'awaiting_applicant')) return ctx.t('casework.state.closed');
  return ctx.t(`inbox.state.${c.status}` as MessageKey);
}

/** Everything of case work on the case page, after the case's own data. */
export function CaseWork({ ctx, org, data }: { ctx: PageContext; org: Org; data: CaseWorkData }) {
  const { t, locale } = ctx;
  const base = caseBase(data.applicationId);
  const when = (d: Date) => formatDateTime(d, org.time_zone, locale, org);
  const day = (iso: string) => formatDate(iso, locale, org);
  const name = (id: string) => data.names.get(id) ?? '–';
  return (
    <div class="stack casework">
      {data.handovers.map((h) => (
        <section aria-labelledby={`casework-handover-${h.direction}`} key={h.direction}>
          <h2 class="kern-heading-medium" id={`casework-handover-${h.direction}`}>
            {t(h.direction === 'out' ? 'casework.handover.outHeading' : 'casework.handover.inHeading')}
          </h2>
          <p class="kern-body">
            {t(h.direction === 'out' ? 'casework.handover.outText' : 'casework.handover.inText', { organization: h.organization.name, date: when(h.at) })}{' '}
            {h.reference ? (
              <>
                {t('casework.handover.referenceThere')}{' '}
                {h.direction === 'out' && h.organization.slug ? (
                  <a class="kern-link" href={`/${h.organization.slug}/`}>
                    {h.reference}
                  </a>
                ) : (
                  <span class="reference">{h.reference}</span>
                )}
              </>
            ) : (
              t('casework.handover.pending')
            )}
          </p>
          <p class="kern-body kern-preline-text">
            {t('casework.handover.noteIs')} {h.note}
          </p>
        </section>
      ))}

      <section aria-labelledby="casework-others">
        <h2 class="kern-heading-medium" id="casework-others">
          {t('casework.others.heading')}
        </h2>
        {data.otherCases.length === 0 ? (
          <p class="kern-body">{t('casework.others.none')}</p>
        ) : (
          <ScrollRegion label={t('casework.others.heading')}>
            <table class="kern-table">
              <caption class="kern-sr-only">{t('casework.others.heading')}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.reference')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.service')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.state')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.submitted')}
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {data.otherCases.map((c) => (
                  <tr class="kern-table__row" key={c.id}>
                    <th class="kern-table__header" scope="row">
                      <a class="kern-link" href={caseBase(c.id)}>
                        {c.reference}
                      </a>
                    </th>
                    <td class="kern-table__cell">{textIn(c.serviceTitle, locale)}</td>
                    <td class="kern-table__cell">{stateOf(ctx, c)}</td>
                    <td class="kern-table__cell">{when(c.submittedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="casework-notes">
        <h2 class="kern-heading-medium" id="casework-notes">
          {t('casework.notes.heading')}
        </h2>
        <p class="kern-body kern-body--small">{t('casework.notes.internal')}</p>
        {data.notes.length === 0 ? (
          <p class="kern-body">{t('casework.notes.none')}</p>
        ) : (
          <ul class="kern-list casework-notes">
            {data.notes.map((n) => (
              <li key={n.id}>
                <p class="kern-body--small">
                  {name(n.authorId)} · {when(n.createdAt)}
                </p>
                <p class="kern-body kern-preline-text">{n.body}</p>
              </li>
            ))}
          </ul>
        )}
        <h3 class="kern-heading-small">{t('casework.notes.add')}</h3>
        <NoteForm ctx={ctx} applicationId={data.applicationId} />
      </section>

      <section aria-labelledby="casework-tasks">
        <h2 class="kern-heading-medium" id="casework-tasks">
          {t('casework.tasks.heading')}
        </h2>
        {data.tasks.length === 0 ? (
          <p class="kern-body">{t('casework.tasks.none')}</p>
        ) : (
          <ScrollRegion label={t('casework.tasks.heading')}>
            <table class="kern-table">
              <caption class="kern-sr-only">{t('casework.tasks.heading')}</caption>
              <thead class="kern-table__head">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">
                    {t('casework.tasks.title')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.tasks.assignee')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.tasks.due')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.state')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('casework.col.action')}
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {data.tasks.map((task) => (
                  <tr class="kern-table__row" key={task.id}>
                    <th class="kern-table__header" scope="row">
                      {task.title}
                    </th>
                    <td class="kern-table__cell">{name(task.assigneeId)}</td>
                    <td class="kern-table__cell">
                      {day(task.due)} {task.overdue && <OverdueBadge ctx={ctx} />}
                    </td>
                    <td class="kern-table__cell">{task.completedAt ? t('casework.tasks.done') : t('casework.tasks.open')}</td>
                    <td class="kern-table__cell">
                      <form method="post" action={`${base}/aufgaben/${task.id}`}>
                        <CsrfField token={ctx.csrfToken} />
                        <input type="hidden" name="erledigt" value={task.completedAt ? '0' : '1'} />
                        <button class="kern-btn kern-btn--tertiary" type="submit">
                          <span class="kern-label">{task.completedAt ? t('casework.tasks.reopen') : t('casework.tasks.complete')}</span>
                          <span class="kern-sr-only">: {task.title}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <h3 class="kern-heading-small">{t('casework.tasks.add')}</h3>
        <TaskForm ctx={ctx} applicationId={data.applicationId} staff={data.staff} />
      </section>

      {data.open && data.targets.length > 0 && (
        <section aria-labelledby="casework-handover">
          <h2 class="kern-heading-medium" id="casework-handover">
            {t('casework.handover.heading')}
          </h2>
          <p class="kern-body">{t('casework.handover.intro')}</p>
          <HandoverForm ctx={ctx} applicationId={data.applicationId} targets={data.targets} />
        </section>
      )}
    </div>
  );
}

export function OverdueBadge({ ctx }: { ctx: PageContext }) {
  return (
    <span class="kern-badge kern-badge--danger kern-badge--small">
      <span class="kern-label kern-label--small">{ctx.t('casework.overdue')}</span>
    </span>
  );
}
