#!/usr/bin/env node
// Throwaway PostgreSQL 15 server in a temporary directory on a free port.
//
// Module:  const server = await startTempPostgres(); ... await server.stop();
// CLI:     node scripts/pg-temp.mjs run -- <command...>
//          Runs <command> via `sh -c` with TEST_DATABASE_URL and PGBIN set,
//          stops the server afterwards and exits with the command's exit code.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const FALLBACK_USER = 'rathaus-pg';

function findBinDir() {
  const preferred = path.join(PG_ROOT, '15', 'bin');
  if (existsSync(path.join(preferred, 'initdb'))) return preferred;
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`No PostgreSQL server binaries under ${PG_ROOT}; run: node scripts/ensure-system-packages.mjs`);
  }
  return path.join(PG_ROOT, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function lookupUser(name) {
  try {
    const uid = Number((await execFileP('id', ['-u', name])).stdout.trim());
    const gid = Number((await execFileP('id', ['-g', name])).stdout.trim());
    return { name, uid, gid };
  } catch {
    return null;
  }
}

// initdb/pg_ctl refuse to run as root: use the `postgres` system user (or create one).
async function serverUser() {
  const existing = (await lookupUser('postgres')) ?? (await lookupUser(FALLBACK_USER));
  if (existing) return existing;
  await execFileP('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', FALLBACK_USER]);
  return lookupUser(FALLBACK_USER);
}

async function run(cmd, args, { user, cwd }) {
  const [file, argv] = user ? ['runuser', ['-u', user.name, '--', cmd, ...args]] : [cmd, args];
  try {
    return await execFileP(file, argv, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const detail = [err.stdout, err.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`${cmd} ${args.join(' ')} failed: ${detail || err.message}`);
  }
}

export async function startTempPostgres({ port } = {}) {
  const binDir = findBinDir();
  const bin = (name) => path.join(binDir, name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const user = isRoot ? await serverUser() : null;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'pg-temp-'));
  const dataDir = path.join(dir, 'data');
  const opts = { user, cwd: dir };
  let started = false;
  let stopped = false;

  async function stop() {
    if (stopped) return;
    stopped = true;
    try {
      if (started) await run(bin('pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], opts);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  try {
    if (user) await chown(dir, user.uid, user.gid); // mkdtemp dir is 0700 root otherwise
    const initdb = (localeArgs) => run(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', ...localeArgs], opts);
    try {
      await initdb(['--locale=C.UTF-8']);
    } catch {
      await rm(dataDir, { recursive: true, force: true });
      await initdb(['--no-locale']);
    }

    port ??= await freePort();
    const quotedDir = `'${dir.replaceAll("'", `'\\''`)}'`; // pg_ctl passes -o through a shell
    const serverOpts = `-p ${port} -k ${quotedDir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
    started = true;
    await run(bin('pg_ctl'), ['-D', dataDir, '-o', serverOpts, '-l', path.join(dir, 'log'), '-w', 'start'], opts);
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }

  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, binDir, stop };
}

async function cli(argv) {
  const sep = argv.indexOf('--');
  if (argv[0] !== 'run' || sep === -1 || sep === argv.length - 1) {
    console.error("usage: node scripts/pg-temp.mjs run -- '<command...>'");
    return 2;
  }
  const command = argv.slice(sep + 1).join(' ');
  const signalCode = (sig) => 128 + os.constants.signals[sig];
  let pg;
  let child;
  let signalled = null;
  const onSignal = (sig) => {
    signalled ??= sig;
    if (child && child.exitCode === null) child.kill(sig);
    // A signal during startup is handled once startTempPostgres() returns.
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  pg = await startTempPostgres();
  if (signalled) {
    await pg.stop();
    return signalCode(signalled);
  }

  const code = await new Promise((resolve) => {
    child = spawn('sh', ['-c', command], {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: pg.url, PGBIN: pg.binDir },
    });
    child.on('error', (err) => {
      console.error(err.message);
      resolve(127);
    });
    child.on('exit', (status, sig) => resolve(status ?? signalCode(sig ?? signalled ?? 'SIGTERM')));
  });
  try {
    await pg.stop();
  } catch (err) {
    console.error(`pg-temp: stopping the server failed: ${err.message}`);
  }
  return code;
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (isMain) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`pg-temp: ${err.message}`);
      process.exit(1);
    },
  );
}
