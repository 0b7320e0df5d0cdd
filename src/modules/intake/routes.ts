import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChooseMunicipalityFirst } from '../../platform/views/choose-municipality.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { incomingFiles } from '../../platform/blobs/uploads.ts';
import { inTenant } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { ocrAvailable } from '../../platform/ocr/ocrmypdf.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireStaff } from '../accounts/index.ts';
import { caseDossier, caseDossierLink } from '../records/index.ts';
import { formKey, intakeById, intakeCase, intakeForm, receiveScan, recentIntakes, retryRecognition, sizeText } from './intake.ts';
import { type IntakeErrors, type IntakeValues, schemas } from './schema.ts';
import { IntakePage, intakePath } from './views/IntakePage.tsx';
import { IntakeStatusPage, isRunning, REFRESH_SECONDS } from './views/IntakeStatus.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The form's fields as typed (multipart: every field a string), kept for a refused form. */
function valuesOf(body: Record<string, unknown>): IntakeValues {
  return {
    target: text(body.ziel),
    reference: text(body.aktenzeichen),
    service: text(body.leistung),
    name: text(body.name),
    email: text(body.email),
    address: text(body.anschrift),
    title: text(body.titel),
    key: text(body.schluessel),
  };
}

export async function intakeRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: '/verwaltung/posteingang', label: 'intake.nav', roles: ['region_admin', 'municipality_admin', 'clerk'] });

  /** The municipality the person works on; a region admin who has not chosen one is shown where to. */
  const municipalityOr = (req: FastifyRequest, reply: FastifyReply): Municipality | undefined => {
    const org = req.staff?.tenant;
    if (org && org.kind === 'municipality') return org;
    sendPage(reply, ChooseMunicipalityFirst({ ctx: req.pageContext(), title: req.t('intake.title'), text: req.t('intake.chooseMunicipality') }));
    return undefined;
  };

  const intakePage = async (req: FastifyRequest, reply: FastifyReply, org: Municipality, values: IntakeValues, errors: IntakeErrors = {}) => {
    const { form, recent } = await inTenant(app.db, org.id, async (tx) => ({ form: await intakeForm(tx, org.id), recent: await recentIntakes(tx, org.id) }));
    const page = IntakePage({
      ctx: req.pageContext(),
      municipality: { name: org.name, timeZone: org.time_zone, country: org.country },
      services: form.services,
      recent,
      ocrInstalled: await ocrAvailable(app.config.ocrCommand),
      maxSize: sizeText(app.config.scanMaxBytes),
      values: { ...values, key: values.key || formKey() },
      errors,
    });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get('/verwaltung/posteingang', { schema: schemas.page, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    return org ? intakePage(req, reply, org, { target: 'vorhanden' }) : reply;
  });

  app.post('/verwaltung/posteingang', { schema: schemas.upload, preHandler: requireStaff, config: { multipart: true } }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = valuesOf(body);
    const deps = { blobs: app.blobs, scanMaxBytes: app.config.scanMaxBytes, secret: app.config.appSecret };
    const attempt = () => inTenant(app.db, org.id, (tx) => receiveScan(tx, deps, { org, staff: req.staff!, values, files: incomingFiles(body.datei) }));
    // The same form sent twice at once: the second insert meets the first one's key and, run again, finds its intake.
    const outcome = await onUniqueViolation(attempt, attempt);
    if (!outcome.ok) return intakePage(req, reply, org, values, outcome.errors);
    return reply.redirect(intakePath(outcome.id), 303);
  });

  app.get('/verwaltung/posteingang/:id', { schema: schemas.status, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const found = await inTenant(app.db, org.id, async (tx) => {
      const job = await intakeById(tx, org.id, req.params.id);
      if (!job) return undefined;
      const [theCase, dossier] = await Promise.all([intakeCase(tx, org.id, job), caseDossier(tx, org.id, job.application_id)]);
      return { job, theCase, dossier };
    });
    if (!found) throw notFound();
    const { job } = found;
    const refreshing = isRunning(job) && req.query.aktualisieren !== 'aus';
    // WCAG 2.2.1: the page names the refresh and offers to stop it; the header does what a meta refresh would.
    if (refreshing) reply.header('refresh', String(REFRESH_SECONDS));
    const canRetry = job.state === 'failed' || (job.state === 'done' && job.message === 'intake.outcome.noOcr' && (await ocrAvailable(app.config.ocrCommand)));
    return sendPage(
      reply,
      IntakeStatusPage({
        ctx: req.pageContext(),
        job,
        municipality: { timeZone: org.time_zone, country: org.country },
        caseLink: found.theCase ? { href: `/verwaltung/vorgaenge/${found.theCase.id}`, reference: found.theCase.reference } : undefined,
        dossierHref: found.dossier ? caseDossierLink(found.dossier.id) : undefined,
        refreshing,
        canRetry,
      }),
    );
  });

  app.post('/verwaltung/posteingang/:id/wiederholen', { schema: schemas.retry, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const retried = await inTenant(app.db, org.id, (tx) => retryRecognition(tx, org.id, req.staff!, req.params.id));
    if (retried === undefined) throw notFound();
    return reply.redirect(intakePath(req.params.id), 303);
  });
}
