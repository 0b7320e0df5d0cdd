// The archive transfer in the back office (municipality admin): the overview, the ZIP download, the evaluation upload.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin } from '../accounts/index.ts';
import { requireMunicipality } from '../retention/index.ts';
import { archiveOverview, exportPackage, importEvaluation } from './archive.ts';
import { schemas } from './schema.ts';
import { ArchivePage } from './views/Archive.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;
const MAX_EVALUATION_BYTES = 5 * 1024 * 1024;

interface Upload {
  filename?: string;
  data?: Buffer;
  truncated?: boolean;
}

export async function archiveRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: '/verwaltung/archiv', label: 'archive.nav', roles: ['region_admin', 'municipality_admin'] });

  const municipality = (req: FastifyRequest): Municipality => {
    const org = req.staff?.tenant;
    if (!org || org.kind !== 'municipality') throw notFound();
    return org;
  };

  const page = async (req: FastifyRequest, reply: FastifyReply, extra: { error?: string; exportError?: string; notice?: string } = {}) => {
    const org = municipality(req);
    const due = await inTenant(app.db, org.id, (tx) => archiveOverview(tx, org));
    const failed = extra.error || extra.exportError;
    return sendPage(reply, ArchivePage({ ctx: req.pageContext(), municipality: org.name, timeZone: org.time_zone, ...due, ...extra }), failed ? 422 : 200);
  };

  app.get('/verwaltung/archiv', { schema: schemas.page, preHandler: [requireAdmin, requireMunicipality] }, async (req, reply) => {
    const q = req.query;
    const notice = q.hinweis === 'eingelesen' ? req.t('archive.notice.imported', { archive: q.a ?? '0', destroy: q.v ?? '0', open: q.b ?? '0' }) : undefined;
    return page(req, reply, { notice });
  });

  app.post('/verwaltung/archiv/export', { schema: schemas.export, preHandler: [requireAdmin, requireMunicipality] }, async (req, reply) => {
    const org = municipality(req);
    const result = await inTenant(app.db, org.id, (tx) =>
      exportPackage(tx, app.blobs, { org, actor: `staff:${req.staff!.id}`, recipient: req.t('archive.recipient') }),
    );
    if (!result.ok) return page(req, reply, { exportError: req.t(result.key, result.params) });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${result.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(result.zip));
  });

  app.post(
    '/verwaltung/archiv/bewertung',
    { schema: schemas.import, preHandler: [requireAdmin, requireMunicipality], config: { multipart: true } },
    async (req, reply) => {
      const org = municipality(req);
      const file = (req.body as { datei?: Upload } | undefined)?.datei;
      if (!file?.data?.length) return page(req, reply, { error: req.t('archive.error.fileMissing') });
      if (file.truncated || file.data.length > MAX_EVALUATION_BYTES) return page(req, reply, { error: req.t('archive.error.tooLarge') });
      const outcome = await inTenant(app.db, org.id, (tx) => importEvaluation(tx, org.id, req.staff!, file.data!.toString('utf8')));
      if (!outcome.ok) return page(req, reply, { error: req.t(outcome.key, outcome.params) });
      return reply.redirect(`/verwaltung/archiv?hinweis=eingelesen&a=${outcome.archive}&v=${outcome.destroy}&b=${outcome.open}`, 303);
    },
  );
}
