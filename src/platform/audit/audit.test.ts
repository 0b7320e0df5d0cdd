import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '../../testing/harness.ts';
import { inRegion, inTenant, type Database } from '../db/database.ts';
import { audit, verifyChain } from './audit.ts';

let database: Database;
let tenant: string;
let other: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const orgs = await inRegion(database.db, (tx) => tx.selectFrom('organizations').select(['id', 'slug']).where('slug', 'in', ['baden', 'aarau']).execute());
  tenant = orgs.find((o) => o.slug === 'baden')!.id;
  other = orgs.find((o) => o.slug === 'aarau')!.id;
  for (let i = 0; i < 5; i++) {
    await inTenant(database.db, tenant, (tx) =>
      audit(tx, tenant, { actor: 'staff:1', action: 'thing.done', objectType: 'thing', objectId: String(i), data: { i, name: 'Łukasz' } }),
    );
  }
});
afterAll(() => database?.close());

const verify = () => inTenant(database.db, tenant, (tx) => verifyChain(tx, tenant));

describe('the audit log', () => {
  it('chains each entry to the one before', async () => {
    const rows = await inTenant(database.db, tenant, (tx) =>
      tx.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).where('tenant_id', '=', tenant).orderBy('seq').execute(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect((await verify()).problems).toEqual([]);
  });

  it('cannot be changed or deleted by the application', async () => {
    await expect(inTenant(database.db, tenant, (tx) => sql`update audit_log set actor = 'x' where tenant_id = ${tenant}`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
    await expect(inTenant(database.db, tenant, (tx) => sql`delete from audit_log where tenant_id = ${tenant}`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('refuses an entry for another tenant than the transaction', async () => {
    await expect(inTenant(database.db, tenant, (tx) => audit(tx, other, { actor: 'a', action: 'b', objectType: 'c', objectId: 'd' }))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('detects a changed entry', async () => {
    await database.admin.exec(`UPDATE audit_log SET data = '{"i": 99}' WHERE tenant_id = '${tenant}' AND seq = 2`);
    expect((await verify()).problems).toContainEqual({ tenantId: tenant, seq: 2, problem: 'changed' });
  });

  it('detects a deleted entry, also the last one', async () => {
    const last = Number((await database.admin.query<{ m: string }>(`SELECT max(seq) AS m FROM audit_log WHERE tenant_id = '${tenant}'`))[0]!.m);
    await database.admin.exec(`DELETE FROM audit_log WHERE tenant_id = '${tenant}' AND seq IN (3, ${last})`);
    const problems = (await verify()).problems;
    expect(problems).toContainEqual({ tenantId: tenant, seq: 3, problem: 'missing' });
    expect(problems).toContainEqual({ tenantId: tenant, seq: last, problem: 'missing' });
  });
});
