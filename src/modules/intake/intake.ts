// Scanning intake (Posteingang, Scanstelle): paper that still arrives is scanned into a case's file, into a case that
// exists or a new paper case. The scan is filed at once as it is; text recognition (OCR) follows as a background job
// that adds a searchable PDF/A as the document's next version. Nothing the clerk uploaded is ever lost: when the
// recognition cannot run or fails, the original stays in the file and the intake says so.
import { fileTypeFromBuffer } from 'file-type';
import { audit } from '../../platform/audit/audit.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type IncomingFile, safeFilename } from '../../platform/blobs/uploads.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { newId, newToken } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import type { OcrFailure, ScanType } from '../../platform/ocr/ocrmypdf.ts';
import { applicationByReference, applicationById, createPaperApplication } from '../applications/index.ts';
import type { Organization } from '../organizations/index.ts';
import { addDocument, addVersion, ensureCaseDossier, extractText } from '../records/index.ts';
import { serviceById, servicesOf } from '../services/index.ts';
import * as repo from './repository.ts';
import { ADDRESS_MAX, EMAIL_MAX, type IntakeErrors, type IntakeOutcomeKey, type IntakeValues, isScanType, NAME_MAX, TITLE_MAX } from './schema.ts';

export const OCR_TOPIC = 'intake.ocr';
const RECENT = 30;
const KEY = /^[A-Za-z0-9_-]{32,64}$/;

export type IntakeJob = NonNullable<Awaited<ReturnType<typeof repo.jobById>>>;
export type ReceiveOutcome = { ok: true; id: string } | { ok: false; errors: IntakeErrors };

const actorOf = (staff: StaffPrincipal) => `staff:${staff.id}`;

