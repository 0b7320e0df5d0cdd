// The electronic file (E-Akte): a municipality's filing plan, its dossiers with file numbers, documents with
// metadata and versions. Rules that hold at all times:
// - a version is never overwritten: a new file is a new version, and only its text may arrive later (OCR);
// - a version's bytes are given out only when their sha-256 still is the one stored when they came in;
// - a case has at most one dossier (unique application_id), so filing a case twice files it once.
import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit/audit.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { StoredFile } from '../../platform/blobs/uploads.ts';
import { type Tx, UUID } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import {
  CORRESPONDENT_MAX,
  type DocumentFields,
  type DocumentKind,
  type Errors,
  isDocumentKind,
  type Outcome,
  POSITION_NUMBER,
  POSITION_TITLE_MAX,
  type PositionInput,
  TITLE_MAX,
} from './schema.ts';
import { DEFAULT_CASE_POSITION, defaultPlan } from './plan.ts';

const hasErrors = (errors: Errors) => Object.keys(errors).length > 0;
const failed = (errors: Errors) => ({ ok: false as const, errors });

/** Text as people mean it: spaces at the ends dropped, runs of spaces as one; undefined when empty, too long or with control characters. */
export function cleanText(input: string | undefined, max: number): string | undefined {
  const text = (input ?? '').replace(/\s+/g, ' ').trim();
  if (text === '' || Array.from(text).length > max || /[\u0000-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** A calendar day typed as "2026-11-03" (the date field) or "3.11.2026"; undefined for anything else. */
export function parseDay(input: string | undefined): string | undefined {
  const text = (input ?? '').trim();
  const iso = ISO.exec(text);
  const german = GERMAN.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number(y) < 1900 || Number(y) > 2100 || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return date.toISOString().slice(0, 10);
}

// ----- filing plan -----

export type Position = Awaited<ReturnType<typeof repo.positions>>[number];
export type PlanEntry = Position & { depth: number; parent: string | null };

/** Numbers in their natural order: 1.2 before 1.10, 022 before 022.30. */
export const compareNumbers = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    if (x[i] !== y[i]) return x[i]! - y[i]!;
  }
  return 0;
};
const parentNumber = (number: string) => (number.includes('.') ? number.slice(0, number.lastIndexOf('.')) : null);

/**
 * The municipality's filing plan in order; a municipality without one gets the standard plan on first use, so a
 * case can be filed from its first day. Seeding twice (two first requests at once) inserts each position once.
 */
export async function filingPlan(tx: Tx, tenantId: string, country = 'DE'): Promise<PlanEntry[]> {
  let rows = await repo.positions(tx, tenantId);
  if (rows.length === 0) {
    const now = new Date();
    const added = await repo.insertPositions(
      tx,
      defaultPlan(country).map(([number, title]) => ({ tenant_id: tenantId, id: newId(), number, title, created_at: now })),
    );
    if (added > 0)
      await audit(tx, tenantId, { actor: 'system', action: 'records.plan_seeded', objectType: 'filing_plan', objectId: tenantId, data: { positions: added } });
    rows = await repo.positions(tx, tenantId);
  }
  return rows.sort((a, b) => compareNumbers(a.number, b.number)).map((p) => ({ ...p, depth: p.number.split('.').length - 1, parent: parentNumber(p.number) }));
}

const actorOf = (actor: { id: string }) => `staff:${actor.id}`;

export async function addPosition(tx: Tx, tenantId: string, actor: { id: string }, input: PositionInput): Promise<Outcome> {
  const errors: Errors = {};
  const number = (input.number ?? '').trim();
  const title = cleanText(input.title, POSITION_TITLE_MAX);
  if (!POSITION_NUMBER.test(number)) errors.number = 'records.error.numberInvalid';
  if (!title) errors.title = 'records.error.positionTitleMissing';
  await filingPlan(tx, tenantId);
  if (!errors.number) {
    if (await repo.positionByNumber(tx, tenantId, number)) errors.number = 'records.error.numberTaken';
    else {
      const parent = parentNumber(number);
      const above = parent ? await repo.positionByNumber(tx, tenantId, parent) : undefined;
      if (parent && !above) errors.number = 'records.error.parentMissing';
      else if (above?.retired_at) errors.number = 'records.error.parentRetired';
    }
  }
  if (hasErrors(errors)) return failed(errors);
  const id = newId();
  // A number another admin took meanwhile conflicts here: the route runs the work again and finds it taken.
  await repo.insertPositions(tx, [{ tenant_id: tenantId, id, number, title: title!, created_at: new Date() }]);
  if (!(await repo.positionById(tx, tenantId, id))) return failed({ number: 'records.error.numberTaken' });
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'records.position_added',
    objectType: 'filing_plan_position',
    objectId: id,
    data: { number, title },
  });
  return { ok: true, id };
}

