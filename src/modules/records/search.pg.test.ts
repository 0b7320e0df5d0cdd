// The document search's design on a PostgreSQL server, as the application connects (a role that neither owns the
// tables nor bypasses row-level security): why the search table is read through a function, and that it keeps
// municipalities apart.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, inRegion, inTenant } from '../../platform/db/database.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { createDossier, searchDocuments } from './records.ts';

let database: Database;
let gt: string;
let rheda: string;
const DOCS = 4000;

const one = async <T>(text: string, params: unknown[] = []) => (await database.admin.query<T>(text, params))[0]!;
const plan = async (tx: Parameters<Parameters<typeof inTenant>[2]>[0], text: string) =>
  (await sql<{ 'QUERY PLAN': string }>`${sql.raw(`EXPLAIN ${text}`)}`.execute(tx)).rows.map((r) => r['QUERY PLAN']).join('\n');

/** Generated documents of one dossier, as the schema owner (the trigger writes their search entries). */
async function generate(tenantId: string, dossierId: string, n: number, word: (i: string) => string) {
  await database.admin.exec(`
    BEGIN;
    SELECT set_config('app.tenant_id', '${tenantId}', true);
    INSERT INTO documents (tenant_id, id, dossier_id, title, kind, position_id, created_at, created_by)
      SELECT '${tenantId}', gen_random_uuid(), d.id, 'Schreiben ' || g, 'schreiben', d.position_id, now(), 'test'
      FROM generate_series(1, ${n}) g, dossiers d WHERE d.tenant_id = '${tenantId}' AND d.id = '${dossierId}';
    INSERT INTO document_versions (tenant_id, document_id, version, sha256, filename, content_type, size_bytes, text, created_at, created_by)
      SELECT tenant_id, id, 1, repeat('0', 64), 'brief.txt', 'text/plain', 10,
        'Sehr geehrte Damen und Herren, ' || ${word("split_part(title, ' ', 2)")} || ' Mit freundlichen Grüßen', now(), 'test'
      FROM documents WHERE tenant_id = '${tenantId}' AND dossier_id = '${dossierId}';
    COMMIT;`);
}

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.backend !== 'postgres') throw new Error('this test needs a PostgreSQL server (TEST_DATABASE_URL)');
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  rheda = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'rheda-wiedenbrueck'`)).id;
  const dossier = async (tenantId: string) => {
    const made = await inTenant(database.db, tenantId, (tx) =>
      createDossier(tx, tenantId, { id: 'test' }, { title: 'Massendaten', position: '9.1.1' }, '2026-11-03'),
    );
    if (!made.ok) throw new Error('no dossier');
    return made.id;
  };
  // Most letters are about dog tax; every hundredth one is a Widerspruch.
  const word = (i: string) =>
    `CASE WHEN (${i})::int % 100 = 0 THEN 'Widerspruch gegen den Bescheid über die Hundesteuer' ELSE 'Anmeldung eines Hundes zur Hundesteuer' END`;
  await generate(gt, await dossier(gt), DOCS, word);
  await generate(rheda, await dossier(rheda), DOCS, word);
  await database.admin.exec('ANALYZE');
}, 120_000);
afterAll(async () => database?.close());

describe('document search on PostgreSQL', () => {
  it('gives the application no way into the search table but the function', async () => {
    await expect(inTenant(database.db, gt, (tx) => sql`SELECT count(*) FROM document_search`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(inTenant(database.db, gt, (tx) => sql`DELETE FROM document_search`.execute(tx))).rejects.toThrow(/permission denied/);
    // The function reads the transaction's tenant; without one it finds nothing.
    const none = await inRegion(database.db, (tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM search_documents('Widerspruch', 200)`.execute(tx));
    expect(none.rows[0]!.n).toBe(0);
  });

  it('keeps municipalities apart: each finds its own 40 Widersprüche, none of the other', async () => {
    const inGt = await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'Widersprüche', 200));
    const inRheda = await inTenant(database.db, rheda, (tx) => searchDocuments(tx, rheda, 'Widersprüche', 200));
    expect(inGt.length).toBe(DOCS / 100);
    expect(inRheda.length).toBe(DOCS / 100);
    const ids = new Set(inGt.map((h) => h.documentId));
    expect(inRheda.some((h) => ids.has(h.documentId))).toBe(false);
    const owners = await database.admin.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM documents WHERE id = ANY($1)', [
      inGt.map((h) => h.documentId),
    ]);
    expect(owners).toEqual([{ tenant_id: gt }]);
  });

  it('uses the GIN index over tenant and words, which a GIN index under forced RLS would not be for the app role', async () => {
    // With two municipalities of a few thousand rows, scanning one municipality by the primary key is cheaper; that
    // path taken away (inside a transaction rolled back), the plan shows that the GIN index serves words and tenant.
    await database.admin.exec('SET enable_seqscan = off');
    await database.admin.exec('BEGIN');
    await database.admin.exec('ALTER TABLE document_search DROP CONSTRAINT document_search_pkey');
    const chosen = await database.admin.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT document_id FROM document_search s, websearch_to_tsquery('german', 'Widerspruch') q
       WHERE s.tenant_id = '${gt}'::uuid AND s.words @@ q`,
    );
    await database.admin.exec('ROLLBACK');
    const text = chosen.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('Bitmap Index Scan on document_search_words');
    expect(text).toMatch(/Index Cond: \(\(tenant_id = '[0-9a-f-]+'::uuid\) AND \(words @@ /);

    // The same kind of index on a table under forced row-level security: the owner (bypassing RLS) uses it, the
    // application role does not, because @@ is not leakproof and must wait until the policy has been applied.
    await database.admin.exec(`CREATE INDEX test_versions_words ON document_versions USING gin (to_tsvector('german', coalesce(text, '')))`);
    await database.admin.exec('ANALYZE document_versions');
    const query = `SELECT document_id FROM document_versions WHERE to_tsvector('german', coalesce(text, '')) @@ websearch_to_tsquery('german', 'Widerspruch')`;
    const asOwner = (await database.admin.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`)).map((r) => r['QUERY PLAN']).join('\n');
    expect(asOwner).toContain('test_versions_words');
    const asApp = await inTenant(database.db, gt, async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      return plan(tx, query);
    });
    expect(asApp).not.toContain('test_versions_words');
    await database.admin.exec('RESET enable_seqscan');
    await database.admin.exec('DROP INDEX test_versions_words');
  });
});
