// The management view: how many cases came in this week and this month, how many are open and how many of those
// are past their deadline (applications.due_at), per service and per team (the services a team handles).
import type { Tx } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { caseFiguresByService } from '../applications/index.ts';
import type { Organization } from '../organizations/index.ts';
import { allServicesOf } from '../services/index.ts';
import { teamsForService } from '../teams/index.ts';

export interface Figures {
  week: number;
  month: number;
  open: number;
  overdue: number;
}
export interface FigureRow extends Figures {
  id: string;
  name: string;
}

/** The instant a calendar day begins in a zone ("2026-12-07" in Europe/Berlin → 2026-12-06T23:00:00Z). */
export function startOfDayIn(isoDay: string, timeZone: string): Date {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (shown - guess));
}

/** Monday of the week and the first of the month, as the municipality counts days. */
export function periodStarts(timeZone: string, now = new Date()): { week: Date; month: Date } {
  const today = todayIn(timeZone, now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(y, m - 1, d - weekday)).toISOString().slice(0, 10);
  return { week: startOfDayIn(monday, timeZone), month: startOfDayIn(`${today.slice(0, 7)}-01`, timeZone) };
}

const zero = (): Figures => ({ week: 0, month: 0, open: 0, overdue: 0 });
const add = (into: Figures, f: Figures) => {
  into.week += f.week;
  into.month += f.month;
  into.open += f.open;
  into.overdue += f.overdue;
};

export async function managementOverview(tx: Tx, org: Pick<Organization, 'id' | 'time_zone'>, now = new Date()) {
  const starts = periodStarts(org.time_zone, now);
  const [figures, services] = await Promise.all([caseFiguresByService(tx, org.id, starts.week, starts.month, now), allServicesOf(tx, org.id)]);
  const total = zero();
  const byService: FigureRow[] = services
    .map((s) => {
      const row: FigureRow = { id: s.id, name: s.title, ...zero() };
      const f = figures.find((x) => x.serviceId === s.id);
      if (f) add(row, f);
      add(total, row);
      return row;
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const teams = new Map<string, FigureRow>();
  for (const s of byService) {
    for (const team of await teamsForService(tx, org.id, s.id)) {
      const row = teams.get(team.id) ?? { id: team.id, name: team.name, ...zero() };
      add(row, s);
      teams.set(team.id, row);
    }
  }
  return { byService, byTeam: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name, 'de')), total, since: starts };
}
export type ManagementOverview = Awaited<ReturnType<typeof managementOverview>>;
