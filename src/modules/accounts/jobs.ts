// Invitation and reset mails, sent from the outbox: a failed send is retried, never lost with the request.
import type { FastifyBaseLogger } from 'fastify';
import { type Db, inRegion } from '../../platform/db/database.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import type { JobHandlers } from '../../platform/jobs/outbox.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { LINK_SENT, linkPath, linkToken } from './links.ts';
import * as repo from './repository.ts';

export function accountJobs(deps: { db: Db; mailer: Mailer; secret: string; publicUrl: string; log: FastifyBaseLogger }): JobHandlers {
  return {
    [LINK_SENT]: async (payload) => {
      const link = await inRegion(deps.db, (tx) => repo.findLink(tx, String(payload.linkId)));
      // A link that was used, replaced or ran out before the mail went is not worth sending.
      if (!link || !link.active || link.used_at || new Date(link.expires_at) <= new Date()) return;
      const t = translator(isLocale(payload.locale) ? payload.locale : 'de');
      const params = { name: link.name, link: `${deps.publicUrl}${linkPath(linkToken(deps.secret, link.id))}` };
      const invitation = link.purpose === 'invitation';
      const outcome = await deps.mailer.send({
        to: link.email,
        subject: t(invitation ? 'mail.invitation.subject' : 'mail.reset.subject'),
        text: t(invitation ? 'mail.invitation.body' : 'mail.reset.body', params),
      });
      if (outcome === 'skipped') deps.log.info({ link: link.id }, 'mail skipped: SMTP_URL not set');
    },
  };
}
