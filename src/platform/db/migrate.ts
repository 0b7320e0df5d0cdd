import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminConnection } from './database.ts';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
}

const MIGRATION_LOCK = 727274;

/**
 * Applies every migration not yet applied, each in its own transaction. One migrator at a time: the lock is
 * taken before the list of applied migrations is read, so two processes starting together never both apply
 * the same file (a double run fails loudly on the primary key instead of being hidden).
 */
export async function migrate(admin: AdminConnection): Promise<string[]> {
  await admin.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  await admin.exec(`GRANT USAGE ON SCHEMA public TO PUBLIC; GRANT SELECT ON schema_migrations TO PUBLIC`);
  await admin.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    const applied = new Set((await admin.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const done: string[] = [];
    for (const name of migrationFiles()) {
      if (applied.has(name)) continue;
      const text = readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      try {
        await admin.exec(`BEGIN; ${text};\nINSERT INTO schema_migrations (name) VALUES ('${name}'); COMMIT;`);
      } catch (e) {
        await admin.exec('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${name} failed: ${(e as Error).message}`);
      }
      done.push(name);
    }
    return done;
  } finally {
    await admin.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}

export async function pendingMigrations(admin: AdminConnection): Promise<string[]> {
  const applied = new Set((await admin.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  return migrationFiles().filter((name) => !applied.has(name));
}
