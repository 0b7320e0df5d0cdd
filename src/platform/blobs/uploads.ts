// Uploads are judged by their bytes, never by their name or the browser's claimed type.
import { fileTypeFromBuffer } from 'file-type';
import type { BlobStore } from './store.ts';

export interface IncomingFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  truncated: boolean;
}
export interface StoredFile {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
}
export type UploadResult =
  | { ok: true; file: StoredFile }
  | { ok: false; key: 'validation.fileTooLarge' | 'validation.fileType' | 'validation.fileEmpty'; params?: Record<string, string | number> };

export const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];

export function isIncomingFile(value: unknown): value is IncomingFile {
  return !!value && typeof value === 'object' && Buffer.isBuffer((value as IncomingFile).data) && typeof (value as IncomingFile).filename === 'string';
}

/** The files of one multipart field, whether the browser sent one or several; empty file inputs are dropped. */
export function incomingFiles(value: unknown): IncomingFile[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isIncomingFile).filter((f) => f.filename !== '' || f.data.length > 0);
}

/** Whether a detected type is in the accepted list, which may name whole families ("image/*"). */
export const acceptsType = (accept: string[], mime: string): boolean => accept.some((a) => a === mime || (a.endsWith('/*') && mime.startsWith(a.slice(0, -1))));

export function safeFilename(name: string): string {
  const base = name
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .trim();
  // Cut by code point: slicing UTF-16 could split an emoji and leave text PostgreSQL's jsonb refuses.
  return Array.from(base || 'datei')
    .slice(-120)
    .join('');
}

export async function storeUpload(blobs: BlobStore, tenantId: string, file: IncomingFile, accept: string[], maxBytes: number): Promise<UploadResult> {
  const mb = Math.round(maxBytes / 1024 / 1024);
  if (file.truncated || file.data.length > maxBytes) return { ok: false, key: 'validation.fileTooLarge', params: { mb } };
  if (file.data.length === 0) return { ok: false, key: 'validation.fileEmpty' };
  const detected = await fileTypeFromBuffer(file.data);
  if (!detected || !acceptsType(accept, detected.mime)) return { ok: false, key: 'validation.fileType' };
  const sha256 = await blobs.put(tenantId, file.data);
  return { ok: true, file: { sha256, filename: safeFilename(file.filename), contentType: detected.mime, size: file.data.length } };
}
