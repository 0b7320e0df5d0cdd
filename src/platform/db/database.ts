// One code path for both backends: Kysely over a pg.Pool, backed by PGlite or a PostgreSQL server.
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Tables } from './tables.ts';

// jsonb and bigint come back as parsed JSON and as strings; timestamps as Date.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;

export interface Database {
  db: Db;
  backend: 'pglite' | 'postgres';
  /** Runs SQL as the owner of the schema (migrations, audit verification). */
  admin: AdminConnection;
  close(): Promise<void>;
}

export interface AdminConnection {
  exec(text: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export const APP_ROLE = 'rathaus_app';

function kyselyOver(pool: pg.Pool): Db {
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

export async function openPglite(dataDir: string | PGlite, owned = typeof dataDir === 'string'): Promise<Database> {
  const lite = typeof dataDir === 'string' ? await PGlite.create(dataDir) : dataDir;
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = kyselyOver(pool);
  const admin: AdminConnection = {
    exec: async (text) => {
      await lite.exec(text);
    },
    query: async (text, params) => (await lite.query(text, params as unknown[])).rows as never,
    close: async () => {},
  };
  return {
    db,
    backend: 'pglite',
    admin,
    close: async () => {
      await db.destroy();
      if (owned) await lite.close();
    },
  };
}

export async function openPostgres(url: string, poolSize: number, adminUrl = url): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = kyselyOver(pool);
  const adminPool = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const admin: AdminConnection = {
    exec: async (text) => {
      await adminPool.query(text);
    },
    query: async (text, params) => (await adminPool.query(text, params)).rows,
    close: () => adminPool.end(),
  };
  return {
    db,
    backend: 'postgres',
    admin,
    close: async () => {
      await db.destroy();
      await adminPool.end();
    },
  };
}

/**
 * Runs fn in one transaction as the application role with the tenant set for this transaction only.
 * set_config(..., true) is SET LOCAL: a pooled connection never carries the tenant to the next request.
 */
export async function inTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
    return fn(tx);
  });
}

/** A transaction as the application role without tenant: region-level reference data only. */
export async function inRegion<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
    return fn(tx);
  });
}
