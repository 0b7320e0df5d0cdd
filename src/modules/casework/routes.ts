// Case work in the back office: notes, tasks and the handover of one case (their forms sit on the case page; a
// refused input shows the form alone with its errors), "Meine Aufgaben", the management view and the template editor.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin, requireStaff } from '../accounts/index.ts';
import { applicationById } from '../applications/index.ts';
import { serviceTitles } from '../services/index.ts';
import { servicesVisibleTo } from '../teams/index.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { textIn } from '../forms/index.ts';
import { addNote, assignableStaff, createTask, myTasks, setTaskDone } from './casework.ts';
import { handOver, handoverTargets } from './handover.ts';
import { fieldIdsOf, saveTemplate, templateOf } from './letter.ts';
import { managementOverview } from './overview.ts';
import { type HandoverErrors, type HandoverInput, type NoteErrors, schemas, type TaskErrors, type TaskInput } from './schema.ts';
import { CaseFormPage, HandoverForm, NoteForm, TaskForm } from './views/CaseWork.tsx';
import { MyTasksPage, OverviewPage } from './views/Pages.tsx';
import { TemplateEditorPage } from './views/TemplateEditor.tsx';

type Municipality = NonNullable<StaffPrincipal['tenant']>;
const caseUrl = (id: string, anchor: string) => `/verwaltung/vorgaenge/${id}#${anchor}`;

