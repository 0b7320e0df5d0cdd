// PGlite takes no lock of its own: two processes on one data folder would corrupt it, so we hold a lock file.
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(
      `Rathaus läuft bereits mit dem Datenverzeichnis ${dataDir} (Prozess ${pid}). ` +
        `Beenden Sie diesen Prozess oder wählen Sie ein anderes DATA_DIR. Es wurde nichts verändert.`,
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'rathaus.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(pid, dataDir);
      // A lock left by a process that died (kill -9, power loss) is stale and taken over. It is moved aside
      // first, so of two processes taking over at once the second finds the first one's fresh lock and yields.
      const aside = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, aside);
      } catch {
        continue;
      }
      const moved = Number(readFileSync(aside, 'utf8'));
      if (moved !== pid && alive(moved)) {
        renameSync(aside, file);
        throw new DataDirLockedError(moved, dataDir);
      }
      unlinkSync(aside);
    }
  }
  throw new Error(`lock file ${file} could not be taken`);
}
