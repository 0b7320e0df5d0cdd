// Opens the configured database (and blob store) the same way for the server, the worker and the CLI.
import path from 'node:path';
import type { Config } from './config.ts';
import { openPglite, openPostgres, type Database } from './db/database.ts';
import { lockDataDir } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { fileBlobStore } from './blobs/store.ts';

export async function openConfiguredDatabase(config: Config): Promise<Database & { release(): void }> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, config.databasePoolSize, config.databaseAdminUrl);
    return { ...database, release: () => {} };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const database = await openPglite(path.join(config.dataDir, 'pglite'));
    return { ...database, release, close: async () => { await database.close(); release(); } };
  } catch (e) {
    release();
    throw e;
  }
}

export async function openAndMigrate(config: Config) {
  const database = await openConfiguredDatabase(config);
  const applied = await migrate(database.admin);
  return { database, applied, blobs: fileBlobStore(path.join(config.dataDir, 'blobs')) };
}
