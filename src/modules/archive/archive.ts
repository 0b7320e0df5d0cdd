// The transfer to the archive (Aussonderung): closed cases past their retention whose rule offers them are offered
// (0501); those the archive marked A are transferred with their files (0503); V lets the deletion run take them.
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { audit } from '../../platform/audit/audit.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { newId } from '../../platform/ids.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { dossierForExport } from '../records/index.ts';
import { type CaseRetention, casesDue } from '../retention/index.ts';
import * as repo from './repository.ts';
import { type ExportCase, extensionOf, fileNames, offerMessage, readEvaluation, transferMessage } from './xdomea.ts';

export interface Municipality {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
}

/** What the archive page lists: due for offer, waiting for the archive's answer, due for transfer. */
export async function archiveOverview(tx: Tx, org: Municipality, now = new Date()) {
  const today = todayIn(org.time_zone, now);
  const cases = await casesDue(tx, org.id, org.time_zone, today);
  return {
    offer: cases.filter((c) => c.disposition === 'offer' && !c.offered_at),
    waiting: cases.filter((c) => c.disposition === 'offer' && c.offered_at),
    transfer: cases.filter((c) => c.disposition === 'transfer'),
  };
}

const day = (d: Date | null, timeZone: string) => (d ? todayIn(timeZone, new Date(d)) : null);

/** xdomea's Typ of a document: the E-Akte's kind as the archive reads it. */
const KIND_NAMES: Record<string, string> = {
  antrag: 'Antrag',
  anlage: 'Anlage',
  bescheid: 'Bescheid',
  schreiben: 'Schreiben',
  scan: 'Scan',
  vermerk: 'Vermerk',
  sonstiges: 'Sonstiges',
};

const fileName = (documentId: string, version: number, contentType: string) => `${documentId}_${version}.${extensionOf(contentType)}`;

/**
 * The case as xdomea describes it: its dossier's documents with every version when the E-Akte has one, else the files
 * of the application. File names in the package are the documents' ids; the applicant's own file names stay out.
 */
async function exportCase(tx: Tx, org: Municipality, c: CaseRetention): Promise<ExportCase> {
  const base = {
    id: c.id,
    reference: c.reference,
    subject: c.service_title ?? c.reference,
    begin: day(c.submitted_at, org.time_zone)!,
    end: day(c.closed_at ?? c.decided_at, org.time_zone),
    keepUntil: c.keep_until,
  };
  const dossier = await dossierForExport(tx, org.id, c.id);
  if (dossier) {
    return {
      ...base,
      fileNumber: dossier.dossier.file_number,
      filingPlanNumber: dossier.dossier.position_number,
      documents: dossier.documents.map((d) => ({
        id: d.id,
        title: d.title,
        kind: KIND_NAMES[d.kind] ?? d.kind,
        date: d.documentDate ?? day(d.createdAt, org.time_zone),
        versions: d.versions.map((v) => ({
          number: v.version,
          contentType: v.contentType,
          sha256: v.sha256,
          fileName: fileName(d.id, v.version, v.contentType),
        })),
      })),
    };
  }
  const files = await repo.filesOfCase(tx, org.id, c.id);
  return {
    ...base,
    fileNumber: null,
    filingPlanNumber: null,
    // The field's id names what the file is ("versicherung").
    documents: files.map((f) => ({
      id: f.id,
      title: f.message_id ? 'Nachricht' : f.field,
      kind: f.message_id ? 'Schreiben' : 'Anlage',
      date: day(f.created_at, org.time_zone),
      versions: [{ number: 1, contentType: f.content_type, sha256: f.sha256, fileName: fileName(f.id, 1, f.content_type) }],
    })),
  };
}

export type ExportOutcome =
  | { ok: true; zip: Uint8Array; fileName: string; offered: number; transferred: number }
  | { ok: false; key: MessageKey; params?: Record<string, string> };

/**
 * One ZIP with the offer of the cases due (0501) and the transfer of those the archive chose (0503, with the files).
 * The offer and the transfer are recorded in the same transaction; a transferred case is deleted by the next run.
 */
