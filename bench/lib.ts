// Shared helpers for the benchmark scripts: server processes, a keep-alive HTTP client, statistics.
// Everything targets 127.0.0.1 only. Servers and PostgreSQL are always stopped (finally + SIGINT/SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';
export const DEMO_CLERK = 'sachbearbeitung@guetersloh.example';
export const DEMO_PASSWORD = 'Rathaus-Demo-2026';

// ----- cleanup on exit and on Ctrl-C -----

type Cleanup = () => Promise<void>;
const cleanups = new Set<Cleanup>();
let draining: Promise<void> = Promise.resolve();
let interrupted = false;

/** Registers a cleanup that also runs on SIGINT/SIGTERM; returns a function that unregisters it. */
export function onCleanup(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs every registered cleanup, newest first; calls are serialised, so nothing registered later is missed. */
function runCleanups(): Promise<void> {
  draining = draining.then(async () => {
    while (cleanups.size) {
      const fn = [...cleanups].pop()!;
      cleanups.delete(fn);
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup failed: ${(e as Error).message}`);
      }
    }
  });
  return draining;
}

export const isInterrupted = () => interrupted;

/** Throws once Ctrl-C was pressed, so the benchmark stops instead of starting the next step. */
export function checkInterrupted() {
  if (interrupted) throw new Error('interrupted');
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // tsx (npm run) relays the signal to this process as well, so a repeated signal is expected: ignore it.
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${sig}: stopping servers …`);
    // Stopping the servers makes the running step fail fast; main() then finishes the cleanup and exits.
    void runCleanups().then(() => setTimeout(() => process.exit(130), 30_000).unref());
  });
}

/** Runs the benchmark body, always cleans up, exits 0 on success (also on a MISS) and 1 on an error, 130 on Ctrl-C. */
export async function main(body: () => Promise<void>) {
  let code = 0;
  try {
    await body();
    checkInterrupted();
  } catch (e) {
    if (interrupted) console.error('Interrupted; no complete figures.');
    else console.error(`\nERROR: ${(e as Error).stack ?? e}`);
    code = interrupted ? 130 : 1;
  } finally {
    await runCleanups();
  }
  process.exit(code);
}

// ----- small utilities -----

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Value at the p-th percentile (nearest rank) of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: number[]) => percentile(samples, 50);
export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** Peak resident set size (VmHWM) of a live process, in KiB. */
export const peakRssKiB = (pid: number) => procStatus(pid, 'VmHWM');
/** Current resident set size (VmRSS) of a live process, in KiB. */
export const rssKiB = (pid: number) => procStatus(pid, 'VmRSS');

/** CPU time (user + system) a live process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Measures CPU use of the server and of this load generator between two points in time. */
export function cpuMeter(pid: number) {
  let server0 = 0,
    self0 = process.cpuUsage(),
    t0 = 0;
  return {
    start() {
      server0 = cpuSeconds(pid);
      self0 = process.cpuUsage();
      t0 = performance.now();
    },
    stop() {
      const wall = (performance.now() - t0) / 1000;
      const self = process.cpuUsage(self0);
      return { server: (cpuSeconds(pid) - server0) / wall, client: (self.user + self.system) / 1e6 / wall };
    },
  };
}

export const pct = (share: number) => `${(share * 100).toFixed(0)} %`;

/**
 * Runs `clients` concurrent loops of `body` through a warm-up and a measurement window, and measures the
 * server's and this process's CPU inside the window. Samples count when they end inside [t0, t1].
 */
export async function measureWindow(pid: number, clients: number, warmupS: number, measureS: number, body: (client: number) => Promise<void>) {
  const t0 = performance.now() + warmupS * 1000;
  const t1 = t0 + measureS * 1000;
  const meter = cpuMeter(pid);
  let cpu: { server: number; client: number } | undefined;
  const timers = [
    setTimeout(() => meter.start(), t0 - performance.now()),
    setTimeout(() => {
      cpu = meter.stop();
    }, t1 - performance.now()),
  ];
  try {
    await runFor(clients, t1, body);
  } finally {
    for (const t of timers) clearTimeout(t);
  }
  checkInterrupted();
  return { t0, t1, cpu: cpu ?? meter.stop() };
}

// ----- the Rathaus server as a child process -----

