import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import type { Database } from './database.ts';
import { migrate, migrationFiles, pendingMigrations } from './migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('migrations', () => {
  it('are all applied once, and a second run applies nothing', async () => {
    expect(await pendingMigrations(database.admin)).toEqual([]);
    expect(await migrate(database.admin)).toEqual([]);
    const applied = await database.admin.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(applied.map((r) => r.name)).toEqual(migrationFiles());
  });

  it('apply a missing one again in its own transaction and release the lock', async () => {
    const last = migrationFiles().at(-1)!;
    await database.admin.exec(`DELETE FROM schema_migrations WHERE name = '${last}'`);
    // The row-level security migration is not idempotent: running it twice fails, and says which file.
    await expect(migrate(database.admin)).rejects.toThrow(`migration ${last} failed`);
    await database.admin.exec(`INSERT INTO schema_migrations (name) VALUES ('${last}')`);
    const locks = await database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
    expect(locks[0]!.n).toBe(0);
    expect(await migrate(database.admin)).toEqual([]);
  });
});
