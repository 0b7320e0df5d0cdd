import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inRegion, inTenant, UUID, type Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { DEFAULT_ACCEPT, incomingFiles, storeUpload } from '../../platform/blobs/uploads.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { findStep, readStep, validateAll, visibleSteps, type Answers, type FieldError, type FileAnswer } from '../forms/index.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { inMunicipality, municipalitiesOf, organizationById, type Organization } from '../organizations/index.ts';
import { serviceAtVersion, serviceBySlug, type Service } from '../services/index.ts';
import {
  answerQuestion,
  applicationByStatusToken,
  askApplicant,
  assignToSelf,
  caseFile,
  decide,
  fileOf,
  findDraft,
  inbox,
  saveDraft,
  statusToken,
  submit,
  takeOverDraft,
  TransitionError,
  type Application,
  type Draft,
} from './applications.ts';
import { decisionPdf, receiptPdf } from './documents.ts';
import { CasePage } from './views/CasePage.tsx';
import { CheckPage } from './views/CheckPage.tsx';
import { ChooseMunicipalityPage, InboxPage } from './views/Inbox.tsx';
import { StatusPage } from './views/StatusPage.tsx';
import { ResumeExpiredPage, ResumePage, SavedPage } from './views/SavedPage.tsx';
import { StepPage } from './views/StepPage.tsx';

const DRAFT_COOKIE = 'rathaus_antrag';
type PortalParams = { municipality: string; service: string };
type StatusParams = { municipality: string; token: string };

const NOTICES = ['assigned', 'asked', 'decided'] as const;

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

function sendPdf(reply: FastifyReply, bytes: Uint8Array, filename: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes));
}

