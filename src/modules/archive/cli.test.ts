// The command as an operator types it, through src/main.ts: missing arguments and an unknown municipality are refused
// with a German line and an exit code; the export itself is tested through the function it calls (archive.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-xdomea-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });

describe('npm run rathaus -- xdomea:export', () => {
  it('names what is missing, and a municipality that does not exist', () => {
    const missing = cli('xdomea:export', 'guetersloh');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Bitte Kommune und --out angeben');
    const unknown = cli('xdomea:export', 'atlantis', '--out', path.join(dataDir, 'x.zip'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Keine Kommune mit dem Kürzel "atlantis".');
  }, 240_000);
});
