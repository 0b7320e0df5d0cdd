import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

export interface OutboxBacklog {
  pending: number;
  /** Seconds since the oldest undelivered job was written; 0 when none waits. */
  oldestAgeSeconds: number;
}

/** Jobs neither delivered nor dead, across all tenants: the job runner's backlog. Reads the partial index outbox_due. */
export async function outboxBacklog(tx: Tx): Promise<OutboxBacklog> {
  const { rows } = await sql<{ pending: number; oldest_age_seconds: number | null }>`
    SELECT count(*) AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest_age_seconds
    FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL`.execute(tx);
  const row = rows[0]!;
  return { pending: row.pending, oldestAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0) };
}
