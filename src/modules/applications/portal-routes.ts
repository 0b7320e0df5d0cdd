// The citizen's side of an application: the form in steps, check, submit, save and resume, status and answers.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, type Tx } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { findStep, validateAll, visibleSteps, type Answers } from '../forms/index.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { regionalTranslator } from '../../platform/i18n/regional.ts';
import { inMunicipality, type Organization } from '../organizations/index.ts';
import { asOffered, serviceAtVersion, type Service } from '../services/index.ts';
import { answerFromPortal, applicationByStatusToken, caseFile, statusToken, submit } from './applications.ts';
import { applicantView } from './case-workflow.ts';
import { legalTextsOf } from '../legal/index.ts';
import { decisionPdf, receiptPdf } from './documents.ts';
import { sendPdf } from './send-pdf.ts';
import { mailAddress, mailResumeLink, openDraft, saveStep, takeOverDraft, type Draft } from './drafts.ts';
import { applicationTimeline } from './timeline.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { textIn } from '../forms/index.ts';
import { schemas } from './schema.ts';
import { CheckPage } from './views/CheckPage.tsx';
import { AlreadySubmittedPage, StatusPage } from './views/StatusPage.tsx';
import { ResumeExpiredPage, ResumePage, SavedPage } from './views/SavedPage.tsx';
import { StepPage } from './views/StepPage.tsx';

const DRAFT_COOKIE = 'rathaus_antrag';
/** After submitting: the status token of the application this browser just sent, so the back button can explain. */
const SUBMITTED_COOKIE = 'rathaus_abgeschickt';
const STATUS_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
/** The id of the step form, which the header's language switch submits (see PageContext.languageForm). */
const STEP_FORM = 'antrag-schritt';
type PortalParams = { municipality: string; service: string };
type StatusParams = { municipality: string; token: string };

/** The service with its title in the reader's language where the organiser gave one: the PDFs print `title`. */
const inLanguage = (service: Service, locale: Locale): Service => ({ ...service, title: textIn(service.definition.title, locale) || service.title });

/** An upload form's fields as @fastify/multipart leaves them (see MultipartBody in schema.ts). */
const fields = (body: unknown): Record<string, unknown> => (body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {});

