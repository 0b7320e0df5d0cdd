// npm run bench:submit — complete dog registrations (4 steps + submit, 100 KB PDF) under 16 concurrent clients,
// on a throwaway PostgreSQL 15 server and on the embedded PGlite. The baseline on PostgreSQL is pgbench replaying the
// statements one application made (taken from the server's statement log, in their transactions) at the same
// 16 clients: the ratio says how much of the database's own speed the app delivers. A one-INSERT pgbench run is
// printed as a second reference.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  loadAverage,
  Client,
  csrfToken,
  measureWindow,
  pct,
  environment,
  header,
  main,
  mib,
  ms,
  percentile,
  sleep,
  startPostgres,
  startServer,
  tempDir,
  verdict,
  type Server,
} from './lib.ts';
import { captureStatements, toPgbenchScript } from './replay.ts';

const execFileP = promisify(execFile);

const CLIENTS = 16;
const WARMUP_S = 3;
const MEASURE_PG_S = 20;
const MEASURE_PGLITE_S = 10;
const PDF_BYTES = 100 * 1024;
const MUNICIPALITY = 'guetersloh';
const BASE = `/${MUNICIPALITY}/leistungen/hund-anmelden/antrag`;
const TARGET_RATIO = 0.3;
const TARGET_P95_MS = 100;
const TARGET_RSS_PG_MIB = 300;
const TARGET_RSS_PGLITE_MIB = 1024;

