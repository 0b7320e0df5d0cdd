// The studio's workflow pages: the municipality's workflows, one workflow with its diagram and versions, the editor.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, type Tx } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { notFound } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser, staffNames } from '../accounts/index.ts';
import type { Organization } from '../organizations/index.ts';
import { allServicesOf } from '../services/index.ts';
import { renderDiagram } from './diagram.ts';
import {
  definitionFromForm,
  emptyRole,
  emptyState,
  emptyTransition,
  formFromBody,
  MAX_ROLES,
  MAX_STATES,
  MAX_TRANSITIONS,
  toForm,
  type WorkflowForm,
} from './editor.ts';
import { routeSchemas, type WorkflowDefinition, type WorkflowProblem } from './schema.ts';
import { SLUG } from './validate.ts';
import { createWorkflow, editableWorkflow, saveWorkflow, versionHistory, workflowKeyOf, workflowsOf, workflowVersion } from './workflows.ts';
import { EditorPage } from './views/Editor.tsx';
import { ChooseMunicipalityPage, WorkflowListPage, WorkflowPage } from './views/Workflows.tsx';
import { bpmnRoutes } from './bpmn-routes.ts';

type KeyReq = FastifyRequest & { params: { key: string } };

function municipalityOf(req: FastifyRequest): Organization {
  const org = req.staff!.tenant;
  if (!org || org.kind !== 'municipality') throw notFound();
  return org as Organization;
}

const validKey = (key: string) => {
  if (!SLUG.test(key)) throw notFound();
  return key;
};

/** Titles of the municipality's services, by the workflow key each names. */
async function servicesByWorkflow(tx: Tx, tenantId: string): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  for (const s of await allServicesOf(tx, tenantId)) {
    const key = workflowKeyOf(s.definition.workflow);
    byKey.set(key, [...(byKey.get(key) ?? []), s.title]);
  }
  return byKey;
}

/** The version to show: the one asked for in `?version=`, else the newest. */
async function shownVersion(tx: Tx, tenantId: string, key: string, asked: string | undefined) {
  const current = await editableWorkflow(tx, tenantId, key);
  if (!current) return undefined;
  if (asked === undefined || asked === '' || Number(asked) === current.version) return { ...current, latest: current.version, version: current.version };
  if (!/^\d{1,6}$/.test(asked)) return undefined;
  const older = await workflowVersion(tx, tenantId, key, Number(asked));
  return older && { definition: older.definition, version: older.version, latest: current.version, builtIn: false };
}