export async function renamePosition(tx: Tx, tenantId: string, actor: { id: string }, id: string, input: { title?: string }): Promise<Outcome | undefined> {
  const position = UUID.test(id) ? await repo.positionById(tx, tenantId, id) : undefined;
  if (!position) return undefined;
  const title = cleanText(input.title, POSITION_TITLE_MAX);
  if (!title) return failed({ title: 'records.error.positionTitleMissing' });
  if (title === position.title) return { ok: true, id };
  await repo.renamePosition(tx, tenantId, id, title);
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'records.position_renamed',
    objectType: 'filing_plan_position',
    objectId: id,
    data: { number: position.number, from: position.title, to: title },
  });
  return { ok: true, id };
}

/** A retired position takes no new dossiers or documents; those filed under it keep their file numbers. */
export async function retirePosition(tx: Tx, tenantId: string, actor: { id: string }, id: string): Promise<Outcome | undefined> {
  const position = UUID.test(id) ? await repo.positionById(tx, tenantId, id) : undefined;
  if (!position) return undefined;
  if (position.retired_at) return { ok: true, id };
  const plan = await filingPlan(tx, tenantId);
  if (plan.some((p) => !p.retired_at && p.number.startsWith(`${position.number}.`))) return failed({ number: 'records.error.hasActiveChildren' });
  await repo.retirePosition(tx, tenantId, id, new Date());
  await audit(tx, tenantId, {
    actor: actorOf(actor),
    action: 'records.position_retired',
    objectType: 'filing_plan_position',
    objectId: id,
    data: { number: position.number },
  });
  return { ok: true, id };
}

/** An active position of this municipality, by id or by number. */
async function activePosition(tx: Tx, tenantId: string, idOrNumber: string | undefined) {
  const key = (idOrNumber ?? '').trim();
  if (!key) return undefined;
  const position = UUID.test(key) ? await repo.positionById(tx, tenantId, key) : await repo.positionByNumber(tx, tenantId, key);
  return position && !position.retired_at ? position : undefined;
}

// ----- dossiers -----

export type Dossier = NonNullable<Awaited<ReturnType<typeof repo.dossierById>>>;

/** "022.30-2026/0004": the position's number, the year and the running number of dossiers there that year. */
export const fileNumber = (positionNumber: string, year: number, n: number) => `${positionNumber}-${year}/${String(n).padStart(4, '0')}`;

async function insertDossier(
  tx: Tx,
  input: {
    tenantId: string;
    positionId: string;
    positionNumber: string;
    title: string;
    applicationId?: string;
    reference?: string;
    actor: string;
    today: string;
  },
) {
  const year = Number(input.today.slice(0, 4));
  const n = await repo.nextDossierNumber(tx, input.tenantId, input.positionId, year);
  const id = newId();
  const number = fileNumber(input.positionNumber, year, n);
  const inserted = await repo.insertDossier(tx, {
    tenant_id: input.tenantId,
    id,
    file_number: number,
    position_id: input.positionId,
    title: input.title,
    application_id: input.applicationId ?? null,
    case_reference: input.reference ?? null,
    created_at: new Date(),
    created_by: input.actor,
  });
  if (!inserted) return undefined;
  await audit(tx, input.tenantId, {
    actor: input.actor,
    action: 'records.dossier_created',
    objectType: 'dossier',
    objectId: id,
    data: { fileNumber: number, ...(input.applicationId ? { applicationId: input.applicationId } : {}) },
  });
  return { id, fileNumber: number };
}

