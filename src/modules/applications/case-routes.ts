// The back office's side of an application: the case page, its files, and the workflow's steps (questions,
// decisions, every other transition). Every save names the case's lock version its page showed: a case changed
// since is refused with the current state and the typed input kept (the inbox is in inbox-routes.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { caseRolesOf, requireStaff, staffNames } from '../accounts/index.ts';
import { serviceAtVersion } from '../services/index.ts';
import { servicesVisibleTo } from '../teams/index.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { actorOf, askApplicant, assignToSelf, caseSeen, decide, fileOf, staffCaseFile, takeStep, TransitionError, type Application } from './applications.ts';
import { caseRun } from './case-workflow.ts';
import type { TakeResult } from './case-workflow.ts';
import { staffIn } from './history.ts';
import { remedyFor, type Remedy } from '../decisions/index.ts';
import { checkDecision, type CheckedDecision, confirmationToken, type DecisionBody, type DecisionErrors, tokenMatches } from './decision-input.ts';
import { decisionDocument, decisionPdf } from './documents.ts';
import { sendPdf } from './send-pdf.ts';
import { caseWorkFor, decisionLetter } from '../casework/index.ts';
import { caseDossier } from '../records/index.ts';
import { keepDecisionLetter } from './handover.ts';
import { schemas } from './schema.ts';
import { CasePage, type StepProblem } from './views/CasePage.tsx';
import { DecisionPreview } from './views/DecisionPreview.tsx';

const NOTICES = ['assigned', 'asked', 'decided', 'schritt'] as const;

/** The lock version a form sent; a form without one is treated as stale, never as "any version". */
const lockOf = (raw: unknown) => (typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : -1);
const str = (raw: unknown) => (typeof raw === 'string' ? raw : '');

