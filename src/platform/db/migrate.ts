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

/** Applies every migration not yet applied, each in its own transaction, one migrator at a time. */
export async function migrate(admin: AdminConnection): Promise<string[]> {
  await admin.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  await admin.exec(`GRANT USAGE ON SCHEMA public TO PUBLIC; GRANT SELECT ON schema_migrations TO PUBLIC`);
  const applied = new Set((await admin.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  const done: string[] = [];
  for (const name of migrationFiles()) {
    if (applied.has(name)) continue;
    const text = readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
    await admin.exec(
      `BEGIN; SELECT pg_advisory_xact_lock(727274); ${text};\n` +
        `INSERT INTO schema_migrations (name) VALUES ('${name}') ON CONFLICT DO NOTHING; COMMIT;`,
    );
    done.push(name);
  }
  return done;
}

export async function pendingMigrations(admin: AdminConnection): Promise<string[]> {
  const applied = new Set((await admin.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  return migrationFiles().filter((name) => !applied.has(name));
}