export async function caseworkRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav(
    { href: '/verwaltung/aufgaben', label: 'casework.myTasks.nav', roles: ['clerk', 'municipality_admin', 'region_admin'] },
    { href: '/verwaltung/uebersicht', label: 'casework.overview.nav', roles: ['municipality_admin', 'region_admin'] },
    { href: '/verwaltung/bescheidvorlage', label: 'casework.template.nav', roles: ['municipality_admin', 'region_admin'] },
  );

  /** The municipality the person works on; none chosen (a region admin) is a 404 here: there is no case to show. */
  const municipality = (req: FastifyRequest): Municipality => {
    const org = req.staff?.tenant;
    if (!org || org.kind !== 'municipality') throw notFound();
    return org;
  };

  /** A region admin who has not chosen a municipality is sent to choose one; these pages are about one municipality. */
  const chosen = (req: FastifyRequest) => req.staff?.tenant?.kind === 'municipality';

  const caseOf = async (req: FastifyRequest, id: string) => {
    const org = municipality(req);
    if (!UUID.test(id)) throw notFound();
    const a = await inTenant(app.db, org.id, async (tx) => {
      const found = await applicationById(tx, org.id, id);
      // The same rule as the inbox and the case page: a clerk works only the services their team handles.
      const visible = found && (await servicesVisibleTo(tx, org.id, req.staff!, todayIn(org.time_zone)));
      return found && (visible === 'all' || visible?.includes(found.service_id)) ? found : undefined;
    });
    if (!a) throw notFound();
    return { org, a };
  };

  const summary = <F extends string>(ids: Record<F, string>, errors: Partial<Record<F, string>>, text: (k: string) => string) =>
    (Object.keys(ids) as F[]).filter((f) => errors[f]).map((f) => ({ href: `#${ids[f]}`, text: text(errors[f]!) }));

  // ----- notes -----

  const notePage = (req: FastifyRequest, reply: FastifyReply, c: Awaited<ReturnType<typeof caseOf>>, value?: string, errors: NoteErrors = {}) => {
    const ctx = req.pageContext();
    const page = CaseFormPage({
      ctx,
      reference: c.a.reference,
      applicationId: c.a.id,
      heading: 'casework.notes.add',
      errors: summary({ note: 'f-note' }, errors, (k) => ctx.t(k as never)),
      children: NoteForm({ ctx, applicationId: c.a.id, value, errors }),
    });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get('/verwaltung/vorgaenge/:id/notizen', { schema: schemas.noteForm, preHandler: requireStaff }, async (req, reply) =>
    notePage(req, reply, await caseOf(req, req.params.id)),
  );

  app.post('/verwaltung/vorgaenge/:id/notizen', { schema: schemas.addNote, preHandler: requireStaff }, async (req, reply) => {
    const c = await caseOf(req, req.params.id);
    const outcome = await inTenant(app.db, c.org.id, (tx) => addNote(tx, c.org.id, c.a.id, req.staff!, req.body.note));
    if (!outcome.ok) return notePage(req, reply, c, req.body.note, outcome.errors);
    return reply.redirect(caseUrl(c.a.id, 'casework-notes'), 303);
  });

  // ----- tasks -----

  const taskPage = async (req: FastifyRequest, reply: FastifyReply, c: Awaited<ReturnType<typeof caseOf>>, values?: TaskInput, errors: TaskErrors = {}) => {
    const ctx = req.pageContext();
    const staff = await inTenant(app.db, c.org.id, (tx) => assignableStaff(tx, c.org, c.a.service_id));
    const page = CaseFormPage({
      ctx,
      reference: c.a.reference,
      applicationId: c.a.id,
      heading: 'casework.tasks.add',
      errors: summary({ title: 'f-task-title', assignee: 'f-task-assignee', due: 'f-task-due' }, errors, (k) => ctx.t(k as never)),
      children: TaskForm({ ctx, applicationId: c.a.id, staff: staff.map((s) => ({ id: s.id, name: s.name })), values, errors }),
    });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get('/verwaltung/vorgaenge/:id/aufgaben', { schema: schemas.taskForm, preHandler: requireStaff }, async (req, reply) =>
    taskPage(req, reply, await caseOf(req, req.params.id)),
  );

  app.post('/verwaltung/vorgaenge/:id/aufgaben', { schema: schemas.addTask, preHandler: requireStaff }, async (req, reply) => {
    const c = await caseOf(req, req.params.id);
    const outcome = await inTenant(app.db, c.org.id, (tx) => createTask(tx, c.org, { id: c.a.id, serviceId: c.a.service_id }, req.staff!, req.body));
    if (!outcome.ok) return taskPage(req, reply, c, req.body, outcome.errors);
    return reply.redirect(caseUrl(c.a.id, 'casework-tasks'), 303);
  });

  app.post('/verwaltung/vorgaenge/:id/aufgaben/:taskId', { schema: schemas.setTask, preHandler: requireStaff }, async (req, reply) => {
    const c = await caseOf(req, req.params.id);
    const done = req.body.erledigt !== '0';
    const found = await inTenant(app.db, c.org.id, (tx) => setTaskDone(tx, c.org.id, c.a.id, req.params.taskId, req.staff!, done));
    if (!found) throw notFound();
    return reply.redirect(req.body.zurueck === 'aufgaben' ? '/verwaltung/aufgaben' : caseUrl(c.a.id, 'casework-tasks'), 303);
  });

  app.get('/verwaltung/aufgaben', { schema: schemas.myTasks, preHandler: requireStaff }, async (req, reply) => {
    if (!chosen(req)) return reply.redirect('/verwaltung/', 303);
    const org = municipality(req);
    const { tasks, titles } = await inTenant(app.db, org.id, async (tx) => ({
      tasks: await myTasks(tx, org, req.staff!.id),
      titles: await serviceTitles(tx, org.id),
    }));
    const withService = tasks.map((task) => ({ ...task, service: textIn(titles.find((s) => s.id === task.serviceId)?.title, req.locale) || '–' }));
    return sendPage(reply, MyTasksPage({ ctx: req.pageContext(), org, tasks: withService }));
  });

  // ----- handover -----

  const handoverPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    c: Awaited<ReturnType<typeof caseOf>>,
    values?: HandoverInput,
    errors: HandoverErrors = {},
    params?: Record<string, string>,
  ) => {
    const ctx = req.pageContext();
    const targets = (await inTenant(app.db, c.org.id, (tx) => handoverTargets(tx, c.org))).map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
    const page = CaseFormPage({
      ctx,
      reference: c.a.reference,
      applicationId: c.a.id,
      heading: 'casework.handover.heading',
      errors: summary({ target: 'f-handover-target', note: 'f-handover-note' }, errors, (k) => ctx.t(k as never, params)),
      children: HandoverForm({ ctx, applicationId: c.a.id, targets, values, errors, params }),
    });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get('/verwaltung/vorgaenge/:id/abgabe', { schema: schemas.handoverForm, preHandler: requireStaff }, async (req, reply) =>
    handoverPage(req, reply, await caseOf(req, req.params.id)),
  );

  app.post('/verwaltung/vorgaenge/:id/abgabe', { schema: schemas.handover, preHandler: requireStaff }, async (req, reply) => {
    const c = await caseOf(req, req.params.id);
    const outcome = await handOver(
      { db: app.db, blobs: app.blobs, secret: app.config.appSecret, log: req.log },
      { org: c.org, staff: req.staff!, applicationId: c.a.id, target: req.body.target, note: req.body.note },
    );
    if (!outcome.ok) return handoverPage(req, reply, c, req.body, outcome.errors, outcome.params);
    return reply.redirect(caseUrl(c.a.id, 'casework-handover-out'), 303);
  });

  // ----- the management view -----

  app.get('/verwaltung/uebersicht', { schema: schemas.overview, preHandler: requireAdmin }, async (req, reply) => {
    if (!chosen(req)) return reply.redirect('/verwaltung/', 303);
    const org = municipality(req);
    const now = new Date();
    const view = await inTenant(app.db, org.id, (tx) => managementOverview(tx, org, now));
    return sendPage(reply, OverviewPage({ ctx: req.pageContext(), org, view, now }));
  });

  // ----- the decision letter's template -----

  app.get('/verwaltung/bescheidvorlage', { schema: schemas.templateForm, preHandler: requireAdmin }, async (req, reply) => {
    if (!chosen(req)) return reply.redirect('/verwaltung/', 303);
    const org = municipality(req);
    const { template, fieldIds } = await inTenant(app.db, org.id, async (tx) => ({
      template: await templateOf(tx, org.id),
      fieldIds: await fieldIdsOf(tx, org.id),
    }));
    const body = template?.body ?? req.t('casework.template.default');
    return sendPage(
      reply,
      TemplateEditorPage({ ctx: req.pageContext(), municipality: org.name, body, fieldIds, saved: req.query.hinweis === 'gespeichert', none: !template }),
    );
  });

  app.post('/verwaltung/bescheidvorlage', { schema: schemas.saveTemplate, preHandler: requireAdmin }, async (req, reply) => {
    const org = municipality(req);
    const outcome = await inTenant(app.db, org.id, (tx) => saveTemplate(tx, org, req.staff!, req.body.body));
    if (!outcome.ok) {
      const fieldIds = await inTenant(app.db, org.id, (tx) => fieldIdsOf(tx, org.id));
      const page = TemplateEditorPage({ ctx: req.pageContext(), municipality: org.name, body: req.body.body ?? '', fieldIds, error: outcome.error });
      return sendPage(reply, page, 422);
    }
    return reply.redirect('/verwaltung/bescheidvorlage?hinweis=gespeichert', 303);
  });
}
