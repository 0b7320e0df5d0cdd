// Pages of case work outside the case: "Meine Aufgaben" and the management view. Plain tables, no JavaScript.
import { formatDate, formatDateTime, formatNumber } from '../../../platform/i18n/format.ts';
import { ScrollRegion } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Organization } from '../../organizations/index.ts';
import type { MyTask } from '../casework.ts';
import type { FigureRow, ManagementOverview } from '../overview.ts';
import { OverdueBadge } from './CaseWork.tsx';

type Org = Pick<Organization, 'name' | 'time_zone' | 'country' | 'currency'>;

export function MyTasksPage({ ctx, org, tasks }: { ctx: PageContext; org: Org; tasks: Array<MyTask & { service: string }> }) {
  const { t, locale } = ctx;
  const overdue = tasks.filter((x) => x.overdue).length;
  return (
    <Layout ctx={ctx} title={t('casework.myTasks.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('casework.myTasks.title')}</h1>
      <p class="kern-body">{tasks.length === 0 ? t('casework.myTasks.none') : t('casework.myTasks.summary', { count: tasks.length, overdue })}</p>
      {tasks.length > 0 && (
        <ScrollRegion label={t('casework.myTasks.title')}>
          <table class="kern-table">
            <caption class="kern-sr-only">{t('casework.myTasks.caption', { organization: org.name })}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">
                  {t('casework.tasks.title')}
                </th>
                <th class="kern-table__header" scope="col">
                  {t('casework.col.reference')}
                </th>
                <th class="kern-table__header" scope="col">
                  {t('casework.col.service')}
                </th>
                <th class="kern-table__header" scope="col">
                  {t('casework.tasks.due')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {tasks.map((task) => (
                <tr class={`kern-table__row${task.overdue ? ' task--overdue' : ''}`} key={task.id}>
                  <th class="kern-table__header" scope="row">
                    {task.title}
                  </th>
                  <td class="kern-table__cell">
                    <a class="kern-link" href={`/verwaltung/vorgaenge/${task.applicationId}#casework-tasks`}>
                      {task.reference}
                    </a>
                  </td>
                  <td class="kern-table__cell">{task.service}</td>
                  <td class="kern-table__cell">
                    {formatDate(task.due, locale, org)} {task.overdue && <OverdueBadge ctx={ctx} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

function FigureTable({
  ctx,
  org,
  id,
  caption,
  first,
  rows,
  total,
}: {
  ctx: PageContext;
  org: Org;
  id: string;
  caption: string;
  first: string;
  rows: FigureRow[];
  total?: FigureRow;
}) {
  const { t, locale } = ctx;
  const n = (value: number) => formatNumber(value, locale, org);
  const cells = (r: FigureRow) =>
    [r.week, r.month, r.open, r.overdue].map((v, i) => (
      <td class="kern-table__cell kern-table__cell--numeric" key={i}>
        {n(v)}
      </td>
    ));
  return (
    <ScrollRegion labelledBy={id}>
      <table class="kern-table">
        <caption class="kern-heading-small" id={id}>
          {caption}
        </caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">
              {first}
            </th>
            {(['week', 'month', 'open', 'overdue'] as const).map((k) => (
              <th class="kern-table__header kern-table__header--numeric" scope="col" key={k}>
                {t(`casework.overview.col.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((r) => (
            <tr class="kern-table__row" key={r.id}>
              <th class="kern-table__header" scope="row">
                {r.name}
              </th>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot class="kern-table__footer">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="row">
                {t('casework.overview.total')}
              </th>
              {cells(total)}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollRegion>
  );
}

export function OverviewPage({ ctx, org, view, now }: { ctx: PageContext; org: Org; view: ManagementOverview; now: Date }) {
  const { t, locale } = ctx;
  const when = (d: Date) => formatDateTime(d, org.time_zone, locale, org);
  const total: FigureRow = { id: 'total', name: t('casework.overview.total'), ...view.total };
  return (
    <Layout ctx={ctx} title={t('casework.overview.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('casework.overview.title')}</h1>
      <p class="kern-body">
        {t('casework.overview.intro', { organization: org.name, week: when(view.since.week), month: when(view.since.month), now: when(now) })}
      </p>
      <section aria-labelledby="overview-services" class="stack">
        <h2 class="kern-heading-medium" id="overview-services">
          {t('casework.overview.byService')}
        </h2>
        <FigureTable
          ctx={ctx}
          org={org}
          id="overview-services-caption"
          caption={t('casework.overview.byServiceCaption')}
          first={t('casework.col.service')}
          rows={view.byService}
          total={total}
        />
      </section>
      <section aria-labelledby="overview-teams" class="stack">
        <h2 class="kern-heading-medium" id="overview-teams">
          {t('casework.overview.byTeam')}
        </h2>
        {view.byTeam.length === 0 ? (
          <p class="kern-body">{t('casework.overview.noTeams')}</p>
        ) : (
          <FigureTable
            ctx={ctx}
            org={org}
            id="overview-teams-caption"
            caption={t('casework.overview.byTeamCaption')}
            first={t('casework.overview.team')}
            rows={view.byTeam}
          />
        )}
      </section>
    </Layout>
  );
}
