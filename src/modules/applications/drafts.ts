// The application being filled in, step by step: the draft, its service version, and a posted step with its uploads.
import type { Tx } from '../../platform/db/database.ts';
import { DEFAULT_ACCEPT, incomingFiles, storeUpload } from '../../platform/blobs/uploads.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { newToken, sha256Hex } from '../../platform/ids.ts';
import { isLocale, translator, type Locale } from '../../platform/i18n/index.ts';
import { enqueue, forgetPayload, type JobHandlers } from '../../platform/jobs/outbox.ts';
import { inTenant, type Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { findStep, readStep, type Answers, type FieldError, type FileAnswer, type StepDefinition, type ValidationContext } from '../forms/index.ts';
import { serviceAtVersion, serviceBySlug, type Service } from '../services/index.ts';
import * as repo from './repository.ts';

/** An application being filled in; it keeps the service version it was started with. */
export interface Draft {
  tokenHash: string;
  serviceId: string;
  serviceVersion: number;
  answers: Answers;
  expiresAt: Date;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function findDraft(tx: Tx, tenantId: string, token: string | undefined, serviceId: string): Promise<Draft | undefined> {
  if (!token || !TOKEN.test(token)) return undefined;
  const row = await repo.findDraft(tx, tenantId, sha256Hex(token));
  if (!row || row.service_id !== serviceId || row.expires_at <= new Date()) return undefined;
  return {
    tokenHash: row.token_hash,
    serviceId: row.service_id,
    serviceVersion: row.service_version,
    answers: row.answers as Answers,
    expiresAt: row.expires_at,
  };
}

/**
 * A published service by its address and the visitor's draft of it. A draft keeps the version of the service it was
 * started with, so a form changed meanwhile never changes under the person filling it in; without a draft (or when
 * that version is gone) the current version is the one filled in.
 */
export async function openDraft(
  tx: Tx,
  tenantId: string,
  serviceSlug: string,
  token: string | undefined,
): Promise<{ service: Service; draft: Draft | undefined } | undefined> {
  const current = await serviceBySlug(tx, tenantId, serviceSlug);
  if (!current) return undefined;
  const draft = await findDraft(tx, tenantId, token, current.id);
  const service =
    draft && draft.serviceVersion !== current.version ? ((await serviceAtVersion(tx, tenantId, current.id, draft.serviceVersion)) ?? current) : current;
  return { service, draft };
}

/** Saves a step's answers into the draft, or starts one on the first step. Returns the browser's token when new. */
export async function saveDraft(
  tx: Tx,
  tenantId: string,
  draft: Draft | undefined,
  service: { id: string; version: number },
  values: Answers,
  ttlHours: number,
  now = new Date(),
) {
  const expires = new Date(now.getTime() + ttlHours * 3600_000);
  if (draft) {
    await repo.updateDraftAnswers(tx, tenantId, draft.tokenHash, JSON.stringify({ ...draft.answers, ...values }), expires);
    return { token: undefined };
  }
  const fresh = newToken();
  await repo.insertDraft(tx, {
    tenant_id: tenantId,
    token_hash: sha256Hex(fresh),
    service_id: service.id,
    service_version: service.version,
    answers: JSON.stringify(values),
    created_at: now,
    expires_at: expires,
  });
  return { token: fresh };
}

/**
 * Continuing by the secret link moves the draft to a fresh token: the link works once, so a link someone was
 * sent cannot make their browser write into a draft the sender can still read.
 */
export async function takeOverDraft(tx: Tx, tenantId: string, draft: Draft): Promise<string> {
  const fresh = newToken();
  await repo.renameDraft(tx, tenantId, draft.tokenHash, sha256Hex(fresh));
  return fresh;
}

export interface PostedStep {
  blobs: BlobStore;
  tenantId: string;
  service: Service;
  draft: Draft | undefined;
  stepId: string;
  /** The multipart body: typed values, and the uploads of the step's file fields under their ids. */
  body: Record<string, unknown>;
  ctx: ValidationContext;
  uploadMaxBytes: number;
  draftTtlHours: number;
}

interface SavedStep {
  step: StepDefinition;
  /** The answers so far with this step's, for showing the step again or choosing the next one. */
  answers: Answers;
  /** The browser's new draft token, when this step started the draft. */
  token: string | undefined;
  /** What to show beside the fields; none after a group's add or remove button and for "save for later". */
  errors: FieldError[];
  groupAction: boolean;
  saveForLater: boolean;
  /** The language the person switched to from this step ("de" or "en"): saved as typed, shown again in that language. */
  switchTo: Locale | undefined;
}

/**
 * One posted step: stores its uploads, reads and validates what was typed, and saves it into the draft, valid or
 * not, so nothing typed is lost when the page is shown again. Undefined when the form has no such step.
 */
export async function saveStep(tx: Tx, input: PostedStep): Promise<SavedStep | undefined> {
  const { service, draft, body } = input;
  const form = service.definition.form;
  const step = findStep(form, input.stepId);
  if (!step) return undefined;
  const previous: Answers = { ...(draft?.answers ?? {}) };
  const uploadErrors: FieldError[] = [];
  for (const field of step.fields.filter((f) => f.type === 'file')) {
    const stored: FileAnswer[] = [];
    const maxBytes = Math.min(field.maxBytes ?? input.uploadMaxBytes, input.uploadMaxBytes);
    for (const incoming of incomingFiles(body[field.id])) {
      const upload = await storeUpload(input.blobs, input.tenantId, incoming, field.accept ?? DEFAULT_ACCEPT, maxBytes);
      if (upload.ok) stored.push(upload.file);
      else uploadErrors.push({ field: field.id, key: upload.key, params: upload.params });
    }
    // Several files per field are added to those already there; a single-file field takes the new one.
    const before = Array.isArray(previous[field.id]) ? (previous[field.id] as FileAnswer[]) : [];
    if (stored.length) previous[field.id] = (field.maxFiles ?? 1) > 1 ? [...before, ...stored] : stored;
  }
  const { values, errors, groupAction } = readStep(form, step, body, previous, input.ctx);
  const saved = await saveDraft(tx, input.tenantId, draft, service, values, input.draftTtlHours);
  const saveForLater = body._aktion === 'speichern';
  const switchTo = isLocale(body._sprache) ? body._sprache : undefined;
  const quiet = groupAction || saveForLater || switchTo !== undefined;
  const shown = quiet ? [] : [...uploadErrors, ...errors.filter((e) => !uploadErrors.some((u) => u.field === e.field))];
  return { step, answers: { ...previous, ...values }, token: saved.token, errors: shown, groupAction, saveForLater, switchTo };
}

// ----- the link to continue, by e-mail -----

export const RESUME_LINK_MAIL = 'draft.resume_link';
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/u;
const MAX_EMAIL_LENGTH = 254;

/** The address as typed, trimmed; undefined when it is not one an e-mail can go to. */
export function mailAddress(raw: unknown): string | undefined {
  const text = typeof raw === 'string' ? raw.trim() : '';
  return text.length <= MAX_EMAIL_LENGTH && EMAIL.test(text) ? text : undefined;
}

/**
 * Sends the secret link to continue to the address the person typed, through the outbox like every mail. The address
 * is kept nowhere else, and the job forgets it (and the link) once the mail is sent.
 */
export async function mailResumeLink(
  tx: Tx,
  tenantId: string,
  input: { to: string; link: string; service: string; municipality: string; expires: string; locale: Locale },
): Promise<void> {
  await enqueue(tx, tenantId, RESUME_LINK_MAIL, { ...input });
}

export function draftJobs(deps: { db: Db; mailer: Mailer; log: { info(o: unknown, msg: string): void } }): JobHandlers {
  return {
    [RESUME_LINK_MAIL]: async (payload, job) => {
      if (typeof payload.to !== 'string' || typeof payload.link !== 'string') return;
      const t = translator(isLocale(payload.locale) ? payload.locale : 'de');
      const params = {
        link: payload.link,
        service: String(payload.service ?? ''),
        municipality: String(payload.municipality ?? ''),
        expires: String(payload.expires ?? ''),
      };
      const outcome = await deps.mailer.send({
        to: payload.to,
        subject: t('journey.mail.resume.subject', params),
        text: t('journey.mail.resume.body', params),
      });
      if (outcome === 'skipped') deps.log.info({ job: job.id }, 'mail skipped: SMTP_URL not set');
      await inTenant(deps.db, job.tenantId, (tx) => forgetPayload(tx, job.tenantId, job.id));
    },
  };
}