export async function applicationRoutes(app: FastifyInstance) {
  const maxUploadMb = Math.round(app.config.uploadMaxBytes / 1024 / 1024);

  /**
   * The municipality, its service and the visitor's draft in one transaction. A draft keeps the version of the
   * service it was started with, so a form changed meanwhile never changes under the person filling it in.
   */
  async function portal<T = undefined>(
    params: PortalParams,
    draftToken: string | undefined,
    work?: (tx: Tx, org: Organization, service: Service, draft: Draft | undefined) => Promise<T>,
  ) {
    const found = await inMunicipality(app.db, params.municipality, async (tx, org) => {
      const current = await serviceBySlug(tx, org.id, params.service);
      if (!current) return undefined;
      const draft = await findDraft(tx, org.id, draftToken, current.id);
      const service =
        draft && draft.serviceVersion !== current.version ? ((await serviceAtVersion(tx, org.id, current.id, draft.serviceVersion)) ?? current) : current;
      return { org, service, draft, result: (work ? await work(tx, org, service, draft) : undefined) as T };
    });
    if (!found) throw notFound();
    return { ...found, base: `/${found.org.slug}/leistungen/${found.service.slug}/antrag` };
  }
  const validation = (org: Organization) => ({ country: org.country, today: todayIn(org.time_zone) });
  const draftCookie = (reply: FastifyReply, base: string, token: string) =>
    reply.setCookie(DRAFT_COOKIE, token, {
      path: base,
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.behindTls,
      maxAge: app.config.draftTtlHours * 3600,
    });

  /** The next step the answers make visible after `stepId`, or the check page. */
  function nextUrl(service: Service, base: string, answers: Answers, stepId: string | undefined) {
    const form = service.definition.form;
    const visible = visibleSteps(form, answers);
    const from = stepId ? form.steps.findIndex((s) => s.id === stepId) : -1;
    const next = form.steps.slice(from + 1).find((s) => visible.includes(s));
    return next ? `${base}/${next.id}` : `${base}/pruefen`;
  }

  // ----- citizen: the form in steps -----

  app.get<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag', async (req, reply) => {
    const { service, base, draft } = await portal(req.params, req.cookies[DRAFT_COOKIE]);
    return reply.redirect(nextUrl(service, base, draft?.answers ?? {}, undefined), 303);
  });

  app.get<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag/pruefen', async (req, reply) => {
    const { org, service, base, draft } = await portal(req.params, req.cookies[DRAFT_COOKIE]);
    if (!draft) return reply.redirect(base, 303);
    return sendPage(reply, CheckPage({ ctx: req.pageContext(), org, service, answers: draft.answers, errors: [] }));
  });

  // Save and resume: the secret link carries the draft token, so the person can continue on another device.
  app.get<{ Params: PortalParams }>('/:municipality/leistungen/:service/antrag/gespeichert', async (req, reply) => {
    const token = req.cookies[DRAFT_COOKIE];
    const { org, service, base, draft } = await portal(req.params, token);
    if (!draft || !token) return reply.redirect(base, 303);
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      SavedPage({ ctx: req.pageContext(), org, service, resumeUrl: `${app.config.publicUrl}${base}/fortsetzen/${token}`, expiresAt: draft.expiresAt }),
    );
  });

  // Opening the link changes nothing; continuing is a POST, which moves the draft to a new token for this browser.
  app.get<{ Params: PortalParams & { token: string } }>('/:municipality/leistungen/:service/antrag/fortsetzen/:token', async (req, reply) => {
    const { org, service, base, draft } = await portal(req.params, req.params.token);
    reply.header('referrer-policy', 'no-referrer');
    if (!draft) return sendPage(reply, ResumeExpiredPage({ ctx: req.pageContext(), org, start: base }), 404);
    return sendPage(reply, ResumePage({ ctx: req.pageContext(), org, service, action: `${base}/fortsetzen/${req.params.token}` }));
  });

  app.post<{ Params: PortalParams & { token: string } }>('/:municipality/leistungen/:service/antrag/fortsetzen/:token', async (req, reply) => {
    const { org, service, base, result } = await portal(
      req.params,
      req.params.token,
      async (tx, org, _service, draft) => draft && { draft, token: await takeOverDraft(tx, org.id, draft) },
    );
    reply.header('referrer-policy', 'no-referrer');
    if (!result) return sendPage(reply, ResumeExpiredPage({ ctx: req.pageContext(), org, start: base }), 404);
    draftCookie(reply, base, result.token);
    const errors = validateAll(service.definition.form, result.draft.answers, validation(org));
    return reply.redirect(errors[0] ? `${base}/${errors[0].step}` : `${base}/pruefen`, 303);
  });

  app.get<{ Params: PortalParams & { step: string }; Querystring: { von?: string } }>('/:municipality/leistungen/:service/antrag/:step', async (req, reply) => {
    const { org, service, base, draft } = await portal(req.params, req.cookies[DRAFT_COOKIE]);
    const form = service.definition.form;
    const step = findStep(form, req.params.step);
    if (!step) throw notFound();
    const answers = draft?.answers ?? {};
    if (!visibleSteps(form, answers).includes(step)) return reply.redirect(nextUrl(service, base, answers, step.id), 303);
    return sendPage(
      reply,
      StepPage({ ctx: req.pageContext(), org, service, step, answers, errors: [], returnToCheck: req.query.von === 'pruefen', maxUploadMb }),
    );
  });

  app.post<{ Params: PortalParams & { step: string }; Querystring: { von?: string }; Body: Record<string, unknown> }>(
    '/:municipality/leistungen/:service/antrag/:step',
    {
      config: { multipart: true, rateLimit: { max: app.config.submitRateLimit * 4, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      // One transaction: read the draft, store uploads, validate, and save what was typed (valid or not, so
      // nothing typed is lost when the page is shown again).
      const { org, service, base, result } = await portal(req.params, req.cookies[DRAFT_COOKIE], async (tx, org, service, draft) => {
        const form = service.definition.form;
        const step = findStep(form, req.params.step);
        if (!step) return undefined;
        const previous: Answers = { ...(draft?.answers ?? {}) };
        const uploadErrors: FieldError[] = [];
        for (const field of step.fields.filter((f) => f.type === 'file')) {
          const stored: FileAnswer[] = [];
          const maxBytes = Math.min(field.maxBytes ?? app.config.uploadMaxBytes, app.config.uploadMaxBytes);
          for (const incoming of incomingFiles(req.body?.[field.id])) {
            const upload = await storeUpload(app.blobs, org.id, incoming, field.accept ?? DEFAULT_ACCEPT, maxBytes);
            if (upload.ok) stored.push(upload.file);
            else uploadErrors.push({ field: field.id, key: upload.key, params: upload.params });
          }
          // Several files per field are added to those already there; a single-file field takes the new one.
          const before = Array.isArray(previous[field.id]) ? (previous[field.id] as FileAnswer[]) : [];
          if (stored.length) previous[field.id] = (field.maxFiles ?? 1) > 1 ? [...before, ...stored] : stored;
        }
        const { values, errors, groupAction } = readStep(form, step, req.body ?? {}, previous, validation(org));
        const saved = await saveDraft(tx, org.id, draft, service, values, app.config.draftTtlHours);
        const answers = { ...previous, ...values };
        const saveForLater = req.body?._aktion === 'speichern';
        const shown = groupAction || saveForLater ? [] : [...uploadErrors, ...errors.filter((e) => !uploadErrors.some((u) => u.field === e.field))];
        return { step, answers, token: saved.token, errors: shown, groupAction, saveForLater };
      });
      if (!result) throw notFound();
      if (result.token) draftCookie(reply, base, result.token);
      if (result.saveForLater) return reply.redirect(`${base}/gespeichert`, 303);
      if (result.groupAction) return reply.redirect(`${base}/${result.step.id}${req.query.von === 'pruefen' ? '?von=pruefen' : ''}`, 303);
      if (result.errors.length) {
        return sendPage(
          reply,
          StepPage({
            ctx: req.pageContext(),
            org,
            service,
            step: result.step,
            answers: result.answers,
            errors: result.errors,
            returnToCheck: req.query.von === 'pruefen',
            maxUploadMb,
          }),
          422,
        );
      }
      return reply.redirect(req.query.von === 'pruefen' ? `${base}/pruefen` : nextUrl(service, base, result.answers, result.step.id), 303);
    },
  );

  app.post<{ Params: PortalParams }>(
    '/:municipality/leistungen/:service/antrag/absenden',
    {
      config: { rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const attempt = () =>
        portal(req.params, req.cookies[DRAFT_COOKIE], (tx, org, service, draft) =>
          submit(tx, {
            org,
            service,
            draftToken: req.cookies[DRAFT_COOKIE],
            draft,
            ctx: validation(org),
            locale: req.locale,
            secret: app.config.appSecret,
          }),
        );
      // Two clicks at once on a server: the second insert meets the unique idempotency key and finds the first.
      const { org, service, base, draft, result } = await attempt().catch((e) => (isUniqueViolation(e) ? attempt() : Promise.reject(e)));
      if (result.kind === 'missing') return reply.redirect(base, 303);
      if (result.kind === 'invalid') {
        return sendPage(reply, CheckPage({ ctx: req.pageContext(), org, service, answers: draft?.answers ?? {}, errors: result.errors }), 422);
      }
      // The draft is done: a later visitor on the same browser starts afresh and never reaches this application.
      reply.clearCookie(DRAFT_COOKIE, { path: base });
      return reply.redirect(`/${org.slug}/antraege/${statusToken(app.config.appSecret, result.applicationId)}?eingegangen=1`, 303);
    },
  );

  // ----- citizen: status, answer, documents -----

  async function byToken(params: StatusParams) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(params.token)) throw notFound();
    const found = await inMunicipality(app.db, params.municipality, async (tx, org) => {
      const application = await applicationByStatusToken(tx, org.id, params.token);
      if (!application) return undefined;
      const [file, service] = await Promise.all([
        caseFile(tx, org.id, application.id),
        serviceAtVersion(tx, org.id, application.service_id, application.service_version),
      ]);
      return file && service ? { org, file, service } : undefined;
    });
    if (!found) throw notFound();
    return { ...found, base: `/${found.org.slug}/antraege/${params.token}` };
  }

  const statusPage = async (
    req: FastifyRequest<{ Params: StatusParams }>,
    extra: { justSubmitted?: boolean; answered?: boolean; answerError?: string; answerText?: string } = {},
  ) => {
    const s = await byToken(req.params);
    return StatusPage({
      ctx: req.pageContext(),
      org: s.org,
      service: s.service,
      file: s.file,
      base: s.base,
      statusUrl: `${app.config.publicUrl}${s.base}`,
      justSubmitted: extra.justSubmitted ?? false,
      answered: extra.answered,
      answerError: extra.answerError,
      answerText: extra.answerText,
      maxUploadMb,
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

  app.post<{ Params: StatusParams; Body: Record<string, unknown> }>(
    '/:municipality/antraege/:token/antwort',
    {
      config: { multipart: true, rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
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
    },
  );

  // ----- back office -----

  app.get<{ Querystring: { status?: string; sort?: string; dir?: string; seite?: string } }>(
    '/verwaltung/',
    { preHandler: requireStaff },
    async (req, reply) => {
      const staff = req.staff!;
      const org = staff.tenant;
      const municipalities =
        staff.role === 'region_admin'
          ? await inRegion(app.db, async (tx) => {
              const home = await organizationById(tx, staff.organizationId);
              return home ? municipalitiesOf(tx, home) : [];
            })
          : undefined;
      if (!org) return sendPage(reply, ChooseMunicipalityPage({ ctx: req.pageContext(), municipalities: municipalities ?? [] }));
      const { result, assignees } = await inTenant(app.db, org.id, async (tx) => {
        const result = await inbox(tx, org.id, { status: req.query.status, sort: req.query.sort, dir: req.query.dir, page: Number(req.query.seite ?? 1) });
        return {
          result,
          assignees: await staffNames(
            tx,
            result.rows.map((r) => r.assigned_to).filter((x): x is string => !!x),
          ),
        };
      });
      return sendPage(reply, InboxPage({ ctx: req.pageContext(), org, result, assignees, municipalities }));
    },
  );

  async function loadCase(req: FastifyRequest<{ Params: { id: string } }>) {
    const org = req.staff!.tenant;
    if (!org || !UUID.test(req.params.id)) throw notFound();
    const found = await inTenant(app.db, org.id, async (tx) => {
      const file = await caseFile(tx, org.id, req.params.id);
      if (!file) return undefined;
      const service = await serviceAtVersion(tx, org.id, file.application.service_id, file.application.service_version);
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
    sendPage(reply, await casePage(req)),
  );

  app.get<{ Params: { id: string; fileId: string } }>('/verwaltung/vorgaenge/:id/dateien/:fileId', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
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

  app.get<{ Params: { id: string } }>('/verwaltung/vorgaenge/:id/bescheid.pdf', { preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req);
    const a = c.file.application as Application;
    if (!a.decided_at) throw notFound();
    return sendPdf(reply, await decisionPdf(c.org, c.service, a, req.t, req.locale), `Bescheid-${a.reference}.pdf`);
  });

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string } }>(
    '/verwaltung/vorgaenge/:id/zuweisen',
    { preHandler: requireStaff },
    async (req, reply) => {
      const c = await loadCase(req);
      try {
        await inTenant(app.db, c.org.id, (tx) => assignToSelf(tx, c.org.id, c.file.application.id, req.staff!));
      } catch (e) {
        if (!(e instanceof TransitionError)) throw e;
        return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) } }), 409);
      }
      return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=assigned`, 303);
    },
  );

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string }; Body: { question?: string } }>(
    '/verwaltung/vorgaenge/:id/rueckfrage',
    { preHandler: requireStaff },
    async (req, reply) => {
      const c = await loadCase(req);
      const question = String(req.body?.question ?? '');
      try {
        await inTenant(app.db, c.org.id, (tx) => askApplicant(tx, c.org.id, c.file.application.id, req.staff!, question));
      } catch (e) {
        if (!(e instanceof TransitionError)) throw e;
        return sendPage(reply, await casePage(req, { error: { form: 'question', text: req.t(e.key) }, values: { question } }), 422);
      }
      return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=asked`, 303);
    },
  );

  app.post<{ Params: { id: string }; Querystring: { hinweis?: string }; Body: { outcome?: string; reason?: string } }>(
    '/verwaltung/vorgaenge/:id/entscheidung',
    { preHandler: requireStaff },
    async (req, reply) => {
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
    },
  );
}
