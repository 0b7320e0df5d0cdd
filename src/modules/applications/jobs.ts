// E-mails to applicants, sent from the outbox: a failed send is retried, never lost with the request.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { placeName } from '../../platform/i18n/place-names.ts';
import type { JobHandlers } from '../../platform/jobs/outbox.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { allMunicipalities, organizationById } from '../organizations/index.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { serviceAtVersion, serviceById } from '../services/index.ts';
import { runTimers } from './case-workflow.ts';
import { applicationById, orphanedBlobs, purgeExpired, statusToken } from './applications.ts';
import { draftJobs } from './drafts.ts';
import { filingJobs } from './filing.ts';
import { documentBlobs } from '../records/index.ts';

const ORPHAN_GRACE_MS = 6 * 3600_000;

export function applicationJobs(deps: { db: Db; mailer: Mailer; secret: string; publicUrl: string; log: FastifyBaseLogger; blobs?: BlobStore }): JobHandlers {
  const mailAbout =
    (
      subjectKey: 'mail.submitted.subject' | 'mail.question.subject' | 'mail.decided.subject',
      bodyKey: 'mail.submitted.body' | 'mail.question.body' | 'mail.decided.body',
    ) =>
    async (payload: Record<string, unknown>, job: { tenantId: string }) => {
      const org = await inRegion(deps.db, (tx) => organizationById(tx, job.tenantId));
      if (!org) return;
      const found = await inTenant(deps.db, org.id, async (tx) => {
        const application = await applicationById(tx, org.id, String(payload.applicationId));
        const service = application && (await serviceById(tx, org.id, application.service_id));
        return application && service ? { application, service } : undefined;
      });
      if (!found) return;
      const t = translator(isLocale(payload.locale) ? payload.locale : 'de');
      const link = `${deps.publicUrl}/${org.slug}/antraege/${statusToken(deps.secret, found.application.id)}`;
      const params = {
        reference: found.application.reference,
        service: found.service.title,
        link,
        municipality: org.name,
        atMunicipality: placeName(org.name).dative,
        name: found.application.applicant_name,
      };
      const outcome = await deps.mailer.send({ to: found.application.applicant_email, subject: t(subjectKey, params), text: t(bodyKey, params) });
      if (outcome === 'skipped') deps.log.info({ reference: found.application.reference }, 'mail skipped: SMTP_URL not set');
    };
  return {
    'application.submitted': mailAbout('mail.submitted.subject', 'mail.submitted.body'),
    'application.question_asked': mailAbout('mail.question.subject', 'mail.question.body'),
    'application.decided': mailAbout('mail.decided.subject', 'mail.decided.body'),
    // Announced for subscribers (webhooks); nothing to do here, and a job without a handler would die.
    'case.state_changed': async () => {},
    ...draftJobs(deps),
    // Filing reads the attachments' bytes for their text: only where the blob store is at hand (server, worker).
    ...(deps.blobs ? filingJobs({ db: deps.db, blobs: deps.blobs, log: deps.log }) : {}),
  };
}

/** Removes expired drafts and stray blobs in every municipality; blobs are removed after the rows are gone for good. */
export async function purgeAllTenants(db: Db, blobs: BlobStore, now = new Date()) {
  const municipalities = await inRegion(db, (tx) => allMunicipalities(tx));
  const totals = { drafts: 0, blobs: 0 };
  for (const org of municipalities) {
    const result = await inTenant(db, org.id, (tx) => purgeExpired(tx, org.id, now));
    for (const sha256 of result.orphaned) await blobs.remove(org.id, sha256);
    // An upload is written before the row that records it: only files older than a few hours count as orphans.
    const stored = await blobs.list(org.id);
    // The E-Akte's versions are blobs too, most of them uploaded there rather than with an application.
    const kept = [...(org.logo_sha256 ? [org.logo_sha256] : []), ...(await inTenant(db, org.id, (tx) => documentBlobs(tx, org.id)))];
    const stray = await inTenant(db, org.id, (tx) => orphanedBlobs(tx, org.id, stored, new Date(now.getTime() - ORPHAN_GRACE_MS), kept));
    for (const sha256 of stray) await blobs.remove(org.id, sha256);
    totals.blobs += stray.length;
    totals.drafts += result.drafts;
    totals.blobs += result.orphaned.length;
  }
  return totals;
}

/**
 * Takes the workflows' timer transitions that are due ("no answer within 28 days") in every municipality; each
 * case is checked again under its row lock, so a case worked meanwhile is left as it is.
 */
export async function runWorkflowTimers(db: Db, now = new Date()) {
  const municipalities = await inRegion(db, (tx) => allMunicipalities(tx));
  let moved = 0;
  for (const org of municipalities) {
    moved += await inTenant(db, org.id, (tx) => runTimers(tx, org.id, (a) => serviceAtVersion(tx, org.id, a.service_id, a.service_version), now));
  }
  return moved;
}
