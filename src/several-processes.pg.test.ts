// Two app processes on one PostgreSQL server, as a load-balanced installation runs: the sign-in lock and the rate
// limits must hold across both, because their counts live in the database and not in either process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from './platform/config.ts';
import { APP_LOGIN, TEMPLATE_DB } from './testing/harness.ts';
import { freePort, waitForHealth } from './testing/processes.ts';

const serverUrl = testDatabaseUrl();
if (!serverUrl) throw new Error('TEST_DATABASE_URL is required (see .ci/run)');
const database = `procs_${process.pid}`;
const children: ChildProcess[] = [];
const dirs: string[] = [];
const ports: number[] = [];

const urlFor = (user?: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};

async function startServer(): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-node-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'server'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RUN_JOBS: 'false',
      DATABASE_URL: urlFor(APP_LOGIN),
      DATABASE_ADMIN_URL: urlFor(),
      APP_SECRET: 'one-secret-for-every-process-'.padEnd(40, 'x'),
      LOGIN_MAX_FAILURES: '4',
      SIGN_IN_RATE_LIMIT: '12',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  if (await waitForHealth(port, child)) return port;
  throw new Error(`server did not become healthy:\n${output}`);
}

/** One sign-in attempt through the login form of the process on `port`. */
async function signIn(port: number, email: string, password: string) {
  const base = `http://127.0.0.1:${port}`;
  const form = await fetch(`${base}/verwaltung/anmelden`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/verwaltung/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ _csrf: token, email, password }),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  ports.push(...(await Promise.all([startServer(), startServer()])));
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describe('two app processes on one database', () => {
  it('lock an address after failures spread over both, on both', async () => {
    const [a, b] = ports as [number, number];
    const email = 'sachbearbeitung@guetersloh.example';
    const statuses = [];
    for (const port of [a, b, a, b]) statuses.push((await signIn(port, email, 'falsch-falsch')).status);
    // Each process saw two failures only; the lock after four comes from the count they share.
    expect(statuses).toEqual([422, 422, 422, 429]);
    const right = await signIn(a, email, 'Rathaus-Demo-2026');
    expect(right.status).toBe(429);
    expect(right.body).toContain('Zu viele Fehlversuche mit dieser E-Mail-Adresse.');
  });

  it('share one rate limit per client', async () => {
    const [a, b] = ports as [number, number];
    // Five sign-ins are already counted in this minute; seven more reach the limit of twelve.
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(i % 2 === 0 ? a : b, `niemand-${i}@guetersloh.example`, 'falsch-falsch')).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422, 422, 429]);
    const refused = await signIn(a, 'niemand-9@guetersloh.example', 'falsch-falsch');
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Zu viele Anfragen. Bitte warten Sie einen Moment.');
  });
});
