import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../platform/audit/audit.ts';
import { inRegion, inTenant, type Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { checkChain, pageNumber, parseDay, parseFilter, readLog, recomputeChain, startOfDayIn } from './auditlog.ts';
import type { LogFilter } from './repository.ts';

let database: Database;
let tenant: string;
let clerkId: string;
/** Entries the demo seed wrote before this file's (the accounts it created). */
let base: number;

const BERLIN = 'Europe/Berlin';
const todayIn = (timeZone: string, offsetDays = 0) => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${day}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);
};

beforeAll(async () => {
  database = await openTestDatabase();
  const found = await inRegion(database.db, async (tx) => {
    const org = await tx.selectFrom('organizations').select('id').where('slug', '=', 'harsewinkel').executeTakeFirstOrThrow();
    const clerk = await tx.selectFrom('staff_users').select('id').where('email', '=', 'sachbearbeitung@harsewinkel.example').executeTakeFirstOrThrow();
    return { org: org.id, clerk: clerk.id };
  });
  tenant = found.org;
  clerkId = found.clerk;
  base = Number((await database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = '${tenant}'`))[0]!.n);
  await inTenant(database.db, tenant, async (tx) => {
    for (let i = 0; i < 55; i++) await audit(tx, tenant, { actor: 'system', action: 'thing.counted', objectType: 'thing', objectId: `t-${i}` });
    await audit(tx, tenant, { actor: `staff:${clerkId}`, action: 'application.assigned', objectType: 'application', objectId: 'a-1' });
    await audit(tx, tenant, { actor: `staff:${newId()}`, action: 'application.assigned', objectType: 'application', objectId: 'a-2' });
  });
});
afterAll(() => database?.close());

const read = (filter: LogFilter, page = 1) => inTenant(database.db, tenant, (tx) => readLog(tx, tenant, filter, page));
const filterOf = (values: Parameters<typeof parseFilter>[0]) => {
  const parsed = parseFilter(values, BERLIN);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.filter;
};

describe('reading dates', () => {
  it('takes German and ISO days that exist in the calendar, and nothing else', () => {
    expect(parseDay('31.03.2026')).toBe('2026-03-31');
    expect(parseDay('1.3.2026')).toBe('2026-03-01');
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('29.02.2028')).toBe('2028-02-29');
    for (const bad of ['31.02.2026', '29.02.2026', '2026-13-01', '00.01.2026', '1.1.26', 'gestern', '2026-1-5', '']) expect(parseDay(bad), bad).toBeUndefined();
  });

  it("begins a day at midnight in the tenant's zone, in summer and in winter time", () => {
    expect(startOfDayIn('2026-07-01', BERLIN).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDayIn('2026-01-15', BERLIN).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'Europe/Zurich').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    // The days the clocks change: midnight is still before the change.
    expect(startOfDayIn('2026-03-29', BERLIN).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-30', BERLIN).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayIn('2026-10-25', BERLIN).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDayIn('2026-10-26', BERLIN).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('the filters as typed', () => {
  it('turns a period into whole days, the last one included', () => {
    const f = filterOf({ von: '01.03.2026', bis: '31.03.2026', objekttyp: ' thing ', objekt: '', person: '' });
    expect(f.from?.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(f.until?.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(f).toMatchObject({ objectType: 'thing', objectId: undefined, actor: undefined });
    expect(filterOf({ von: '31.03.2026', bis: '2026-03-31' }).until!.getTime() - filterOf({ von: '31.03.2026' }).from!.getTime()).toBe(86_400_000);
  });

  it('refuses a "to" before "from", a day that does not exist and over-long text, each at its field', () => {
    expect(parseFilter({ von: '10.03.2026', bis: '09.03.2026' }, BERLIN)).toEqual({ ok: false, errors: { bis: 'auditlog.error.order' } });
    expect(parseFilter({ von: '31.02.2026', bis: 'morgen' }, BERLIN)).toEqual({
      ok: false,
      errors: { von: 'auditlog.error.date', bis: 'auditlog.error.date' },
    });
    expect(parseFilter({ person: 'x'.repeat(201) }, BERLIN)).toEqual({ ok: false, errors: { person: 'auditlog.error.tooLong' } });
  });

  it('reads a page number, and anything else as the first page', () => {
    expect(pageNumber('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-1', '2.5', 'zwei', '99999999999']) expect(pageNumber(bad), String(bad)).toBe(1);
  });
});

describe('the log of one tenant', () => {
  it('shows 50 entries a page, newest first; a page past the last shows the last', async () => {
    const first = await read({});
    expect(first.total).toBe(base + 57);
    expect(first.pages).toBe(Math.ceil((base + 57) / 50));
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]!.seq).toBe(base + 57);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
    const last = await read({}, 9);
    expect(last.page).toBe(first.pages);
    expect(last.entries).toHaveLength((base + 57) % 50 || 50);
    expect(last.entries.at(-1)!.seq).toBe(1);
  });

  it('filters by object type, object id and actor', async () => {
    expect((await read(filterOf({ objekttyp: 'thing' }))).total).toBe(55);
    expect((await read(filterOf({ objekttyp: 'thing', objekt: 't-7' }))).entries.map((e) => e.objectId)).toEqual(['t-7']);
    expect((await read(filterOf({ objekt: 't-7', objekttyp: 'application' }))).total).toBe(0);
    const byClerk = await read(filterOf({ person: `staff:${clerkId}` }));
    expect(byClerk.entries.map((e) => e.objectId)).toEqual(['a-1']);
  });

  it('names staff who still have an account, and shows the actor as written otherwise', async () => {
    const entries = (await read(filterOf({ objekttyp: 'application' }))).entries;
    expect(entries.find((e) => e.objectId === 'a-1')!.actorName).toBe('Sachbearbeitung Stadt Harsewinkel');
    expect(entries.find((e) => e.objectId === 'a-2')!.actorName).toBeUndefined();
    expect(entries.find((e) => e.objectId === 'a-2')!.actor).toMatch(/^staff:/);
    expect((await read(filterOf({ objekttyp: 'thing' }))).entries[0]!.actorName).toBeUndefined();
  });

  it("filters by period in the tenant's zone: today holds the entries, yesterday and tomorrow none", async () => {
    expect((await read(filterOf({ von: todayIn(BERLIN), bis: todayIn(BERLIN), objekttyp: 'thing' }))).total).toBe(55);
    expect((await read(filterOf({ von: todayIn(BERLIN, -1), bis: todayIn(BERLIN, 1) }))).total).toBe(base + 57);
    expect((await read(filterOf({ bis: todayIn(BERLIN, -1), objekttyp: 'thing' }))).total).toBe(0);
    expect((await read(filterOf({ von: todayIn(BERLIN, 1), objekttyp: 'thing' }))).total).toBe(0);
  });

  it('reports the chain unchanged, then the first entry changed behind the application', async () => {
    const check = (now = new Date()) => inTenant(database.db, tenant, (tx) => checkChain(tx, tenant, now));
    const firstLook = new Date('2026-12-01T08:00:00Z');
    const original = await database.admin.query<{ seq: string; object_id: string }>(
      `SELECT seq, object_id FROM audit_log WHERE tenant_id = '${tenant}' AND seq IN (${base + 12}, ${base + 30})`,
    );
    // The first look recomputes it all.
    expect(await check(firstLook)).toEqual({ ok: true, entries: base + 57, fullCheckAt: firstLook });
    await database.admin.exec(`UPDATE audit_log SET object_id = 'gefälscht' WHERE tenant_id = '${tenant}' AND seq IN (${base + 12}, ${base + 30})`);
    // A later look recomputes only what was added since, and says when the last full check was.
    expect(await check()).toEqual({ ok: true, entries: base + 57, fullCheckAt: firstLook });
    const fullCheck = new Date('2026-12-02T08:00:00Z');
    expect(await inTenant(database.db, tenant, (tx) => recomputeChain(tx, tenant, fullCheck))).toMatchObject({ entries: base + 57 });
    const broken = { ok: false, entries: base + 57, fullCheckAt: fullCheck, first: { tenantId: tenant, seq: base + 12, problem: 'changed' }, more: 1 };
    expect(await check()).toEqual(broken);
    // What a full check found stays reported at every later look, without being counted twice.
    expect(await check()).toEqual(broken);
    for (const r of original) await database.admin.query(`UPDATE audit_log SET object_id = $1 WHERE tenant_id = $2 AND seq = $3`, [r.object_id, tenant, r.seq]);
  });

  it('finds an entry changed after the last look, and the last entry it found whole changed since', async () => {
    const check = () => inTenant(database.db, tenant, (tx) => checkChain(tx, tenant));
    await inTenant(database.db, tenant, (tx) => recomputeChain(tx, tenant));
    expect((await check()).ok).toBe(true);
    await inTenant(database.db, tenant, (tx) => audit(tx, tenant, { actor: 'staff:x', action: 'thing.done', objectType: 'thing', objectId: 'neu-1' }));
    await inTenant(database.db, tenant, (tx) => audit(tx, tenant, { actor: 'staff:x', action: 'thing.done', objectType: 'thing', objectId: 'neu-2' }));
    await database.admin.exec(`UPDATE audit_log SET actor = 'jemand' WHERE tenant_id = '${tenant}' AND object_id = 'neu-1'`);
    expect(await check()).toMatchObject({ ok: false, entries: base + 59, first: { seq: base + 58, problem: 'changed' }, more: 0 });

    await database.admin.exec(`UPDATE audit_log SET actor = 'staff:x' WHERE tenant_id = '${tenant}' AND object_id = 'neu-1'`);
    // Found once, reported until a full check finds the chain whole again.
    expect((await check()).ok).toBe(false);
    await inTenant(database.db, tenant, (tx) => recomputeChain(tx, tenant));
    expect((await check()).ok).toBe(true);
    await database.admin.exec(`UPDATE audit_log SET hash = repeat('0', 64) WHERE tenant_id = '${tenant}' AND object_id = 'neu-2'`);
    expect(await check()).toMatchObject({ ok: false, first: { seq: base + 59, problem: 'changed' } });
  });
});