export async function caseRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  /** The case with its service, names and workflow; `opened` when staff open its page, which marks an answer that came in as seen. */
  async function loadCase(req: FastifyRequest, id: string, opened = false) {
    const org = req.staff!.tenant;
    if (!org || !UUID.test(id)) throw notFound();
    const found = await inTenant(app.db, org.id, async (tx) => {
      const file = await staffCaseFile(tx, org.id, id);
      if (!file) return undefined;
      // Clerks see the cases of the services their teams handle; another team's case is not there for them.
      const visible = await servicesVisibleTo(tx, org.id, req.staff!, todayIn(org.time_zone));
      if (visible !== 'all' && !visible.includes(file.application.service_id)) return undefined;
      const { answered_at: answered, staff_seen_at: seen } = file.application;
      if (opened && answered && (!seen || new Date(seen) < new Date(answered))) await caseSeen(tx, org.id, id);
      const service = await serviceAtVersion(tx, org.id, file.application.service_id, file.application.service_version);
      if (!service) return undefined;
      const actor = actorOf(req.staff!, await caseRolesOf(tx, req.staff!.id));
      const run = await caseRun(tx, org.id, file.application as Application, service, actor, req.locale, file.files);
      const ids = [file.application.assigned_to, ...file.messages.map((m) => m.author_user_id), ...staffIn(file.history)].filter((x): x is string => !!x);
      return {
        file,
        service,
        actor,
        run,
        names: await staffNames(tx, ids),
        casework: await caseWorkFor(tx, org, file.application as Application, req.staff!),
        dossier: await caseDossier(tx, org.id, id),
      };
    });
    if (!found) throw notFound();
    return { org, ...found };
  }

  type CaseReq = FastifyRequest & { params: { id: string }; query: { hinweis?: string; schritt?: string } };
  type CaseExtra = {
    error?: { form: 'question' | 'decision'; text: string };
    values?: Record<string, string>;
    decisionErrors?: DecisionErrors;
    decisionValues?: DecisionBody;
    step?: StepProblem;
  };
  const casePage = async (req: CaseReq, extra: CaseExtra = {}, opened = false) => {
    const c = await loadCase(req, req.params.id, opened);
    const q = req.query.hinweis;
    let notice: string | undefined;
    if (q === 'schritt') {
      const t = c.run.workflow.definition.transitions.find((x) => x.id === req.query.schritt);
      if (t && c.run.state)
        notice = req.t('workflow.case.notice.transition', { label: label(t.label, req.locale), state: label(c.run.state.label, req.locale) });
    } else if (NOTICES.includes(q as never)) notice = req.t(`case.notice.${q as 'assigned' | 'asked' | 'decided'}`);
    return CasePage({
      ctx: req.pageContext(),
      org: c.org,
      service: c.service,
      file: c.file,
      names: c.names,
      staffId: req.staff!.id,
      run: c.run,
      notice,
      casework: c.casework,
      dossier: c.dossier,
      ...extra,
    });
  };

  /** The answer to a save that was not taken: stale (409, the current state), refused or invalid (422), or gone (404). */
  const notTaken = async (
    req: CaseReq,
    reply: FastifyReply,
    r: Exclude<TakeResult, { ok: true }>,
    transition: string,
    values: Record<string, string>,
    extra: CaseExtra = {},
  ) => {
    if (r.kind === 'notFound') throw notFound();
    const step: StepProblem =
      r.kind === 'stale'
        ? { transition, stale: true, refused: [{ key: 'workflow.error.stale' }], fields: {}, values }
        : { transition, stale: false, refused: r.refused, fields: r.fields, values };
    return sendPage(reply, await casePage(req, { step, ...extra }), r.kind === 'stale' ? 409 : 422);
  };

  const done = (reply: FastifyReply, id: string, transition: string) =>
    reply.redirect(`/verwaltung/vorgaenge/${id}?hinweis=schritt&schritt=${encodeURIComponent(transition)}`, 303);

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
    return sendPdf(reply, await decisionPdf(c.org, c.service, a, req.t, req.locale, app.blobs), `Bescheid-${a.reference}.pdf`);
  });

  app.post('/verwaltung/vorgaenge/:id/zuweisen', { schema: schemas.assign, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const result = await inTenant(app.db, c.org.id, (tx) => assignToSelf(tx, c.org.id, c.file.application.id, req.staff!, lockOf(req.body?.lock)));
    if (result === 'notFound') throw notFound();
    if (result === 'stale') return notTaken(req, reply, { ok: false, kind: 'stale' }, 'zuweisen', {});
    if (result === 'closed') return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t('case.error.notOpen') } }), 409);
    return reply.redirect(`/verwaltung/vorgaenge/${c.file.application.id}?hinweis=assigned`, 303);
  });

  app.post('/verwaltung/vorgaenge/:id/schritt', { schema: schemas.caseStep, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const transition = str(body.transition);
    const def = c.run.workflow.definition.transitions.find((t) => t.id === transition);
    const values = Object.fromEntries((def?.fields ?? []).map((f) => [f.id, str(body[`f_${f.id}`])]));
    const save = { service: c.service, actor: c.actor, transitionId: transition, lockVersion: lockOf(body.lock), locale: req.locale };
    const r = await inTenant(app.db, c.org.id, (tx) => takeStep(tx, c.org.id, c.file.application.id, values, save));
    if (!r.ok) return notTaken(req, reply, r, transition, values);
    return done(reply, r.applicationId, r.transition.id);
  });

  app.post('/verwaltung/vorgaenge/:id/rueckfrage', { schema: schemas.ask, preHandler: requireStaff }, async (req, reply) => {
    const c = await loadCase(req, req.params.id);
    const question = String(req.body?.question ?? '');
    const transition = str(req.body?.transition);
    const save = { service: c.service, actor: c.actor, transitionId: transition, lockVersion: lockOf(req.body?.lock), locale: req.locale };
    let r: TakeResult;
    try {
      r = await inTenant(app.db, c.org.id, (tx) => askApplicant(tx, c.org.id, c.file.application.id, question, save));
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'question', text: req.t(e.key) }, values: { question } }), 422);
    }
    if (!r.ok) return notTaken(req, reply, r, transition, {}, { values: { question } });
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
    const { remedy, letter } = await inTenant(app.db, c.org.id, async (tx) => ({
      remedy: await remedyFor(tx, c.org, a.service_id),
      letter: await decisionLetter(tx, c.org, c.service, a, req.t, req.locale),
    }));
    return { c, a, remedy, letter, token: confirmationToken(app.config.appSecret, a.id, a.updated_at, d, remedy) };
  };

  const previewPage = (req: CaseReq, p: Awaited<ReturnType<typeof prepare>>, d: CheckedDecision, body: DecisionBody, errors: DecisionErrors = {}) => {
    const doc = decisionDocument(p.c.org, p.c.service, p.a, { ...d, decidedAt: new Date(), remedy: p.remedy, letter: p.letter }, req.t, req.locale);
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

  /**
   * Before a preview is shown or confirmed: the case is still at the version of the clerk's page, and the decide
   * transition is open to them in its current state. Answers the reply when not, else undefined.
   */
  const decidable = async (req: CaseReq, reply: FastifyReply, p: Awaited<ReturnType<typeof prepare>>, body: DecisionBody) => {
    const transition = body.transition ?? '';
    const values = { outcome: body.outcome ?? '', reason: body.reason ?? '' };
    if (p.a.lock_version !== lockOf(body.lock)) return notTaken(req, reply, { ok: false, kind: 'stale' }, transition, values, { decisionValues: body });
    const option = p.c.run.options.find((o) => o.transition.id === transition && o.transition.effect === 'decide');
    if (!option) {
      const state = p.c.run.state ? label(p.c.run.state.label, req.locale) : '';
      return notTaken(
        req,
        reply,
        { ok: false, kind: 'refused', refused: [{ key: 'workflow.refused.state', params: { state } }], fields: {} },
        transition,
        values,
        {
          decisionValues: body,
        },
      );
    }
    if (!option.allowed)
      return notTaken(req, reply, { ok: false, kind: 'refused', refused: option.reasons, fields: {} }, transition, values, { decisionValues: body });
    return undefined;
  };

  app.post('/verwaltung/vorgaenge/:id/entscheidung/vorschau', { schema: schemas.decisionPreview, preHandler: requireStaff }, async (req, reply) => {
    const d = await checked(req, reply);
    if (!d) return reply;
    const p = await prepare(req, d);
    const refused = await decidable(req, reply, p, req.body ?? {});
    if (refused) return refused;
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
    const refused = await decidable(req, reply, p, body);
    if (refused) return refused;
    const again = (key: 'decisions.error.stale' | 'decisions.error.notConfirmed') => sendPage(reply, previewPage(req, p, d, body, { confirm: { key } }), 422);
    if (!tokenMatches(p.token, body.token)) return again('decisions.error.stale');
    if (body.confirm !== 'ja') return again('decisions.error.notConfirmed');
    const save = { service: p.c.service, actor: p.c.actor, transitionId: body.transition ?? '', lockVersion: lockOf(body.lock), locale: req.locale };
    let r: TakeResult;
    try {
      r = await inTenant(app.db, p.c.org.id, async (tx) => {
        const taken = await decide(
          tx,
          p.c.org.id,
          p.a.id,
          { ...d, remedy: remedyRecord(p.remedy), caseVersion: p.a.updated_at },
          p.c.service.definition.retentionYears,
          save,
        );
        if (taken.ok) await keepDecisionLetter(tx, p.c.org.id, p.a.id, p.letter);
        return taken;
      });
    } catch (e) {
      if (!(e instanceof TransitionError)) throw e;
      return sendPage(reply, await casePage(req, { error: { form: 'decision', text: req.t(e.key) } }), 422);
    }
    if (!r.ok) return notTaken(req, reply, r, save.transitionId, {}, { decisionValues: body });
    return reply.redirect(`/verwaltung/vorgaenge/${p.a.id}?hinweis=decided`, 303);
  });
}

const label = (text: { de: string; en?: string } | undefined, locale: string) => (text ? (locale === 'en' && text.en) || text.de : '');

const remedyRecord = (r: Remedy): Record<string, string> => ({ kind: r.kind, authority: r.authority, address: r.address, deadline: r.deadline });
