import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChooseMunicipalityFirst } from '../../platform/views/choose-municipality.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type IncomingFile, incomingFiles } from '../../platform/blobs/uploads.ts';
import { inTenant } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireStaff } from '../accounts/index.ts';
import { prepareUpload } from './extract.ts';
import {
  addDocument,
  addPosition,
  addVersion,
  checkDocumentFields,
  createDossier,
  dossierDocuments,
  dossierInTenant,
  filingPlan,
  listDossiers,
  readVersion,
  renamePosition,
  retirePosition,
  searchDocuments,
} from './records.ts';
import { type DocumentFields, type Errors, schemas } from './schema.ts';
import { DamagedPage, DocumentPage, DossierPage } from './views/Dossier.tsx';
import { DossierListPage, NewDossierPage, type Place, PlanPage } from './views/Records.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;

const NOTICES: Record<string, MessageKey> = {
  angelegt: 'records.notice.dossierCreated',
  gespeichert: 'records.notice.planSaved',
  dokument: 'records.notice.documentAdded',
  version: 'records.notice.versionAdded',
};
const noticeOf = (hinweis: string | undefined) => (hinweis ? NOTICES[hinweis] : undefined);
const statusOf = (errors: Errors) => (Object.keys(errors).length ? 422 : 200);
const isAdmin = (staff: StaffPrincipal) => staff.role === 'municipality_admin' || staff.role === 'region_admin';
const placeOf = (org: Municipality): Place => ({ name: org.name, time_zone: org.time_zone, country: org.country === 'CH' ? 'CH' : 'DE' });
const actorOf = (staff: StaffPrincipal) => `staff:${staff.id}`;
/** The text fields of a multipart form; the file parts are read apart. */
const fieldsOf = (body: unknown): DocumentFields => {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  return { title: str('title'), kind: str('kind'), date: str('date'), correspondent: str('correspondent'), position: str('position') };
};
const fileOf = (body: unknown): IncomingFile | undefined => incomingFiles((body as Record<string, unknown> | undefined)?.file)[0];