/** A real PDF by its bytes (starts with %PDF-), padded with comment lines to `size`; unique per call. */
function pdf(size = PDF_BYTES): Buffer {
  const head = Buffer.from(`%PDF-1.4\n%${randomBytes(16).toString('hex')}\n`);
  const tail = Buffer.from('1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const fill = size - head.length - tail.length;
  const line = `%${'x'.repeat(78)}\n`;
  const padding = `${line.repeat(Math.ceil(fill / line.length)).slice(0, fill - 1)}\n`;
  return Buffer.concat([head, Buffer.from(padding), tail]);
}

const STEPS: Array<[string, Record<string, string>]> = [
  ['halter', { vorname: 'Erika', nachname: 'Mustermann', geburtsdatum: '1985-04-12', email: 'erika@example.org', telefon: '+49 5241 12345' }],
  ['adresse', { strasse: 'Berliner Straße', hausnummer: '70', plz: '33330', ort: 'Gütersloh' }],
  ['hund', { hundename: 'Bello', rasse: 'Labrador', geschlecht: 'ruede', haltung_seit: '2024-01-10', gefaehrlich: 'nein' }],
];

interface Sample {
  start: number;
  end: number;
  whole: number;
  submit: number;
}

class Failure extends Error {}

function expect303(res: { status: number; headers: { location?: string }; body: string }, what: string, locationPart: string) {
  if (res.status !== 303 || !res.headers.location?.includes(locationPart)) {
    throw new Failure(`${what}: HTTP ${res.status} → ${res.headers.location ?? '-'} ${res.body.slice(0, 300).replace(/\s+/g, ' ')}`);
  }
}

/** One complete application as a browser does it: open the form, post the 4 steps, submit. Redirects are not followed. */
async function apply(c: Client): Promise<{ whole: number; submit: number }> {
  // A new application starts without a draft, and without the note that the last one was submitted.
  c.cookies.delete('rathaus_antrag');
  c.cookies.delete('rathaus_abgeschickt');
  const t0 = performance.now();
  const page = await c.get(`${BASE}/halter`);
  if (page.status !== 200) throw new Failure(`GET form: HTTP ${page.status}`);
  const _csrf = csrfToken(page.body);
  const next = ['adresse', 'hund', 'nachweis'];
  for (const [i, [step, fields]] of STEPS.entries()) {
    expect303(await c.postForm(`${BASE}/${step}`, { _csrf, ...fields }), `POST ${step}`, `${BASE}/${next[i]}`);
  }
  expect303(
    await c.postMultipart(`${BASE}/nachweis`, { _csrf }, [
      { field: 'versicherung', filename: 'versicherung.pdf', contentType: 'application/pdf', data: pdf() },
    ]),
    'POST nachweis',
    `${BASE}/pruefen`,
  );
  const s0 = performance.now();
  expect303(await c.postForm(`${BASE}/absenden`, { _csrf }), 'POST absenden', `/${MUNICIPALITY}/antraege/`);
  const end = performance.now();
  return { whole: end - t0, submit: end - s0 };
}

interface LoadResult {
  totalOk: number;
  cpu: { server: number; client: number };
  perSecond: number;
  count: number;
  errors: number;
  firstError?: string;
  submitP50: number;
  submitP95: number;
  wholeP50: number;
  wholeP95: number;
}

async function load(server: Server, measureS: number): Promise<LoadResult> {
  const clients = Array.from({ length: CLIENTS }, () => new Client(server.port));
  const samples: Sample[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let window: Awaited<ReturnType<typeof measureWindow>>;
  try {
    window = await measureWindow(server.pid, CLIENTS, WARMUP_S, measureS, async (i) => {
      const start = performance.now();
      try {
        const r = await apply(clients[i]!);
        samples.push({ start, end: performance.now(), ...r });
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        errors++;
        firstError ??= e.message;
        await sleep(50);
      }
    });
  } finally {
    for (const c of clients) c.close();
  }
  const { t0, t1, cpu } = window;
  const inWindow = samples.filter((s) => s.end >= t0 && s.end <= t1);
  if (inWindow.length === 0) throw new Error(`no application completed in the measurement window (${errors} failed; first: ${firstError})`);
  return {
    totalOk: samples.length,
    cpu,
    perSecond: inWindow.length / measureS,
    count: inWindow.length,
    errors,
    firstError,
    submitP50: percentile(
      inWindow.map((s) => s.submit),
      50,
    ),
    submitP95: percentile(
      inWindow.map((s) => s.submit),
      95,
    ),
    wholeP50: percentile(
      inWindow.map((s) => s.whole),
      50,
    ),
    wholeP95: percentile(
      inWindow.map((s) => s.whole),
      95,
    ),
  };
}

function printLoad(r: LoadResult, measureS: number) {
  console.log(
    `  completed applications:  ${r.count} in ${measureS} s (after ${WARMUP_S} s warm-up)${r.errors ? ` – ${r.errors} FAILED during the run, first: ${r.firstError}` : ', none failed'}`,
  );
  console.log(`  submissions/s:           ${r.perSecond.toFixed(1)}`);
  console.log(`  final submit (POST absenden):  p50 ${ms(r.submitP50)}   p95 ${ms(r.submitP95)}`);
  console.log(`  whole application (6 requests): p50 ${ms(r.wholeP50)}   p95 ${ms(r.wholeP95)}`);
  console.log(`  CPU during measurement:  server ${pct(r.cpu.server)} of one core, load generator ${pct(r.cpu.client)} (2 cores shared)`);
}

/** Transactions per second of a pgbench script at the benchmark's 16 clients; a run that lost a client fails. */
async function pgbench(url: string, binDir: string, script: string): Promise<{ tps: number; processed: number }> {
  const u = new URL(url);
  const { stdout, stderr } = await execFileP(
    path.join(binDir, 'pgbench'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      u.port,
      '-U',
      u.username || 'postgres',
      '-c',
      String(CLIENTS),
      '-j',
      '2',
      '-T',
      '10',
      '-n',
      '-f',
      script,
      u.pathname.slice(1) || 'postgres',
    ],
    { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  ).catch((e: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`pgbench failed: ${e.stderr || e.stdout || e.message}`);
  });
  if (/client \d+ aborted/.test(stderr)) throw new Error(`pgbench lost clients:\n${stderr.slice(0, 2000)}`);
  const m = /tps = ([\d.]+) \((without initial connection time|excluding connections establishing)\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
  const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
  if (!m || !processed) throw new Error(`could not parse pgbench output:\n${stdout}`);
  return { tps: Number(m[1]), processed: Number(processed[1]) };
}

async function oneInsertTps(url: string, binDir: string, dir: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      'DROP TABLE IF EXISTS bench_insert; CREATE TABLE bench_insert (id bigserial PRIMARY KEY, tenant_id int NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
  } finally {
    await admin.end();
  }
  const script = path.join(dir, 'insert.sql');
  await writeFile(script, "INSERT INTO bench_insert (tenant_id, payload) VALUES (:client_id, 'pgbench');\n");
  return (await pgbench(url, binDir, script)).tps;
}

await main(async () => {
  header('Rathaus benchmark: submitting applications');
  console.log(environment());
  console.log(`Load: ${CLIENTS} concurrent clients, each repeating a complete dog registration in ${MUNICIPALITY}:`);
  console.log(`  GET form page, POST halter, adresse, hund, nachweis (multipart, ${PDF_BYTES / 1024} KB PDF, unique bytes), POST absenden.`);
  console.log('Server: node --import tsx src/main.ts server, LOG_LEVEL=warn, RUN_JOBS=false, SUBMIT_RATE_LIMIT=100000, default pool size.');

  // ----- PostgreSQL server -----
  const pgDir = await tempDir('rathaus-bench-pg-');
  const postgres = await startPostgres();
  console.log(`\nPostgreSQL 15 (throwaway, ${path.basename(path.dirname(postgres.binDir))}, fsync=on) on 127.0.0.1:${postgres.port}`);
  const pgEnv = { DATABASE_URL: postgres.url, SUBMIT_RATE_LIMIT: '100000' };
  // The first start migrates and seeds; the demo cases it then seeds in the background would share the cores with
  // the load, so the measured server is a second start, and cases already stored are counted before the load.
  const seeding = await startServer({ dataDir: pgDir, env: pgEnv });
  console.log(`  first start (migrations + demo seed) ready after ${(seeding.readyMs / 1000).toFixed(1)} s`);
  await seeding.stop();
  const countStored = async () => {
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const sql = `SELECT count(*) AS n FROM applications a JOIN organizations o ON o.id = a.tenant_id WHERE o.slug = '${MUNICIPALITY}'`;
      return Number((await db.query(sql)).rows[0].n);
    } finally {
      await db.end();
    }
  };
  const storedBefore = await countStored();
  const server = await startServer({ dataDir: pgDir, env: pgEnv });
  console.log(`  server ready after ${(server.readyMs / 1000).toFixed(1)} s`);
  const pgResult = await load(server, MEASURE_PG_S);
  const pgRss = server.peakRssKiB();
  // The baseline: the same application's statements, taken from the server's log, replayed by pgbench.
  const since = Date.now();
  const captured = await captureStatements(postgres.url, path.join(postgres.dir, 'log'), async () => {
    const c = new Client(server.port);
    try {
      await apply(c);
    } finally {
      c.close();
    }
  });
  const replay = toPgbenchScript(captured, since);
  const replayFile = path.join(pgDir, 'one-application.sql');
  await writeFile(replayFile, replay.script);
  await server.stop();
  printLoad(pgResult, MEASURE_PG_S);
  const stored = (await countStored()) - storedBefore;
  const answered = pgResult.totalOk + 1; // the load's submits, warm-up included, and the one captured for the baseline
  console.log(
    `  applications stored: ${stored} (${stored === answered ? 'matches' : 'does NOT match'} the ${answered} submits answered with a status-page redirect, warm-up and capture included)`,
  );
  console.log(`  server RSS: ${mib(server.readyRssKiB)} when ready, peak (VmHWM) ${mib(pgRss)}`);

  const baseline = await pgbench(postgres.url, postgres.binDir, replayFile);
  const replayed = (await countStored()) - storedBefore - stored;
  if (replayed !== baseline.processed) throw new Error(`the replay stored ${replayed} applications, pgbench counted ${baseline.processed} runs`);
  const tps = await oneInsertTps(postgres.url, postgres.binDir, pgDir);
  await postgres.stop();
  const ratio = pgResult.perSecond / baseline.tps;
  console.log(
    `  pgbench replaying one application (${replay.statements} statements in ${replay.transactions} transactions, from the statement log; -c ${CLIENTS} -j 2 -T 10 -n): ${baseline.tps.toFixed(1)} applications/s, ${replayed} stored`,
  );
  console.log(`  pgbench (one-INSERT transaction, -c ${CLIENTS} -j 2 -T 10 -n): ${tps.toFixed(0)} TPS (second reference)`);

  // ----- PGlite -----
  const liteDir = await tempDir('rathaus-bench-pglite-');
  console.log(`\nPGlite (embedded, fresh DATA_DIR)`);
  const liteSeeding = await startServer({ dataDir: liteDir, env: { SUBMIT_RATE_LIMIT: '100000' } });
  console.log(`  first start (migrations + demo seed) ready after ${(liteSeeding.readyMs / 1000).toFixed(1)} s`);
  await liteSeeding.stop();
  const lite = await startServer({ dataDir: liteDir, env: { SUBMIT_RATE_LIMIT: '100000' } });
  console.log(`  server ready after ${(lite.readyMs / 1000).toFixed(1)} s`);
  const liteResult = await load(lite, MEASURE_PGLITE_S);
  const liteRss = lite.peakRssKiB();
  await lite.stop();
  printLoad(liteResult, MEASURE_PGLITE_S);
  console.log(`  server RSS: ${mib(lite.readyRssKiB)} when ready, peak (VmHWM) ${mib(liteRss)}`);

  // ----- summary -----
  const pgOk = ratio >= TARGET_RATIO;
  const p95Ok = pgResult.submitP95 <= TARGET_P95_MS;
  const rssOk = pgRss / 1024 <= TARGET_RSS_PG_MIB;
  const liteRssOk = liteRss / 1024 <= TARGET_RSS_PGLITE_MIB;
  console.log('\nSummary');
  console.log(
    `  PostgreSQL: ${pgResult.perSecond.toFixed(1)} applications/s ÷ ${baseline.tps.toFixed(1)} replayed by pgbench = ${ratio.toFixed(3)}   target ≥ ${TARGET_RATIO}   ${verdict(pgOk)}`,
  );
  console.log(
    `  PostgreSQL: ${pgResult.perSecond.toFixed(1)} applications/s ÷ ${tps.toFixed(0)} one-INSERT TPS = ${(pgResult.perSecond / tps).toFixed(3)} (for reference)`,
  );
  console.log(`  PostgreSQL: final submit p95 ${ms(pgResult.submitP95)}   target ≤ ${TARGET_P95_MS} ms   ${verdict(p95Ok)}`);
  console.log(`  PostgreSQL: server peak RSS ${mib(pgRss)}   target ≤ ${TARGET_RSS_PG_MIB} MiB   ${verdict(rssOk)}`);
  console.log(`  PGlite:     ${liteResult.perSecond.toFixed(1)} submissions/s, final submit p95 ${ms(liteResult.submitP95)}`);
  console.log(`  PGlite:     server peak RSS ${mib(liteRss)}   target ≤ 1 GiB   ${verdict(liteRssOk)}`);
  console.log(`  (${loadAverage()} at the end; other work on this 2-core machine skews all figures)`);
});