export interface Server {
  pid: number;
  port: number;
  base: string;
  /** ms from spawn until /health answered 200 */
  readyMs: number;
  /** RSS when /health first answered 200, in KiB */
  readyRssKiB: number;
  peakRssKiB(): number;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** how often /health is polled while starting (default 20 ms) */
  pollMs?: number;
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: '/health', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Starts `node --import tsx src/main.ts server` directly (not via npx/tsx, which would add a parent process),
 * so the pid is the server itself, and waits until /health answers 200.
 */
export async function startServer(opts: ServerOptions): Promise<Server> {
  checkInterrupted();
  const port = await freePort();
  const started = performance.now();
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts', 'server'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
      SMTP_URL: '',
      DATABASE_URL: '',
      DATABASE_ADMIN_URL: '',
      DEMO_DATA: 'true',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    }
  };
  const unregister = onCleanup(stop);

  const deadline = started + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`server exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${out}`);
    }
    if ((await healthStatus(port)) === 200) break;
    if (performance.now() > deadline || interrupted) {
      await stop();
      throw new Error(`server did not become healthy within ${opts.timeoutMs ?? 90_000} ms:\n${out}`);
    }
    await sleep(opts.pollMs ?? 20);
  }
  const readyMs = performance.now() - started;
  const readyRssKiB = rssKiB(child.pid!);
  return {
    readyRssKiB,
    pid: child.pid!,
    port,
    base: `http://${HOST}:${port}`,
    readyMs,
    peakRssKiB: () => peakRssKiB(child.pid!),
    output: () => out,
    stop,
  };
}

// ----- throwaway PostgreSQL -----

export interface TempPostgres {
  url: string;
  port: number;
  binDir: string;
  /** The server's folder; its statement log is the file `log` in it. */
  dir: string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TempPostgres> {
  checkInterrupted();
  const modUrl = new URL('../scripts/pg-temp.mjs', import.meta.url).href;
  const mod = (await import(modUrl)) as { startTempPostgres(): Promise<Omit<TempPostgres, 'stop'> & { stop(): Promise<void> }> };
  const pg = await mod.startTempPostgres();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    await pg.stop();
  };
  const unregister = onCleanup(stop);
  return { url: pg.url, port: pg.port, binDir: pg.binDir, dir: pg.dir, stop };
}

// ----- a keep-alive HTTP client with a cookie jar (one per simulated browser) -----

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class Client {
  readonly cookies = new Map<string, string>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** acceptEncoding: what the client accepts; by default what a browser sends. */
  constructor(
    readonly port: number,
    readonly acceptEncoding = 'gzip, deflate, br',
  ) {}

  close() {
    this.agent.destroy();
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        if (k!.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k!.toLowerCase() === 'expires') return new Date(v!).getTime() < Date.now();
        return false;
      });
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  request(method: string, url: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: HOST,
          port: this.port,
          method,
          path: url,
          agent: this.agent,
          headers: {
            // Like a browser: compressed responses are accepted (the server compresses pages ≥ 1 KiB).
            ...(this.acceptEncoding ? { 'accept-encoding': this.acceptEncoding } : {}),
            ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
            ...(body ? { 'content-length': String(body.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            this.remember(res.headers['set-cookie']);
            try {
              const raw = Buffer.concat(chunks);
              const enc = res.headers['content-encoding'];
              const bytes =
                enc === 'br' ? zlib.brotliDecompressSync(raw) : enc === 'gzip' ? zlib.gunzipSync(raw) : enc === 'deflate' ? zlib.inflateSync(raw) : raw;
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8') });
            } catch (e) {
              reject(e);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }

  postForm(url: string, fields: Record<string, string>) {
    return this.request('POST', url, Buffer.from(new URLSearchParams(fields).toString()), { 'content-type': 'application/x-www-form-urlencoded' });
  }

  postMultipart(url: string, fields: Record<string, string>, files: Array<{ field: string; filename: string; contentType: string; data: Buffer }>) {
    const boundary = `----rathausbench${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of files) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request('POST', url, Buffer.concat(parts), { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  async login(email = DEMO_CLERK, password = DEMO_PASSWORD) {
    const page = await this.get('/verwaltung/anmelden');
    const res = await this.postForm('/verwaltung/anmelden', { _csrf: csrfToken(page.body), email, password });
    if (res.status !== 303 || res.headers.location !== '/verwaltung/') {
      throw new Error(`login as ${email} failed: HTTP ${res.status} ${res.headers.location ?? ''}\n${res.body.slice(0, 500)}`);
    }
  }
}

export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('page has no CSRF token');
  return match[1]!;
}

/** Runs `worker` on `concurrency` clients until `untilMs` (performance.now()); returns when all have stopped. */
export async function runFor(concurrency: number, untilMs: number, worker: (i: number) => Promise<void>) {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < untilMs && !interrupted) await worker(i);
    }),
  );
}

export function header(title: string) {
  console.log(`\n${title}\n${'='.repeat(title.length)}`);
}

export function environment(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${os.cpus().length} × ${cpu} · ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM · ${loadAverage()}`;
}

/** The machine's 1-minute load average: other work on the machine skews every figure. */
export function loadAverage(): string {
  return `load average ${os.loadavg()[0]!.toFixed(2)}`;
}