export async function recordRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: '/verwaltung/akten', label: 'records.nav', roles: ['region_admin', 'municipality_admin', 'clerk'] });
  const maxMb = Math.round(app.config.uploadMaxBytes / 1024 / 1024);

  /** The municipality the person works on; a region admin who has not chosen one is shown where to. */
  const municipalityOr = (req: FastifyRequest, reply: FastifyReply): Municipality | undefined => {
    const org = req.staff?.tenant;
    if (org && org.kind === 'municipality') return org;
    sendPage(reply, ChooseMunicipalityFirst({ ctx: req.pageContext(), title: req.t('records.list.title'), text: req.t('records.chooseMunicipality') }));
    return undefined;
  };

  // ----- dossier list and search -----

  app.get('/verwaltung/akten', { schema: schemas.list, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const q = (req.query.q ?? '').trim().slice(0, 200);
    const { dossiers, hits } = await inTenant(app.db, org.id, async (tx) => ({
      dossiers: await listDossiers(tx, org.id, q || undefined),
      hits: q ? await searchDocuments(tx, org.id, q, 20) : undefined,
    }));
    return sendPage(reply, DossierListPage({ ctx: req.pageContext(), place: placeOf(org), dossiers, q, hits, notice: noticeOf(req.query.hinweis) }));
  });

  // ----- filing plan -----

  const planPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Municipality,
    extra: { values?: { number?: string; title?: string }; errors?: Errors; errorFor?: string; notice?: MessageKey } = {},
    status = statusOf(extra.errors ?? {}),
  ) => {
    const plan = await inTenant(app.db, org.id, (tx) => filingPlan(tx, org.id, org.country));
    const page = PlanPage({ ctx: req.pageContext(), place: placeOf(org), plan, canEdit: isAdmin(req.staff!), ...extra });
    return sendPage(reply, page, status);
  };

  app.get('/verwaltung/akten/aktenplan', { schema: schemas.plan, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    return org ? planPage(req, reply, org, { notice: noticeOf(req.query.hinweis) }) : reply;
  });

  /** Plan changes are the municipality admin's; a clerk who posts anyway is told the page is not theirs. */
  const planChange = async (req: FastifyRequest, reply: FastifyReply) => {
    const org = municipalityOr(req, reply);
    if (!org) return undefined;
    if (!isAdmin(req.staff!)) {
      await planPage(req, reply, org, {}, 403);
      return undefined;
    }
    return org;
  };

  app.post('/verwaltung/akten/aktenplan', { schema: schemas.addPosition, preHandler: requireStaff }, async (req, reply) => {
    const org = await planChange(req, reply);
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => addPosition(tx, org.id, req.staff!, req.body));
    if (!outcome.ok) return planPage(req, reply, org, { values: req.body, errors: outcome.errors });
    return reply.redirect('/verwaltung/akten/aktenplan?hinweis=gespeichert', 303);
  });

  app.post('/verwaltung/akten/aktenplan/:id', { schema: schemas.renamePosition, preHandler: requireStaff }, async (req, reply) => {
    const org = await planChange(req, reply);
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => renamePosition(tx, org.id, req.staff!, req.params.id, req.body));
    if (!outcome) throw notFound();
    if (!outcome.ok) return planPage(req, reply, org, { values: req.body, errors: outcome.errors, errorFor: req.params.id });
    return reply.redirect('/verwaltung/akten/aktenplan?hinweis=gespeichert', 303);
  });

  app.post('/verwaltung/akten/aktenplan/:id/aussondern', { schema: schemas.retirePosition, preHandler: requireStaff }, async (req, reply) => {
    const org = await planChange(req, reply);
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => retirePosition(tx, org.id, req.staff!, req.params.id));
    if (!outcome) throw notFound();
    if (!outcome.ok) return planPage(req, reply, org, { errors: outcome.errors, errorFor: req.params.id });
    return reply.redirect('/verwaltung/akten/aktenplan?hinweis=gespeichert', 303);
  });

  // ----- general dossiers -----

  const newDossierPage = async (req: FastifyRequest, reply: FastifyReply, org: Municipality, values = {}, errors: Errors = {}) => {
    const plan = await inTenant(app.db, org.id, (tx) => filingPlan(tx, org.id, org.country));
    return sendPage(reply, NewDossierPage({ ctx: req.pageContext(), plan, values, errors }), statusOf(errors));
  };

  app.get('/verwaltung/akten/neu', { schema: schemas.newDossier, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    return org ? newDossierPage(req, reply, org) : reply;
  });

  app.post('/verwaltung/akten', { schema: schemas.createDossier, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const outcome = await inTenant(app.db, org.id, (tx) => createDossier(tx, org.id, req.staff!, req.body, todayIn(org.time_zone)));
    if (!outcome.ok) return newDossierPage(req, reply, org, req.body, outcome.errors);
    return reply.redirect(`/verwaltung/akten/${outcome.id}?hinweis=angelegt`, 303);
  });

  // ----- one dossier, its documents and versions -----

  const dossierPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Municipality,
    id: string,
    extra: { values?: DocumentFields; errors?: Errors; errorParams?: Record<string, string | number>; notice?: MessageKey } = {},
  ) => {
    const view = await inTenant(app.db, org.id, async (tx) => {
      const dossier = await dossierInTenant(tx, org.id, id);
      if (!dossier) return undefined;
      return { dossier, documents: await dossierDocuments(tx, org.id, id), plan: await filingPlan(tx, org.id, org.country) };
    });
    if (!view) throw notFound();
    const caseLink = view.dossier.application_id ? `/verwaltung/vorgaenge/${view.dossier.application_id}` : undefined;
    return sendPage(reply, DossierPage({ ctx: req.pageContext(), place: placeOf(org), caseLink, maxMb, ...view, ...extra }), statusOf(extra.errors ?? {}));
  };

  app.get('/verwaltung/akten/:id', { schema: schemas.dossier, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    return org ? dossierPage(req, reply, org, req.params.id, { notice: noticeOf(req.query.hinweis) }) : reply;
  });

  app.post('/verwaltung/akten/:id/dokumente', { schema: schemas.addDocument, preHandler: requireStaff, config: { multipart: true } }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    if (!org) return reply;
    const fields = fieldsOf(req.body);
    const checked = await inTenant(app.db, org.id, async (tx) => {
      if (!(await dossierInTenant(tx, org.id, req.params.id))) return undefined;
      return checkDocumentFields(tx, org.id, fields);
    });
    if (!checked) throw notFound();
    // The file is judged (and stored) only with valid metadata, so a refused form never leaves a blob behind.
    const errors: Errors = checked.ok ? {} : checked.errors;
    const upload = checked.ok ? await prepareUpload(app.blobs, org.id, fileOf(req.body), app.config.uploadMaxBytes) : undefined;
    if (upload && !upload.ok) errors.file = upload.key;
    if (!checked.ok || !upload?.ok) {
      // A file that came with a refused form must be chosen again: browsers never keep a file field's value.
      if (!errors.file && fileOf(req.body)) errors.file = 'records.error.fileAgain';
      return dossierPage(req, reply, org, req.params.id, { values: fields, errors, errorParams: upload && !upload.ok ? upload.params : { mb: maxMb } });
    }
    const added = await inTenant(app.db, org.id, (tx) =>
      addDocument(tx, { tenantId: org.id, dossierId: req.params.id, ...checked.metadata, file: upload.file, text: upload.text, actor: actorOf(req.staff!) }),
    );
    if (!added) throw notFound();
    return reply.redirect(`/verwaltung/akten/${req.params.id}?hinweis=dokument`, 303);
  });

  const documentPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    org: Municipality,
    params: { id: string; documentId: string },
    extra: { errors?: Errors; errorParams?: Record<string, string | number>; notice?: MessageKey } = {},
  ) => {
    const view = await inTenant(app.db, org.id, async (tx) => {
      const dossier = await dossierInTenant(tx, org.id, params.id);
      if (!dossier) return undefined;
      const document = (await dossierDocuments(tx, org.id, dossier.id)).find((d) => d.id === params.documentId);
      return document ? { dossier, document } : undefined;
    });
    if (!view) throw notFound();
    return sendPage(reply, DocumentPage({ ctx: req.pageContext(), place: placeOf(org), maxMb, ...view, ...extra }), statusOf(extra.errors ?? {}));
  };

  app.get('/verwaltung/akten/:id/dokumente/:documentId', { schema: schemas.document, preHandler: requireStaff }, async (req, reply) => {
    const org = municipalityOr(req, reply);
    return org ? documentPage(req, reply, org, req.params, { notice: noticeOf(req.query.hinweis) }) : reply;
  });

  app.post(
    '/verwaltung/akten/:id/dokumente/:documentId/versionen',
    { schema: schemas.addVersion, preHandler: requireStaff, config: { multipart: true } },
    async (req, reply) => {
      const org = municipalityOr(req, reply);
      if (!org) return reply;
      const exists = await inTenant(app.db, org.id, async (tx) =>
        (await dossierDocuments(tx, org.id, (await dossierInTenant(tx, org.id, req.params.id))?.id ?? '')).some((d) => d.id === req.params.documentId),
      );
      if (!exists) throw notFound();
      const upload = await prepareUpload(app.blobs, org.id, fileOf(req.body), app.config.uploadMaxBytes);
      if (!upload.ok) return documentPage(req, reply, org, req.params, { errors: { file: upload.key }, errorParams: upload.params });
      const added = await inTenant(app.db, org.id, (tx) =>
        addVersion(tx, { tenantId: org.id, documentId: req.params.documentId, file: upload.file, text: upload.text, actor: actorOf(req.staff!) }),
      );
      if (!added) throw notFound();
      return reply.redirect(`/verwaltung/akten/${req.params.id}/dokumente/${req.params.documentId}?hinweis=version`, 303);
    },
  );

  app.get(
    '/verwaltung/akten/:id/dokumente/:documentId/versionen/:version/datei',
    { schema: schemas.download, preHandler: requireStaff },
    async (req, reply) => {
      const org = municipalityOr(req, reply);
      if (!org) return reply;
      const version = Number(req.params.version);
      const read = await inTenant(app.db, org.id, (tx) =>
        readVersion(tx, app.blobs, { tenantId: org.id, documentId: req.params.documentId, version, actor: actorOf(req.staff!), dossierId: req.params.id }),
      );
      if (!read.ok && read.reason === 'missing') throw notFound();
      if (!read.ok) {
        req.log.error(
          { documentId: req.params.documentId, version, expected: read.sha256, found: read.found },
          'records: stored file does not match its sha-256',
        );
        return sendPage(reply, DamagedPage({ ctx: req.pageContext(), dossierId: req.params.id, documentId: req.params.documentId, version }), 409);
      }
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(read.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(read.bytes);
    },
  );
}