export async function portalRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const maxUploadMb = Math.round(app.config.uploadMaxBytes / 1024 / 1024);

  /** The municipality, its service (at the draft's version) and the visitor's draft, with `work` in the same transaction. */
  async function portal<T = undefined>(
    params: PortalParams,
    draftToken: string | undefined,
    work?: (tx: Tx, org: Organization, service: Service, draft: Draft | undefined) => Promise<T>,
  ) {
    const found = await inMunicipality(app.db, params.municipality, async (tx, org) => {
      const opened = await openDraft(tx, org.id, params.service, draftToken);
      if (!opened) return undefined;
      const service = asOffered(opened.service, org.name);
      const { draft } = opened;
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

  /** The page's context, with the examples of the municipality's country in its messages (Swiss addresses in Switzerland). */
  const pageCtx = (req: FastifyRequest, org: Organization) => {
    const ctx = req.pageContext();
    return { ...ctx, t: regionalTranslator(ctx.t, org.country) };
  };

  /** The page a browser sees on a step or the check page of the application it has just submitted (the back button). */
  function submittedNotice(req: FastifyRequest, reply: FastifyReply, org: Organization, service: Service, base: string) {
    const token = req.cookies[SUBMITTED_COOKIE];
    if (!token || !STATUS_TOKEN.test(token)) return undefined;
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      AlreadySubmittedPage({ ctx: pageCtx(req, org), org, service, statusPath: `/${org.slug}/antraege/${token}`, startNew: `${base}?neu=1` }),
    );
  }

  /** The next step the answers make visible after `stepId`, or the check page. */
  function nextUrl(service: Service, base: string, answers: Answers, stepId: string | undefined) {
    const form = service.definition.form;
    const visible = visibleSteps(form, answers);
    const from = stepId ? form.steps.findIndex((s) => s.id === stepId) : -1;
    const next = form.steps.slice(from + 1).find((s) => visible.includes(s));
    return next ? `${base}/${next.id}` : `${base}/pruefen`;
  }

  // ----- citizen: the form in steps -----

  app.get('/:municipality/leistungen/:service/antrag', { schema: schemas.start }, async (req, reply) => {
    const { service, base, draft } = await portal(req.params, req.cookies[DRAFT_COOKIE]);
    // "Einen neuen Antrag stellen" after submitting: this browser no longer points at the sent one.
    if (req.query.neu === '1') reply.clearCookie(SUBMITTED_COOKIE, { path: base });
    return reply.redirect(nextUrl(service, base, draft?.answers ?? {}, undefined), 303);
  });

  app.get('/:municipality/leistungen/:service/antrag/pruefen', { schema: schemas.check }, async (req, reply) => {
    const { org, service, base, draft, result: legal } = await portal(req.params, req.cookies[DRAFT_COOKIE], (tx, org) => legalTextsOf(tx, org));
    if (!draft) return submittedNotice(req, reply, org, service, base) ?? reply.redirect(base, 303);
    return sendPage(reply, CheckPage({ ctx: pageCtx(req, org), org, service, answers: draft.answers, errors: [], legal }));
  });

  // Save and resume: the secret link carries the draft token, so the person can continue on another device.
  app.get('/:municipality/leistungen/:service/antrag/gespeichert', { schema: schemas.saved }, async (req, reply) => {
    const token = req.cookies[DRAFT_COOKIE];
    const { org, service, base, draft } = await portal(req.params, token);
    if (!draft || !token) return reply.redirect(base, 303);
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      SavedPage({
        ctx: pageCtx(req, org),
        org,
        service,
        resumeUrl: `${app.config.publicUrl}${base}/fortsetzen/${token}`,
        expiresAt: draft.expiresAt,
        mailed: req.query.gesendet === '1',
      }),
    );
  });

  // The same link by e-mail: the address goes into the mail job only, which forgets it once the mail is sent.
  app.post(
    '/:municipality/leistungen/:service/antrag/gespeichert',
    { schema: schemas.mailResumeLink, config: { rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const token = req.cookies[DRAFT_COOKIE];
      const to = mailAddress(req.body.email);
      const { org, service, base, draft } = await portal(req.params, token, async (tx, org, service, draft) => {
        if (!draft || !token || !to) return;
        await mailResumeLink(tx, org.id, {
          to,
          link: `${app.config.publicUrl}/${org.slug}/leistungen/${service.slug}/antrag/fortsetzen/${token}`,
          service: textIn(service.definition.title, req.locale) || service.title,
          municipality: org.name,
          expires: formatDateTime(draft.expiresAt, org.time_zone, req.locale, org),
          locale: req.locale,
        });
      });
      if (!draft || !token) return reply.redirect(base, 303);
      reply.header('referrer-policy', 'no-referrer');
      if (!to) {
        const resumeUrl = `${app.config.publicUrl}${base}/fortsetzen/${token}`;
        const typed = typeof req.body.email === 'string' ? req.body.email : '';
        return sendPage(reply, SavedPage({ ctx: pageCtx(req, org), org, service, resumeUrl, expiresAt: draft.expiresAt, email: typed, emailError: true }), 422);
      }
      return reply.redirect(`${base}/gespeichert?gesendet=1`, 303);
    },
  );

  // Opening the link changes nothing; continuing is a POST, which moves the draft to a new token for this browser.
  app.get('/:municipality/leistungen/:service/antrag/fortsetzen/:token', { schema: schemas.resumePage }, async (req, reply) => {
    const { org, service, base, draft } = await portal(req.params, req.params.token);
    reply.header('referrer-policy', 'no-referrer');
    if (!draft) return sendPage(reply, ResumeExpiredPage({ ctx: pageCtx(req, org), org, start: base }), 404);
    return sendPage(reply, ResumePage({ ctx: pageCtx(req, org), org, service, action: `${base}/fortsetzen/${req.params.token}` }));
  });

  app.post('/:municipality/leistungen/:service/antrag/fortsetzen/:token', { schema: schemas.resume }, async (req, reply) => {
    const { org, service, base, result } = await portal(
      req.params,
      req.params.token,
      async (tx, org, _service, draft) => draft && { draft, token: await takeOverDraft(tx, org.id, draft) },
    );
    reply.header('referrer-policy', 'no-referrer');
    if (!result) return sendPage(reply, ResumeExpiredPage({ ctx: pageCtx(req, org), org, start: base }), 404);
    draftCookie(reply, base, result.token);
    const errors = validateAll(service.definition.form, result.draft.answers, validation(org));
    return reply.redirect(errors[0] ? `${base}/${errors[0].step}` : `${base}/pruefen`, 303);
  });

  app.get('/:municipality/leistungen/:service/antrag/:step', { schema: schemas.step }, async (req, reply) => {
    const { org, service, base, draft } = await portal(req.params, req.cookies[DRAFT_COOKIE]);
    const form = service.definition.form;
    const step = findStep(form, req.params.step);
    if (!step) throw notFound();
    if (!draft) {
      const notice = submittedNotice(req, reply, org, service, base);
      if (notice) return notice;
    }
    const answers = draft?.answers ?? {};
    if (!visibleSteps(form, answers).includes(step)) return reply.redirect(nextUrl(service, base, answers, step.id), 303);
    return sendPage(
      reply,
      StepPage({
        ctx: { ...pageCtx(req, org), languageForm: STEP_FORM },
        org,
        service,
        step,
        answers,
        errors: [],
        returnToCheck: req.query.von === 'pruefen',
        maxUploadMb,
      }),
    );
  });

  app.post(
    '/:municipality/leistungen/:service/antrag/:step',
    {
      schema: schemas.saveStep,
      config: { multipart: true, rateLimit: { max: app.config.submitRateLimit * 4, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { org, service, base, result } = await portal(req.params, req.cookies[DRAFT_COOKIE], (tx, org, service, draft) =>
        saveStep(tx, {
          blobs: app.blobs,
          tenantId: org.id,
          service,
          draft,
          stepId: req.params.step,
          body: fields(req.body),
          ctx: validation(org),
          uploadMaxBytes: app.config.uploadMaxBytes,
          draftTtlHours: app.config.draftTtlHours,
        }),
      );
      if (!result) throw notFound();
      if (result.token) draftCookie(reply, base, result.token);
      if (result.saveForLater) return reply.redirect(`${base}/gespeichert`, 303);
      // The header's language switch submitted the step: saved as typed, the same step again in the other language.
      if (result.switchTo) return reply.redirect(`${base}/${result.step.id}?${req.query.von === 'pruefen' ? 'von=pruefen&' : ''}lang=${result.switchTo}`, 303);
      if (result.groupAction) return reply.redirect(`${base}/${result.step.id}${req.query.von === 'pruefen' ? '?von=pruefen' : ''}`, 303);
      if (result.errors.length) {
        return sendPage(
          reply,
          StepPage({
            ctx: { ...pageCtx(req, org), languageForm: STEP_FORM },
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

  app.post(
    '/:municipality/leistungen/:service/antrag/absenden',
    {
      schema: schemas.submit,
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
      const { org, service, base, draft, result } = await onUniqueViolation(attempt, attempt);
      if (result.kind === 'missing') return reply.redirect(base, 303);
      if (result.kind === 'invalid') {
        // Only a refused submit shows the check page again: its texts are read then, not on every submit.
        const legal = await inTenant(app.db, org.id, (tx) => legalTextsOf(tx, org));
        return sendPage(reply, CheckPage({ ctx: pageCtx(req, org), org, service, answers: draft?.answers ?? {}, errors: result.errors, legal }), 422);
      }
      // The draft is done: a later visitor on the same browser starts afresh and never reaches this application.
      reply.clearCookie(DRAFT_COOKIE, { path: base });
      const sent = statusToken(app.config.appSecret, result.applicationId);
      reply.setCookie(SUBMITTED_COOKIE, sent, {
        path: base,
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.behindTls,
        maxAge: app.config.draftTtlHours * 3600,
      });
      return reply.redirect(`/${org.slug}/antraege/${sent}?eingegangen=1`, 303);
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
      return file && service
        ? {
            org,
            file,
            service: asOffered(service, org.name),
            timeline: await applicationTimeline(tx, org.id, file),
            workflow: await applicantView(tx, org.id, application),
          }
        : undefined;
    });
    if (!found) throw notFound();
    return { ...found, base: `/${found.org.slug}/antraege/${params.token}` };
  }

  const statusPage = async (
    req: FastifyRequest,
    params: StatusParams,
    extra: { justSubmitted?: boolean; answered?: boolean; answerError?: string; answerText?: string } = {},
  ) => {
    const s = await byToken(params);
    return StatusPage({
      ctx: pageCtx(req, s.org),
      org: s.org,
      service: s.service,
      file: s.file,
      timeline: s.timeline,
      answerOpen: s.workflow.answerOpen,
      workflowState: s.workflow.state,
      base: s.base,
      statusUrl: `${app.config.publicUrl}${s.base}`,
      justSubmitted: extra.justSubmitted ?? false,
      answered: extra.answered,
      answerError: extra.answerError,
      answerText: extra.answerText,
      maxUploadMb,
    });
  };

  app.get('/:municipality/antraege/:token', { schema: schemas.status }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    return sendPage(reply, await statusPage(req, req.params, { justSubmitted: req.query.eingegangen === '1', answered: req.query.beantwortet === '1' }));
  });

  app.get('/:municipality/antraege/:token/eingangsbestaetigung.pdf', { schema: schemas.receipt }, async (req, reply) => {
    const s = await byToken(req.params);
    const a = s.file.application;
    return sendPdf(reply, await receiptPdf(s.org, inLanguage(s.service, req.locale), a, req.t, req.locale), `Eingangsbestaetigung-${a.reference}.pdf`);
  });

  app.get('/:municipality/antraege/:token/bescheid.pdf', { schema: schemas.decision }, async (req, reply) => {
    const s = await byToken(req.params);
    const a = s.file.application;
    if (!a.decided_at) throw notFound();
    return sendPdf(reply, await decisionPdf(s.org, inLanguage(s.service, req.locale), a, req.t, req.locale, app.blobs), `Bescheid-${a.reference}.pdf`);
  });

  app.post(
    '/:municipality/antraege/:token/antwort',
    {
      schema: schemas.answer,
      config: { multipart: true, rateLimit: { max: app.config.submitRateLimit, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const s = await byToken(req.params);
      const body = fields(req.body);
      const text = typeof body.answer === 'string' ? body.answer : '';
      const result = await inTenant(app.db, s.org.id, (tx) =>
        answerFromPortal(tx, {
          blobs: app.blobs,
          tenantId: s.org.id,
          service: s.service,
          application: s.file.application,
          text,
          files: body.files,
          uploadMaxBytes: app.config.uploadMaxBytes,
        }),
      );
      if (!result.ok) return sendPage(reply, await statusPage(req, req.params, { answerError: req.t(result.key, result.params), answerText: text }), 422);
      return reply.redirect(`${s.base}?beantwortet=1`, 303);
    },
  );
}
