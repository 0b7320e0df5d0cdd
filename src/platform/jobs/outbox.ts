// The transactional outbox: an external effect is recorded in the same transaction as the change that causes it.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import { APP_ROLE } from '../db/database.ts';
import { newId } from '../ids.ts';
import { countJobFailure } from '../metrics.ts';

export type JobHandler = (payload: Record<string, unknown>, job: { tenantId: string; id: string; attempts: number }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 300;

export async function enqueue(tx: Tx, tenantId: string, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({ tenant_id: tenantId, id: newId(), topic, payload: JSON.stringify(payload) })
    .execute();
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export const backoffSeconds = (attempts: number): number => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

interface Claimed {
  tenant_id: string;
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Claims due jobs with a lease (so a crashed worker's jobs come back), runs them outside any transaction,
 * then records the outcome. Returns how many jobs ran.
 */
export async function runDueJobs(db: Db, handlers: JobHandlers, limit = 20): Promise<number> {
  const claimed = await db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
    const result = await sql<Claimed>`
      UPDATE outbox SET available_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM outbox
        WHERE delivered_at IS NULL AND dead_at IS NULL AND available_at <= now()
        ORDER BY available_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING tenant_id, id, topic, payload, attempts`.execute(tx);
    return result.rows;
  });
  for (const job of claimed) {
    const handler = handlers[job.topic] as JobHandler | undefined;
    let error: string | null = handler ? null : `no handler for topic ${job.topic}`;
    if (handler) {
      try {
        await handler(job.payload, { tenantId: job.tenant_id, id: job.id, attempts: job.attempts });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (error !== null) countJobFailure(job.topic, job.attempts >= MAX_ATTEMPTS);
    await db.transaction().execute(async (tx) => {
      await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
      if (error === null) {
        await sql`UPDATE outbox SET delivered_at = now(), last_error = NULL WHERE tenant_id = ${job.tenant_id} AND id = ${job.id}`.execute(tx);
      } else if (job.attempts >= MAX_ATTEMPTS) {
        await sql`UPDATE outbox SET dead_at = now(), last_error = ${error} WHERE tenant_id = ${job.tenant_id} AND id = ${job.id}`.execute(tx);
      } else {
        await sql`UPDATE outbox SET last_error = ${error}, available_at = now() + make_interval(secs => ${backoffSeconds(job.attempts)})
                  WHERE tenant_id = ${job.tenant_id} AND id = ${job.id}`.execute(tx);
      }
    });
  }
  return claimed.length;
}

/** Polls for due jobs until stopped. */
export function startJobLoop(db: Db, handlers: JobHandlers, log: { error(o: unknown, msg: string): void }, intervalMs = 1000) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = (async () => {
      try {
        while (!stopped && (await runDueJobs(db, handlers)) > 0);
      } catch (err) {
        log.error({ err }, 'job runner failed');
      }
    })();
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 50);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Delivered and dead jobs are kept a while for tracing and replay, then removed: their payloads may name recipients
 * (a dead mail job keeps the address it never wrote to).
 */
export async function purgeDelivered(db: Db, olderThanDays = 30): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
    const result = await sql`DELETE FROM outbox
      WHERE delivered_at < now() - make_interval(days => ${olderThanDays}) OR dead_at < now() - make_interval(days => ${olderThanDays})`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}

/** Empties a job's payload once it is done with: for jobs that carry what must not be kept (an e-mail address to write to once). */
export async function forgetPayload(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.updateTable('outbox').set({ payload: '{}' }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
