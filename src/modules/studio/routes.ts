// The studio: organisers define templates (region) and the services their municipality offers, without code.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import { allFields, type DefinitionProblem } from '../forms/index.ts';
import { organizationById, type Organization } from '../organizations/index.ts';
import {
  acceptTemplateVersion,
  adoptTemplate,
  allServicesOf,
  createOwnService,
  createTemplate,
  listTemplates,
  missingLocalDetails,
  pendingTemplateUpdates,
  publishOwnService,
  publishService,
  publishTemplate,
  resolveDefinition,
  saveOwnContent,
  saveTemplateDraft,
  serviceRow,
  ServicePage,
  templateById,
  updateLocalDetails,
  type LocalDetails,
  type ServiceContent,
  type ServiceDefinition,
} from '../services/index.ts';
import { diffContent } from '../services/diff.ts';
import { validateWorkflow, workflowKeyOf, workflowRoutes, workflowsOf } from '../workflows/index.ts';
import { formEditorRoutes } from './form-routes.ts';
import { readImport } from './import.ts';
import { schemas } from './schema.ts';
import { adoptionLocal, contentFromForm, contentToForm, defaultLocal, localFromForm, localToForm, sampleLocal, starterContent } from './studio.ts';
import { ChangesPage, ContentPage, StudioHomePage, TemplatesPage } from './views/Catalog.tsx';
import { ImportPage } from './views/Import.tsx';
import { LocalPage, ServicesPage } from './views/Services.tsx';
import { placeOf } from './views/shared.tsx';

type Body = Record<string, unknown>;

/** Two organisers creating the same address at the same moment: the database's unique key decides, the second is told. */
const unlessTaken = <T extends { ok: boolean }>(work: () => Promise<T>) =>
  onUniqueViolation(work, (): { ok: false; problems: DefinitionProblem[] } => ({ ok: false, problems: [{ path: '/slug', key: 'studio.error.taken' }] }));

type IdReq = FastifyRequest & { params: { id: string } };

/** The notice a page shows after a redirect (`?hinweis=gespeichert`); pages reached otherwise have none. */
const noticeOf = (req: FastifyRequest): string => (req.query as { hinweis?: string } | undefined)?.hinweis ?? '';

/** A region admin's region: templates belong there. */
function regionOf(req: FastifyRequest): string {
  if (req.staff!.role !== 'region_admin') throw forbidden();
  return req.staff!.organizationId;
}

/** The municipality whose services are edited: the admin's own, or the one a region admin chose. */
function municipalityOf(req: FastifyRequest): Organization {
  const org = req.staff!.tenant;
  if (!org || org.kind !== 'municipality') throw notFound();
  return org as Organization;
}

const validId = (id: string) => {
  if (!UUID.test(id)) throw notFound();
  return id;
};

