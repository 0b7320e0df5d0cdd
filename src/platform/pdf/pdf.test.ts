import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf, sanitize, type PdfDocumentInput } from './pdf.ts';

const base: PdfDocumentInput = {
  title: 'Eingangsbestätigung',
  issuer: 'Stadt Gütersloh',
  issuerLines: ['Berliner Straße 70', '33330 Gütersloh'],
  subtitle: 'Hund anmelden (Hundesteuer)',
  meta: [
    ['Aktenzeichen', 'GT-2026-000123'],
    ['Eingegangen am', '22.11.2026, 12:03 Uhr'],
  ],
  paragraphs: ['Ihr Antrag ist eingegangen.\nWir melden uns.'],
  sections: [{ heading: 'Angaben zur Person', rows: [['Name', 'Erika Mustermann']] }],
  footer: 'Erstellt von Rathaus',
};

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

/** Runs a poppler tool (pdfinfo, pdftotext; Debian's poppler-utils) on the PDF and returns its output. */
function poppler(tool: 'pdfinfo' | 'pdftotext', pdf: Uint8Array, args: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-test-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    expect(result.error, `${tool} fehlt: apt-get install poppler-utils`).toBeUndefined();
    expect(result.status).toBe(0);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function extractText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-test-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Embedded TrueType font programs and the text of all ToUnicode maps, found by walking the object graph. */
async function fontObjects(pdf: Uint8Array): Promise<{ fontFiles: number; toUnicode: string }> {
  const doc = await PDFDocument.load(pdf);
  let fontFiles = 0;
  let toUnicode = '';
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
    if (!dict) continue;
    if (dict.get(PDFName.of('FontFile2'))) fontFiles++;
    const cmap = dict.lookup(PDFName.of('ToUnicode'));
    if (cmap instanceof PDFRawStream) toUnicode += Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1');
  }
  return { fontFiles, toUnicode };
}

describe('renderPdf', () => {
  it('produces a PDF with title, author, creator and language metadata', async () => {
    const pdf = await renderPdf(base);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Eingangsbestätigung');
    expect(doc.getAuthor()).toBe('Stadt Gütersloh');
    expect(doc.getCreator()).toBe('Rathaus');
    expect(doc.getCreationDate()).toBeInstanceOf(Date);
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toContain('de');
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('breaks 300 rows over several pages', async () => {
    const rows = Array.from({ length: 300 }, (_, i): [string, string] => [`Frage ${i + 1}`, `Antwort ${i + 1}`]);
    const pdf = await renderPdf({ ...base, sections: [{ heading: 'Viele Angaben', rows }] });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    if (hasPdftotext) {
      const text = extractText(pdf);
      expect(text).toContain('Antwort 300');
      expect(text).toContain(`Seite ${doc.getPageCount()} von ${doc.getPageCount()}`);
    }
  });

  it('wraps a very long answer across pages without losing words', async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `wort${i}`);
    const pdf = await renderPdf({ ...base, sections: [{ heading: 'Begründung', rows: [['Text', words.join(' ')]] }] });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    if (hasPdftotext) {
      const text = extractText(pdf);
      expect(text).toContain('wort0');
      expect(text).toContain('wort2499');
    }
  });

  it('embeds a font subset so non-Latin-1 names render and stay extractable', async () => {
    const names = 'Łukasz Żółć, Ğül, Ærø, Grüezi, Straße';
    const pdf = await renderPdf({ ...base, sections: [{ heading: 'Person', rows: [['Name', names]] }] });
    const { fontFiles, toUnicode } = await fontObjects(pdf);
    expect(fontFiles).toBe(2); // regular and bold
    expect(toUnicode).toMatch(/<0141>/i); // Ł is mapped back to Unicode
    if (hasPdftotext) expect(extractText(pdf)).toContain(names);
  });

  it('strips control characters instead of failing', async () => {
    const value = 'Erika\u0000 Muster\u0007mann\u001b\r\nZeile\tzwei\u0085';
    const pdf = await renderPdf({ ...base, title: 'Bescheid\u0001', meta: [['Aktenzeichen', value]], sections: [{ heading: 'X', rows: [['Name', value]] }] });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe('Bescheid');
    expect(sanitize(value)).toBe('Erika Mustermann\nZeile zwei');
    if (hasPdftotext) expect(extractText(pdf)).toContain('Mustermann');
  });

  it('is a tagged PDF (PDF/UA): title shown, headings, tables with header cells, footer as artifact', async () => {
    const pdf = await renderPdf({
      ...base,
      addressee: ['Erika Mustermann', 'Hauptstraße 1', '33330 Gütersloh'],
      sections: [{ heading: 'Hunde', tables: [{ caption: 'Hund', headers: ['Name', 'Rasse'], rows: [['Bello', 'Dackel']] }] }],
    });
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Eingangsbestätigung$/m);
    const struct = poppler('pdfinfo', pdf, ['-struct-text']);
    for (const tag of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    const doc = await PDFDocument.load(pdf);
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
    const text = extractText(pdf);
    expect(text).toContain('Erika Mustermann');
    expect(text).toContain('Dackel');
    // The structure carries the content; the footer is an artifact, outside it.
    expect(struct).toContain('Erika Mustermann');
    expect(text).toContain('Erstellt von Rathaus');
    expect(struct).not.toContain('Erstellt von Rathaus');
  });
});
