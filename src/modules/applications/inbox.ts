// The back office's inbox: the cases a person may see (team visibility), as "Meine Vorgänge", a team's inbox or all
// of them; filtered, searched, sorted, paged; saved views; and bulk assignment.
import { audit } from '../../platform/audit/audit.ts';
import { type Tx, UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { staffOf } from '../accounts/index.ts';
import { hasControlCharacters, type Text } from '../forms/index.ts';
import { serviceTitles } from '../services/index.ts';
import { coveredBy, inboxTeams, servicesVisibleTo, substitutesOn } from '../teams/index.ts';
import { STATUSES, type Status } from './applications.ts';
import * as repo from './repository.ts';

const MAX_SEARCH_LENGTH = 100;
const PAGE_SIZE = 50;
/** How many days before its deadline a case counts as due soon, when its state names none. */
export const DEFAULT_WARN_DAYS = 3;
const DAY_MS = 86_400_000;
const OPEN: Status[] = ['submitted', 'in_review', 'awaiting_applicant'];

/** What the inbox searches for: trimmed, NFC, lower case, without control characters, at most 100 characters. */
export function inboxSearchText(raw: string | undefined): string {
  return (raw ?? '')
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SEARCH_LENGTH);
}

/** A workflow state as the inbox offers it: its label and how many days before its deadline it warns. */
export interface StateOption {
  id: string;
  label: Text;
  warnDays: number;
}

/**
 * The inbox's query parameters as the address has them (German, so a saved or shared link reads well):
 * bereich = "meine" or a team's id; status = phase; zustand = workflow state; leistung = service id;
 * bearbeitung = a person's id or "niemand"; frist = "ueberfaellig" | "bald"; q; sort; dir; seite.
 */
export const FILTER_KEYS = ['bereich', 'status', 'zustand', 'leistung', 'bearbeitung', 'frist', 'q', 'sort', 'dir'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type InboxParams = Partial<Record<FilterKey | 'seite', string>>;

/** Only the known filter keys with a value, the search cleaned: what a saved view stores and a link carries. */
export function cleanFilters(params: Record<string, unknown>): Partial<Record<FilterKey, string>> {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const raw = params[key];
    const value = key === 'q' ? inboxSearchText(typeof raw === 'string' ? raw : undefined) : typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
    if (value) out[key] = value;
  }
  return out;
}

export interface InboxContext {
  staff: Pick<StaffPrincipal, 'id' | 'role'>;
  /** Today in the municipality's zone ("2026-12-06"): absences are by calendar day. */
  today: string;
  now: Date;
  /** The municipality's workflow states. */
  states: StateOption[];
  /** Cases whose documents match the search (the E-Akte's full-text search), when there is one. */
  documentHits?: (q: string) => Promise<string[]>;
}

/**
 * One page of the cases the person may see. Unknown filter values are ignored, never an error; a service the person
 * may not see, asked for by its id, gives an empty page, not the service's cases.
 */
