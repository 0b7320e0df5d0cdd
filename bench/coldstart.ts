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
    child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node --import tsx -e 0 exited ${code}: ${err}`))));
  });
}

const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;

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
    console.log(`  run ${i}: server ready after ${s(srv.readyMs)} (server's own log: ready ${selfReported[i - 1]} after its modules had loaded)   bare runtime ${s(bare[i - 1]!)}`);
  }

  const med = median(server);
  const bareMed = median(bare);
  console.log('\nSummary');
  console.log(`  server cold start: ${server.map(s).join(', ')}   median ${s(med)}   target ≤ ${TARGET_S} s   ${verdict(med <= TARGET_S * 1000)}`);
  console.log(`  bare runtime (node --import tsx -e "0"): ${bare.map(s).join(', ')}   median ${s(bareMed)}`);
  console.log(`  ratio server ÷ bare runtime: ${(med / bareMed).toFixed(1)}×`);
  console.log(`  (${loadAverage()} at the end; other work on this 2-core machine skews all figures)`);
});
