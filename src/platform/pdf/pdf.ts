// Renders official documents (receipts, decisions) as tagged-language A4 PDFs with embedded Unicode fonts.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface PdfSection {
  heading: string;
  rows: Array<[label: string, value: string]>;
}

export interface PdfDocumentInput {
  title: string;
  issuer: string;
  issuerLines?: string[];
  subtitle?: string;
  meta: Array<[string, string]>;
  paragraphs?: string[];
  sections: PdfSection[];
  footer?: string;
  language?: string;
}

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 62;
const MARGIN_TOP = 60;
const MARGIN_BOTTOM = 70; // leaves room for the footer
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const LABEL_WIDTH = CONTENT_WIDTH * 0.36;
const COLUMN_GAP = 12;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);

interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}
let fontBytes: Promise<FontBytes> | undefined;

// Fonts are ~700 KB each; read them once per process, every document subsets them anew.
function loadFontBytes(): Promise<FontBytes> {
  if (!fontBytes) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontBytes = Promise.all([readFile(path.join(dir, 'DejaVuSans.ttf')), readFile(path.join(dir, 'DejaVuSans-Bold.ttf'))]).then(([regular, bold]) => ({
      regular,
      bold,
    }));
    fontBytes.catch(() => {
      fontBytes = undefined;
    }); // let a later call retry
  }
  return fontBytes;
}

// Control characters have no glyphs and break the content stream or width measurement; tabs become spaces.
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Wraps text to maxWidth, keeping explicit newlines and hard-breaking words that are too long on their own. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  for (const paragraph of sanitize(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (width(rest) > maxWidth) {
        const chars = Array.from(rest); // code points, so surrogate pairs stay intact
        let n = 1;
        while (n < chars.length && width(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
        lines.push(chars.slice(0, n).join(''));
        rest = chars.slice(n).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class Layout {
  page!: PDFPage;
  y = 0;

  constructor(private doc: PDFDocument) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  /** Starts a new page unless `height` more points fit on the current one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(text: string, font: PDFFont, size: number, color = BLACK, x = MARGIN_X, width = CONTENT_WIDTH): void {
    for (const line of wrapText(text, font, size, width)) {
      const lineHeight = size * 1.35;
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x, y: this.y + size * 0.3, size, font, color });
    }
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN_X, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }

  /** Label/value pair in two columns; long values continue line by line across pages. */
  row(label: string, value: string, labelFont: PDFFont, valueFont: PDFFont, size: number): void {
    const valueX = MARGIN_X + LABEL_WIDTH + COLUMN_GAP;
    const labelLines = wrapText(label, labelFont, size, LABEL_WIDTH);
    const valueLines = wrapText(value, valueFont, size, CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP);
    const lineHeight = size * 1.35;
    // Keep short rows together rather than splitting a two-line answer over a page break.
    const count = Math.max(labelLines.length, valueLines.length);
    if (count <= 4) this.ensure(count * lineHeight);
    for (let i = 0; i < count; i++) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      const baseline = this.y + size * 0.3;
      if (labelLines[i]) this.page.drawText(labelLines[i], { x: MARGIN_X, y: baseline, size, font: labelFont, color: GREY });
      if (valueLines[i]) this.page.drawText(valueLines[i], { x: valueX, y: baseline, size, font: valueFont, color: BLACK });
    }
    this.gap(size * 0.45);
  }
}

export async function renderPdf(input: PdfDocumentInput): Promise<Uint8Array> {
  const bytes = await loadFontBytes();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(bytes.regular, { subset: true });
  const bold = await doc.embedFont(bytes.bold, { subset: true });
  const language = input.language ?? 'de';

  doc.setTitle(sanitize(input.title), { showInWindowTitleBar: true });
  doc.setAuthor(sanitize(input.issuer));
  if (input.subtitle) doc.setSubject(sanitize(input.subtitle));
  doc.setCreator('Rathaus');
  doc.setProducer('Rathaus');
  doc.setLanguage(language);
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  const layout = new Layout(doc);
  layout.text(input.issuer, bold, 13);
  for (const line of input.issuerLines ?? []) layout.text(line, regular, 9, GREY);
  layout.gap(28);
  layout.text(input.title, bold, 20);
  if (input.subtitle) layout.text(input.subtitle, regular, 13, GREY);
  layout.gap(14);
  for (const [label, value] of input.meta) layout.row(label, value, regular, bold, 10);

  if (input.paragraphs?.length) {
    layout.gap(10);
    for (const paragraph of input.paragraphs) {
      layout.text(paragraph, regular, 10.5);
      layout.gap(8);
    }
  }

  for (const section of input.sections) {
    layout.gap(14);
    layout.ensure(50); // never leave a heading alone at the bottom of a page
    layout.text(section.heading, bold, 12);
    layout.gap(4);
    layout.rule();
    layout.gap(4);
    for (const [label, value] of section.rows) layout.row(label, value, regular, regular, 10);
  }

  const pages = doc.getPages();
  const pageWord = language.startsWith('en') ? ['Page', 'of'] : ['Seite', 'von'];
  pages.forEach((page, i) => {
    const numbering = `${pageWord[0]} ${i + 1} ${pageWord[1]} ${pages.length}`;
    const footer = input.footer ? `${sanitize(input.footer).replace(/\n/g, ' ')} · ${numbering}` : numbering;
    const size = 8;
    const lines = wrapText(footer, regular, size, CONTENT_WIDTH);
    lines.forEach((line, j) => {
      page.drawText(line, { x: MARGIN_X, y: MARGIN_BOTTOM - 30 - j * size * 1.3, size, font: regular, color: GREY });
    });
  });

  return doc.save();
}
