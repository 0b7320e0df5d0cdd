// The back office's inbox: all visible cases, "Meine Vorgänge" and team inboxes, with filters, search, saved views and
// bulk assignment; a region admin first chooses the municipality.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inRegion, inTenant, type Tx } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { municipalitiesOf, organizationById } from '../organizations/index.ts';
import { searchDocuments } from '../records/index.ts';
import { workflowsOf } from '../workflows/index.ts';
import { assignSelected, cleanFilters, deleteView, inbox, type InboxParams, saveView, savedViews, stateOptions } from './inbox.ts';
import { schemas } from './schema.ts';
import { ChooseMunicipalityPage, type InboxFormState, InboxPage, inboxLink } from './views/Inbox.tsx';

const NOTICES = ['zugewiesen', 'gespeichert', 'geloescht'] as const;

/** The filters a form carried in its hidden `ansicht` field (the inbox's query string), cleaned. */
const filtersFrom = (ansicht: string | undefined) => cleanFilters(Object.fromEntries(new URLSearchParams(ansicht ?? '')));

export async function inboxRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  const municipalitiesFor = async (req: FastifyRequest) => {
    const staff = req.staff!;
    if (staff.role !== 'region_admin') return undefined;
    return inRegion(app.db, async (tx) => {
      const home = await organizationById(tx, staff.organizationId);
      return home ? municipalitiesOf(tx, home) : [];
    });
  };

  /** The inbox page for these parameters; `form` re-renders a refused form with its messages and values. */
  async function renderInbox(
    req: FastifyRequest,
    reply: FastifyReply,
    params: InboxParams & { hinweis?: string; anzahl?: string; an?: string },
    form?: InboxFormState,
    status = 200,
  ) {
    const staff = req.staff!;
    const org = staff.tenant;
    const municipalities = await municipalitiesFor(req);
    if (!org) return sendPage(reply, ChooseMunicipalityPage({ ctx: req.pageContext(), municipalities: municipalities ?? [] }));
    const now = new Date();
    const today = todayIn(org.time_zone, now);
    const { result, names, views } = await inTenant(app.db, org.id, async (tx: Tx) => {
      const states = stateOptions((await workflowsOf(tx, org.id)).map((w) => w.definition));
      // A document of the case's file that matches counts as a match of the case (the E-Akte's own search).
      const documentHits = async (text: string) => (await searchDocuments(tx, org.id, text, 200)).flatMap((h) => (h.applicationId ? [h.applicationId] : []));
      const result = await inbox(tx, org.id, params, { staff, today, now, states, documentHits });
      // Someone outside the municipality's staff (a region admin who took a case) is named by a look-up of their own.
      const others = result.rows.flatMap((r) => (r.assigned_to && !result.names.has(r.assigned_to) ? [r.assigned_to] : []));
      const names = others.length ? new Map([...result.names, ...(await staffNames(tx, others))]) : result.names;
      return { result, names, views: await savedViews(tx, org.id, staff.id) };
    });
    const hinweis = NOTICES.find((n) => n === params.hinweis);
    const notice =
      hinweis === 'zugewiesen'
        ? req.t('worklist.bulk.done', { count: Number(params.anzahl) || 0, name: names.get(params.an ?? '') ?? '–' })
        : hinweis === 'gespeichert'
          ? req.t('worklist.views.saved')
          : hinweis === 'geloescht'
            ? req.t('worklist.views.deleted')
            : undefined;
    return sendPage(reply, InboxPage({ ctx: req.pageContext(), org, result, names, views, municipalities, notice, form }), status);
  }

  app.get('/verwaltung/', { schema: schemas.inbox, preHandler: requireStaff }, (req, reply) => renderInbox(req, reply, req.query));

  app.post('/verwaltung/zuweisen', { schema: schemas.inboxAssign, preHandler: requireStaff }, async (req, reply) => {
    const staff = req.staff!;
    const org = staff.tenant;
    if (!org) return reply.redirect('/verwaltung/', 303);
    const filters = filtersFrom(req.body.ansicht);
    const raw = req.body.ids;
    const ids = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const take = req.body.aktion === 'uebernehmen';
    const outcome = await inTenant(app.db, org.id, (tx) =>
      assignSelected(tx, org.id, staff, { ids, assignee: req.body.assignee, take }, todayIn(org.time_zone)),
    );
    if (!outcome.ok) return renderInbox(req, reply, filters, { bulk: { errors: outcome.errors, ids, assignee: req.body.assignee } }, 422);
    return reply.redirect(inboxLink({ ...filters, hinweis: 'zugewiesen', anzahl: outcome.count, an: outcome.to }), 303);
  });

  app.post('/verwaltung/ansichten', { schema: schemas.inboxSaveView, preHandler: requireStaff }, async (req, reply) => {
    const staff = req.staff!;
    const org = staff.tenant;
    if (!org) return reply.redirect('/verwaltung/', 303);
    const filters = filtersFrom(req.body.ansicht);
    const outcome = await inTenant(app.db, org.id, (tx) => saveView(tx, org.id, staff, req.body.name, filters));
    if (!outcome.ok) return renderInbox(req, reply, filters, { view: { error: outcome.error, name: req.body.name ?? '' } }, 422);
    return reply.redirect(inboxLink({ ...filters, hinweis: 'gespeichert' }), 303);
  });

  app.post('/verwaltung/ansichten/:id/loeschen', { schema: schemas.inboxDeleteView, preHandler: requireStaff }, async (req, reply) => {
    const staff = req.staff!;
    const org = staff.tenant;
    if (!org) return reply.redirect('/verwaltung/', 303);
    const deleted = await inTenant(app.db, org.id, (tx) => deleteView(tx, org.id, staff, req.params.id));
    if (!deleted) return renderInbox(req, reply, {}, undefined, 404);
    return reply.redirect(inboxLink({ hinweis: 'geloescht' }), 303);
  });
}
