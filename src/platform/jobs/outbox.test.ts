import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import { inRegion, inTenant, type Database } from '../db/database.ts';
import { backoffSeconds, enqueue, MAX_ATTEMPTS, purgeDelivered, runDueJobs } from './outbox.ts';

let database: Database;
let tenant: string;
beforeAll(async () => {
  database = await openTestDatabase();
  tenant = (await inRegion(database.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'baden').executeTakeFirstOrThrow())).id;
});
afterAll(() => database?.close());

const rowOf = async (topic: string) =>
  (
    await database.admin.query<{ attempts: number; delivered_at: Date | null; dead_at: Date | null; last_error: string | null }>(
      `SELECT attempts, delivered_at, dead_at, last_error FROM outbox WHERE topic = $1`,
      [topic],
    )
  )[0]!;
const makeDue = (topic: string) => database.admin.exec(`UPDATE outbox SET available_at = now() - interval '1 second' WHERE topic = '${topic}'`);

describe('the outbox', () => {
  it('delivers a job written in the business transaction, once', async () => {
    const seen: unknown[] = [];
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.ok', { n: 1 }));
    expect(await runDueJobs(database.db, { 'test.ok': async (p) => void seen.push(p) })).toBe(1);
    expect(await runDueJobs(database.db, { 'test.ok': async (p) => void seen.push(p) })).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    expect((await rowOf('test.ok')).delivered_at).not.toBeNull();
  });

  it('writes nothing when the business transaction rolls back', async () => {
    await expect(
      inTenant(database.db, tenant, async (tx) => {
        await enqueue(tx, tenant, 'test.rolled-back', {});
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow();
    expect(await database.admin.query(`SELECT 1 FROM outbox WHERE topic = 'test.rolled-back'`)).toEqual([]);
  });

  it('retries with backoff and keeps a dead letter with its error', async () => {
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.fails', {}));
    const failing = {
      'test.fails': async () => {
        throw new Error('SMTP down');
      },
    };
    expect(await runDueJobs(database.db, failing)).toBe(1);
    const first = await rowOf('test.fails');
    expect(first).toMatchObject({ attempts: 1, last_error: 'SMTP down', delivered_at: null, dead_at: null });
    expect(await runDueJobs(database.db, failing)).toBe(0);
    for (let i = 2; i <= MAX_ATTEMPTS; i++) {
      await makeDue('test.fails');
      await runDueJobs(database.db, failing);
    }
    expect((await rowOf('test.fails')).dead_at).not.toBeNull();
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([10, 20, 40, 80]);
    expect(backoffSeconds(30)).toBe(3600);
  });
});

describe('clean-up', () => {
  it('removes delivered and dead jobs after their keeping time, never pending ones', async () => {
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.old', {}));
    await runDueJobs(database.db, { 'test.old': async () => {} });
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.pending', {}));
    await database.admin.exec(`UPDATE outbox SET delivered_at = now() - interval '40 days' WHERE topic = 'test.old'`);
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.dead-long-ago', { to: 'someone@example.org' }));
    await inTenant(database.db, tenant, (tx) => enqueue(tx, tenant, 'test.dead-lately', {}));
    await database.admin.exec(`UPDATE outbox SET dead_at = now() - interval '40 days' WHERE topic = 'test.dead-long-ago'`);
    await database.admin.exec(`UPDATE outbox SET dead_at = now() - interval '2 days' WHERE topic = 'test.dead-lately'`);
    expect(await purgeDelivered(database.db, 30)).toBe(2);
    const left = (
      await database.admin.query<{ topic: string }>(
        `SELECT topic FROM outbox WHERE topic IN ('test.old', 'test.pending', 'test.dead-long-ago', 'test.dead-lately') ORDER BY topic`,
      )
    ).map((r) => r.topic);
    expect(left).toEqual(['test.dead-lately', 'test.pending']);
  });
});