export async function workflowRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const opts = { preHandler: requireOrganiser };

  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: WorkflowProblem[]; values?: Record<string, string> } = {},
    status = 200,
  ) => {
    const org = municipalityOf(req);
    const { workflows, services } = await inTenant(app.db, org.id, async (tx) => ({
      workflows: await workflowsOf(tx, org.id),
      services: await servicesByWorkflow(tx, org.id),
    }));
    const hinweis = (req.query as { hinweis?: string } | undefined)?.hinweis;
    return sendPage(
      reply,
      WorkflowListPage({
        ctx: req.pageContext(),
        municipality: org.name,
        workflows: workflows.map((w) => ({
          key: w.key,
          definition: w.definition,
          version: w.version ?? 1,
          builtIn: w.version === null,
          services: services.get(w.key) ?? [],
        })),
        notice: hinweis === 'angelegt' ? req.t('workflows.notice.created') : undefined,
        ...extra,
      }),
      status,
    );
  };

  app.get('/studio/ablaeufe', { ...opts, schema: routeSchemas.list }, async (req, reply) => {
    if (req.staff!.tenant?.kind !== 'municipality') return sendPage(reply, ChooseMunicipalityPage({ ctx: req.pageContext() }));
    return listPage(req, reply);
  });

  app.post('/studio/ablaeufe', { ...opts, schema: routeSchemas.copy }, async (req, reply) => {
    const org = municipalityOf(req);
    const values = { source: String(req.body.source ?? ''), key: String(req.body.key ?? '').trim(), name: String(req.body.name ?? '').trim() };
    const result = await onUniqueViolation(
      () =>
        inTenant(app.db, org.id, async (tx) => {
          const source = await editableWorkflow(tx, org.id, values.source);
          if (!source) return { ok: false as const, problems: [{ path: '/source', key: 'workflows.copy.sourceMissing' }] };
          const definition: WorkflowDefinition = { ...structuredClone(source.definition), key: values.key, name: { de: values.name } };
          delete definition.description;
          return createWorkflow(tx, { tenantId: org.id, definition, actor: req.staff!.id });
        }),
      () => ({ ok: false as const, problems: [{ path: '/key', key: 'workflows.problem.keyTaken', params: { key: values.key } }] }),
    );
    if (!result.ok) return listPage(req, reply, { problems: result.problems.filter((p) => ['/source', '/key', '/name/de'].includes(p.path)), values }, 422);
    return reply.redirect(`/studio/ablaeufe/${values.key}/bearbeiten?hinweis=angelegt`, 303);
  });

  app.get('/studio/ablaeufe/:key', { ...opts, schema: routeSchemas.show }, async (req, reply) => {
    const org = municipalityOf(req);
    const key = validKey(req.params.key);
    const data = await inTenant(app.db, org.id, async (tx) => {
      const shown = await shownVersion(tx, org.id, key, req.query.version);
      if (!shown) return undefined;
      const history = await versionHistory(tx, org.id, key);
      const names = await staffNames(
        tx,
        history.flatMap((h) => (h.createdBy ? [h.createdBy] : [])),
      );
      const services = (await servicesByWorkflow(tx, org.id)).get(key) ?? [];
      return { shown, history, names, services };
    });
    if (!data) throw notFound();
    const zone = org.time_zone ?? 'Europe/Berlin';
    const notice = req.query.hinweis === 'gespeichert' ? req.t('workflows.notice.saved', { version: data.shown.latest }) : undefined;
    return sendPage(
      reply,
      WorkflowPage({
        ctx: req.pageContext(),
        def: data.shown.definition,
        version: data.shown.version,
        latest: data.shown.latest,
        builtIn: data.shown.builtIn,
        services: data.services,
        notice,
        extraLinks: [[`/studio/ablaeufe/${key}/bpmn?version=${data.shown.version}`, req.t('bpmn.export.link')]],
        history: data.history.map((h) => ({
          version: h.version,
          createdAt: formatDateTime(h.createdAt, zone, req.locale),
          createdBy: h.createdBy ? (data.names.get(h.createdBy) ?? '–') : req.t('workflows.page.builtInAuthor'),
        })),
      }),
    );
  });

  app.get('/studio/ablaeufe/:key/diagramm.svg', { ...opts, schema: routeSchemas.svg }, async (req, reply) => {
    const org = municipalityOf(req);
    const key = validKey(req.params.key);
    const shown = await inTenant(app.db, org.id, (tx) => shownVersion(tx, org.id, key, req.query.version));
    if (!shown) throw notFound();
    const svg = renderDiagram(shown.definition, { t: req.t, locale: req.locale });
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="ablauf-${key}-v${shown.version}.svg"`)
      .header('x-content-type-options', 'nosniff')
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
  });

  const editorPage = (
    req: KeyReq,
    reply: FastifyReply,
    input: { form: WorkflowForm; version: number; problems?: WorkflowProblem[]; notice?: string },
    status = 200,
  ) => {
    const key = req.params.key;
    const preview = definitionFromForm(input.form, key).definition;
    return sendPage(
      reply,
      EditorPage({
        ctx: req.pageContext(),
        workflowKey: key,
        name: input.form.name_de || key,
        form: input.form,
        version: input.version,
        preview,
        problems: input.problems,
        notice: input.notice,
      }),
      status,
    );
  };

  app.get('/studio/ablaeufe/:key/bearbeiten', { ...opts, schema: routeSchemas.editor }, async (req, reply) => {
    const org = municipalityOf(req);
    const key = validKey(req.params.key);
    const current = await inTenant(app.db, org.id, (tx) => editableWorkflow(tx, org.id, key));
    if (!current) throw notFound();
    const notice = req.query.hinweis === 'angelegt' ? req.t('workflows.notice.created') : undefined;
    return editorPage(req, reply, { form: toForm(current.definition), version: current.version, notice });
  });

  app.post('/studio/ablaeufe/:key/bearbeiten', { ...opts, schema: routeSchemas.save }, async (req, reply) => {
    const org = municipalityOf(req);
    const key = validKey(req.params.key);
    const exists = await inTenant(app.db, org.id, (tx) => editableWorkflow(tx, org.id, key));
    if (!exists) throw notFound();
    const form = formFromBody(req.body as Record<string, unknown>);
    const version = /^\d{1,6}$/.test(req.body.version ?? '') ? Number(req.body.version) : -1;
    const act = req.body._aktion ?? 'speichern';
    const removed = /^(rolle|zustand|uebergang)-entfernen-(\d{1,3})$/.exec(act);
    if (act === 'rolle-neu' && form.roles.length < MAX_ROLES) form.roles.push(emptyRole());
    else if (act === 'zustand-neu' && form.states.length < MAX_STATES) form.states.push(emptyState());
    else if (act === 'uebergang-neu' && form.transitions.length < MAX_TRANSITIONS) form.transitions.push(emptyTransition());
    else if (removed) {
      const rows = { rolle: form.roles, zustand: form.states, uebergang: form.transitions }[removed[1] as 'rolle'] as unknown[];
      rows.splice(Number(removed[2]), 1);
    }
    if (act !== 'speichern') return editorPage(req, reply, { form, version });

    const parsed = definitionFromForm(form, key);
    const result = parsed.problems.length
      ? { ok: false as const, problems: parsed.problems, stale: false }
      : await onUniqueViolation(
          () =>
            inTenant(app.db, org.id, (tx) =>
              saveWorkflow(tx, { tenantId: org.id, definition: parsed.definition, actor: req.staff!.id, expectedVersion: version }),
            ),
          // Two saves of the same version at once: the second finds its version number taken.
          () => ({ ok: false as const, stale: true, problems: [{ path: '', key: 'workflows.problem.stale', params: { version: version + 1 } }] }),
        );
    if (!result.ok) return editorPage(req, reply, { form, version, problems: result.problems }, result.stale ? 409 : 422);
    return reply.redirect(`/studio/ablaeufe/${key}?hinweis=gespeichert`, 303);
  });

  await app.register(bpmnRoutes);
}
