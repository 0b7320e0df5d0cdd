import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inRegion, inTenant, UUID, type Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { DEFAULT_ACCEPT, incomingFiles, storeUpload } from '../../platform/blobs/uploads.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { findStep, validateStep, type Answers, type FieldError, type FileAnswer } from '../forms/index.ts';
import { inMunicipality, municipalitiesOf, organizationById, todayIn, type Organization } from '../organizations/index.ts';
import { serviceById, serviceBySlug, type Service } from '../services/index.ts';
import {
  answerQuestion, applicationByStatusToken, askApplicant, assignToSelf, caseFile, decide, fileOf, findDraft, inbox,
  saveDraft, statusToken, submit, TransitionError, type Application,
} from './applications.ts';
import { decisionPdf, receiptPdf } from './documents.ts';
import { CasePage } from './views/CasePage.tsx';
import { CheckPage } from './views/CheckPage.tsx';
import { ChooseMunicipalityPage, InboxPage } from './views/Inbox.tsx';
import { StatusPage } from './views/StatusPage.tsx';
import { StepPage } from './views/StepPage.tsx';

const DRAFT_COOKIE = 'rathaus_antrag';
type PortalParams = { municipality: string; service: string };
type StatusParams = { municipality: string; token: string };

const NOTICES = ['assigned', 'asked', 'decided'] as const;

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

function sendPdf(reply: FastifyReply, bytes: Uint8Array, filename: string) {
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(Buffer.from(bytes));
}