/** A line of text the clerk typed: spaces folded, no control characters, within its length; '' when empty. */
function line(value: string | undefined, max: number): string | undefined {
  const text = (value ?? '').replace(/[\t ]+/g, ' ').trim();
  if (Array.from(text).length > max || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

/** A postal address over several lines, each line cleaned. */
function address(value: string | undefined): string | undefined {
  const lines = (value ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => line(l, ADDRESS_MAX));
  if (lines.some((l) => l === undefined)) return undefined;
  const text = lines.filter((l) => l).join('\n');
  return Array.from(text).length > ADDRESS_MAX ? undefined : text;
}

/** A size as the messages name it: "25 MB", "400 KB" (whole units: a limit, not a measurement). */
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A fresh one-time key for the intake form: the same form sent twice files one scan. */
export const formKey = () => newToken();

/** What the intake form offers: the municipality's services for a new paper case. */
export async function intakeForm(tx: Tx, tenantId: string) {
  const services = await servicesOf(tx, tenantId);
  return { services: services.map((s) => ({ id: s.id, title: s.title })).sort((a, b) => a.title.localeCompare(b.title, 'de')) };
}

export const recentIntakes = (tx: Tx, tenantId: string) => repo.recentJobs(tx, tenantId, RECENT);
export const intakeById = (tx: Tx, tenantId: string, id: string) => (/^[0-9a-f-]{36}$/.test(id) ? repo.jobById(tx, tenantId, id) : Promise.resolve(undefined));

/** The file's checks, by its bytes: present, one, not empty, within the cap, a PDF, TIFF or JPEG. */
type FileCheck = { error: NonNullable<IntakeErrors['file']>; file?: undefined } | { error?: undefined; file: IncomingFile; contentType: ScanType };

async function checkFile(files: IncomingFile[], maxBytes: number): Promise<FileCheck> {
  const file = files[0];
  if (!file) return { error: { key: 'intake.error.fileMissing' } };
  if (files.length > 1) return { error: { key: 'intake.error.fileOne' as const } };
  if (file.truncated || file.data.length > maxBytes) {
    return { error: { key: 'intake.error.fileTooLarge' as const, params: { size: sizeText(maxBytes), name: safeFilename(file.filename) } } };
  }
  if (file.data.length === 0) return { error: { key: 'intake.error.fileEmpty' as const, params: { name: safeFilename(file.filename) } } };
  const detected = await fileTypeFromBuffer(file.data);
  if (!isScanType(detected?.mime)) return { error: { key: 'intake.error.fileType' as const, params: { name: safeFilename(file.filename) } } };
  return { file, contentType: detected.mime };
}

/**
 * Files one scan: into the case with the reference typed, or into a new paper case. The scan becomes a document of
 * kind "Scan" in the case's dossier, and its text recognition is queued in the same transaction.
 */
export async function receiveScan(
  tx: Tx,
  deps: { blobs: BlobStore; scanMaxBytes: number; secret: string },
  input: { org: Organization; staff: StaffPrincipal; values: IntakeValues; files: IncomingFile[]; now?: Date },
): Promise<ReceiveOutcome> {
  const { org, staff, values } = input;
  const now = input.now ?? new Date();
  const today = todayIn(org.time_zone, now);
  const key = KEY.test(values.key ?? '') ? values.key! : formKey();
  const again = await repo.jobByKey(tx, org.id, key);
  if (again) return { ok: true, id: again.id };

  const errors: IntakeErrors = {};
  const checked = await checkFile(input.files, deps.scanMaxBytes);
  if (checked.error) errors.file = checked.error;
  const title = line(values.title, TITLE_MAX);
  if (title === undefined) errors.title = { key: 'intake.error.titleInvalid', params: { max: TITLE_MAX } };

  let target: { kind: 'existing'; application: NonNullable<Awaited<ReturnType<typeof applicationByReference>>> } | { kind: 'new' } | undefined;
  let applicant: { name: string; email: string; address: string } | undefined;
  let service: Awaited<ReturnType<typeof serviceById>>;
  if (values.target === 'vorhanden') {
    const reference = (values.reference ?? '').trim();
    const found = reference ? await applicationByReference(tx, org.id, reference) : undefined;
    if (!reference) errors.reference = { key: 'intake.error.referenceMissing' };
    else if (!found) errors.reference = { key: 'intake.error.referenceUnknown', params: { reference: reference.slice(0, 40) } };
    else target = { kind: 'existing', application: found };
  } else if (values.target === 'neu') {
    const serviceId = (values.service ?? '').trim();
    service = /^[0-9a-f-]{36}$/.test(serviceId) ? await serviceById(tx, org.id, serviceId) : undefined;
    if (!serviceId) errors.service = { key: 'intake.error.serviceMissing' };
    else if (!service || !(await servicesOf(tx, org.id)).some((s) => s.id === service!.id)) errors.service = { key: 'intake.error.serviceUnknown' };
    const name = line(values.name, NAME_MAX);
    if (!name) errors.name = { key: 'intake.error.nameMissing', params: { max: NAME_MAX } };
    const email = line(values.email, EMAIL_MAX);
    if (email === undefined || (email && !EMAIL.test(email))) errors.email = { key: 'intake.error.emailInvalid' };
    const where = address(values.address);
    if (!where) errors.address = { key: 'intake.error.addressMissing', params: { max: ADDRESS_MAX } };
    if (name && email !== undefined && where) applicant = { name, email, address: where };
    target = { kind: 'new' };
  } else {
    errors.target = { key: 'intake.error.targetMissing' };
  }
  if (Object.keys(errors).length || !checked.file || !target) return { ok: false, errors };

  const sha256 = await deps.blobs.put(org.id, checked.file.data);
  const filename = safeFilename(checked.file.filename);
  const file = { sha256, filename, contentType: checked.contentType, size: checked.file.data.length };
  const actor = actorOf(staff);
  let applicationId: string;
  let reference: string;
  let dossierTitle: string;
  if (target.kind === 'new') {
    const made = await createPaperApplication(tx, {
      org,
      service: service!,
      applicant: applicant!,
      actor,
      secret: deps.secret,
      idempotencyKey: key,
      now,
      today,
    });
    applicationId = made.applicationId;
    reference = made.reference;
    dossierTitle = `${service!.title} – ${applicant!.name}`;
  } else {
    applicationId = target.application.id;
    reference = target.application.reference;
    const of = await serviceById(tx, org.id, target.application.service_id);
    dossierTitle = of ? `${of.title} – ${target.application.applicant_name}` : reference;
  }
  const dossier = await ensureCaseDossier(tx, { tenantId: org.id, applicationId, reference, title: dossierTitle, actor, today, country: org.country });
  const id = newId();
  // A born-digital PDF brings its text along; a scan has none until the recognition has run.
  const text = checked.contentType === 'application/pdf' ? await extractText(checked.file.data, checked.contentType) : null;
  const document = await addDocument(tx, {
    tenantId: org.id,
    dossierId: dossier.id,
    title: title || filename,
    kind: 'scan',
    documentDate: today,
    correspondent: applicant?.name ?? (target.kind === 'existing' ? target.application.applicant_name || null : null),
    file,
    text,
    actor,
    sourceId: id,
  });
  if (!document) throw new Error('the case dossier was not found right after it was ensured');
  await repo.insertJob(tx, {
    tenant_id: org.id,
    id,
    application_id: applicationId,
    reference,
    document_id: document.id,
    filename,
    content_type: checked.contentType,
    size_bytes: file.size,
    sha256,
    new_case: target.kind === 'new',
    state: 'queued',
    pages_done: 0,
    pages_total: null,
    text_searchable: !!text,
    idempotency_key: key,
    created_by: staff.id,
    created_at: now,
    updated_at: now,
  });
  await enqueue(tx, org.id, OCR_TOPIC, { intakeId: id });
  await audit(tx, org.id, {
    actor,
    action: 'intake.received',
    objectType: 'intake',
    objectId: id,
    data: { applicationId, reference, documentId: document.id, sha256, size: file.size, contentType: file.contentType, newCase: target.kind === 'new' },
  });
  return { ok: true, id };
}

// ----- the recognition job's steps, each one transaction -----

/**
 * Whether this run still owns the job: a run whose lease ran out while it worked (a worker that stalled) finds a
 * newer attempt or a finished job and records nothing, so one scan never gets two recognised versions.
 */
async function stillOurs(tx: Tx, tenantId: string, job: IntakeJob) {
  const now = await repo.lockJob(tx, tenantId, job.id);
  return now?.state === 'running' && now.attempts === job.attempts;
}

/** Takes the job up; undefined when it is finished already (a job delivered twice does its work once). */
export async function beginRecognition(tx: Tx, tenantId: string, id: string, now = new Date()): Promise<IntakeJob | undefined> {
  const job = await repo.lockJob(tx, tenantId, id);
  if (!job || job.state === 'done' || job.state === 'failed') return undefined;
  await repo.updateJob(tx, tenantId, id, { state: 'running', started_at: now, updated_at: now, attempts: job.attempts + 1, message: null, pages_done: 0 });
  return { ...job, state: 'running', started_at: now, attempts: job.attempts + 1, pages_done: 0 };
}

export const noteProgress = (tx: Tx, tenantId: string, id: string, pagesDone: number, pagesTotal: number | null, now = new Date()) =>
  repo.recordProgress(tx, tenantId, id, pagesDone, pagesTotal, now);

/** The recognised PDF/A becomes the scan document's next version, with the text the search finds it by. */
export async function recognitionDone(
  tx: Tx,
  tenantId: string,
  job: IntakeJob,
  result: { sha256: string; size: number; text: string; pages: number; pdfa: boolean },
  now = new Date(),
): Promise<boolean> {
  if (!(await stillOurs(tx, tenantId, job))) return false;
  const stem = job.filename.replace(/\.(pdf|tiff?|jpe?g)$/i, '');
  const added = job.document_id
    ? await addVersion(tx, {
        tenantId,
        documentId: job.document_id,
        file: { sha256: result.sha256, filename: `${stem}-ocr.pdf`, contentType: 'application/pdf', size: result.size },
        text: result.text || null,
        actor: 'system:ocr',
      })
    : undefined;
  const searchable = !!result.text;
  const message: IntakeOutcomeKey = searchable ? 'intake.outcome.searchable' : 'intake.outcome.noText';
  await repo.updateJob(tx, tenantId, job.id, {
    state: 'done',
    pages_done: result.pages,
    pages_total: result.pages,
    text_searchable: searchable || job.text_searchable,
    result_sha256: result.sha256,
    message,
    finished_at: now,
    updated_at: now,
  });
  await audit(tx, tenantId, {
    actor: 'system:ocr',
    action: 'intake.ocr_done',
    objectType: 'intake',
    objectId: job.id,
    data: {
      documentId: job.document_id,
      version: added?.version ?? null,
      pages: result.pages,
      characters: result.text.length,
      pdfa: result.pdfa,
      sha256: result.sha256,
    },
  });
  return true;
}

const FAILURE_MESSAGE: Record<OcrFailure | 'blobDamaged', IntakeOutcomeKey> = {
  unavailable: 'intake.outcome.noOcr',
  damaged: 'intake.outcome.damaged',
  encrypted: 'intake.outcome.encrypted',
  failed: 'intake.outcome.failed',
  timeout: 'intake.outcome.timeout',
  blobDamaged: 'intake.outcome.blobDamaged',
};

/**
 * The recognition did not happen. Without OCR installed the scan is filed as it is and the intake is done; any
 * other reason is a failure the page names. The original stays in the file either way.
 */
export async function recognitionNotDone(
  tx: Tx,
  tenantId: string,
  job: IntakeJob,
  reason: OcrFailure | 'blobDamaged',
  detail: string,
  now = new Date(),
): Promise<boolean> {
  if (!(await stillOurs(tx, tenantId, job))) return false;
  const unavailable = reason === 'unavailable';
  await repo.updateJob(tx, tenantId, job.id, {
    state: unavailable ? 'done' : 'failed',
    message: FAILURE_MESSAGE[reason],
    finished_at: now,
    updated_at: now,
  });
  await audit(tx, tenantId, {
    actor: 'system:ocr',
    action: unavailable ? 'intake.ocr_unavailable' : 'intake.ocr_failed',
    objectType: 'intake',
    objectId: job.id,
    data: { documentId: job.document_id, reason, detail: detail.slice(0, 300) },
  });
  return true;
}

/** A failed recognition queued again by a clerk (after a temporary fault, or once OCR is installed). */
export async function retryRecognition(tx: Tx, tenantId: string, staff: StaffPrincipal, id: string, now = new Date()): Promise<boolean | undefined> {
  const job = /^[0-9a-f-]{36}$/.test(id) ? await repo.lockJob(tx, tenantId, id) : undefined;
  if (!job) return undefined;
  if (job.state !== 'failed' && !(job.state === 'done' && job.message === 'intake.outcome.noOcr')) return false;
  await repo.updateJob(tx, tenantId, id, { state: 'queued', message: null, pages_done: 0, finished_at: null, updated_at: now });
  await enqueue(tx, tenantId, OCR_TOPIC, { intakeId: id });
  await audit(tx, tenantId, { actor: actorOf(staff), action: 'intake.ocr_retried', objectType: 'intake', objectId: id, data: { documentId: job.document_id } });
  return true;
}

/** The case the intake went into, for the status page's link. */
export async function intakeCase(tx: Tx, tenantId: string, job: IntakeJob) {
  const application = await applicationById(tx, tenantId, job.application_id);
  return application ? { id: application.id, reference: application.reference } : undefined;
}
