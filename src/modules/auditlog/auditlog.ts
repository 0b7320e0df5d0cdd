// The audit log viewer: which tenant's log a person may read, the filters as typed turned into a query,
// one page of entries with the names of the staff who acted, and the result of the hash-chain check.
import { type VerifyProblem, verifyChain } from '../../platform/audit/audit.ts';
import { type Tx, UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { staffNames } from '../accounts/index.ts';
import * as repo from './repository.ts';
import { type FilterErrors, type FilterValues, MAX_FILTER_LENGTH, PAGE_SIZE } from './schema.ts';

/**
 * The log an admin reads: a municipality admin their municipality's; a region admin the region's, or, acting
 * in a municipality, that municipality's. Clerks read none (the route refuses them first).
 */
export const logTenantOf = (staff: StaffPrincipal): string => (staff.role === 'region_admin' ? (staff.tenantId ?? staff.organizationId) : staff.organizationId);

/** "2026-03-31" or "31.03.2026" (also "1.3.2026") as an ISO date, if it is a day of the calendar. */
export function parseDay(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return date.toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function zoneOffset(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a day begins in a time zone (midnight there; DST changes happen at night, not at midnight, here). */
export function startOfDayIn(isoDay: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${isoDay}T00:00:00Z`);
  const first = midnightUtc - zoneOffset(new Date(midnightUtc), timeZone);
  return new Date(midnightUtc - zoneOffset(new Date(first), timeZone));
}

const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type ParsedFilter = { ok: true; filter: repo.LogFilter } | { ok: false; errors: FilterErrors };

/** The filters as typed: empty fields filter nothing; dates are whole days in the tenant's time zone. */
export function parseFilter(values: FilterValues, timeZone: string): ParsedFilter {
  const errors: FilterErrors = {};
  const text = (field: 'objekttyp' | 'objekt' | 'person') => {
    const value = (values[field] ?? '').trim();
    if (value.length > MAX_FILTER_LENGTH) errors[field] = 'auditlog.error.tooLong';
    return value === '' ? undefined : value;
  };
  const day = (field: 'von' | 'bis') => {
    const value = (values[field] ?? '').trim();
    if (value === '') return undefined;
    const parsed = parseDay(value);
    if (!parsed) errors[field] = 'auditlog.error.date';
    return parsed;
  };
  const filter: repo.LogFilter = { objectType: text('objekttyp'), objectId: text('objekt'), actor: text('person') };
  const from = day('von');
  const to = day('bis');
  if (from && to && to < from) errors.bis = 'auditlog.error.order';
  if (Object.keys(errors).length) return { ok: false, errors };
  if (from) filter.from = startOfDayIn(from, timeZone);
  if (to) filter.until = startOfDayIn(nextDay(to), timeZone);
  return { ok: true, filter };
}

/** A page number from the address; anything else is the first page. */
export const pageNumber = (text: string | undefined) => (text && /^[1-9]\d{0,6}$/.test(text) ? Number(text) : 1);

export type ChainState = ({ ok: true } | { ok: false; first: VerifyProblem; more: number }) & {
  entries: number;
  /** When every entry was last recomputed; entries added since are recomputed at each look. */
  fullCheckAt: Date;
};

/** Problems found once stay reported: a later look starts after them and would not see them again. */
function stateOf(entries: number, fullCheckAt: Date, problems: VerifyProblem[]): ChainState {
  if (problems.length === 0) return { ok: true, entries, fullCheckAt };
  const sorted = [...problems].sort((a, b) => a.seq - b.seq);
  return { ok: false, entries, fullCheckAt, first: sorted[0]!, more: sorted.length - 1 };
}

/** Recomputes every entry of the tenant's chain and records the result. */
export async function recomputeChain(tx: Tx, tenantId: string, now = new Date()): Promise<{ entries: number; problems: VerifyProblem[] }> {
  const { entries, problems, last } = await verifyChain(tx, tenantId);
  await repo.saveCheck(tx, { tenantId, ...last, fullCheckAt: now, problems });
  return { entries, problems };
}

async function checkWholeChain(tx: Tx, tenantId: string, now: Date): Promise<ChainState> {
  const { entries, problems } = await recomputeChain(tx, tenantId, now);
  return stateOf(entries, now, problems);
}

/**
 * The chain as the log viewer shows it: the last full check's result, and the entries added since recomputed now
 * (a long log would otherwise be recomputed from its first entry at every look). The first look checks it all.
 */
export async function checkChain(tx: Tx, tenantId: string, now = new Date()): Promise<ChainState> {
  const last = await repo.findCheck(tx, tenantId);
  if (!last) return checkWholeChain(tx, tenantId, now);
  const since = await verifyChain(tx, tenantId, { seq: Number(last.verified_seq), hash: last.verified_hash });
  const known = new Set(last.problems.map((p) => `${p.seq}:${p.problem}`));
  const problems = [...last.problems, ...since.problems.filter((p) => !known.has(`${p.seq}:${p.problem}`))];
  const fullCheckAt = new Date(last.full_check_at);
  if (since.last.seq !== Number(last.verified_seq) || problems.length > last.problems.length)
    await repo.saveCheck(tx, { tenantId, ...since.last, fullCheckAt, problems });
  return stateOf(since.entries, fullCheckAt, problems);
}

/** Whether the tenant's chain is due for a full check: never checked in full, or not within `maxAgeMs`. */
export async function wholeCheckDue(tx: Tx, tenantId: string, now: Date, maxAgeMs: number): Promise<boolean> {
  const last = await repo.findCheck(tx, tenantId);
  return !last || now.getTime() - new Date(last.full_check_at).getTime() >= maxAgeMs;
}

export interface LogEntry {
  seq: number;
  occurredAt: Date;
  actor: string;
  /** The account's name where the actor is staff:<id> and the account still exists. */
  actorName?: string;
  action: string;
  objectType: string;
  objectId: string;
}

export interface LogPage {
  entries: LogEntry[];
  total: number;
  page: number;
  pages: number;
}

const staffIdOf = (actor: string) => (actor.startsWith('staff:') && UUID.test(actor.slice(6)) ? actor.slice(6) : undefined);

/** One page of the tenant's entries under the filter, newest first; a page past the last shows the last. */
export async function readLog(tx: Tx, tenantId: string, filter: repo.LogFilter, page: number): Promise<LogPage> {
  const total = await repo.countEntries(tx, tenantId, filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const shown = Math.min(page, pages);
  const rows = total === 0 ? [] : await repo.findEntries(tx, tenantId, filter, PAGE_SIZE, (shown - 1) * PAGE_SIZE);
  const ids = rows.map((r) => staffIdOf(r.actor)).filter((id): id is string => id !== undefined);
  const names = ids.length ? await staffNames(tx, ids) : new Map<string, string>();
  return {
    total,
    page: shown,
    pages,
    entries: rows.map((r) => {
      const id = staffIdOf(r.actor);
      return {
        seq: Number(r.seq),
        occurredAt: new Date(r.occurred_at),
        actor: r.actor,
        actorName: id ? names.get(id) : undefined,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
      };
    }),
  };
}
