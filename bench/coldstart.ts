// npm run bench:coldstart — time from spawning the server until /health answers 200, on an existing PGlite
// data directory, compared with the bare runtime start (`node --import tsx -e "0"`) measured in the same run.
import { spawn } from 'node:child_process';
import { environment, loadAverage, header, main, median, ROOT, startServer, tempDir, verdict } from './lib.ts';

const RUNS = 3;
const TARGET_S = 3;

/** Wall time of `node --import tsx -e "0"` from spawn to exit, in ms. */
function bareRuntime(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node --import tsx -e 0 exited ${code}: ${err}`))));
  });
}

const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;

/** Wall time of `npm start` (as the README says to run it) from spawn until /health answers 200, in ms. */
async function npmStart(dataDir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RUN_JOBS: 'false', DATABASE_URL: '' },
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('npm start did not become healthy within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    // npm, its shell and the server form one process group.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    await new Promise((r) => setTimeout(r, 300));
  }
}

await main(async () => {
  header('Rathaus benchmark: cold start');
  console.log(environment());
  console.log('Measured: spawn of `node --import tsx src/main.ts server` until GET /health answers 200 (polled every 10 ms),');
  console.log('on a PGlite data directory prepared by one earlier start (migrations and demo data already there).');

  const dir = await tempDir('rathaus-bench-coldstart-');
  const first = await startServer({ dataDir: dir });
  await first.stop();
  console.log(`\nFirst start (creates database, migrations, demo seed; not counted): ${s(first.readyMs)}`);

  const server: number[] = [];
  const selfReported: string[] = [];
  const bare: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    bare.push(await bareRuntime());
    const srv = await startServer({ dataDir: dir, pollMs: 10 });
    server.push(srv.readyMs);
    const m = /bereit nach (\d+) ms/.exec(srv.output());
    selfReported.push(m ? `${m[1]} ms` : 'n/a');
    await srv.stop();
    console.log(
      `  run ${i}: server ready after ${s(srv.readyMs)} (server's own log: ready ${selfReported[i - 1]} after its modules had loaded)   bare runtime ${s(bare[i - 1]!)}`,
    );
  }

  const viaNpm: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    viaNpm.push(await npmStart(dir));
    console.log(`  npm start ${i}: ready after ${s(viaNpm[i - 1]!)}`);
  }

  const med = median(server);
  const npmMed = median(viaNpm);
  const bareMed = median(bare);
  console.log('\nSummary');
  console.log(`  server cold start: ${server.map(s).join(', ')}   median ${s(med)}   target ≤ ${TARGET_S} s   ${verdict(med <= TARGET_S * 1000)}`);
  console.log(`  npm start cold start: ${viaNpm.map(s).join(', ')}   median ${s(npmMed)}   target ≤ ${TARGET_S} s   ${verdict(npmMed <= TARGET_S * 1000)}`);
  console.log(`  bare runtime (node --import tsx -e "0"): ${bare.map(s).join(', ')}   median ${s(bareMed)}`);
  console.log(`  ratio server ÷ bare runtime: ${(med / bareMed).toFixed(1)}×`);
  console.log(`  (${loadAverage()} at the end; other work on this 2-core machine skews all figures)`);
});
