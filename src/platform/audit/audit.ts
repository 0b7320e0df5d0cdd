// Append-only audit log, hash-chained per tenant: each entry carries the hash of the one before.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data?: Record<string, unknown>;
}

export const GENESIS = '0'.repeat(64);

export function entryHash(
  prevHash: string,
  e: {
    tenantId: string;
    seq: number;
    occurredAt: string;
    actor: string;
    action: string;
    objectType: string;
    objectId: string;
    data: unknown;
  },
): string {
  const canonical = JSON.stringify([e.tenantId, e.seq, e.occurredAt, e.actor, e.action, e.objectType, e.objectId, sortKeys(e.data)]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Appends one entry inside the caller's tenant transaction; the head row lock orders concurrent writers.
 * Row-level security refuses an entry for any other tenant than the transaction's. Two round trips only:
 * the lock is held until commit, so every statement after it lengthens the queue of concurrent writers.
 */
export async function audit(tx: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
  // A no-op upsert creates the head on the first entry, and otherwise locks and reads it in the same statement.
  const head = (
    await sql<{ last_seq: string | number; last_hash: string }>`
    INSERT INTO audit_heads AS h (tenant_id, last_seq, last_hash) VALUES (${tenantId}, 0, ${GENESIS})
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING h.last_seq, h.last_hash`.execute(tx)
  ).rows[0]!;
  const seq = Number(head.last_seq) + 1;
  const occurredAt = new Date().toISOString();
  const data = entry.data ?? {};
  const hash = entryHash(head.last_hash, { tenantId, seq, occurredAt, ...entry, data });
  await sql`
    WITH appended AS (
      INSERT INTO audit_log (tenant_id, seq, occurred_at, actor, action, object_type, object_id, data, prev_hash, hash)
      VALUES (${tenantId}, ${seq}, ${occurredAt}, ${entry.actor}, ${entry.action}, ${entry.objectType}, ${entry.objectId},
              ${JSON.stringify(data)}, ${head.last_hash}, ${hash}))
    UPDATE audit_heads SET last_seq = ${seq}, last_hash = ${hash} WHERE tenant_id = ${tenantId}`.execute(tx);
}

export interface VerifyProblem {
  tenantId: string;
  seq: number;
  problem: 'changed' | 'missing' | 'head-mismatch';
}

/** Where a check may start: an entry already found whole, with the hash it had then. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

const VERIFY_BATCH = 5000;

/**
 * Checks one tenant's chain: every hash recomputed, no gap in the sequence, the head matches the last entry.
 * From `start` on, only the later entries are recomputed, and the start entry must still carry its hash. Reads in
 * batches, so memory stays flat however long the chain.
 */
export async function verifyChain(
  tx: Tx,
  tenantId: string,
  start: ChainPoint = { seq: 0, hash: GENESIS },
): Promise<{ entries: number; problems: VerifyProblem[]; last: ChainPoint }> {
  const problems: VerifyProblem[] = [];
  if (start.seq > 0) {
    const at = await tx.selectFrom('audit_log').select('hash').where('tenant_id', '=', tenantId).where('seq', '=', String(start.seq)).executeTakeFirst();
    if (!at) problems.push({ tenantId, seq: start.seq, problem: 'missing' });
    else if (at.hash !== start.hash) problems.push({ tenantId, seq: start.seq, problem: 'changed' });
  }
  let prev = start.hash;
  let expected = start.seq + 1;
  let entries = start.seq;
  for (;;) {
    const rows = await tx
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>=', String(expected))
      .orderBy('seq')
      .limit(VERIFY_BATCH)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      for (; expected < seq; expected++) problems.push({ tenantId, seq: expected, problem: 'missing' });
      const recomputed = entryHash(row.prev_hash, {
        tenantId,
        seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        actor: row.actor,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        data: row.data,
      });
      if (recomputed !== row.hash || row.prev_hash !== prev) problems.push({ tenantId, seq, problem: 'changed' });
      prev = row.hash;
      expected = seq + 1;
      entries++;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  const head = await tx.selectFrom('audit_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (head && (Number(head.last_seq) !== expected - 1 || head.last_hash !== prev)) {
    for (let s = expected; s <= Number(head.last_seq); s++) problems.push({ tenantId, seq: s, problem: 'missing' });
    if (Number(head.last_seq) < expected - 1 || (Number(head.last_seq) === expected - 1 && head.last_hash !== prev)) {
      problems.push({ tenantId, seq: Number(head.last_seq), problem: 'head-mismatch' });
    }
  }
  return { entries, problems, last: { seq: expected - 1, hash: prev } };
}
