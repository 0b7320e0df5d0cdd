// npm run bench:audit — the audit log viewer's chain check on a long log (100,000 entries of one tenant, PGlite):
// the full recomputation and the quick check of the entries added since the last look, against the bare read of
// every entry (one ordered SELECT, no hashing) measured in the same run.
import { sql } from 'kysely';
import { entryHash, GENESIS, verifyChain } from '../src/platform/audit/audit.ts';
import { createPglite, inTenant, openPglite } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { checkChain, recomputeChain } from '../src/modules/auditlog/auditlog.ts';
import { environment, header, main, median, ms, verdict } from './lib.ts';

const ENTRIES = 100_000;
const ADDED = 50;
const RUNS = 3;
/** The log viewer answers within the page budget (issue 8: server 10–70 ms) whatever the log's length. */
const QUICK_TARGET_MS = 70;

async function timed(fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

main(async () => {
  header('Audit chain check');
  console.log(environment());
  const database = await openPglite(await createPglite(), true);
  await migrate(database.admin);
  const tenant = newId();
  let prev = GENESIS;
  const occurredAt = new Date().toISOString();
  const append = async (from: number, to: number) => {
    const rows: string[] = [];
    for (let seq = from; seq <= to; seq++) {
      const e = {
        tenantId: tenant,
        seq,
        occurredAt,
        actor: 'staff:bench',
        action: 'application.viewed',
        objectType: 'application',
        objectId: `a-${seq}`,
        data: { step: seq % 7 },
      };
      const hash = entryHash(prev, e);
      rows.push(
        `('${tenant}',${seq},'${occurredAt}','staff:bench','application.viewed','application','a-${seq}','${JSON.stringify(e.data)}','${prev}','${hash}')`,
      );
      prev = hash;
    }
    for (let i = 0; i < rows.length; i += 5000)
      await database.admin.exec(
        `INSERT INTO audit_log (tenant_id, seq, occurred_at, actor, action, object_type, object_id, data, prev_hash, hash) VALUES ${rows.slice(i, i + 5000).join(',')}`,
      );
    await database.admin.exec(
      `INSERT INTO audit_heads VALUES ('${tenant}', ${to}, '${prev}') ON CONFLICT (tenant_id) DO UPDATE SET last_seq = ${to}, last_hash = '${prev}'`,
    );
  };
  await append(1, ENTRIES);
  const inIt = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(database.db, tenant, fn);

  const bareRead = await timed(() => inIt((tx) => sql`SELECT * FROM audit_log WHERE tenant_id = ${tenant} ORDER BY seq`.execute(tx)));
  const full = await timed(() => inIt((tx) => verifyChain(tx, tenant)));
  await inIt((tx) => recomputeChain(tx, tenant));
  let next = ENTRIES + 1;
  const quick = await timed(async () => {
    await append(next, next + ADDED - 1);
    next += ADDED;
    const state = await inIt((tx) => checkChain(tx, tenant));
    if (!state.ok) throw new Error('the chain should be whole');
  });
  await database.close();

  console.log(`\n${ENTRIES.toLocaleString('en')} entries, median of ${RUNS} runs`);
  console.log(`  bare read of every entry (baseline):   ${ms(bareRead)}`);
  console.log(`  full recomputation:                    ${ms(full)}   ratio to baseline ${(full / bareRead).toFixed(2)}`);
  console.log(
    `  viewer's look, ${ADDED} entries added since: ${ms(quick)}   ratio to baseline ${(quick / bareRead).toFixed(3)}   (includes writing the ${ADDED} entries)`,
  );
  console.log(`  target: the viewer's look ≤ ${QUICK_TARGET_MS} ms  ${verdict(quick <= QUICK_TARGET_MS)}`);
});
