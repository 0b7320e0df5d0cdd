// Files an application's own documents in the case's dossier (E-Akte) once it is submitted: the dossier is made,
// and every attachment becomes a document with its text, pointing at the same blob (no copy). Delivered at least
// once: each file is filed under its own id as source, so a second delivery files nothing twice.
import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { Db } from '../../platform/db/database.ts';
import { inRegion, inTenant, UUID } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { JobHandlers } from '../../platform/jobs/outbox.ts';
import { organizationById } from '../organizations/index.ts';
import { addDocument, ensureCaseDossier, extractText } from '../records/index.ts';
import { serviceById } from '../services/index.ts';
import * as repo from './repository.ts';

const ACTOR = 'system:records';

type FilingDeps = { db: Db; blobs: BlobStore; log: Pick<FastifyBaseLogger, 'warn'> };

export function filingJobs(deps: FilingDeps): JobHandlers {
  return {
    async 'records.fileApplication'(payload, job) {
      await fileApplication(deps, job.tenantId, String(payload.applicationId ?? ''));
    },
  };
}

/** Files the application's attachments in its dossier; filing it again files nothing twice. */
export async function fileApplication(deps: FilingDeps, tenantId: string, applicationId: string): Promise<void> {
  if (!UUID.test(applicationId)) return;
  const org = await inRegion(deps.db, (tx) => organizationById(tx, tenantId));
  if (!org) return;
  const found = await inTenant(deps.db, org.id, async (tx) => {
    const application = await repo.findById(tx, org.id, applicationId);
    if (!application) return undefined;
    const service = await serviceById(tx, org.id, application.service_id);
    return { application, service, files: await repo.filesOf(tx, org.id, applicationId) };
  });
  // An application deleted before its filing ran has nothing left to file.
  if (!found) return;
  // Texts are read before the transaction: pdftotext may take a while, and no row lock waits for it.
  const texts = new Map<string, string | null>();
  for (const file of found.files) {
    const bytes = await deps.blobs.get(org.id, file.sha256).catch(() => null);
    if (!bytes) deps.log.warn({ applicationId, fileId: file.id }, 'filing: blob of an application file is missing');
    texts.set(file.id, bytes ? await extractText(bytes, file.content_type) : null);
  }
  const { application, service } = found;
  await inTenant(deps.db, org.id, async (tx) => {
    const dossier = await ensureCaseDossier(tx, {
      tenantId: org.id,
      applicationId,
      reference: application.reference,
      title: `${service?.title ?? application.reference} – ${application.applicant_name}`,
      actor: ACTOR,
      today: todayIn(org.time_zone, application.submitted_at),
      country: org.country,
    });
    for (const file of found.files) {
      await addDocument(tx, {
        tenantId: org.id,
        dossierId: dossier.id,
        title: file.filename,
        kind: 'anlage',
        documentDate: todayIn(org.time_zone, file.created_at),
        correspondent: application.applicant_name,
        file: { sha256: file.sha256, filename: file.filename, contentType: file.content_type, size: Number(file.size_bytes) },
        text: texts.get(file.id) ?? null,
        actor: ACTOR,
        sourceId: file.id,
      });
    }
  });
}
