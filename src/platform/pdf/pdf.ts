// Renders official documents (receipts, decisions) as tagged A4 PDFs (PDF/UA): a structure tree with headings,
// paragraphs and tables, the document's language and title, embedded Unicode fonts, decoration and page numbers as
// artifacts. pdfkit writes the structure tree; pdf-lib could not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** A table of label/value rows (the label is the row's header), or of entries with column headers. */
export interface PdfTable {
  caption?: string;
  headers?: string[];
  rows: string[][];
}

export interface PdfSection {
  heading: string;
  /** Label/value pairs, printed as a two-column table with the label as row header. */
  rows?: Array<[label: string, value: string]>;
  paragraphs?: string[];
  /** Tables with column headers, e.g. the entries of a repeatable group. */
  tables?: PdfTable[];
}

export interface PdfDocumentInput {
  title: string;
  issuer: string;
  issuerLines?: string[];
  /** The issuer's logo above the letterhead (PNG or JPEG), with its text alternative. */
  logo?: { bytes: Uint8Array; alt: string };
  subtitle?: string;
  /** The addressee block (name and postal address), one line each. */
  addressee?: string[];
  meta: Array<[string, string]>;
  paragraphs?: string[];
  sections: PdfSection[];
  /** Closing lines after the sections, e.g. that the letter is valid without signature. */
  closing?: string[];
  footer?: string;
  language?: string;
}

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 62;
const MARGIN_TOP = 60;
const MARGIN_BOTTOM = 70; // leaves room for the footer
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const LABEL_WIDTH = CONTENT_WIDTH * 0.36;
const LOGO_WIDTH = 160;
const LOGO_HEIGHT = 48;
const COLUMN_GAP = 12;
const BLACK = '#000000';
const GREY = '#595959'; // 7:1 on white
const RULE = '#bfbfbf';

let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
/** The DejaVu fonts (about 700 KB each), read once per process; every document embeds a subset. */
const fonts = () => {
  if (!fontFiles) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fontFiles;
};

// Control characters have no glyphs and break the content stream or width measurement; tabs become spaces.
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

class Writer {
  constructor(
    readonly doc: Doc,
    readonly root: Struct,
  ) {}

  get bottom() {
    return PAGE_HEIGHT - MARGIN_BOTTOM;
  }

  pageCount() {
    return this.doc.bufferedPageRange().count;
  }

  /** Starts a new page unless `height` more points fit on the current one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number) {
    this.doc.y += points;
  }

  /** One block of text as a structure element of `type` (P, H1, H2) under `parent`. */
  block(parent: Struct, type: string, text: string, font: 'regular' | 'bold', size: number, color = BLACK) {
    const doc = this.doc;
    doc.font(font).fontSize(size);
    this.ensure(doc.currentLineHeight(true) * 1.2);
    parent.add(
      doc.struct(type, {}, () => {
        doc.fillColor(color).text(sanitize(text), MARGIN_X, doc.y, { width: CONTENT_WIDTH, lineGap: size * 0.25 });
      }),
    );
  }

