// The back office's side of an application: the case page, its files, questions and decisions (the inbox is in inbox-routes.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { serviceAtVersion } from '../services/index.ts';
import { askApplicant, assignToSelf, caseSeen, decide, fileOf, staffCaseFile, TransitionError, type Application } from './applications.ts';
import { staffIn } from './history.ts';
import { decisionPdf } from './documents.ts';
import { sendPdf } from './send-pdf.ts';
import { schemas } from './schema.ts';
import { CasePage } from './views/CasePage.tsx';

const NOTICES = ['assigned', 'asked', 'decided'] as const;

export async function caseRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  async function loadCase(req: FastifyRequest, id: string) {
    const org = req.staff!.tenant;
    if (!org || !UUID.test(id)) throw notFound();
    const found = await inTenant(app.db, org.id, async (tx) => {
      const file = await staffCaseFile(tx, org.id, id);
      if (!file) return undefined;
      const service = await serviceAtVersion(tx, org.id, file.application.service_id, file.application.service_version);
      const ids = [file.application.assigned_to, ...file.messages.map((m) => m.author_user_id), ...staffIn(file.history)].filter((x): x is string => !!x);
      return service ? { file, service, names: await staffNames(tx, ids) } : undefined;
    });
    if (!found) throw notFound();
    return { org, ...found };
  }

  type CaseReq = FastifyRequest & { params: { id: string }; query: { hinweis?: string } };
  const casePage = async (req: CaseReq, extra: { error?: { form: 'question' | 'decision'; text: string }; values?: Record<string, string> } = {}) => {
    const c = await loadCase(req, req.params.id);
    const notice = NOTICES.includes(req.query.hinweis as never) ? req.t(`case.notice.${req.query.hinweis as (typeof NOTICES)[number]}`) : undefined;
    return CasePage({ ctx: req.pageContext(), org: c.org, service: c.service, file: c.file, names: c.names, staffId: req.staff!.id, notice, ...extra });
  };

  app.get('/verwaltung/vorgaenge/:id', { schema: schemas.case, preHandler: requireStaff }, async (req, reply) => {
    const page = await casePage(req);
    // Opened by staff: an answer that came in is seen, and the inbox's "Antwort eingegangen" goes.
    await inTenant(app.db, req.staff!.tenant!.id, (tx) => caseSeen(tx, req.staff!.tenant!.id, req.params.id));
    return sendPage(reply, page);
  });

  app.get('/verwaltung/vorgaenge/:id/dateien/:fileId', { schema: schemas.caseFile, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    if (!UUID.test(req.params.fileId)) throw notFound();
    const file = await inTenant(app.db, c.org.id, (tx) => fileOf(tx, c.org.id, c.file.application.id, req.params.fileId));
    if (!file) throw notFound();
    const bytes = await app.blobs.get(c.org.id, file.sha256);
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });

  app.get('/verwaltung/vorgaenge/:id/bescheid.pdf', { schema: schemas.caseDecision, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const a = c.file.application as Application;
    if (!a.decided_at) throw notFound();
    return sendPdf(reply, await decisionPdf(c.org, c.service, a, req.t, req.locale), `Bescheid-${a.reference}.pdf`);
  });

  app.post('/verwaltung/vorgaenge/:id/zuweisen', { schema: schemas.assign, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    try {
      await inTenant(app.db, c.org.id, (tx) => assignToSelf(tx, c.org.id, c.file.application.id, req.staff!));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) } }), 409);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=assigned`, 303);
  });

  app.post('/verwaltung/vorgaenge/:id/rueckfrage', { schema: schemas.ask, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const question = String(req.body?.question ?? '');
    try {
      await inTenant(app.db, c.org.id, (tx) => askApplicant(tx, c.org.id, c.file.application.id, req.staff!, question));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'question', text: req.t(e.key) }, values: { question } }), 422);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=asked`, 303);
  });

  app.post('/verwaltung/vorgaenge/:id/entscheidung', { schema: schemas.decide, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const outcome = req.body?.outcome === 'rejected' ? 'rejected' : 'approved';
    const reason = String(req.body?.reason ?? '');
    try {
      await inTenant(app.db, c.org.id, (tx) => decide(tx, c.org.id, c.file.application.id, req.staff!, outcome, reason, c.service.definition.retentionYears));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) }, values: { reason, outcome } }), 422);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=decided`, 303);
  });
}