export async function exportPackage(
  tx: Tx,
  blobs: BlobStore,
  input: { org: Municipality; actor: string; recipient: string; now?: Date },
): Promise<ExportOutcome> {
  const now = input.now ?? new Date();
  const { org } = input;
  const due = await archiveOverview(tx, org, now);
  if (!due.offer.length && !due.transfer.length) return { ok: false, key: 'archive.error.nothingDue' };
  const head = (processId: string) => ({
    processId,
    createdAt: now,
    sender: { name: org.name },
    recipient: { name: input.recipient },
    product: { name: 'Rathaus', version: '0.1' },
  });
  const entries: Record<string, Uint8Array> = {};
  const offerId = newId();
  const transferId = newId();
  if (due.offer.length) {
    const cases = await Promise.all(due.offer.map((c) => exportCase(tx, org, c)));
    entries[fileNames(offerId).offer] = Buffer.from(offerMessage(head(offerId), cases), 'utf8');
    await repo.markOffered(
      tx,
      org.id,
      due.offer.map((c) => c.id),
      offerId,
      now,
    );
  }
  if (due.transfer.length) {
    const cases = await Promise.all(due.transfer.map((c) => exportCase(tx, org, c)));
    for (const c of cases) {
      for (const v of c.documents.flatMap((d) => d.versions)) {
        const bytes = await blobs.get(org.id, v.sha256);
        // A file whose bytes no longer match its hash is never handed on as if it were the case's.
        if (createHash('sha256').update(bytes).digest('hex') !== v.sha256)
          return { ok: false, key: 'archive.error.damagedFile', params: { reference: c.reference } };
        entries[v.fileName] = bytes;
      }
    }
    entries[fileNames(transferId).transfer] = Buffer.from(transferMessage(head(transferId), cases), 'utf8');
    await repo.markTransferred(
      tx,
      org.id,
      due.transfer.map((c) => c.id),
      now,
    );
  }
  await audit(tx, org.id, {
    actor: input.actor,
    action: 'archive.exported',
    objectType: 'organization',
    objectId: org.id,
    data: { offered: due.offer.length, transferred: due.transfer.length, offerProcessId: due.offer.length ? offerId : null },
  });
  return {
    ok: true,
    zip: zipSync(entries, { level: 6, mtime: now }),
    fileName: `xdomea-aussonderung-${org.slug}-${todayIn(org.time_zone, now)}.zip`,
    offered: due.offer.length,
    transferred: due.transfer.length,
  };
}

export type ImportOutcome = { ok: true; archive: number; destroy: number; open: number } | { ok: false; key: MessageKey; params?: Record<string, string> };

/** Reads the archive's evaluation; a damaged file, or one naming a case never offered, changes nothing at all. */
export async function importEvaluation(tx: Tx, tenantId: string, staff: StaffPrincipal, text: string, now = new Date()): Promise<ImportOutcome> {
  const read = readEvaluation(text);
  if (!read.ok) return { ok: false, key: `archive.error.${read.problem}` as MessageKey, params: { n: read.detail ?? '' } };
  const ids = [...new Set(read.marks.map((m) => m.id))];
  const offered = new Set(await repo.offeredAmong(tx, tenantId, ids));
  const unknown = ids.filter((id) => !offered.has(id));
  if (unknown.length) return { ok: false, key: 'archive.error.notOffered', params: { n: String(unknown.length), total: String(ids.length) } };
  const counts = { archive: 0, destroy: 0, open: 0 };
  for (const m of read.marks) {
    if (m.mark === 'B') {
      counts.open++;
      continue;
    }
    await repo.setMark(tx, tenantId, m.id, m.mark, now);
    if (m.mark === 'A') counts.archive++;
    else counts.destroy++;
  }
  await audit(tx, tenantId, {
    actor: `staff:${staff.id}`,
    action: 'archive.evaluation_imported',
    objectType: 'organization',
    objectId: tenantId,
    data: { processId: read.processId, ...counts, marks: read.marks.filter((m) => m.mark !== 'B') },
  });
  return { ok: true, ...counts };
}