  rule() {
    const doc = this.doc;
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(MARGIN_X, doc.y)
      .lineTo(PAGE_WIDTH - MARGIN_X, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.endMarkedContent();
  }

  /**
   * A table: Table > TR > TH | TD. Rows that fit stay together on one page; a cell taller than a page flows on
   * to the next one.
   */
  table(parent: Struct, t: { headers?: string[]; rows: string[][]; widths: number[]; rowHeaders: boolean; size: number }) {
    const doc = this.doc;
    const table = doc.struct('Table');
    parent.add(table);
    const xs: number[] = [];
    t.widths.forEach((_w, i) => xs.push(i === 0 ? MARGIN_X : xs[i - 1]! + t.widths[i - 1]! + COLUMN_GAP));
    const line = (cells: string[], header: boolean) => {
      doc.fontSize(t.size);
      const fontOf = (_i: number) => (header ? 'bold' : 'regular');
      const heights = cells.map((c, i) => doc.font(fontOf(i)).heightOfString(sanitize(c) || ' ', { width: t.widths[i]!, lineGap: t.size * 0.2 }));
      const height = Math.max(...heights);
      if (height <= this.bottom - MARGIN_TOP) this.ensure(height);
      else this.ensure(doc.currentLineHeight(true) * 3);
      const row = doc.struct('TR');
      table.add(row);
      const top = doc.y;
      const startPage = this.pageCount();
      let endY = top;
      let endPage = startPage;
      cells.forEach((cell, i) => {
        const tag = header || (t.rowHeaders && i === 0) ? 'TH' : 'TD';
        const color = t.rowHeaders && i === 0 && !header ? GREY : BLACK;
        if (this.pageCount() !== startPage) doc.switchToPage(startPage - 1);
        row.add(
          doc.struct(tag, {}, () => {
            doc
              .font(fontOf(i))
              .fontSize(t.size)
              .fillColor(color)
              .text(sanitize(cell) || ' ', xs[i]!, top, { width: t.widths[i]!, lineGap: t.size * 0.2 });
          }),
        );
        const page = this.pageCount();
        if (page > endPage || (page === endPage && doc.y > endY)) {
          endPage = page;
          endY = doc.y;
        }
      });
      if (this.pageCount() !== endPage) doc.switchToPage(endPage - 1);
      doc.x = MARGIN_X;
      doc.y = endY + t.size * 0.45;
      row.end();
    };
    if (t.headers) line(t.headers, true);
    for (const r of t.rows) line(r, false);
    table.end();
  }
}

/** The logo as pdfkit reads it, or undefined for a file it cannot (WebP, damaged): the letter goes out without it. */
function openLogo(doc: Doc, bytes: Uint8Array) {
  try {
    return (doc as unknown as { openImage(src: Buffer): object }).openImage(Buffer.from(bytes));
  } catch {
    return undefined;
  }
}

export async function renderPdf(input: PdfDocumentInput): Promise<Uint8Array> {
  const language = input.language ?? 'de';
  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as never, // pdfkit writes the PDF/UA identification; its type names only PDF/A
    lang: language === 'en' ? 'en' : 'de-DE',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: sanitize(input.title),
      Author: sanitize(input.issuer),
      ...(input.subtitle ? { Subject: sanitize(input.subtitle) } : {}),
      Creator: 'Rathaus',
      Producer: 'Rathaus',
      CreationDate: new Date(),
      ModDate: new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = new Writer(doc, root);

  // Letterhead: the issuing authority and its contact.
  const letterhead = doc.struct('Sect');
  root.add(letterhead);
  const logo = input.logo && openLogo(doc, input.logo.bytes);
  if (logo && input.logo) {
    const top = doc.y;
    letterhead.add(doc.struct('Figure', { alt: sanitize(input.logo.alt) }, () => doc.image(logo as never, MARGIN_X, top, { fit: [LOGO_WIDTH, LOGO_HEIGHT] })));
    doc.x = MARGIN_X;
    doc.y = top + LOGO_HEIGHT + 8;
  }
  w.block(letterhead, 'P', input.issuer, 'bold', 13);
  for (const line of input.issuerLines ?? []) w.block(letterhead, 'P', line, 'regular', 9, GREY);
  letterhead.end();

  if (input.addressee?.length) {
    w.gap(22);
    w.block(root, 'P', input.addressee.join('\n'), 'regular', 11);
  }

  w.gap(24);
  w.block(root, 'H1', input.title, 'bold', 20);
  if (input.subtitle) w.block(root, 'P', input.subtitle, 'regular', 13, GREY);
  w.gap(10);
  if (input.meta.length) w.table(root, { rows: input.meta, widths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP], rowHeaders: true, size: 10 });

  if (input.paragraphs?.length) {
    w.gap(8);
    for (const paragraph of input.paragraphs) {
      w.block(root, 'P', paragraph, 'regular', 10.5);
      w.gap(6);
    }
  }

  for (const section of input.sections) {
    const sect = doc.struct('Sect');
    root.add(sect);
    w.gap(12);
    // Never leave a heading alone at the bottom of a page; one that opens a table keeps the table's start with it.
    const opensTable = !section.paragraphs?.length && !section.rows?.length && Boolean(section.tables?.length);
    w.ensure(opensTable ? 120 : 50);
    w.block(sect, 'H2', section.heading, 'bold', 12);
    w.gap(2);
    w.rule();
    w.gap(5);
    for (const paragraph of section.paragraphs ?? []) {
      w.block(sect, 'P', paragraph, 'regular', 10.5);
      w.gap(6);
    }
    if (section.rows?.length) {
      w.table(sect, { rows: section.rows, widths: [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP], rowHeaders: true, size: 10 });
    }
    for (const table of section.tables ?? []) {
      w.ensure(70); // a table's caption, header and first entry stay together
      if (table.caption) {
        w.gap(4);
        w.block(sect, 'P', table.caption, 'bold', 10);
      }
      const columns = Math.max(1, table.headers?.length ?? table.rows[0]?.length ?? 1);
      const width = (CONTENT_WIDTH - (columns - 1) * COLUMN_GAP) / columns;
      w.table(sect, { headers: table.headers, rows: table.rows, widths: Array(columns).fill(width), rowHeaders: false, size: 9 });
    }
    sect.end();
  }

  if (input.closing?.length) {
    w.gap(12);
    for (const line of input.closing) {
      w.block(root, 'P', line, 'regular', 10);
      w.gap(4);
    }
  }
  root.end();

  // Page numbers and footer on every page, as pagination artifacts.
  const range = doc.bufferedPageRange();
  const pageWord = language.startsWith('en') ? ['Page', 'of'] : ['Seite', 'von'];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const numbering = `${pageWord[0]} ${i + 1} ${pageWord[1]} ${range.count}`;
    const footer = input.footer ? `${sanitize(input.footer).replace(/\n/g, ' ')} · ${numbering}` : numbering;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin would otherwise add a page
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(footer, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 30, { width: CONTENT_WIDTH, lineBreak: true });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
