// A store for @fastify/rate-limit that counts in the database, so a limit holds across every app process on it.
// One statement per request: the window starts at the first hit and ends by the database's clock, not a process's.
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'kysely';
import { type Db, inRegion } from '../db/database.ts';
import { derivedToken } from '../ids.ts';

type Counted = { current: number; ttl: number };

/** Adds one hit for `key` and returns the hits in its window and the milliseconds left in it. */
export async function countHit(db: Db, key: string, windowMs: number): Promise<Counted> {
  const row = await inRegion(db, async (tx) => {
    const result = await sql<{ hits: number; ttl: number }>`
      insert into rate_limit_hits (key, hits, window_ends)
      values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
      on conflict (key) do update set
        hits = case when rate_limit_hits.window_ends <= now() then 1 else rate_limit_hits.hits + 1 end,
        window_ends = case when rate_limit_hits.window_ends <= now() then excluded.window_ends else rate_limit_hits.window_ends end
      returning hits, greatest(0, ceil(extract(epoch from window_ends - now()) * 1000))::integer as ttl`.execute(tx);
    return result.rows[0]!;
  });
  return { current: row.hits, ttl: row.ttl };
}

/** Removes the counts whose window has ended; run with the hourly clean-up. */
export async function purgeRateLimits(db: Db): Promise<number> {
  const result = await inRegion(db, (tx) => sql`delete from rate_limit_hits where window_ends < now()`.execute(tx));
  return Number(result.numAffectedRows ?? 0);
}

/** Keys over their limit, per process: answered without the database until their window ends. */
const MAX_REFUSED_KEYS = 10_000;

/**
 * The store class the plugin instantiates. Each route gets its own key space; the client address is kept only as a
 * hash keyed with the app's secret, so the table holds nothing that names a person. Once a key is over its limit,
 * this process refuses it from memory until the window ends: a flood from one address (or many clients behind
 * one NAT address) then no longer updates the same row at every request.
 */
export function databaseRateStore(db: Db, secret: string) {
  return class DatabaseRateStore implements FastifyRateLimitStore {
    private readonly refused = new Map<string, { current: number; until: number }>();
    private readonly max: number | undefined;

    constructor(
      options: FastifyRateLimitOptions,
      private readonly scope = '',
    ) {
      const { max } = options as { max?: unknown };
      this.max = typeof max === 'number' ? max : undefined;
    }

    incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow?: number) {
      const hashed = `${this.scope}:${derivedToken(secret, 'rate-limit', key)}`;
      const now = Date.now();
      const known = this.refused.get(hashed);
      if (known && known.until > now) {
        known.current++;
        return callback(null, { current: known.current, ttl: known.until - now });
      }
      if (known) this.refused.delete(hashed);
      countHit(db, hashed, timeWindow ?? 60_000).then(
        (counted) => {
          if (this.max !== undefined && counted.current > this.max) this.remember(hashed, counted, now);
          callback(null, counted);
        },
        (error: Error) => callback(error),
      );
    }

    private remember(hashed: string, counted: Counted, now: number) {
      if (this.refused.size >= MAX_REFUSED_KEYS) {
        for (const [k, v] of this.refused) if (v.until <= now) this.refused.delete(k);
        if (this.refused.size >= MAX_REFUSED_KEYS) this.refused.delete(this.refused.keys().next().value!);
      }
      this.refused.set(hashed, { current: counted.current, until: now + counted.ttl });
    }

    child(routeOptions: FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } }) {
      const route = routeOptions.routeInfo;
      return new DatabaseRateStore(routeOptions, `${String(route?.method ?? '')} ${route?.url ?? ''}`);
    }
  };
}
