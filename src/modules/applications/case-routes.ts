// The back office's side of an application: the case page, its files, questions and decisions (the inbox is in inbox-routes.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { serviceAtVersion } from '../services/index.ts';
import { askApplicant, assignToSelf, caseSeen, decide, fileOf, staffCaseFile, TransitionError, type Application } from './applications.ts';
import { staffIn } from './history.ts';
import { remedyFor, type Remedy } from '../decisions/index.ts';
import { checkDecision, type CheckedDecision, confirmationToken, type DecisionBody, type DecisionErrors, tokenMatches } from './decision-input.ts';
import { decisionDocument, decisionPdf } from './documents.ts';
import { sendPdf } from './send-pdf.ts';
import { caseWorkFor } from '../casework/index.ts';
import { schemas } from './schema.ts';
import { CasePage } from './views/CasePage.tsx';
import { DecisionPreview } from './views/DecisionPreview.tsx';

const NOTICES = ['assigned', 'asked', 'decided'] as const;

export async function caseRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  /** The case with its service and names; `opened` when staff open its page, which marks an answer that came in as seen. */
  async function loadCase(req: FastifyRequest, id: string, opened = false) {
    const org = req.staff!.tenant;
    if (!org || !UUID.test(id)) throw notFound();
    const found = await inTenant(app.db, org.id, async (tx) => {
      const file = await staffCaseFile(tx, org.id, id);
      if (!file) return undefined;
      const { answered_at: answered, staff_seen_at: seen } = file.application;
      if (opened && answered && (!seen || new Date(seen) < new Date(answered))) await caseSeen(tx, org.id, id);
      const service = await serviceAtVersion(tx, org.id, file.application.service_id, file.application.service_version);
      const ids = [file.application.assigned_to, ...file.messages.map((m) => m.author_user_id), ...staffIn(file.history)].filter((x): x is string => !!x);
      return service ? { file, service, names: await staffNames(tx, ids), casework: await caseWorkFor(tx, org, file.application as Application) } : undefined;
    });
    if (!found) throw notFound();
    return { org, ...found };
  }

  type CaseReq = FastifyRequest & { params: { id: string }; query: { hinweis?: string } };
  type CaseExtra = {
    error?: { form: 'question' | 'decision'; text: string };
    values?: Record<string, string>;
    decisionErrors?: DecisionErrors;
    decisionValues?: DecisionBody;
  };
  const casePage = async (req: CaseReq, extra: CaseExtra = {}, opened = false) => {
    const c = await loadCase(req, req.params.id, opened);
    const notice = NOTICES.includes(req.query.hinweis as never) ? req.t(`case.notice.${req.query.hinweis as (typeof NOTICES)[number]}`) : undefined;
    return CasePage({ ctx: req.pageContext(), org: c.org, service: c.service, file: c.file, names: c.names, staffId: req.staff!.id, notice, casework: c.casework, ...extra });
  };

  app.get('/verwaltung/vorgaenge/:id', { schema: schemas.case, preHandler: requireStaff }, async (req, reply) => {
    // Opened by staff: an answer that came in is seen, and the inbox's "Antwort eingegangen" goes.
    return sendPage(reply, await casePage(req, {}, true));
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

  // ----- deciding, in two steps: the preview of the Bescheid, then the binding decision -----

  /** The decision's first step, checked: a 422 case page with each problem beside its field, or the choices. */
  const checked = async (req: CaseReq & { body: DecisionBody }, reply: FastifyReply) => {
    const body = req.body ?? {};
    const result = checkDecision(body);
    if (result.ok) return result.value;
    sendPage(reply, await casePage(req, { decisionErrors: result.errors, decisionValues: body }), 422);
    return undefined;
  };

  /** The case, the remedy its Bescheid would name now, and the token that binds a confirmation to these choices. */
  const prepare = async (req: CaseReq, d: CheckedDecision) => {
    const c = await loadCase(req, req.params.id);
    const a = c.file.application as Application;
    const remedy = await inTenant(app.db, c.org.id, (tx) => remedyFor(tx, c.org, a.service_id));
    return { c, a, remedy, token: confirmationToken(app.config.appSecret, a.id, a.updated_at, d, remedy) };
  };

  const previewPage = (req: CaseReq, p: Awaited<ReturnType<typeof prepare>>, d: CheckedDecision, body: DecisionBody, errors: DecisionErrors = {}) => {
    const doc = decisionDocument(p.c.org, p.c.service, p.a, { ...d, decidedAt: new Date(), remedy: p.remedy }, req.t, req.locale);
    return DecisionPreview({
      ctx: req.pageContext(),
      base: `/verwaltung/vorgaenge/${p.a.id}`,
      reference: p.a.reference,
      doc,
      values: body,
      token: p.token,
      errors,
    });
  };

  const OPEN = ['submitted', 'in_review', 'awaiting_applicant'];

  app.post('/verwaltung/vorgaenge/:id/entscheidung/vorschau', { schema: schemas.decisionPreview, preHandler: requireStaff }, async (req, reply) => {
    const d = await checked(req, reply);
    if (!d) return reply;
    const p = await prepare(req, d);
    if (!OPEN.includes(p.a.status)) return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t('case.error.notOpen') } }), 422);
    return sendPage(reply, previewPage(req, p, d, req.body ?? {}));
  });

  /** Only this decides: the choices of the preview, its token unchanged, and the clerk's confirmation. */
  app.post('/verwaltung/vorgaenge/:id/entscheidung', { schema: schemas.decide, preHandler: requireStaff }, async (req, reply) => {
    const body = req.body ?? {};
    // "Entscheidung ändern": back to the form with everything typed, nothing decided.
    if (body.change) return sendPage(reply, await casePage(req, { decisionValues: body }));
    const d = await checked(req, reply);
    if (!d) return reply;
    const p = await prepare(req, d);
    if (!OPEN.includes(p.a.status)) return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t('case.error.notOpen') } }), 422);
    const again = (key: 'decisions.error.stale' | 'decisions.error.notConfirmed') => sendPage(reply, previewPage(req, p, d, body, { confirm: { key } }), 422);
    if (!tokenMatches(p.token, body.token)) return again('decisions.error.stale');
    if (body.confirm !== 'ja') return again('decisions.error.notConfirmed');
    try {
      await inTenant(app.db, p.c.org.id, (tx) =>
        decide(
          tx,
          p.c.org.id,
          p.a.id,
          req.staff!,
          { ...d, remedy: remedyRecord(p.remedy), caseVersion: p.a.updated_at },
          p.c.service.definition.retentionYears,
        ),
      );
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      if (e.key === 'decisions.error.stale') return again('decisions.error.stale');
      return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) } }), 422);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${p.a.id}?hinweis=decided`, 303);
  });
}

const remedyRecord = (r: Remedy): Record<string, string> => ({ kind: r.kind, authority: r.authority, address: r.address, deadline: r.deadline });