/** A general dossier, outside any case, created by staff. */
export async function createDossier(
  tx: Tx,
  tenantId: string,
  actor: { id: string },
  input: { title?: string; position?: string },
  today: string,
): Promise<Outcome> {
  await filingPlan(tx, tenantId);
  const errors: Errors = {};
  const title = cleanText(input.title, TITLE_MAX);
  if (!title) errors.dossierTitle = 'records.error.dossierTitleMissing';
  const position = await activePosition(tx, tenantId, input.position);
  if (!position) errors.position = 'records.error.positionUnknown';
  if (hasErrors(errors)) return failed(errors);
  const made = await insertDossier(tx, { tenantId, positionId: position!.id, positionNumber: position!.number, title: title!, actor: actorOf(actor), today });
  return { ok: true, id: made!.id };
}

export const caseDossier = (tx: Tx, tenantId: string, applicationId: string) =>
  UUID.test(applicationId) ? repo.dossierOfApplication(tx, tenantId, applicationId) : Promise.resolve(undefined);

/**
 * The case's dossier, created when it has none yet (under the position named, else the plan's position for cases).
 * Safe to call again and concurrently: the unique application_id lets one dossier in, the other call finds it.
 */
export async function ensureCaseDossier(
  tx: Tx,
  input: {
    tenantId: string;
    applicationId: string;
    reference: string;
    title: string;
    filingPlanPosition?: string;
    actor?: string;
    today?: string;
    country?: string;
  },
): Promise<Dossier> {
  const found = await repo.dossierOfApplication(tx, input.tenantId, input.applicationId);
  if (found) return found;
  const plan = await filingPlan(tx, input.tenantId, input.country);
  const position =
    (await activePosition(tx, input.tenantId, input.filingPlanPosition)) ??
    (await activePosition(tx, input.tenantId, DEFAULT_CASE_POSITION)) ??
    plan.find((p) => !p.retired_at);
  if (!position) throw new Error('the filing plan has no active position');
  await insertDossier(tx, {
    tenantId: input.tenantId,
    positionId: position.id,
    positionNumber: position.number,
    title: cleanText(input.title, TITLE_MAX) ?? input.reference,
    applicationId: input.applicationId,
    reference: input.reference,
    actor: input.actor ?? 'system',
    today: input.today ?? todayIn('Europe/Berlin'),
  });
  return (await repo.dossierOfApplication(tx, input.tenantId, input.applicationId))!;
}

export const dossierInTenant = (tx: Tx, tenantId: string, id: string) => (UUID.test(id) ? repo.dossierById(tx, tenantId, id) : Promise.resolve(undefined));

export async function listDossiers(tx: Tx, tenantId: string, filter?: string, limit = 50) {
  const rows = await repo.listDossiers(tx, tenantId, filter?.trim() || undefined, limit);
  const counts = new Map(
    (
      await repo.countDocuments(
        tx,
        tenantId,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.dossier_id, Number(c.n)]),
  );
  return rows.map((r) => ({ ...r, documents: counts.get(r.id) ?? 0 }));
}

// ----- documents and versions -----

export interface DocumentMetadata {
  title: string;
  kind: DocumentKind;
  documentDate?: string | null;
  correspondent?: string | null;
  /** A position's id or number; the dossier's position when not given. */
  position?: string;
}

/** The upload form's fields checked; every message beside its field. */
export async function checkDocumentFields(
  tx: Tx,
  tenantId: string,
  fields: DocumentFields,
): Promise<{ ok: true; metadata: DocumentMetadata } | { ok: false; errors: Errors }> {
  const errors: Errors = {};
  const title = cleanText(fields.title, TITLE_MAX);
  if (!title) errors.title = 'records.error.titleMissing';
  if (!isDocumentKind(fields.kind)) errors.kind = 'records.error.kindMissing';
  const dateText = (fields.date ?? '').trim();
  const documentDate = dateText ? parseDay(dateText) : null;
  if (documentDate === undefined) errors.date = 'records.error.dateInvalid';
  const correspondentText = (fields.correspondent ?? '').trim();
  const correspondent = correspondentText ? cleanText(correspondentText, CORRESPONDENT_MAX) : null;
  if (correspondent === undefined) errors.correspondent = 'records.error.correspondentInvalid';
  if ((fields.position ?? '').trim() && !(await activePosition(tx, tenantId, fields.position))) errors.position = 'records.error.positionUnknown';
  if (hasErrors(errors)) return failed(errors);
  return {
    ok: true,
    metadata: { title: title!, kind: fields.kind as DocumentKind, documentDate, correspondent, position: fields.position?.trim() || undefined },
  };
}

export interface FileFacts extends StoredFile {}

