// The real ocrmypdf with tesseract-ocr-deu on small, low-resolution scans made in the test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrAvailable, type OcrProgress, recognise } from './ocrmypdf.ts';
import { scannedImage, scannedPdf } from './test-scans.ts';

const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ocr-test-'));
  try {
    writeFileSync(path.join(dir, 'x.pdf'), pdf);
    return {
      text: execFileSync('pdftotext', [path.join(dir, 'x.pdf'), '-'], { encoding: 'utf8' }),
      info: execFileSync('pdfinfo', ['-meta', path.join(dir, 'x.pdf')], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('ocrmypdf', () => {
  it('is found when installed and not when the command does not exist', async () => {
    expect(await ocrAvailable('ocrmypdf')).toBe(true);
    expect(await ocrAvailable('/nonexistent/ocrmypdf')).toBe(false);
  });

  it('reads the German words of a scanned two-page PDF into a searchable PDF/A, reporting each page', async () => {
    const scan = await scannedPdf([['Antrag auf Baugenehmigung', 'Gütersloh Straße'], ['Widerspruch gegen Bescheid']]);
    expect(pdfText(scan).text.trim()).toBe('');
    const progress: OcrProgress[] = [];
    const result = await recognise(scan, 'application/pdf', { command: 'ocrmypdf', onProgress: (p) => void progress.push(p) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pages).toBe(2);
    expect(result.pdfa).toBe(true);
    expect(result.text).toContain('Baugenehmigung');
    expect(result.text).toContain('Gütersloh');
    expect(result.text).toContain('Widerspruch');
    expect(progress[0]).toEqual({ pagesDone: 0, pagesTotal: 2 });
    expect(progress.at(-1)).toEqual({ pagesDone: 2, pagesTotal: 2 });
    const out = pdfText(result.pdf);
    expect(out.text).toContain('Baugenehmigung');
    expect(out.info).toMatch(/pdfaid:part[^0-9]*2/);
  });

  it('reads a JPEG and a TIFF, and a JPEG that names no resolution', async () => {
    const jpeg = await scannedImage(['Meldebescheinigung Müller'], 'jpeg');
    const tiff = await scannedImage(['Gewerbeanmeldung Bäckerei'], 'tiff');
    const jpegResult = await recognise(jpeg, 'image/jpeg', { command: 'ocrmypdf' });
    const tiffResult = await recognise(tiff, 'image/tiff', { command: 'ocrmypdf' });
    expect(jpegResult.ok && jpegResult.text).toContain('Meldebescheinigung');
    expect(tiffResult.ok && tiffResult.text).toContain('Gewerbeanmeldung');
    // JFIF density units 0: an aspect ratio only, no resolution.
    const noDpi = Buffer.from(jpeg);
    noDpi[13] = 0;
    const noDpiResult = await recognise(noDpi, 'image/jpeg', { command: 'ocrmypdf' });
    expect(noDpiResult.ok && noDpiResult.text).toContain('Meldebescheinigung');
  });

  it('names a damaged file, a missing program and a timeout', async () => {
    const tiff = await scannedImage(['Gewerbeanmeldung'], 'tiff');
    const truncated = await recognise(tiff.subarray(0, 3000), 'image/tiff', { command: 'ocrmypdf' });
    expect(truncated).toMatchObject({ ok: false, reason: 'damaged' });
    const notPdf = await recognise(Buffer.from('%PDF-1.4\nnichts weiter'), 'application/pdf', { command: 'ocrmypdf' });
    expect(notPdf).toMatchObject({ ok: false, reason: 'damaged' });
    expect(await recognise(tiff, 'image/tiff', { command: '/nonexistent/ocrmypdf' })).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await recognise(tiff, 'image/tiff', { command: 'ocrmypdf', timeoutMs: 50 })).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
