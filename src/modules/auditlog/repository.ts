// All SQL of the audit log viewer: reading one tenant's entries (the platform's audit.ts writes and verifies them).
import type { Tx } from '../../platform/db/database.ts';

export interface LogFilter {
  objectType?: string;
  objectId?: string;
  actor?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive: the start of the day after the last one asked for. */
  until?: Date;
}

function filtered(tx: Tx, tenantId: string, f: LogFilter) {
  let q = tx.selectFrom('audit_log').where('tenant_id', '=', tenantId);
  if (f.objectType !== undefined) q = q.where('object_type', '=', f.objectType);
  if (f.objectId !== undefined) q = q.where('object_id', '=', f.objectId);
  if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.until) q = q.where('occurred_at', '<', f.until);
  return q;
}

/** Newest first, by the chain's own order. */
export const findEntries = (tx: Tx, tenantId: string, f: LogFilter, limit: number, offset: number) =>
  filtered(tx, tenantId, f)
    .select(['seq', 'occurred_at', 'actor', 'action', 'object_type', 'object_id'])
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

export const countEntries = async (tx: Tx, tenantId: string, f: LogFilter) =>
  Number(
    (
      await filtered(tx, tenantId, f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// ----- the last chain check -----

export const findCheck = (tx: Tx, tenantId: string) => tx.selectFrom('audit_checks').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();

export const saveCheck = (
  tx: Tx,
  row: {
    tenantId: string;
    seq: number;
    hash: string;
    fullCheckAt: Date;
    problems: Array<{ tenantId: string; seq: number; problem: 'changed' | 'missing' | 'head-mismatch' }>;
  },
) => {
  const values = { verified_seq: row.seq, verified_hash: row.hash, full_check_at: row.fullCheckAt, problems: JSON.stringify(row.problems) };
  return tx
    .insertInto('audit_checks')
    .values({ tenant_id: row.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
};