export async function inbox(tx: Tx, tenantId: string, params: InboxParams, ctx: InboxContext) {
  const { staff, now } = ctx;
  const [visible, allServices, teams] = await Promise.all([
    servicesVisibleTo(tx, tenantId, staff, ctx.today),
    serviceTitles(tx, tenantId),
    inboxTeams(tx, tenantId, staff),
  ]);
  const visibleSet = visible === 'all' ? undefined : new Set(visible);
  const services = visibleSet ? allServices.filter((s) => visibleSet.has(s.id)) : allServices;

  const team = teams.find((t) => t.id === params.bereich);
  const scope: 'all' | 'mine' | 'team' = params.bereich === 'meine' ? 'mine' : team ? 'team' : 'all';
  const status = STATUSES.includes(params.status as Status) ? (params.status as Status) : undefined;
  const state = ctx.states.find((s) => s.id === params.zustand);
  const serviceKnown = allServices.some((s) => s.id === params.leistung);
  const service = serviceKnown ? params.leistung : undefined;
  const sort = (Object.keys(repo.INBOX_SORTS) as repo.InboxSort[]).includes(params.sort as repo.InboxSort) ? (params.sort as repo.InboxSort) : 'eingang';
  const dir = params.dir === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(params.seite ?? 1)) || 1));
  const due = params.frist === 'ueberfaellig' || params.frist === 'bald' ? params.frist : undefined;

  // The services narrowed step by step: what the person may see, the team's, the chosen one.
  let serviceIds: string[] | undefined = visibleSet ? [...visibleSet] : undefined;
  const narrow = (ids: string[]) => {
    serviceIds = serviceIds ? serviceIds.filter((id) => ids.includes(id)) : ids;
  };
  if (team) narrow(team.serviceIds);
  if (service) narrow([service]);

  // Whom the person covers today matters to "Meine Vorgänge" only; other scopes save the look-up.
  const covered = scope === 'mine' ? await coveredBy(tx, tenantId, staff.id, ctx.today) : [];
  // The municipality's staff once: the assignee filter and bulk form offer the active ones, the rows name anyone.
  const people = await staffOf(tx, tenantId);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const assigneeOptions = people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name }));
  let assignees: string[] | null | undefined;
  if (scope === 'mine') assignees = [staff.id, ...covered];
  const assignee = params.bearbeitung === 'niemand' || assigneeOptions.some((a) => a.id === params.bearbeitung) ? params.bearbeitung : undefined;
  if (assignee === 'niemand') assignees = scope === 'mine' ? [] : null;
  else if (assignee) assignees = assignees ? assignees.filter((id) => id === assignee) : [assignee];

  const warn = warnGroups(ctx.states, now);
  const q = inboxSearchText(params.q);
  const needle = q.toLocaleLowerCase('de');
  const reference = /^[a-z]{1,10}-\d{4}-\d{6}$/i.test(q) ? q.toUpperCase() : undefined;
  const searching = !!needle && !reference;
  const [stems, documentIds] = searching ? await Promise.all([repo.searchStems(tx, needle), ctx.documentHits?.(q) ?? []]) : [[], []];
  const matchingServices = searching
    ? services.filter((s) => [s.title.de, s.title.en].some((t) => t?.toLocaleLowerCase('de').includes(needle))).map((s) => s.id)
    : [];

  const result = await repo.inboxPage(tx, tenantId, {
    reference,
    status,
    workflowState: state?.id,
    serviceIds,
    assignees,
    dueBefore: due === 'ueberfaellig' ? now : undefined,
    dueFrom: due === 'bald' ? now : undefined,
    dueSoon: due === 'bald' ? warn : undefined,
    text: searching ? needle : undefined,
    stems,
    orServiceIds: matchingServices,
    orIds: documentIds,
    sort,
    dir,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const substitutes = await substitutesOn(
    tx,
    tenantId,
    result.rows.flatMap((r) => (r.assigned_to ? [r.assigned_to] : [])),
    ctx.today,
  );
  const rows = result.rows.map((r) => ({
    ...r,
    deadline: deadlineOf(r, ctx.states, now),
    substitute: r.assigned_to ? substitutes.get(r.assigned_to) : undefined,
  }));
  return {
    rows,
    hasMore: result.hasMore,
    services,
    teams: teams.map(({ id, name }) => ({ id, name })),
    team: team && { id: team.id, name: team.name },
    scope,
    states: ctx.states,
    assigneeOptions,
    names,
    covered,
    filters: {
      q,
      bereich: scope === 'mine' ? 'meine' : team?.id,
      status,
      zustand: state?.id,
      leistung: service,
      bearbeitung: assignee,
      frist: due,
      sort,
      dir,
    } satisfies Partial<Record<FilterKey, string>>,
    page,
  } as const;
}
export type InboxResult = Awaited<ReturnType<typeof inbox>>;

/** The municipality's active staff who can be given cases, A–Z. */
async function assigneeChoices(tx: Tx, tenantId: string) {
  return (await staffOf(tx, tenantId)).filter((s) => s.active).map((s) => ({ id: s.id, name: s.name }));
}

/** The due-soon cut-offs: one per distinct number of warning days among the states, and the default for the rest. */
function warnGroups(states: StateOption[], now: Date) {
  const byDays = new Map<number, string[]>();
  for (const s of states) if (s.warnDays !== DEFAULT_WARN_DAYS) byDays.set(s.warnDays, [...(byDays.get(s.warnDays) ?? []), s.id]);
  return {
    groups: [...byDays].map(([days, ids]) => ({ states: ids, before: new Date(now.getTime() + days * DAY_MS) })),
    others: new Date(now.getTime() + DEFAULT_WARN_DAYS * DAY_MS),
  };
}

/** Overdue (past its deadline), due soon (within its state's warning days) or neither; closed cases have none. */
export function deadlineOf(
  row: { due_at: Date | string | null; closed_at: Date | string | null; workflow_state: string | null },
  states: StateOption[],
  now: Date,
): 'overdue' | 'soon' | undefined {
  if (!row.due_at || row.closed_at) return undefined;
  const due = new Date(row.due_at).getTime();
  if (due < now.getTime()) return 'overdue';
  const days = states.find((s) => s.id === row.workflow_state)?.warnDays ?? DEFAULT_WARN_DAYS;
  return due < now.getTime() + days * DAY_MS ? 'soon' : undefined;
}

/** The states of the municipality's workflows for the filter: each state id once, with the first label found. */
export function stateOptions(definitions: Array<{ states: Array<{ id: string; label: Text; deadline?: { warnDays?: number } }> }>): StateOption[] {
  const seen = new Map<string, StateOption>();
  for (const d of definitions) {
    for (const s of d.states) {
      const warnDays = s.deadline?.warnDays ?? DEFAULT_WARN_DAYS;
      const known = seen.get(s.id);
      // The same state id in two workflows warns by the longer of their warning times.
      if (!known) seen.set(s.id, { id: s.id, label: s.label, warnDays });
      else if (warnDays > known.warnDays) known.warnDays = warnDays;
    }
  }
  return [...seen.values()];
}

// ----- bulk assignment -----

export type BulkErrors = Partial<Record<'cases' | 'assignee', { key: MessageKey; params?: Record<string, string | number> }>>;
export type BulkOutcome = { ok: true; count: number; to: string } | { ok: false; errors: BulkErrors };

/**
 * Assigns the selected cases to a person of the municipality, or to the clerk who takes them. All or nothing: an
 * unknown or invisible case, a decided one, no selection, or a person who is not an active account of the
 * municipality refuses the whole request and changes nothing. Each case gets its own audit entry.
 */
export async function assignSelected(
  tx: Tx,
  tenantId: string,
  actor: Pick<StaffPrincipal, 'id' | 'role'>,
  input: { ids: string[]; assignee?: string; take: boolean },
  today: string,
  now = new Date(),
): Promise<BulkOutcome> {
  const errors: BulkErrors = {};
  const ids = [...new Set(input.ids.map((id) => id.trim()).filter(Boolean))];
  const to = input.take ? actor.id : (input.assignee ?? '').trim();
  if (!input.take) {
    if (!to) errors.assignee = { key: 'worklist.bulk.error.assigneeMissing' };
    else if (!UUID.test(to) || !(await assigneeChoices(tx, tenantId)).some((a) => a.id === to))
      errors.assignee = { key: 'worklist.bulk.error.assigneeUnknown' };
  }
  if (ids.length === 0) errors.cases = { key: 'worklist.bulk.error.none' };
  else if (ids.length > PAGE_SIZE * 4) errors.cases = { key: 'worklist.bulk.error.tooMany', params: { max: PAGE_SIZE * 4 } };
  else {
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length ? await repo.lockCases(tx, tenantId, valid) : [];
    const visible = await servicesVisibleTo(tx, tenantId, actor, today);
    const seen = rows.filter((r) => visible === 'all' || visible.includes(r.service_id));
    if (seen.length !== ids.length) errors.cases = { key: 'worklist.bulk.error.unknownCase', params: { count: ids.length - seen.length } };
    else {
      const closed = seen.find((r) => !OPEN.includes(r.status) || r.closed_at);
      if (closed) errors.cases = { key: 'worklist.bulk.error.closed', params: { reference: closed.reference } };
    }
    if (!errors.cases && !errors.assignee) {
      const changed = seen.filter((r) => r.assigned_to !== to);
      if (changed.length)
        await repo.assignCases(
          tx,
          tenantId,
          changed.map((r) => r.id),
          to,
          now,
        );
      for (const r of changed) {
        await audit(tx, tenantId, {
          actor: `staff:${actor.id}`,
          action: 'application.assigned',
          objectType: 'application',
          objectId: r.id,
          data: { to, from: r.assigned_to, bulk: true },
        });
      }
      return { ok: true, count: seen.length, to };
    }
  }
  return { ok: false, errors };
}

// ----- saved views -----

export const VIEW_NAME_MAX = 80;

export const savedViews = async (tx: Tx, tenantId: string, userId: string) =>
  (await repo.viewsOf(tx, tenantId, userId)).map((v) => ({ id: v.id, name: v.name, filters: cleanFilters(v.filters ?? {}) }));

export type ViewOutcome = { ok: true; id: string } | { ok: false; error: { key: MessageKey; params?: Record<string, string | number> } };

/** Saves the current filters under a name of the clerk's own; refused without a name, with a long one, or a taken one. */
export async function saveView(
  tx: Tx,
  tenantId: string,
  staff: Pick<StaffPrincipal, 'id'>,
  nameInput: string | undefined,
  filters: Record<string, unknown>,
  now = new Date(),
): Promise<ViewOutcome> {
  const name = (nameInput ?? '').toWellFormed().normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, error: { key: 'worklist.views.error.nameMissing' } };
  if (name.length > VIEW_NAME_MAX)
    return { ok: false, error: { key: 'worklist.views.error.nameTooLong', params: { max: VIEW_NAME_MAX, length: name.length } } };
  if (hasControlCharacters(name)) return { ok: false, error: { key: 'validation.controlCharacters' } };
  if (await repo.viewNamed(tx, tenantId, staff.id, name)) return { ok: false, error: { key: 'worklist.views.error.nameTaken', params: { name } } };
  const id = newId();
  const clean = cleanFilters(filters);
  await repo.insertView(tx, { tenant_id: tenantId, id, user_id: staff.id, name, filters: JSON.stringify(clean), created_at: now });
  await audit(tx, tenantId, {
    actor: `staff:${staff.id}`,
    action: 'inbox_view.saved',
    objectType: 'inbox_view',
    objectId: id,
    data: { filters: Object.keys(clean) },
  });
  return { ok: true, id };
}

/** Deletes one of the clerk's own views; false for any other id. */
export async function deleteView(tx: Tx, tenantId: string, staff: Pick<StaffPrincipal, 'id'>, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const name = await repo.deleteView(tx, tenantId, staff.id, id);
  if (name === undefined) return false;
  await audit(tx, tenantId, { actor: `staff:${staff.id}`, action: 'inbox_view.deleted', objectType: 'inbox_view', objectId: id });
  return true;
}