/** A new document in the dossier with its first version. With a sourceId it is filed once, however often it is called. */
export async function addDocument(
  tx: Tx,
  input: DocumentMetadata & { tenantId: string; dossierId: string; file: FileFacts; text: string | null; actor: string; sourceId?: string },
): Promise<{ id: string; created: boolean } | undefined> {
  const dossier = await repo.dossierById(tx, input.tenantId, input.dossierId);
  if (!dossier) return undefined;
  if (input.sourceId) {
    const existing = await repo.documentBySource(tx, input.tenantId, input.sourceId);
    if (existing) return { id: existing.id, created: false };
  }
  const position = input.position ? await activePosition(tx, input.tenantId, input.position) : undefined;
  const id = newId();
  const now = new Date();
  const inserted = await repo.insertDocument(tx, {
    tenant_id: input.tenantId,
    id,
    dossier_id: dossier.id,
    title: input.title,
    kind: input.kind,
    document_date: input.documentDate ?? null,
    correspondent: input.correspondent ?? null,
    position_id: position?.id ?? dossier.position_id,
    source_id: input.sourceId ?? null,
    created_at: now,
    created_by: input.actor,
  });
  if (!inserted) return { id: (await repo.documentBySource(tx, input.tenantId, input.sourceId!))!.id, created: false };
  await repo.insertVersion(tx, versionRow(input.tenantId, id, 1, input.file, input.text, input.actor, now));
  await audit(tx, input.tenantId, {
    actor: input.actor,
    action: 'records.document_added',
    objectType: 'document',
    objectId: id,
    data: { dossierId: dossier.id, fileNumber: dossier.file_number, kind: input.kind, sha256: input.file.sha256, size: input.file.size },
  });
  return { id, created: true };
}

const versionRow = (tenantId: string, documentId: string, version: number, file: FileFacts, text: string | null, actor: string, at: Date) => ({
  tenant_id: tenantId,
  document_id: documentId,
  version,
  sha256: file.sha256,
  filename: file.filename,
  content_type: file.contentType,
  size_bytes: file.size,
  text,
  created_at: at,
  created_by: actor,
});

/** A new version beside the old ones; the old versions stay as they were. */
export async function addVersion(
  tx: Tx,
  input: { tenantId: string; documentId: string; file: FileFacts; text: string | null; actor: string },
): Promise<{ version: number } | undefined> {
  if (!UUID.test(input.documentId)) return undefined;
  const version = await repo.bumpVersion(tx, input.tenantId, input.documentId);
  if (version === undefined) return undefined;
  await repo.insertVersion(tx, versionRow(input.tenantId, input.documentId, version, input.file, input.text, input.actor, new Date()));
  await audit(tx, input.tenantId, {
    actor: input.actor,
    action: 'records.version_added',
    objectType: 'document',
    objectId: input.documentId,
    data: { version, sha256: input.file.sha256, size: input.file.size },
  });
  return { version };
}

/** The text of a version delivered later (OCR); the search follows. */
export async function setVersionText(tx: Tx, tenantId: string, documentId: string, version: number, text: string | null): Promise<boolean> {
  const result = await repo.setVersionText(tx, tenantId, documentId, version, text);
  return Number(result.numUpdatedRows ?? 0) > 0;
}

export async function dossierDocuments(tx: Tx, tenantId: string, dossierId: string) {
  const documents = await repo.documentsOf(tx, tenantId, dossierId);
  const versions = await repo.versionsOf(
    tx,
    tenantId,
    documents.map((d) => d.id),
  );
  return documents.map((d) => ({ ...d, versions: versions.filter((v) => v.document_id === d.id).map((v) => ({ ...v, size_bytes: Number(v.size_bytes) })) }));
}

export type ReadOutcome =
  | { ok: true; bytes: Buffer; filename: string; contentType: string; sha256: string }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; sha256: string; found: string | null };

/**
 * A version's bytes, given out only when their sha-256 is still the stored one. A changed or lost blob is recorded
 * in the audit log and answered with 'damaged': the caller shows a clear message, never the bytes.
 */
