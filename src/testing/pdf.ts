// Reading generated PDFs in tests with Debian's poppler-utils (scripts/ensure-system-packages.mjs installs them):
// pdfinfo for the metadata and tags, pdftotext for the text as a reader gets it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function run(tool: 'pdfinfo' | 'pdftotext', pdf: Uint8Array, args: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    if (result.error) throw new Error(`${tool} fehlt: apt-get install poppler-utils (${result.error.message})`);
    if (result.status !== 0) throw new Error(`${tool} ist fehlgeschlagen: ${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfinfo's report: "Tagged: yes", "Title: …"; with `struct`, the structure tree and its text. */
export const pdfInfo = (pdf: Uint8Array, struct = false) => run('pdfinfo', pdf, struct ? ['-struct-text'] : []);
export const pdfText = (pdf: Uint8Array) => run('pdftotext', pdf, ['-enc', 'UTF-8']);
