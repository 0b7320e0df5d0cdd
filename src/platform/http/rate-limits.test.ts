import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openTestDatabase, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import type { Database } from '../db/database.ts';
import { countHit, purgeRateLimits } from './rate-limits.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const endWindow = (key: string) => database.admin.exec(`UPDATE rate_limit_hits SET window_ends = now() - interval '1 second' WHERE key = '${key}'`);

describe('rate limits counted in the database', () => {
  it('counts hits within one window and starts a new window when it has ended', async () => {
    const first = await countHit(database.db, 'a', 60_000);
    expect(first.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(58_000);
    expect(first.ttl).toBeLessThanOrEqual(60_000);
    expect((await countHit(database.db, 'a', 60_000)).current).toBe(2);
    expect((await countHit(database.db, 'b', 60_000)).current).toBe(1);
    expect((await countHit(database.db, 'a', 60_000)).current).toBe(3);
    await endWindow('a');
    const fresh = await countHit(database.db, 'a', 60_000);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(58_000);
  });

  it('purges the counts of ended windows only', async () => {
    await countHit(database.db, 'old', 60_000);
    await countHit(database.db, 'current', 60_000);
    await endWindow('old');
    expect(await purgeRateLimits(database.db)).toBe(1);
    const keys = (await database.admin.query<{ key: string }>('SELECT key FROM rate_limit_hits ORDER BY key')).map((r) => r.key);
    expect(keys).toContain('current');
    expect(keys).not.toContain('old');
  });
});

describe('the sign-in limit per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { signInRateLimit: 4 } });
  });
  afterAll(() => t?.close());

  it('refuses the request after the limit with a German page, and stores no client address', async () => {
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 8; i++) {
      const res = await new Browser(t.app).login(`person-${i}@example.org`, 'falsch-falsch');
      statuses.push(res.statusCode);
      last = res.body;
    }
    expect(statuses).toEqual([422, 422, 422, 422, 429, 429, 429, 429]);
    expect(last).toContain('Zu viele Anfragen. Bitte warten Sie einen Moment.');
    const rows = await t.database.admin.query<{ key: string; hits: number }>('SELECT key, hits FROM rate_limit_hits');
    // The first refusal is counted in the database; the process refuses the rest from memory until the window ends.
    expect(rows.find((r) => r.key.startsWith('POST /verwaltung/anmelden:'))?.hits).toBe(5);
    expect(rows.some((r) => r.key.includes('127.0.0.1'))).toBe(false);
  });

  it('counts in the database again once the window has ended', async () => {
    await t.database.admin.exec(`UPDATE rate_limit_hits SET window_ends = now() - interval '1 second'`);
    // The process remembers the refusal until the end it was told; a new window there starts once that has passed.
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await new Browser(t.app).login(`again-${i}@example.org`, 'falsch-falsch')).statusCode);
    expect(statuses).toEqual([429, 429]);
  });
});