export async function applicationRoutes(app: FastifyInstance) {
  const maxUploadMb = Math.round(app.config.uploadMaxBytes / 1024 / 1024);

  /** The municipality, its service and whatever else the request needs, in one transaction. */
  async function portal<T = undefined>(params: PortalParams, work?: (tx: Tx, org: Organization, service: Service) => Promise<T>) {
    const found = await inMunicipality(app.db, params.municipality, async (tx, org) => {
      const service = await serviceBySlug(tx, org.id, params.service);
      return service && { org, service, result: (work ? await work(tx, org, service) : undefined) as T };
    });
    if (!found) throw notFound();
    return { ...found, base: `/${found.org.slug}/leistungen/${found.service.slug}/antrag` };
  }
  const validation = (org: Organization) => ({ country: org.country, today: todayIn(org.time_zone) });

  // ----- citizen: the form in steps -----

  app.get<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag', async (req, reply) => {
    const { service, base } = await portal(req.params);
    return reply.redirect(`${base}/${service.definition.form.steps[0]!.id}`, 303);
  });

  app.get<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag/pruefen', async (req, reply) => {
    const { org, service, base, result: draft } = await portal(req.params, (tx, org, service) => findDraft(tx, org.id, req.cookies[DRAFT_COOKIE], service.id));
    if (!draft) return reply.redirect(base, 303);
    return sendPage(reply, CheckPage({ ctx: req.pageContext(), org, service, answers: draft.answers, errors: [] }));
  });

  app.get<{ Params: PortalParams & { step: string }; Querystring: { von?: string } }>('/:municipality/leistungen/:service/antrag/:step', async (req, reply) => {
    const { org, service, result: draft } = await portal(req.params, (tx, org, service) => findDraft(tx, org.id, req.cookies[DRAFT_COOKIE], service.id));
    const stepIndex = service.definition.form.steps.findIndex((s) => s.id === req.params.step);
    if (stepIndex < 0) throw notFound();
    return sendPage(reply, StepPage({ ctx: req.pageContext(), org, service, stepIndex, answers: draft?.answers ?? {}, errors: [], returnToCheck: req.query.von === 'pruefen', maxUploadMb }));
  });

  app.post<{ Params: PortalParams & { step: string }; Querystring: { von?: string }; Body: Record<string, unknown> }>(
    '/:municipality/leistungen/:service/antrag/:step', {
      config: { multipart: true, rateLimit: { max: app.config.submitRateLimit * 4, timeWindow: '1 minute' } },
    }, async (req, reply) => {
      // One transaction: read the draft, store uploads, validate, and save what was typed (valid or not, so
      // nothing typed is lost when the page is shown again).
      const { org, service, base, result } = await portal(req.params, async (tx, org, service) => {
        const step = findStep(service.definition.form, req.params.step);
        if (!step) return undefined;
        const draft = await findDraft(tx, org.id, req.cookies[DRAFT_COOKIE], service.id);
        const previous: Answers = { ...(draft?.answers ?? {}) };
        const uploadErrors: FieldError[] = [];
        for (const field of step.fields.filter((f) => f.type === 'file')) {
          const stored: FileAnswer[] = [];
          for (const incoming of incomingFiles(req.body?.[field.id])) {
            const upload = await storeUpload(app.blobs, org.id, incoming, field.accept ?? DEFAULT_ACCEPT, app.config.uploadMaxBytes);
            if (upload.ok) stored.push(upload.file);
            else uploadErrors.push({ field: field.id, key: upload.key, params: upload.params });
          }
          if (stored.length) previous[field.id] = stored;
        }
        const { values, errors } = validateStep(step, req.body ?? {}, previous, validation(org));
        const saved = await saveDraft(tx, org.id, draft, service.id, values, app.config.draftTtlHours);
        return { step, answers: { ...previous, ...values }, token: saved.token, errors: [...uploadErrors, ...errors.filter((e) => !uploadErrors.some((u) => u.field === e.field))] };
      });
      if (!result) throw notFound();
      const form = service.definition.form;
      const stepIndex = form.steps.indexOf(result.step);
      if (result.token) reply.setCookie(DRAFT_COOKIE, result.token, { path: base, httpOnly: true, sameSite: 'lax', secure: app.config.behindTls, maxAge: app.config.draftTtlHours * 3600 });
      if (result.errors.length) {
        return sendPage(reply, StepPage({ ctx: req.pageContext(), org, service, stepIndex, answers: result.answers, errors: result.errors, returnToCheck: req.query.von === 'pruefen', maxUploadMb }), 422);
      }
      const next = form.steps[stepIndex + 1];
      return reply.redirect(req.query.von === 'pruefen' || !next ? `${base}/pruefen` : `${base}/${next.id}`, 303);
    });

  app.post<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag/absenden', {
    config: { rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const attempt = () => portal(req.params, (tx, org, service) => submit(tx, {
      org, service, draftToken: req.cookies[DRAFT_COOKIE], ctx: validation(org), locale: req.locale, secret: app.config.appSecret,
    }));
    // Two clicks at once on a server: the second insert meets the unique idempotency key and finds the first.
    const { org, service, base, result } = await attempt().catch((e) => (isUniqueViolation(e) ? attempt() : Promise.reject(e)));
    if (result.kind === 'missing') return reply.redirect(base, 303);
    if (result.kind === 'invalid') {
      const draft = await inTenant(app.db, org.id, (tx) => findDraft(tx, org.id, req.cookies[DRAFT_COOKIE], service.id));
      return sendPage(reply, CheckPage({ ctx: req.pageContext(), org, service, answers: draft?.answers ?? {}, errors: result.errors }), 422);
    }
    // The draft is done: a later visitor on the same browser starts afresh and never reaches this application.
    reply.clearCookie(DRAFT_COOKIE, { path: base });
    return reply.redirect(`/${org.slug}/antraege/${statusToken(app.config.appSecret, result.applicationId)}?eingegangen=1`, 303);
  });

  // ----- citizen: status, answer, documents -----

  async function byToken(params: StatusParams) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(params.token)) throw notFound();
    const found = await inMunicipality(app.db, params.municipality, async (tx, org) => {
      const application = await applicationByStatusToken(tx, org.id, params.token);
      if (!application) return undefined;
      const [file, service] = await Promise.all([caseFile(tx, org.id, application.id), serviceById(tx, org.id, application.service_id)]);
      return file && service ? { org, file, service } : undefined;
    });
    if (!found) throw notFound();
    return { ...found, base: `/${found.org.slug}/antraege/${params.token}` };
  }

  const statusPage = async (req: FastifyRequest<{ Params: StatusParams }>, extra: { justSubmitted?: boolean; answered?: boolean; answerError?: string; answerText?: string } = {}) => {
    const s = await byToken(req.params);
    return StatusPage({
      ctx: req.pageContext(), org: s.org, service: s.service, file: s.file, base: s.base, statusUrl: `${app.config.publicUrl}${s.base}`,
      justSubmitted: extra.justSubmitted ?? false, answered: extra.answered, answerError: extra.answerError, answerText: extra.answerText, maxUploadMb,
    });
  };

  app.get<{ Params: StatusParams; Querystring: { eingegangen?: string; beantwortet?: string } }>('/:municipality/antraege/:token', async (req, reply) => {
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    return sendPage(reply, await statusPage(req, { justSubmitted: req.query.eingegangen === '1', answered: req.query.beantwortet === '1' }));
  });

  app.get<{ Params: StatusParams }>('/:municipality/antraege/:token/eingangsbestaetigung.pdf', async (req, reply) => {
    const s = await byToken(req.params);
    const a = s.file.application;
    return sendPdf(reply, await receiptPdf(s.org, s.service, a, req.t, req.locale), `Eingangsbestaetigung-${a.reference}.pdf`);
  });

  app.get<{ Params: StatusParams }>('/:municipality/antraege/:token/bescheid.pdf', async (req, reply) => {
    const s = await byToken(req.params);
    const a = s.file.application;
    if (!a.decided_at) throw notFound();
    return sendPdf(reply, await decisionPdf(s.org, s.service, a, req.t, req.locale), `Bescheid-${a.reference}.pdf`);
  });

  app.post<{ Params: StatusParams; Body: Record<string, unknown> }>('/:municipality/antraege/:token/antwort', {
    config: { multipart: true, rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const s = await byToken(req.params);
    const text = typeof req.body?.answer === 'string' ? req.body.answer : '';
    if (s.file.application.status !== 'awaiting_applicant') {
      return sendPage(reply, await statusPage(req, { answerError: req.t('case.error.notAwaiting'), answerText: text }), 422);
    }
    const files: Array<FileAnswer & { field: string }> = [];
    for (const incoming of incomingFiles(req.body?.files)) {
      const result = await storeUpload(app.blobs, s.org.id, incoming, DEFAULT_ACCEPT, app.config.uploadMaxBytes);
      if (!result.ok) return sendPage(reply, await statusPage(req, { answerError: req.t(result.key, result.params), answerText: text }), 422);
      files.push({ ...result.file, field: 'answer' });
    }
    try {
      await inTenant(app.db, s.org.id, (tx) => answerQuestion(tx, s.org.id, s.file.application, text, files));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await statusPage(req, { answerError: req.t(e.key), answerText: text }), 422);
    }
    return reply.redirect(`${s.base}?beantwortet=1`, 303);
  });

  // ----- back office -----

  app.get<{ Querystring: { status?: string; sort?: string; dir?: string; seite?: string } }>('/verwaltung/', { preHandler: requireStaff }, async (req, reply) => {
    const staff = req.staff!;
    const org = staff.tenant;
    const municipalities = staff.role === 'region_admin' ? await inRegion(app.db, async (tx) => {
      const home = await organizationById(tx, staff.organizationId);
      return home ? municipalitiesOf(tx, home) : [];
    }) : undefined;
    if (!org) return sendPage(reply, ChooseMunicipalityPage({ ctx: req.pageContext(), municipalities: municipalities ?? [] }));
    const { result, assignees } = await inTenant(app.db, org.id, async (tx) => {
      const result = await inbox(tx, org.id, { status: req.query.status, sort: req.query.sort, dir: req.query.dir, page: Number(req.query.seite ?? 1) });
      return { result, assignees: await staffNames(tx, result.rows.map((r) => r.assigned_to).filter((x): x is string => !!x)) };
    });
    return sendPage(reply, InboxPage({ ctx: req.pageContext(), org, result, assignees, municipalities }));
  });

  async function loadCase(req: FastifyRequest<{ Params: { id: string } }>) {
    const org = req.staff!.tenant;
    if (!org || !UUID.test(req.params.id)) throw notFound();
    const found = await inTenant(app.db, org.id, async (tx) => {
      const file = await caseFile(tx, org.id, req.params.id);
      if (!file) return undefined;
      const service = await serviceById(tx, org.id, file.application.service_id);
      const ids = [file.application.assigned_to, ...file.messages.map((m) => m.author_user_id)].filter((x): x is string => !!x);
      return service ? { file, service, names: await staffNames(tx, ids) } : undefined;
    });
    if (!found) throw notFound();
    return { org, ...found };
  }

  type CaseReq = FastifyRequest<{ Params: { id: string }; Querystring: { hinweis?: string } }>;
  const casePage = async (req: CaseReq, extra: { error?: { form: 'question' | 'decision'; text: string }; values?: Record<string, string> } = {}) => {
    const c = await loadCase(req);
    const notice = NOTICES.includes(req.query.hinweis as never) ? req.t(`case.notice.${req.query.hinweis as (typeof NOTICES)[number]}`) : undefined;
    return CasePage({ ctx: req.pageContext(), org: c.org, service: c.service, file: c.file, names: c.names, staffId: req.staff!.id, notice, ...extra });
  };

  app.get<{ Params: { id: string }; Querystring: { hinweis?: string } }>('/verwaltung/vorgaenge/:id', { preHandler: requireStaff }, async (req, reply) =>
    sendPage(reply, await casePage(req)));

  app.get<{ Params: { id: string; fileId: string } }>('/verwaltung/vorgaenge/:id/dateien/:fileId', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
    if (!UUID.test(req.params.fileId)) throw notFound();
    const file = await inTenant(app.db, c.org.id, (tx) => fileOf(tx, c.org.id, c.file.application.id, req.params.fileId));
    if (!file) throw notFound();
    const bytes = await app.blobs.get(c.org.id, file.sha256);
    return reply.type('application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(bytes);
  });

  app.get<{ Params: { id: string } }>('/verwaltung/vorgaenge/:id/bescheid.pdf', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
    const a = c.file.application as Application;
    if (!a.decided_at) throw notFound();
    return sendPdf(reply, await decisionPdf(c.org, c.service, a, req.t, req.locale), `Bescheid-${a.reference}.pdf`);
  });

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string } }>('/verwaltung/vorgaenge/:id/zuweisen', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
    try {
      await inTenant(app.db, c.org.id, (tx) => assignToSelf(tx, c.org.id, c.file.application.id, req.staff!));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) } }), 409);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=assigned`, 303);
  });

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string }; Body: { question?: string } }>('/verwaltung/vorgaenge/:id/rueckfrage', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
    const question = String(req.body?.question ?? '');
    try {
      await inTenant(app.db, c.org.id, (tx) => askApplicant(tx, c.org.id, c.file.application.id, req.staff!, question));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'question', text: req.t(e.key) }, values: { question } }), 422);
    }
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=asked`, 303);
  });

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string }; Body: { outcome?: string; reason?: string } }>('/verwaltung/vorgaenge/:id/entscheidung', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
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
