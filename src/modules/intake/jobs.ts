// The scanning intake's background work: text recognition of a filed scan, outside any transaction while ocrmypdf
// runs, with its progress written page by page so the status page can show it.
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type Db, inTenant } from '../../platform/db/database.ts';
import type { JobHandlers } from '../../platform/jobs/outbox.ts';
import { ocrAvailable, recognise } from '../../platform/ocr/ocrmypdf.ts';
import { extractText, readVersion } from '../records/index.ts';
import { beginRecognition, noteProgress, OCR_TOPIC, recognitionDone, recognitionNotDone } from './intake.ts';
import { isScanType } from './schema.ts';

/** Below the outbox's lease of five minutes: an A4 page at 300 dpi takes a few seconds on one core. */
const OCR_TIMEOUT_MS = 270_000;

export interface IntakeJobDeps {
  db: Db;
  blobs: BlobStore;
  ocrCommand: string;
  log: { error(o: unknown, msg: string): void; info(o: unknown, msg: string): void };
}

/** Recognises one intake's scan. Safe to deliver twice: a finished intake is left alone. */
export async function recogniseIntake(deps: IntakeJobDeps, tenantId: string, intakeId: string): Promise<void> {
  const job = await inTenant(deps.db, tenantId, (tx) => beginRecognition(tx, tenantId, intakeId));
  if (!job) return;
  if (!(await ocrAvailable(deps.ocrCommand))) {
    await inTenant(deps.db, tenantId, (tx) => recognitionNotDone(tx, tenantId, job, 'unavailable', `${deps.ocrCommand} not found`));
    return;
  }
  // The original is read through the E-Akte, which checks its sha-256: damaged bytes are never recognised.
  const original = job.document_id
    ? await inTenant(deps.db, tenantId, (tx) => readVersion(tx, deps.blobs, { tenantId, documentId: job.document_id!, version: 1, actor: 'system:ocr' }))
    : undefined;
  if (!original?.ok || !isScanType(job.content_type)) {
    await inTenant(deps.db, tenantId, (tx) => recognitionNotDone(tx, tenantId, job, 'blobDamaged', original && !original.ok ? original.reason : 'no document'));
    return;
  }
  const result = await recognise(original.bytes, job.content_type, {
    command: deps.ocrCommand,
    // Within the outbox's lease, so no second worker starts the same scan while this one still works on it.
    timeoutMs: OCR_TIMEOUT_MS,
    onProgress: (p) => inTenant(deps.db, tenantId, (tx) => noteProgress(tx, tenantId, intakeId, p.pagesDone, p.pagesTotal)).then(() => undefined),
  });
  if (!result.ok) {
    deps.log.info({ intakeId, reason: result.reason, detail: result.detail }, 'intake OCR did not complete');
    await inTenant(deps.db, tenantId, (tx) => recognitionNotDone(tx, tenantId, job, result.reason, result.detail));
    return;
  }
  // The PDF/A's whole text layer: what was recognised and what pages carried already (skipped by the recognition,
  // so missing from its sidecar text).
  const text = (await extractText(result.pdf, 'application/pdf')) ?? result.text;
  // Written before the row that names it; the retention run keeps blobs younger than a few hours.
  const sha256 = await deps.blobs.put(tenantId, result.pdf);
  await inTenant(deps.db, tenantId, (tx) =>
    recognitionDone(tx, tenantId, job, { sha256, size: result.pdf.length, text, pages: result.pages, pdfa: result.pdfa }),
  );
}

export function intakeJobs(deps: IntakeJobDeps): JobHandlers {
  return {
    [OCR_TOPIC]: (payload, job) => recogniseIntake(deps, job.tenantId, String(payload.intakeId ?? '')),
  };
}
