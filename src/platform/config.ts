// The only reader of process.env. Every setting is documented here and validated at boot.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /** SCAN_MAX_BYTES: size cap per scan in the back office's scanning intake (default 25 MB: a scanned letter of several pages). */
  scanMaxBytes: number;
  /**
   * OCR_COMMAND: the ocrmypdf program that makes scans searchable (default "ocrmypdf"; Debian packages ocrmypdf and
   * tesseract-ocr-deu). When it cannot be run, scans are filed as they are and the page says their text is not searchable.
   */
  ocrCommand: string;
  /**
   * APP_SECRET: key for status links and cookies (≥ 32 characters); generated into DATA_DIR/secret.key when
   * unset. Several processes on one PostgreSQL server (server and worker, or several nodes) need the same one.
   */
  appSecret: string;
  /** Derived: the secret came from DATA_DIR/secret.key, not from APP_SECRET. */
  appSecretFromFile: boolean;
  /** DEMO_DATA: load the demo regions on first start (default: true on the embedded database, false on a server). */
  demoData: boolean;
  /**
   * TRUST_PROXY: comma-separated addresses or CIDR ranges of the TLS-terminating proxies in front of Rathaus
   * (e.g. "127.0.0.1,10.0.0.0/8"). Only their X-Forwarded-For is believed, so rate limits count real clients;
   * cookies become Secure and HSTS is sent. Empty: Rathaus is reached directly.
   */
  trustProxy: string[];
  /** Derived: served through a TLS proxy (TRUST_PROXY set). */
  behindTls: boolean;
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
  /**
   * SIGN_IN_RATE_LIMIT: sign-in and password-reset requests per minute and client address (default 20). The lock
   * per e-mail address (LOGIN_MAX_FAILURES) guards each account; this guards against one client trying many.
   */
  signInRateLimit: number;
  /**
   * METRICS_TOKEN: bearer token for GET /metrics (at least 16 visible characters, no spaces). Unset: no token opens it.
   */
  metricsToken: string | undefined;
  /**
   * METRICS_ALLOW: comma-separated addresses or CIDR ranges that may read /metrics without the token (e.g.
   * "127.0.0.1,::1" for a Prometheus on the same machine). Default: none. Behind a proxy these are the clients'
   * addresses as TRUST_PROXY reveals them: without TRUST_PROXY every request through a local proxy comes from 127.0.0.1,
   * which is why loopback is not allowed by default. With neither setting /metrics answers 404.
   */
  metricsAllow: string[];
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
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < 32)
      throw new ConfigError(`${file} enthält keinen gültigen Schlüssel (mindestens 32 Zeichen). Löschen Sie die Datei oder setzen Sie APP_SECRET.`);
    return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
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
    scanMaxBytes: int(env, 'SCAN_MAX_BYTES', 25 * 1024 * 1024),
    ocrCommand: env.OCR_COMMAND || 'ocrmypdf',
    appSecret: overrides.appSecret ?? secretFor(dataDir, env.APP_SECRET),
    appSecretFromFile: !overrides.appSecret && !env.APP_SECRET,
    demoData: bool(env, 'DEMO_DATA', !databaseUrl),
    trustProxy: proxies(env.TRUST_PROXY),
    behindTls: false,
    logLevel: env.LOG_LEVEL || 'info',
    runJobs: bool(env, 'RUN_JOBS', true),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5),
    draftTtlHours: int(env, 'DRAFT_TTL_HOURS', 72),
    submitRateLimit: int(env, 'SUBMIT_RATE_LIMIT', 30),
    signInRateLimit: int(env, 'SIGN_IN_RATE_LIMIT', 20),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    metricsAllow: addresses('METRICS_ALLOW', env.METRICS_ALLOW),
  };
  const merged = { ...config, ...overrides };
  return { ...merged, behindTls: merged.trustProxy.length > 0 };
}

// Trusting every hop (true) would let any client write its own address into X-Forwarded-For.
function proxies(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '' || raw === 'false') return [];
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)(\/\d{1,3})?$/;
  const wrong = list.find((a) => !address.test(a));
  if (wrong !== undefined) {
    throw new ConfigError(`TRUST_PROXY nennt die Adressen der Proxys, z. B. "127.0.0.1" oder "10.0.0.0/8"; "${wrong}" ist keine.`);
  }
  return list;
}

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError('METRICS_TOKEN muss mindestens 16 sichtbare Zeichen lang sein, ohne Leerzeichen.');
  }
  return raw;
}

function addresses(name: string, raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = list.find((entry) => {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    return prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  if (wrong !== undefined) {
    throw new ConfigError(`${name} nennt Adressen oder Bereiche, z. B. "127.0.0.1", "::1" oder "10.0.0.0/8"; "${wrong}" ist keine.`);
  }
  return list;
}

/** TEST_DATABASE_URL: when set, tests run against this PostgreSQL server instead of PGlite. */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
