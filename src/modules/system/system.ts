import type { Db } from '../../platform/db/database.ts';
import { inRegion } from '../../platform/db/database.ts';
import { migrationFiles } from '../../platform/db/migrate.ts';
import { appliedMigrations } from './repository.ts';

/** Healthy once the database answers and every migration shipped with this code is applied. */
export async function health(db: Db): Promise<{ ok: boolean; reason?: string }> {
  try {
    const applied = new Set(await inRegion(db, appliedMigrations));
    const pending = migrationFiles().filter((m) => !applied.has(m));
    return pending.length ? { ok: false, reason: 'migrations pending' } : { ok: true };
  } catch {
    return { ok: false, reason: 'database unreachable' };
  }
}
