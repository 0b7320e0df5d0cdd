// The studio: organisers define templates (region) and the services their municipality offers, without code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import { allFields, importXDatenfelder, type DefinitionProblem } from '../forms/index.ts';
import { organizationById, type Organization } from '../organizations/index.ts';
import {
  acceptTemplateVersion,
  adoptTemplate,
  allServicesOf,
  createOwnService,
  createTemplate,
  listTemplates,
  pendingTemplateUpdates,
  publishOwnService,
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
import { formEditorRoutes } from './form-routes.ts';
import { contentFromForm, contentToForm, localFromForm, localToForm, starterContent } from './studio.ts';
import { ChangesPage, ContentPage, StudioHomePage, TemplatesPage } from './views/Catalog.tsx';
import { ImportPage } from './views/Import.tsx';
import { LocalPage, ServicesPage } from './views/Services.tsx';
import { incomingFiles } from '../../platform/blobs/uploads.ts';

type Body = Record<string, unknown>;

/** Two organisers creating the same address at the same moment: the database's unique key decides, the second is told. */
async function unlessTaken<T extends { ok: boolean }>(work: () => Promise<T>): Promise<T | { ok: false; problems: DefinitionProblem[] }> {
  try {
    return await work();
  } catch (e) {
    if ((e as { code?: string })?.code !== '23505') throw e;
    return {
      ok: false,
      problems: [{ path: '/slug', message: 'Diese Adresse wurde gerade vergeben oder die Vorlage gerade übernommen. Bitte laden Sie die Seite neu.' }],
    };
  }
}
type IdReq = FastifyRequest<{ Params: { id: string }; Querystring: { hinweis?: string }; Body: Body }>;

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

const sampleLocal = (org: { name: string }): LocalDetails => ({
  office: { de: `Bürgerbüro – ${org.name}`, en: `Citizens' office – ${org.name}` },
  email: 'buergerbuero@kommune.example',
  phone: '+49 1234 5678-0',
  address: 'Rathausplatz 1',
  hours: { de: 'Mo–Fr 8–12 Uhr', en: 'Mon–Fri 8am–12pm' },
});

export async function studioRoutes(app: FastifyInstance) {
  const opts = { preHandler: requireOrganiser };

  app.get('/studio/', opts, async (req, reply) =>
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

  app.get('/studio/vorlagen', opts, (req, reply) => templatesPage(req, reply));

  app.post<{ Body: Body }>('/studio/vorlagen', opts, async (req, reply) => {
    const regionId = regionOf(req);
    const title = String(req.body?.title ?? '').trim();
    const slug = String(req.body?.slug ?? '').trim();
    const values = { title, slug };
    if (!title) return templatesPage(req, reply, { problems: [{ path: '/title/de', message: 'Bitte geben Sie einen Titel ein.' }], values }, 422);
    const result = await unlessTaken(() => inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, slug, starterContent(title))));
    if (!result.ok) return templatesPage(req, reply, { problems: result.problems, values }, 422);
    return reply.redirect(`/studio/vorlagen/${result.id}?hinweis=angelegt`, 303);
  });

  // ----- FIM XDatenfelder import: a new template whose form is the imported data schema -----

  app.get('/studio/vorlagen/import', opts, async (req, reply) => {
    regionOf(req);
    return sendPage(reply, ImportPage({ ctx: req.pageContext() }));
  });

  app.post<{ Body: Body }>('/studio/vorlagen/import', { ...opts, config: { multipart: true } }, async (req, reply) => {
    const regionId = regionOf(req);
    const slug = String(req.body?.slug ?? '').trim();
    const refuse = (error: string) => sendPage(reply, ImportPage({ ctx: req.pageContext(), error, slug }), 422);
    const [file] = incomingFiles(req.body?.datei);
    if (!file) return refuse(req.t('studio.import.noFile'));
    if (file.truncated) return refuse(req.t('validation.fileTooLarge', { mb: Math.round(app.config.uploadMaxBytes / 1024 / 1024) }));
    const text = decodeXml(file.data);
    if (text === undefined) return refuse(req.t('studio.import.encoding'));
    const imported = importXDatenfelder(text);
    if (!imported.ok) return refuse(imported.reason);
    const content = { ...starterContent(imported.title.de), title: imported.title, form: imported.form };
    const result = await inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, slug, content));
    if (!result.ok) return refuse(result.problems.map((p) => `${p.path}: ${p.message}`).join(' '));
    return sendPage(
      reply,
      ImportPage({
        ctx: req.pageContext(),
        report: {
          templateId: result.id,
          title: imported.title.de,
          standard: imported.standard,
          steps: imported.form.steps.length,
          fields: allFields(imported.form).length,
          notes: imported.notes,
        },
      }),
    );
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
      req.query.hinweis ?? ''
    ];
    return sendPage(
      reply,
      ContentPage({
        ctx: req.pageContext(),
        heading: t('studio.templateHeading', { title: current.content.title.de }),
        action: base,
        values: extra.values ?? contentToForm(current.content),
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

  app.get<{ Params: { id: string }; Querystring: { hinweis?: string } }>('/studio/vorlagen/:id', opts, (req, reply) => templatePage(req as IdReq, reply));

  app.post<{ Params: { id: string }; Body: Body }>('/studio/vorlagen/:id', opts, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req as IdReq);
    const base = (template.draft ?? template.published!).content;
    const parsed = contentFromForm(req.body ?? {}, base);
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, regionId, (tx) => saveTemplateDraft(tx, regionId, template.id, parsed.content));
    if (!result.ok) return templatePage(req as IdReq, reply, { problems: result.problems, values: parsed.values }, 422);
    return reply.redirect(`/studio/vorlagen/${template.id}?hinweis=gespeichert`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>('/studio/vorlagen/:id/veroeffentlichen', opts, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req as IdReq);
    const result = await inTenant(app.db, regionId, (tx) => publishTemplate(tx, regionId, template.id));
    if (!result.ok) return templatePage(req as IdReq, reply, { problems: result.problems }, 422);
    return reply.redirect(`/studio/vorlagen/${template.id}?hinweis=veroeffentlicht`, 303);
  });

  app.get<{ Params: { id: string } }>('/studio/vorlagen/:id/vorschau', opts, async (req, reply) => {
    const { regionId, template } = await loadTemplate(req as IdReq);
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

  app.get<{ Params: { id: string }; Querystring: { von?: string; bis?: string } }>('/studio/vorlagen/:id/aenderungen', opts, async (req, reply) => {
    const { template } = await loadTemplate(req as IdReq);
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
    const notice = { uebernommen: req.t('studio.notice.adopted'), aktualisiert: req.t('studio.notice.accepted') }[
      (req.query as { hinweis?: string }).hinweis ?? ''
    ];
    return sendPage(
      reply,
      ServicesPage({
        ctx: req.pageContext(),
        municipality: org.name,
        slug: org.slug,
        notice,
        services: data.services.map((s) => ({ id: s.id, slug: s.slug, title: s.title, version: s.version, own: s.own, templateVersion: s.templateVersion })),
        pending: data.pending,
        adoptable: data.adoptable,
        ...extra,
      }),
      status,
    );
  };

  app.get<{ Querystring: { hinweis?: string } }>('/studio/leistungen', opts, (req, reply) => servicesPage(req, reply));

  const defaultLocal = (org: Organization): LocalDetails => {
    const contact = (org.contact ?? {}) as Record<string, string>;
    return {
      office: { de: `Bürgerbüro – ${org.name}` },
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      address: contact.address ?? '',
      hours: { de: '' },
    };
  };

  app.post<{ Body: Body }>('/studio/leistungen/uebernehmen', opts, async (req, reply) => {
    const org = municipalityOf(req);
    const templateId = String(req.body?.template ?? '');
    const slug = String(req.body?.adoptSlug ?? '').trim() || undefined;
    const values = { adoptSlug: slug ?? '' };
    if (!UUID.test(templateId) || !org.parent_id)
      return servicesPage(req, reply, { problems: [{ path: '/template', message: 'Bitte wählen Sie eine Vorlage.' }], values }, 422);
    const result = await unlessTaken(() => inTenant(app.db, org.id, (tx) => adoptTemplate(tx, org.id, org.parent_id!, templateId, defaultLocal(org), slug)));
    if (!result.ok)
      return servicesPage(req, reply, { problems: result.problems.map((p) => (p.path === '/slug' ? { ...p, path: '/adoptSlug' } : p)), values }, 422);
    return reply.redirect(`/studio/leistungen/${result.id}?hinweis=uebernommen`, 303);
  });

  app.post<{ Body: Body }>('/studio/leistungen/eigene', opts, async (req, reply) => {
    const org = municipalityOf(req);
    const title = String(req.body?.title ?? '').trim();
    const slug = String(req.body?.slug ?? '').trim();
    const values = { title, slug };
    if (!title) return servicesPage(req, reply, { problems: [{ path: '/title/de', message: 'Bitte geben Sie einen Titel ein.' }], values }, 422);
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
    const notice = { uebernommen: t('studio.notice.adopted'), gespeichert: t('studio.notice.localSaved') }[req.query.hinweis ?? ''];
    const links: Array<[string, string]> = [
      [`/${org.slug}/leistungen/${row.slug}`, t('studio.viewLive')],
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
        values: extra.values ?? localToForm(row.local as LocalDetails),
        overridable: definition.feeRules.filter((r) => r.localOverride),
        problems: extra.problems,
        notice,
        links,
      }),
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { hinweis?: string } }>('/studio/leistungen/:id', opts, (req, reply) => localPage(req as IdReq, reply));

  app.post<{ Params: { id: string }; Body: Body }>('/studio/leistungen/:id', opts, async (req, reply) => {
    const { org, row, definition } = await loadService(req as IdReq);
    const parsed = localFromForm(
      req.body ?? {},
      definition.feeRules.filter((r) => r.localOverride).map((r) => r.id),
    );
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, org.id, (tx) => updateLocalDetails(tx, org.id, row.id, parsed.local));
    if (!result.ok) return localPage(req as IdReq, reply, { problems: result.problems, values: parsed.values as Record<string, string> }, 422);
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
      req.query.hinweis ?? ''
    ];
    return sendPage(
      reply,
      ContentPage({
        ctx: req.pageContext(),
        heading: t('studio.ownHeading', { title: row.title }),
        action: `${base}/inhalt`,
        values: extra.values ?? contentToForm(row.own_content as ServiceContent),
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
  app.get<{ Params: { id: string } }>('/studio/leistungen/:id/vorschau', opts, async (req, reply) => {
    const { org, row } = await loadService(req as IdReq);
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

  app.get<{ Params: { id: string }; Querystring: { hinweis?: string } }>('/studio/leistungen/:id/inhalt', opts, (req, reply) =>
    ownContentPage(req as IdReq, reply),
  );

  app.post<{ Params: { id: string }; Body: Body }>('/studio/leistungen/:id/inhalt', opts, async (req, reply) => {
    const { org, row } = await loadService(req as IdReq);
    if (!row.own_content) throw notFound();
    const parsed = contentFromForm(req.body ?? {}, row.own_content as ServiceContent);
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems }
      : await inTenant(app.db, org.id, (tx) => saveOwnContent(tx, org.id, row.id, parsed.content));
    if (!result.ok) return ownContentPage(req as IdReq, reply, { problems: result.problems, values: parsed.values }, 422);
    return reply.redirect(`/studio/leistungen/${row.id}/inhalt?hinweis=gespeichert`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>('/studio/leistungen/:id/veroeffentlichen', opts, async (req, reply) => {
    const { org, row } = await loadService(req as IdReq);
    if (!row.own_content) return localPage(req as IdReq, reply, { problems: [{ path: '', message: req.t('studio.notOwn') }] }, 422);
    const result = await inTenant(app.db, org.id, (tx) => publishOwnService(tx, org.id, row.id));
    if (!result.ok) return ownContentPage(req as IdReq, reply, { problems: result.problems }, 422);
    return reply.redirect(`/studio/leistungen/${row.id}/inhalt?hinweis=veroeffentlicht`, 303);
  });

  app.get<{ Params: { id: string } }>('/studio/leistungen/:id/aktualisierung', opts, async (req, reply) => {
    const { org, row, definition } = await loadService(req as IdReq);
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
        accept: newer ? `/studio/leistungen/${row.id}/aktualisierung` : undefined,
        back: '/studio/leistungen',
      }),
    );
  });

  app.post<{ Params: { id: string }; Body: Body }>('/studio/leistungen/:id/aktualisierung', opts, async (req, reply) => {
    const { org, row } = await loadService(req as IdReq);
    if (!row.template_tenant_id) throw notFound();
    const result = await inTenant(app.db, org.id, (tx) => acceptTemplateVersion(tx, org.id, row.template_tenant_id!, row.id));
    if (!result.ok) return servicesPage(req, reply, { problems: result.problems }, 422);
    return reply.redirect('/studio/leistungen?hinweis=aktualisiert', 303);
  });

  await app.register(formEditorRoutes);
}

/** XML in UTF-8 (the standard's encoding) or in the Latin-1 family its declaration names; undefined when unreadable. */
function decodeXml(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /encoding=["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(iso-8859-1|iso-8859-15|latin1|windows-1252)$/.test(declared)) return new TextDecoder('windows-1252').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
