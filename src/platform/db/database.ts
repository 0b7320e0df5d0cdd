// One code path for both backends: Kysely over a pg.Pool, backed by PGlite or a PostgreSQL server.
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { createHash } from 'node:crypto';
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
  /** The app's connection pool as it is now, for the metrics. */
  poolStats(): PoolStats;
  close(): Promise<void>;
}

interface PoolStats {
  /** Connections allowed (PGlite: 1, it answers one query at a time). */
  max: number;
  /** Connections open, in use or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above zero for long, the pool is too small or a query too slow. */
  waiting: number;
}

const statsOf = (pool: pg.Pool) => (): PoolStats => ({
  max: pool.options.max,
  total: pool.totalCount,
  idle: pool.idleCount,
  waiting: pool.waitingCount,
});

export interface AdminConnection {
  exec(text: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export const APP_ROLE = 'rathaus_app';

/**
 * Names every parameterised statement after its text, so each connection parses and plans it once and then
 * only binds and executes. Planning was most of a short query's cost (about 1 ms of 1.5 ms on PGlite). The
 * app builds its SQL from a bounded set of shapes, so the number of names per connection stays small.
 * Behind PgBouncer in transaction mode this needs PgBouncer 1.21+ with max_prepared_statements set.
 */
function prepareStatementsByName(pool: pg.Pool) {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) =>
      typeof text === 'string' && Array.isArray(values) && values.length > 0
        ? query({ name: `r${createHash('sha1').update(text).digest('base64url')}`, text, values }, callback)
        : query(text, values, callback);
  });
}

function kyselyOver(pool: pg.Pool): Db {
  prepareStatementsByName(pool);
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens PGlite with the extensions the migrations use (pg_trgm for typo-tolerant search, btree_gin for the document
 * search's index over tenant and words); in memory without a folder.
 */
export async function createPglite(dataDir?: string): Promise<PGlite> {
  // Loaded only when used: the embedded database's code costs about 40 MiB a server on PostgreSQL never needs.
  const [{ PGlite: Lite }, { pg_trgm }, { btree_gin }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/btree_gin'),
  ]);
  return Lite.create(dataDir, { extensions: { pg_trgm, btree_gin } });
}

export async function openPglite(dataDir: string | PGlite, owned = typeof dataDir === 'string'): Promise<Database> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const lite = typeof dataDir === 'string' ? await createPglite(dataDir) : dataDir;
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
    poolStats: statsOf(pool),
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
  // An idle connection the server ends (a restart, a terminated backend, a dropped database while the pool is
  // closing) is reported as an 'error' event of the pool, which without a listener ends the process. The pool has
  // already let go of that connection and opens a new one for the next query, so there is nothing left to do.
  for (const p of [pool, adminPool]) p.on('error', () => {});
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
    poolStats: statsOf(pool),
    close: async () => {
      await db.destroy();
      await adminPool.end();
    },
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One transaction as the application role, with the tenant (if any) set for this transaction only:
 * set_config(..., true) is SET LOCAL, so a pooled connection never carries it to the next request.
 * BEGIN and the settings go in one round trip (the simple protocol takes several statements; the tenant id
 * is checked to be a UUID before it is written into the text). Each request makes a few transactions, and
 * on PGlite every round trip costs CPU in the same thread.
 */
async function transaction<T>(db: Db, tenantId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (tenantId !== null && !UUID.test(tenantId)) throw new Error('tenant id is not a UUID');
  const settings = `set_config('role', '${APP_ROLE}', true)${tenantId ? `, set_config('app.tenant_id', '${tenantId}', true)` : ''}`;
  return db.connection().execute(async (conn) => {
    try {
      await sql.raw(`BEGIN; SELECT ${settings}`).execute(conn);
      const result = await fn(conn as unknown as Tx);
      await sql.raw('COMMIT').execute(conn);
      return result;
    } catch (e) {
      // Whatever failed (BEGIN, the settings, the work or COMMIT), the connection goes back to the pool clean;
      // a connection that cannot even roll back has lost its server and is dropped by the pool on its error.
      await sql
        .raw('ROLLBACK')
        .execute(conn)
        .catch(() => undefined);
      throw e;
    }
  });
}

/** Runs fn in one transaction scoped to one tenant. */
export const inTenant = <T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> => transaction(db, tenantId, fn);

/** A transaction without tenant: region-level reference data only. */
export const inRegion = <T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> => transaction(db, null, fn);

/** Narrows a region transaction to one tenant once the tenant is known (a municipality found by its slug). */
export async function scopeToTenant(tx: Tx, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
}
