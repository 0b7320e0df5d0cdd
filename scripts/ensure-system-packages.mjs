#!/usr/bin/env node
// Ensures the system packages needed by the test suites are installed.
//   node scripts/ensure-system-packages.mjs            -> PostgreSQL 15 server binaries, poppler-utils,
//                                                         xmllint, ocrmypdf with German tesseract data
//   node scripts/ensure-system-packages.mjs --browser  -> /usr/bin/chromium
// Installs missing packages via apt-get when running as root; otherwise prints
// the command to run and exits 1. Prints nothing when everything is present.
import { existsSync, readdirSync, accessSync, constants } from 'node:fs';
import { join, delimiter } from 'node:path';
import { spawnSync } from 'node:child_process';

const PG_BINARIES = ['initdb', 'pg_ctl', 'postgres', 'pgbench'];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pgBinariesPresent() {
  const dirs = [];
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base)) dirs.push(join(base, v, 'bin'));
  }
  // A single bin dir holding everything is preferred, but PATH may be mixed.
  if (dirs.some((d) => PG_BINARIES.every((b) => isExecutable(join(d, b))))) return true;
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return PG_BINARIES.every((b) => [...dirs, ...pathDirs].some((d) => isExecutable(join(d, b))));
}

const browser = process.argv.includes('--browser');
const missing = [];
if (browser) {
  if (!isExecutable('/usr/bin/chromium')) missing.push('chromium');
} else {
  if (!pgBinariesPresent()) missing.push('postgresql');
  // pdfinfo and pdftotext check the tags and text of generated PDFs.
  if (!isExecutable('/usr/bin/pdfinfo') || !isExecutable('/usr/bin/pdftotext')) missing.push('poppler-utils');
  // xmllint validates the xdomea messages against their schemas.
  if (!isExecutable('/usr/bin/xmllint')) missing.push('libxml2-utils');
  // The scanning intake's OCR runs the real ocrmypdf with German tesseract data in the tests.
  if (!isExecutable('/usr/bin/ocrmypdf')) missing.push('ocrmypdf');
  if (!existsSync('/usr/share/tesseract-ocr/5/tessdata/deu.traineddata') && !existsSync('/usr/share/tesseract-ocr/4.00/tessdata/deu.traineddata')) {
    missing.push('tesseract-ocr-deu');
  }
}

if (missing.length === 0) process.exit(0);

const installCmd = `apt-get install -y ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (!isRoot) {
  console.error(`Fehlende Systempakete / missing system packages: ${missing.join(' ')}`);
  console.error(`Bitte installieren / please install:  sudo ${installCmd}`);
  process.exit(1);
}

console.error(`Installiere fehlende Systempakete / installing missing system packages: ${missing.join(' ')}`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

// Run `apt-get update` only if needed: when no package index exists, or the
// install fails with the existing (possibly stale) index. At most once.
const lists = '/var/lib/apt/lists';
const haveIndex = existsSync(lists) && readdirSync(lists).some((f) => f.endsWith('_Packages'));
const install = () => run('apt-get', ['install', '-y', ...missing]);
const ok = haveIndex ? install() || (run('apt-get', ['update']) && install()) : run('apt-get', ['update']) && install();
if (!ok) {
  console.error(`Installation fehlgeschlagen / installation failed: ${installCmd}`);
  process.exit(1);
}
