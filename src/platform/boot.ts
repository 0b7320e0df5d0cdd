// Opens the configured database (and blob store) the same way for the server, the worker and the CLI.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const folder = path.join(config.dataDir, 'pglite');
    if (!existsSync(path.join(folder, 'PG_VERSION'))) await createPgliteInChildProcess(folder);
    const database = await openPglite(folder);
    return {
      ...database,
      release,
      close: async () => {
        await database.close();
        release();
      },
    };
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

async function createPgliteInChildProcess(folder: string) {
  const script = fileURLToPath(new URL('./db/pglite-init.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, folder], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (code !== 0) throw new Error(`creating the embedded database in ${folder} failed (exit code ${code})`);
}
