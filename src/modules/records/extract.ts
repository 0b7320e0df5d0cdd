// What an uploaded version is (judged by its bytes) and the text a search finds it by.
import { execFile } from 'node:child_process';
import { fileTypeFromBuffer } from 'file-type';
import { acceptsType, type IncomingFile, safeFilename, type StoredFile } from '../../platform/blobs/uploads.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { DOCUMENT_TYPES, type RecordsErrorKey } from './schema.ts';

const PDFTOTEXT_TIMEOUT_MS = 30_000;
/** The text kept per version: more than any search needs, and a bound on what one upload stores twice. */
const TEXT_MAX = 1_000_000;

/** Plain text is what file-type cannot name: UTF-8 that decodes cleanly, without NUL or other binary control bytes. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !/[\u0001-\u0008\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

export async function detectType(bytes: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  return isPlainText(bytes) ? 'text/plain' : undefined;
}

/** pdftotext (poppler-utils) reads the PDF from stdin; without it, or for a PDF without a text layer, there is no text. */
function pdfText(bytes: Buffer): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile(
      'pdftotext',
      ['-enc', 'UTF-8', '-', '-'],
      { timeout: PDFTOTEXT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout) => resolve(err ? null : stdout),
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(bytes);
  });
}

/** The text of a version: a PDF's text layer, a text file as it is; null when there is none (a scan before OCR). */
export async function extractText(bytes: Buffer, contentType: string): Promise<string | null> {
  let text: string | null = null;
  if (contentType === 'application/pdf') text = await pdfText(bytes);
  else if (contentType === 'text/plain') text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text === null) return null;
  const clean = text
    .replace(/\u0000/g, '')
    .replace(/\f/g, '\n')
    .trim();
  return clean === '' ? null : clean.slice(0, TEXT_MAX);
}

export type PreparedUpload =
  | { ok: true; file: StoredFile; text: string | null }
  | { ok: false; key: RecordsErrorKey; params?: Record<string, string | number> };

/** Checks the file (present, not too large, an accepted type), stores its bytes and extracts its text. */
export async function prepareUpload(blobs: BlobStore, tenantId: string, file: IncomingFile | undefined, maxBytes: number): Promise<PreparedUpload> {
  if (!file) return { ok: false, key: 'records.error.fileMissing' };
  const mb = Math.round(maxBytes / 1024 / 1024);
  if (file.truncated || file.data.length > maxBytes) return { ok: false, key: 'records.error.fileTooLarge', params: { mb } };
  if (file.data.length === 0) return { ok: false, key: 'records.error.fileEmpty' };
  const contentType = await detectType(file.data);
  if (!contentType || !acceptsType(DOCUMENT_TYPES, contentType)) return { ok: false, key: 'records.error.fileType' };
  const text = await extractText(file.data, contentType);
  const sha256 = await blobs.put(tenantId, file.data);
  return { ok: true, file: { sha256, filename: safeFilename(file.filename), contentType, size: file.data.length }, text };
}