export async function readVersion(
  tx: Tx,
  blobs: BlobStore,
  input: { tenantId: string; documentId: string; version: number; actor: string; dossierId?: string },
): Promise<ReadOutcome> {
  if (!UUID.test(input.documentId)) return { ok: false, reason: 'missing' };
  const document = await repo.documentById(tx, input.tenantId, input.documentId);
  if (!document || (input.dossierId && document.dossier_id !== input.dossierId)) return { ok: false, reason: 'missing' };
  const row = await repo.versionOf(tx, input.tenantId, input.documentId, input.version);
  if (!row) return { ok: false, reason: 'missing' };
  const bytes = await blobs.get(input.tenantId, row.sha256).catch(() => null);
  const found = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
  if (!bytes || found !== row.sha256) {
    await audit(tx, input.tenantId, {
      actor: input.actor,
      action: 'records.hash_mismatch',
      objectType: 'document',
      objectId: input.documentId,
      data: { version: input.version, expected: row.sha256, found },
    });
    return { ok: false, reason: 'damaged', sha256: row.sha256, found };
  }
  return { ok: true, bytes, filename: row.filename, contentType: row.content_type, sha256: row.sha256 };
}

// ----- search -----

export interface SearchHit {
  documentId: string;
  version: number;
  title: string;
  kind: string;
  dossierId: string;
  fileNumber: string;
  dossierTitle: string;
  applicationId: string | null;
  rank: number;
  /** The text around the words found, the words marked. */
  snippet: Array<{ text: string; match: boolean }>;
}

/** ts_headline's marks (⟦ ⟧) as parts, so a page escapes the text and marks the words without trusting markup. */
export function snippetParts(headline: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  for (const piece of headline.split(/(⟦[^⟧]*⟧)/)) {
    if (!piece) continue;
    const match = piece.startsWith('⟦') && piece.endsWith('⟧');
    parts.push({ text: match ? piece.slice(1, -1) : piece, match });
  }
  return parts;
}

/** Full-text search (German stemming, websearch syntax: words, "phrases", -not, or) over this municipality's documents. */
export async function searchDocuments(tx: Tx, tenantId: string, q: string, limit = 20): Promise<SearchHit[]> {
  const query = q.trim().slice(0, 200);
  if (!query) return [];
  const rows = await repo.search(tx, tenantId, query, Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => ({
    documentId: r.document_id,
    version: r.version,
    title: r.title,
    kind: r.kind,
    dossierId: r.dossier_id,
    fileNumber: r.file_number,
    dossierTitle: r.dossier_title,
    applicationId: r.application_id,
    rank: Number(r.rank),
    snippet: snippetParts(r.snippet),
  }));
}

// ----- retention and export -----

/**
 * Deletes the case's dossier with its documents, versions and search entries. Returns the counts for the deletion
 * protocol and the blob hashes no document points at any more (the caller removes a blob when nothing else, such as
 * the application's own files, still needs it).
 */
export async function deleteCaseRecords(tx: Tx, tenantId: string, applicationId: string) {
  const totals = { dossiers: 0, documents: 0, versions: 0, blobs: [] as string[] };
  const hashes: string[] = [];
  for (const dossier of await repo.dossiersOfApplication(tx, tenantId, applicationId)) {
    hashes.push(...(await repo.blobsOfDossier(tx, tenantId, dossier.id)).map((b) => b.sha256));
    const deleted = await repo.deleteDossier(tx, tenantId, dossier.id);
    totals.dossiers++;
    totals.documents += deleted.documents;
    totals.versions += deleted.versions;
  }
  totals.blobs = await repo.unreferencedBlobs(tx, tenantId, hashes);
  return totals;
}

/** Every blob a version of this municipality's documents points at: the orphan clean-up keeps them. */
export const documentBlobs = (tx: Tx, tenantId: string) => repo.allVersionBlobs(tx, tenantId);

/** The dossier of a case with its documents and versions (metadata only), as the xdomea export describes them. */
export async function dossierForExport(tx: Tx, tenantId: string, applicationId: string) {
  const dossier = await caseDossier(tx, tenantId, applicationId);
  if (!dossier) return undefined;
  const documents = await dossierDocuments(tx, tenantId, dossier.id);
  return {
    dossier,
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      documentDate: d.document_date,
      correspondent: d.correspondent,
      positionNumber: d.position_number,
      positionTitle: d.position_title,
      createdAt: d.created_at,
      versions: d.versions.map((v) => ({
        version: v.version,
        sha256: v.sha256,
        filename: v.filename,
        contentType: v.content_type,
        size: v.size_bytes,
        createdAt: v.created_at,
        hasText: v.has_text,
      })),
    })),
  };
}
