// Test harness: the real app on a real database. PGlite by default (one migrated base per worker, cloned
// per test file); a PostgreSQL server when TEST_DATABASE_URL is set (one database per test file from a template).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, testDatabaseUrl, type Config } from '../platform/config.ts';
import { createPglite, openPglite, openPostgres, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { fileBlobStore } from '../platform/blobs/store.ts';
import { createMailer, type Mailer } from '../platform/mail/mailer.ts';
import { seedDemo } from '../modules/demo/index.ts';

export const TEMPLATE_DB = 'rathaus_template';
export const APP_LOGIN = 'rathaus_login';

const g = globalThis as unknown as { __rathausBase?: Promise<PGlite> };

async function pgliteBase(): Promise<PGlite> {
  g.__rathausBase ??= (async () => {
    const lite = await createPglite();
    const db = await openPglite(lite);
    await migrate(db.admin);
    await seedDemo(db.db);
    await db.db.destroy();
    return lite;
  })();
  return g.__rathausBase;
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const asUser = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
};

/** Creates the migrated, seeded template database once (vitest globalSetup for the server suite). */
export async function preparePostgresTemplate(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = await openPostgres(withDb(url, TEMPLATE_DB), 2);
  await migrate(db.admin);
  await db.admin.exec(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN
    CREATE ROLE ${APP_LOGIN} LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE rathaus_app; END IF; END $$;`);
  await seedDemo(db.db);
  await db.close();
}

export async function openTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) return openPglite((await (await pgliteBase()).clone()) as PGlite, true);
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  // The app logs in as a role that neither owns the tables nor bypasses row-level security.
  const database = await openPostgres(asUser(withDb(url, name), APP_LOGIN), 5, withDb(url, name));
  return {
    ...database,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestApp(options: { mailer?: Mailer; config?: Partial<Config>; logger?: object } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-test-'));
  const database = await openTestDatabase();
  const config = loadConfig({}, { dataDir, appSecret: 'test-secret-'.padEnd(40, 'x'), publicUrl: 'http://rathaus.test', ...options.config } as Partial<Config>);
  const app = await buildApp({
    config,
    database,
    blobs: fileBlobStore(path.join(dataDir, 'blobs')),
    mailer: options.mailer ?? createMailer(undefined, config.mailFrom),
    logger: options.logger ?? false,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    dataDir,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
