// The program as an operator runs it: real processes on one data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from './platform/db/database.ts';
import { TINY_PDF } from './testing/http.ts';
import { freePort, waitForHealth as waitForServer } from './testing/processes.ts';
import { VALID_STEPS } from './testing/flows.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-process-'));
const children: ChildProcess[] = [];
let port: number;

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RUN_JOBS: 'false',
  DATABASE_URL: '',
  ...extra,
});

function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'server'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function waitForHealth() {
  if (!(await waitForServer(port))) throw new Error('server did not become healthy');
}

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: env(), encoding: 'utf8' });

/** Just enough of a browser over real HTTP: cookies, CSRF token, no redirects followed. */
class HttpClient {
  cookies = new Map<string, string>();
  async request(url: string, init: RequestInit = {}) {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      this.cookies.set(k!, v!);
    }
    return res;
  }
  async token(url: string) {
    return /name="_csrf" value="([^"]+)"/.exec(await (await this.request(url)).text())![1]!;
  }
  async post(url: string, fields: Record<string, string>, from = url) {
    const body = new URLSearchParams({ _csrf: await this.token(from), ...fields });
    return this.request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  async upload(url: string, field: string, file: Buffer) {
    const form = new FormData();
    form.set('_csrf', await this.token(url));
    form.set(field, new Blob([new Uint8Array(file)], { type: 'application/pdf' }), 'nachweis.pdf');
    return this.request(url, { method: 'POST', body: form });
  }
}

beforeAll(async () => {
  port = await freePort();
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('running Rathaus', () => {
  let first: ReturnType<typeof start>;

  it('starts on an empty data directory, migrates, loads demo data and prints the logins', async () => {
    first = start();
    await waitForHealth();
    const out = first.output();
    expect(out).toContain(`http://127.0.0.1:${port}/`);
    expect(out).toContain('sachbearbeitung@guetersloh.example');
    expect(out).toContain('Rathaus-Demo-2026');
    // A first start creates the database, loads some 100 demo services and hashes the demo passwords.
  }, 90_000);

  it('refuses a second server on the same data directory, and the first keeps running', async () => {
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'server'], {
      env: env({ PORT: String(await freePort()) }),
      encoding: 'utf8',
    });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain('Rathaus läuft bereits mit dem Datenverzeichnis');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('keeps a confirmed application through kill -9', async () => {
    const base = '/guetersloh/leistungen/hund-anmelden/antrag';
    const citizen = new HttpClient();
    for (const [step, fields] of Object.entries(VALID_STEPS)) {
      expect((await citizen.post(`${base}/${step}`, fields)).status).toBe(303);
    }
    expect((await citizen.upload(`${base}/nachweis`, 'versicherung', TINY_PDF)).status).toBe(303);
    const submitted = await citizen.post(`${base}/absenden`, {}, `${base}/pruefen`);
    expect(submitted.status).toBe(303);
    const statusUrl = submitted.headers.get('location')!;
    const confirmation = await (await citizen.request(statusUrl)).text();
    const reference = /GT-\d{4}-\d{6}/.exec(confirmation)![0];

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const again = start();
    await waitForHealth();
    const after = await citizen.request(statusUrl.replace('?eingegangen=1', ''));
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(reference);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));
  });

  it('creates staff accounts from the command line and explains mistakes', () => {
    const ok = cli(
      'user:create',
      '--email',
      'neu@guetersloh.example',
      '--name',
      'Neue Kollegin',
      '--role',
      'clerk',
      '--organization',
      'guetersloh',
      '--password',
      'ein-langes-passwort',
    );
    expect(ok.stdout).toContain('Konto angelegt');
    expect(ok.status).toBe(0);
    const wrongRole = cli('user:create', '--email', 'x@y.example', '--name', 'X', '--role', 'kaiser', '--organization', 'guetersloh');
    expect(wrongRole.status).toBe(2);
    expect(wrongRole.stderr).toContain('Unbekannte Rolle');
    const noOrg = cli('user:create', '--email', 'x@y.example', '--name', 'X', '--role', 'clerk', '--organization', 'atlantis');
    expect(noOrg.stderr).toContain('Keine Organisation');
  });

  it('verifies the audit log and reports a changed or deleted entry', async () => {
    const clean = cli('audit:verify');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/guetersloh: \d+ Einträge geprüft, in Ordnung/);

    const lite = await createPglite(path.join(dataDir, 'pglite'));
    const tenant = (await lite.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).rows[0]!.id;
    await lite.query(`UPDATE audit_log SET actor = 'jemand anderes' WHERE tenant_id = $1 AND seq = 1`, [tenant]);
    await lite.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2`, [tenant]);
    await lite.close();

    const tampered = cli('audit:verify');
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('guetersloh: Eintrag 1 wurde verändert');
    expect(tampered.stdout).toContain('guetersloh: Eintrag 2 fehlt (gelöscht)');
  });
});
