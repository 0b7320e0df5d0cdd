import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('the data directory lock', () => {
  it('refuses a second holder while the first lives, and frees on release', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-lock-'));
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'rathaus.lock'), 'utf8')).toBe(String(process.pid));
    // Another live process holds it: pretend with our parent's pid.
    writeFileSync(path.join(dir, 'rathaus.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/läuft bereits/);
    writeFileSync(path.join(dir, 'rathaus.lock'), String(process.pid));
    release();
    expect(existsSync(path.join(dir, 'rathaus.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, 'rathaus.lock'), dead);
    const release = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'rathaus.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
