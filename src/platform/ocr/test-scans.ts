// Scanned-looking paper for tests: German text set with pdfkit, rasterised by poppler's pdftoppm at a low
// resolution (a page's pixels and nothing else, as a scanner delivers them), and wrapped as PDF, TIFF or JPEG.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';

const exec = promisify(execFile);
const FONT = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

function pdfOf(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

/** A born-digital PDF: one A5 page of large type per entry of `pages`. */
export const textPdf = (pages: string[][]) =>
  pdfOf(
    (doc) => {
      pages.forEach((lines, i) => {
        if (i > 0) doc.addPage();
        doc.font(FONT).fontSize(22);
        for (const line of lines) doc.text(line).moveDown(0.5);
      });
    },
    { size: 'A5', margin: 40 },
  );

async function rasterise(pdf: Buffer, format: 'png' | 'jpeg' | 'tiff', dpi: number): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rathaus-scan-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    const extra = format === 'tiff' ? ['-tiffcompression', 'lzw'] : [];
    await exec('pdftoppm', ['-r', String(dpi), '-gray', `-${format}`, ...extra, path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
    const files = (await readdir(dir)).filter((f) => f.startsWith('page-')).sort();
    return Promise.all(files.map((f) => readFile(path.join(dir, f))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A scan as a PDF of page images only: no text layer, so only OCR finds the words. */
export async function scannedPdf(pages: string[][], dpi = 100): Promise<Buffer> {
  const images = await rasterise(await textPdf(pages), 'png', dpi);
  return pdfOf(
    (doc) => {
      for (const image of images) {
        doc.addPage({ size: 'A5', margin: 0 });
        doc.image(image, 0, 0, { width: doc.page.width, height: doc.page.height });
      }
    },
    { autoFirstPage: false },
  );
}

/** One page scanned to a TIFF (LZW) or a JPEG, with its resolution in the file as a scanner writes it. */
export async function scannedImage(lines: string[], format: 'tiff' | 'jpeg', dpi = 100): Promise<Buffer> {
  const [image] = await rasterise(await textPdf([lines]), format, dpi);
  return image!;
}
