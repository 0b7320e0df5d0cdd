// PGlite takes no lock of its own: two processes on one data folder would corrupt it, so we hold a lock file.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly pid: number, readonly dataDir: string) {
    super(`Rathaus läuft bereits mit dem Datenverzeichnis ${dataDir} (Prozess ${pid}). ` +
      `Beenden Sie diesen Prozess oder wählen Sie ein anderes DATA_DIR. Es wurde nichts verändert.`);
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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      // A lock left by a process that died (kill -9, power loss) is stale and taken over.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(pid, dataDir);
      unlinkSync(file);
    }
  }
  throw new Error(`lock file ${file} could not be taken`);
}
