// The only reader of process.env. Every setting is documented here and validated at boot.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  /** PORT: HTTP port (default 3000). */
  port: number;
  /** HOST: address to listen on (default 127.0.0.1). */
  host: string;
  /** DATA_DIR: embedded database, blobs and the generated secret (default ./data). */
  dataDir: string;
  /** DATABASE_URL: postgres://… to use a PostgreSQL server instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  /** DATABASE_ADMIN_URL: owner connection for migrations (default DATABASE_URL). */
  databaseAdminUrl: string | undefined;
  /** DATABASE_POOL_SIZE: connections to the PostgreSQL server (default 10). */
  databasePoolSize: number;
  /** PUBLIC_URL: base URL used in e-mails (default http://HOST:PORT). */
  publicUrl: string;
  /** SMTP_URL: smtp://user:pass@host:port to send e-mail; without it mail is logged as skipped. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: sender address (default rathaus@localhost). */
  mailFrom: string;
  /** UPLOAD_MAX_BYTES: size cap per uploaded file (default 10 MB). */
  uploadMaxBytes: number;
  /** APP_SECRET: key for status links and cookies; generated into DATA_DIR/secret.key when unset. */
  appSecret: string;
  /** TRUST_PROXY: "true" behind a TLS-terminating proxy; session cookies are then Secure. */
  trustProxy: boolean;
  /** LOG_LEVEL: pino level (default info). */
  logLevel: string;
  /** RUN_JOBS: "false" to not run background jobs inside the server process (default true). */
  runJobs: boolean;
  /** LOGIN_MAX_FAILURES: failed logins before an account is locked for 15 minutes (default 5). */
  loginMaxFailures: number;
  /** DRAFT_TTL_HOURS: how long an unfinished application is kept (default 72). */
  draftTtlHours: number;
  /** SUBMIT_RATE_LIMIT: submissions per minute and client address (default 30). */
  submitRateLimit: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} muss eine ganze Zahl ≥ 0 sein, ist aber "${raw}".`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} muss "true" oder "false" sein, ist aber "${raw}".`);
}

function secretFor(dataDir: string, given: string | undefined): string {
  if (given) {
    if (given.length < 32) throw new ConfigError('APP_SECRET muss mindestens 32 Zeichen lang sein.');
    return given;
  }
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(overrides.dataDir ?? env.DATA_DIR ?? 'data');
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL muss mit postgres:// beginnen.');
  }
  const config: Config = {
    port,
    host,
    dataDir,
    databaseUrl,
    databaseAdminUrl: overrides.databaseAdminUrl ?? (env.DATABASE_ADMIN_URL || databaseUrl),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10),
    publicUrl: (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'rathaus@localhost',
    uploadMaxBytes: int(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
    appSecret: overrides.appSecret ?? secretFor(dataDir, env.APP_SECRET),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL || 'info',
    runJobs: bool(env, 'RUN_JOBS', true),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5),
    draftTtlHours: int(env, 'DRAFT_TTL_HOURS', 72),
    submitRateLimit: int(env, 'SUBMIT_RATE_LIMIT', 30),
  };
  return { ...config, ...overrides };
}

/** TEST_DATABASE_URL: when set, tests run against this PostgreSQL server instead of PGlite. */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