export async function studioRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const opts = { preHandler: requireOrganiser };

  app.get('/studio/', { ...opts, schema: schemas.home }, async (req, reply) =>
    sendPage(
      reply,
      StudioHomePage({
        ctx: req.pageContext(),
        isRegionAdmin: req.staff!.role === 'region_admin',
        municipality: req.staff!.tenant?.kind === 'municipality' ? req.staff!.tenant.name : undefined,
      }),
    ),
  );

  // ----- templates (region) -----

  const templatesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: DefinitionProblem[]; values?: Record<string, string> } = {},
    status = 200,
  ) => {
    const regionId = regionOf(req);
    const templates = await inTenant(app.db, regionId, (tx) => listTemplates(tx, regionId));
    return sendPage(reply, TemplatesPage({ ctx: req.pageContext(), templates, ...extra }), status);
  };

  app.get('/studio/vorlagen', { ...opts, schema: schemas.templates }, (req, reply) => templatesPage(req, reply));

  app.post('/studio/vorlagen', { ...opts, schema: schemas.createTemplate }, async (req, reply) => {
    const regionId = regionOf(req);
    const title = String(req.body?.title ?? '').trim();
    const slug = String(req.body?.slug ?? '').trim();
    const values = { title, slug };
    if (!title) return templatesPage(req, reply, { problems: [{ path: '/title/de', key: 'studio.error.titleRequired' }], values }, 422);
    const result = await unlessTaken(() => inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, slug, starterContent(title))));
    if (!result.ok) return templatesPage(req, reply, { problems: result.problems, values }, 422);
    return reply.redirect(`/studio/vorlagen/${result.id}?hinweis=angelegt`, 303);
  });

  // ----- FIM XDatenfelder import: a new template whose form is the imported data schema -----

  app.get('/studio/vorlagen/import', { ...opts, schema: schemas.importForm }, async (req, reply) => {
    regionOf(req);
    return sendPage(reply, ImportPage({ ctx: req.pageContext() }));
  });

  app.post('/studio/vorlagen/import', { ...opts, schema: schemas.importTemplate, config: { multipart: true } }, async (req, reply) => {
    const regionId = regionOf(req);
    const body = (req.body ?? {}) as Body;
    const slug = String(body.slug ?? '').trim();
    const refuse = (error: string) => sendPage(reply, ImportPage({ ctx: req.pageContext(), error, slug }), 422);
    const read = readImport(body.datei, app.config.uploadMaxBytes);
    if (!read.ok) return refuse(req.t(read.refusal.key, read.refusal.params));
    const result = await inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, slug, read.content));
    if (!result.ok)
      return refuse(
        result.problems
          .map((p) => {
            const place = placeOf(req.t, p.path, read.content.form);
            return place ? `${place}: ${req.t(p.key, p.params)}` : req.t(p.key, p.params);
          })
          .join(' '),
      );
    return sendPage(reply, ImportPage({ ctx: req.pageContext(), report: { ...read.report, templateId: result.id } }));
  });

  async function loadTemplate(req: IdReq) {
    const regionId = regionOf(req);
    const template = await inTenant(app.db, regionId, (tx) => templateById(tx, regionId, validId(req.params.id)));
    if (!template) throw notFound();
    return { regionId, template };
  }

  const templatePage = async (
    req: IdReq,
    reply: FastifyReply,
    extra: { problems?: DefinitionProblem[]; values?: Record<string, string | string[]> } = {},
    status = 200,
  ) => {
    const { template } = await loadTemplate(req);
    const current = template.draft ?? template.published!;
    const t = req.t;
    const base = `/studio/vorlagen/${template.id}`;
    const notice = { angelegt: t('studio.notice.created'), gespeichert: t('studio.notice.saved'), veroeffentlicht: t('studio.notice.published') }[
      noticeOf(req)
    ];
    return sendPage(
      reply,
      ContentPage({
        ctx: req.pageContext(),
        heading: t('studio.templateHeading', { title: current.content.title.de }),
        action: base,
        values: extra.values ?? contentToForm(current.content),
        form: current.content.form,
        problems: extra.problems,
        notice,
        status: template.draft
          ? t('studio.statusDraft', { version: template.draft.version, published: template.published?.version ?? '–' })
          : t('studio.statusPublished', { version: template.published!.version }),
        links: [
          [`${base}/formular`, t('studio.editForm')],
          [`${base}/vorschau`, t('studio.preview')],
          [`${base}/aenderungen`, t('studio.changes')],
          ['/studio/vorlagen', t('studio.templates')],
        ],
        publish: template.draft ? { action: `${base}/veroeffentlichen`, label: t('studio.publish', { version: template.draft.version }) } : undefined,
      }),
      status,
    );
  };

  app.get('/studio/vorlagen/:id', { ...opts, schema: schemas.template }, (req, reply) => templatePage(req, reply));

  app.post('/studio/vorlagen/:id', { ...opts, schema: schemas.saveTemplate }, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req);
    const base = (template.draft ?? template.published!).content;
    const parsed = contentFromForm(req.body ?? {}, base);
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, regionId, (tx) => saveTemplateDraft(tx, regionId, template.id, parsed.content));
    if (!result.ok) return templatePage(req, reply, { problems: result.problems, values: parsed.values }, 422);
    return reply.redirect(`/studio/vorlagen/${template.id}?hinweis=gespeichert`, 303);
  });

  app.post('/studio/vorlagen/:id/veroeffentlichen', { ...opts, schema: schemas.publishTemplate }, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req);
    const result = await inTenant(app.db, regionId, (tx) => publishTemplate(tx, regionId, template.id));
    if (!result.ok) return templatePage(req, reply, { problems: result.problems }, 422);
    return reply.redirect(`/studio/vorlagen/${template.id}?hinweis=veroeffentlicht`, 303);
  });

  app.get('/studio/vorlagen/:id/vorschau', { ...opts, schema: schemas.previewTemplate }, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req);
    const region = await inTenant(app.db, regionId, (tx) => organizationById(tx, regionId));
    const content = (template.draft ?? template.published!).content;
    const definition: ServiceDefinition = { ...content, local: sampleLocal(region!) };
    return sendPage(
      reply,
      ServicePage({
        ctx: req.pageContext(),
        org: region as Organization,
        preview: true,
        service: {
          id: template.id,
          tenantId: regionId,
          slug: template.slug,
          title: content.title.de,
          version: 0,
          templateId: template.id,
          templateVersion: null,
          definition,
        },
      }),
    );
  });

  app.get('/studio/vorlagen/:id/aenderungen', { ...opts, schema: schemas.templateChanges }, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req);
    const region = await inTenant(app.db, regionId, (tx) => organizationById(tx, regionId));
    const newest = template.versions[0]!;
    const to = template.versions.find((v) => v.version === Number(req.query.bis)) ?? newest;
    const from = template.versions.find((v) => v.version === Number(req.query.von)) ?? template.versions.find((v) => v.version < to.version) ?? to;
    return sendPage(
      reply,
      ChangesPage({
        ctx: req.pageContext(),
        heading: req.t('studio.changesHeading', { title: to.content.title.de }),
        from: from.version,
        to: to.version,
        changes: diffContent(from.content, to.content),
        currency: region?.currency ?? 'EUR',
        back: `/studio/vorlagen/${template.id}`,
      }),
    );
  });

  // ----- the municipality's services -----

  const servicesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: DefinitionProblem[]; values?: Record<string, string> } = {},
    status = 200,
  ) => {
    const org = municipalityOf(req);
    const data = await inTenant(app.db, org.id, async (tx) => {
      const [services, pending, templates] = await Promise.all([
        allServicesOf(tx, org.id),
        pendingTemplateUpdates(tx, org.id),
        org.parent_id ? listTemplates(tx, org.parent_id) : [],
      ]);
      const adopted = new Set(services.map((s) => s.templateId));
      return { services, pending, adoptable: templates.filter((t) => t.published && !adopted.has(t.id)) };
    });
    const notice = { uebernommen: req.t('studio.notice.adopted'), aktualisiert: req.t('studio.notice.accepted') }[noticeOf(req)];
    return sendPage(
      reply,
      ServicesPage({
        ctx: req.pageContext(),
        municipality: org.name,
        slug: org.slug,
        notice,
        services: data.services.map((s) => ({
          id: s.id,
          slug: s.slug,
          title: s.title,
          version: s.version,
          own: s.own,
          templateVersion: s.templateVersion,
          published: s.published,
          missing: s.published ? [] : missingLocalDetails(s.definition, s.definition.local),
        })),
        pending: data.pending,
        adoptable: data.adoptable,
        ...extra,
      }),
      status,
    );
  };

  app.get('/studio/leistungen', { ...opts, schema: schemas.services }, (req, reply) => servicesPage(req, reply));

  app.post('/studio/leistungen/uebernehmen', { ...opts, schema: schemas.adopt }, async (req, reply) => {
    const org = municipalityOf(req);
    const templateId = String(req.body?.template ?? '');
    const slug = String(req.body?.adoptSlug ?? '').trim() || undefined;
    const values = { adoptSlug: slug ?? '' };
    if (!UUID.test(templateId) || !org.parent_id)
      return servicesPage(req, reply, { problems: [{ path: '/template', key: 'studio.error.chooseTemplate' }], values }, 422);
    const result = await unlessTaken(() => inTenant(app.db, org.id, (tx) => adoptTemplate(tx, org.id, org.parent_id!, templateId, adoptionLocal(org), slug)));
    if (!result.ok)
      return servicesPage(req, reply, { problems: result.problems.map((p) => (p.path === '/slug' ? { ...p, path: '/adoptSlug' } : p)), values }, 422);
    return reply.redirect(`/studio/leistungen/${result.id}?hinweis=uebernommen`, 303);
  });

  app.post('/studio/leistungen/eigene', { ...opts, schema: schemas.createOwn }, async (req, reply) => {
    const org = municipalityOf(req);
    const title = String(req.body?.title ?? '').trim();
    const slug = String(req.body?.slug ?? '').trim();
    const values = { title, slug };
    if (!title) return servicesPage(req, reply, { problems: [{ path: '/title/de', key: 'studio.error.titleRequired' }], values }, 422);
    const result = await unlessTaken(() => inTenant(app.db, org.id, (tx) => createOwnService(tx, org.id, slug, starterContent(title), defaultLocal(org))));
    if (!result.ok) return servicesPage(req, reply, { problems: result.problems, values }, 422);
    return reply.redirect(`/studio/leistungen/${result.id}/inhalt?hinweis=angelegt`, 303);
  });

  async function loadService(req: IdReq) {
    const org = municipalityOf(req);
    const row = await inTenant(app.db, org.id, (tx) => serviceRow(tx, org.id, validId(req.params.id)));
    if (!row) throw notFound();
    return { org, row, definition: row.definition as ServiceDefinition };
  }

  const localPage = async (req: IdReq, reply: FastifyReply, extra: { problems?: DefinitionProblem[]; values?: Record<string, string> } = {}, status = 200) => {
    const { org, row, definition } = await loadService(req);
    const t = req.t;
    const base = `/studio/leistungen/${row.id}`;
    const workflows = await inTenant(app.db, org.id, (tx) => workflowsOf(tx, org.id));
    const notice = {
      uebernommen: t('studio.notice.adopted'),
      gespeichert: t(row.published ? 'studio.notice.localSaved' : 'studio.notice.draftSaved'),
      veroeffentlicht: t('studio.notice.servicePublished'),
    }[noticeOf(req)];
    const local = row.local as LocalDetails;
    const links: Array<[string, string]> = [
      ...(row.published ? [[`/${org.slug}/leistungen/${row.slug}`, t('studio.viewLive')] as [string, string]] : []),
      ['/studio/leistungen', t('studio.services', { municipality: org.name })],
    ];
    if (row.own_content) links.unshift([`${base}/inhalt`, t('studio.content')]);
    return sendPage(
      reply,
      LocalPage({
        ctx: req.pageContext(),
        title: t('studio.localHeading', { title: row.title }),
        action: base,
        currency: org.currency,
        values: extra.values ?? { ...localToForm(local, org), workflow: workflowKeyOf(local.workflow ?? definition.workflow) },
        workflows: workflows.map((w) => ({ value: w.key, label: req.locale === 'en' ? (w.definition.name.en ?? w.definition.name.de) : w.definition.name.de })),
        overridable: definition.feeRules.filter((r) => r.localOverride),
        draft: row.published ? undefined : { missing: missingLocalDetails(definition, local), publish: `${base}/veroeffentlichen` },
        problems: extra.problems,
        notice,
        links,
      }),
      status,
    );
  };

  app.get('/studio/leistungen/:id', { ...opts, schema: schemas.local }, (req, reply) => localPage(req, reply));

  app.post('/studio/leistungen/:id', { ...opts, schema: schemas.saveLocal }, async (req, reply) => {
    const { org, row, definition } = await loadService(req);
    const parsed = localFromForm(
      req.body ?? {},
      definition.feeRules.filter((r) => r.localOverride).map((r) => r.id),
      row.published,
    );
    // The workflow must be one the municipality has (a key typed into the request by hand is refused), and the form
    // fields its conditions ask for must be in this service's form.
    const workflows = await inTenant(app.db, org.id, (tx) => workflowsOf(tx, org.id));
    const chosen = parsed.local.workflow === undefined ? undefined : workflows.find((w) => w.key === parsed.local.workflow);
    if (parsed.local.workflow !== undefined && !chosen) parsed.problems.push({ path: '/local/workflow', key: 'workflows.service.unknown' });
    if (chosen)
      for (const p of validateWorkflow(chosen.definition, { formFields: allFields(definition.form).map((f) => f.id) }))
        if (p.key === 'workflows.problem.answeredUnknown')
          parsed.problems.push({
            path: '/local/workflow',
            key: 'workflows.service.fieldMissing',
            params: { workflow: chosen.definition.name.de, field: String(p.params?.field) },
          });
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, org.id, (tx) => updateLocalDetails(tx, org.id, row.id, parsed.local));
    if (!result.ok) return localPage(req, reply, { problems: result.problems, values: parsed.values as Record<string, string> }, 422);
    return reply.redirect(`/studio/leistungen/${row.id}?hinweis=gespeichert`, 303);
  });

  const ownContentPage = async (
    req: IdReq,
    reply: FastifyReply,
    extra: { problems?: DefinitionProblem[]; values?: Record<string, string | string[]> } = {},
    status = 200,
  ) => {
    const { org, row } = await loadService(req);
    if (!row.own_content) throw notFound();
    const t = req.t;
    const base = `/studio/leistungen/${row.id}`;
    const notice = { angelegt: t('studio.notice.created'), gespeichert: t('studio.notice.saved'), veroeffentlicht: t('studio.notice.published') }[
      noticeOf(req)
    ];
    return sendPage(
      reply,
      ContentPage({
        ctx: req.pageContext(),
        heading: t('studio.ownHeading', { title: row.title }),
        action: `${base}/inhalt`,
        values: extra.values ?? contentToForm(row.own_content as ServiceContent),
        form: (row.own_content as ServiceContent).form,
        problems: extra.problems,
        notice,
        status: t('studio.statusOwn', { version: row.version }),
        links: [
          [`${base}/formular`, t('studio.editForm')],
          [`${base}/vorschau`, t('studio.preview')],
          [base, t('studio.localDetails')],
          [`/${org.slug}/leistungen/${row.slug}`, t('studio.viewLive')],
        ],
        publish: { action: `${base}/veroeffentlichen`, label: t('studio.publish', { version: row.version + 1 }) },
      }),
      status,
    );
  };

  // The own service as citizens will see it once published: the edited content with the local details.
  app.get('/studio/leistungen/:id/vorschau', { ...opts, schema: schemas.previewOwn }, async (req, reply) => {
    const { org, row } = await loadService(req);
    if (!row.own_content) throw notFound();
    const content = row.own_content as ServiceContent;
    return sendPage(
      reply,
      ServicePage({
        ctx: req.pageContext(),
        org,
        preview: true,
        service: {
          id: row.id,
          tenantId: org.id,
          slug: row.slug,
          title: content.title.de,
          version: row.version + 1,
          templateId: null,
          templateVersion: null,
          definition: resolveDefinition(content, row.local as LocalDetails),
        },
      }),
    );
  });

  app.get('/studio/leistungen/:id/inhalt', { ...opts, schema: schemas.ownContent }, (req, reply) => ownContentPage(req, reply));

  app.post('/studio/leistungen/:id/inhalt', { ...opts, schema: schemas.saveOwnContent }, async (req, reply) => {
    const { org, row } = await loadService(req);
    if (!row.own_content) throw notFound();
    const parsed = contentFromForm(req.body ?? {}, row.own_content as ServiceContent);
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, org.id, (tx) => saveOwnContent(tx, org.id, row.id, parsed.content));
    if (!result.ok) return ownContentPage(req, reply, { problems: result.problems, values: parsed.values }, 422);
    return reply.redirect(`/studio/leistungen/${row.id}/inhalt?hinweis=gespeichert`, 303);
  });

  app.post('/studio/leistungen/:id/veroeffentlichen', { ...opts, schema: schemas.publishOwn }, async (req, reply) => {
    const { org, row } = await loadService(req);
    if (!row.published) {
      // A draft (an adopted template) goes public once its local details are complete.
      const published = await inTenant(app.db, org.id, (tx) => publishService(tx, org.id, row.id));
      if (!published.ok) return localPage(req, reply, { problems: published.problems }, 422);
      return reply.redirect(`/studio/leistungen/${row.id}?hinweis=veroeffentlicht`, 303);
    }
    if (!row.own_content) return localPage(req, reply, { problems: [{ path: '', key: 'studio.notOwn' }] }, 422);
    const result = await inTenant(app.db, org.id, (tx) => publishOwnService(tx, org.id, row.id));
    if (!result.ok) return ownContentPage(req, reply, { problems: result.problems }, 422);
    return reply.redirect(`/studio/leistungen/${row.id}/inhalt?hinweis=veroeffentlicht`, 303);
  });

  app.get('/studio/leistungen/:id/aktualisierung', { ...opts, schema: schemas.update }, async (req, reply) => {
    const { org, row, definition } = await loadService(req);
    if (!row.template_id || !row.template_tenant_id) throw notFound();
    const template = await inTenant(app.db, org.id, (tx) => templateById(tx, row.template_tenant_id!, row.template_id!));
    if (!template?.published) throw notFound();
    const current = template.versions.find((v) => v.version === row.template_version)?.content ?? definition;
    const newer = template.published.version > (row.template_version ?? 0);
    return sendPage(
      reply,
      ChangesPage({
        ctx: req.pageContext(),
        heading: req.t('studio.updateHeading', { title: row.title }),
        from: row.template_version ?? 0,
        to: template.published.version,
        changes: diffContent(current, template.published.content),
        currency: org.currency,
        accept: newer ? `/studio/leistungen/${row.id}/aktualisierung` : undefined,
        back: '/studio/leistungen',
      }),
    );
  });

  app.post('/studio/leistungen/:id/aktualisierung', { ...opts, schema: schemas.acceptUpdate }, async (req, reply) => {
    const { org, row } = await loadService(req);
    if (!row.template_tenant_id) throw notFound();
    const result = await inTenant(app.db, org.id, (tx) => acceptTemplateVersion(tx, org.id, row.template_tenant_id!, row.id));
    if (!result.ok) return servicesPage(req, reply, { problems: result.problems }, 422);
    return reply.redirect('/studio/leistungen?hinweis=aktualisiert', 303);
  });

  await app.register(formEditorRoutes);
  await app.register(workflowRoutes);
}
