// The form editor's pages: a template's draft form (region admins) or a municipality's own service form.
// Every change is one POST, checked and saved at once, then a redirect back; a refused change answers 422
// with the reason and the typed values, and saves nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import {
  addField,
  addStep,
  ConfirmDeletePage,
  hasControlCharacters,
  fieldInput,
  fieldPatchFromInput,
  FieldEditPage,
  findField,
  findStepIndex,
  FormEditorPage,
  formatRule,
  inputOfProblem,
  moveField,
  moveStep,
  parseRule,
  PreviewPage,
  removeField,
  removeStep,
  StepEditPage,
  updateField,
  updateStep,
  type DefinitionProblem,
  type EditorContext,
  type EditResult,
  type FieldInput,
  type FormDefinition,
  type StepDefinition,
} from '../forms/index.ts';
import { editableForm, saveEditableForm, type FormOwner } from '../services/index.ts';

type Kind = FormOwner['kind'];
type Body = Record<string, string | string[] | undefined>;
interface Params {
  id: string;
  stepId?: string;
  fieldId?: string;
}
type Req = FastifyRequest<{ Params: Params; Body: Body; Querystring: { gespeichert?: string } }>;

const OWNER_PATHS: Record<Kind, string> = { template: '/studio/vorlagen', service: '/studio/leistungen' };
const MAX_TITLE = 200;

const text = (body: Body | undefined, name: string): string => {
  const v = body?.[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).replace(/\r\n?/g, '\n').normalize('NFC').trim();
};

/** Who owns the form the request is about; a template only for its region's admin, a service only for its municipality. */
function ownerOf(req: FastifyRequest<{ Params: Params }>, kind: Kind): FormOwner {
  const staff = req.staff!;
  if (!UUID.test(req.params.id)) throw notFound();
  if (kind === 'template') {
    if (staff.role !== 'region_admin') throw forbidden();
    return { kind, tenantId: staff.organizationId, id: req.params.id };
  }
  if (!staff.tenant || staff.tenant.kind !== 'municipality') throw notFound();
  return { kind, tenantId: staff.tenant.id, id: req.params.id };
}

export async function formEditorRoutes(app: FastifyInstance) {
  const opts = { preHandler: requireOrganiser };
  for (const kind of ['template', 'service'] as const) registerFor(app, kind, opts);
}

function registerFor(app: FastifyInstance, kind: Kind, opts: { preHandler: typeof requireOrganiser }) {
  const prefix = `${OWNER_PATHS[kind]}/:id/formular`;

  interface Loaded {
    owner: FormOwner;
    editor: EditorContext;
  }

  async function load(req: Req): Promise<Loaded> {
    const owner = ownerOf(req, kind);
    const found = await inTenant(app.db, owner.tenantId, (tx) => editableForm(tx, owner));
    if (!found) throw notFound();
    const ownerHref = `${OWNER_PATHS[kind]}/${owner.id}`;
    return {
      owner,
      editor: { ctx: req.pageContext(), base: `${ownerHref}/formular`, ownerHref, title: found.title, form: found.form, version: found.version },
    };
  }

  function stepOf(editor: EditorContext, req: Req): StepDefinition {
    const index = findStepIndex(editor.form, req.params.stepId ?? '');
    if (index < 0) throw notFound();
    return editor.form.steps[index]!;
  }

  function fieldOf(editor: EditorContext, req: Req) {
    const step = stepOf(editor, req);
    const place = findField(editor.form, req.params.fieldId ?? '');
    if (!place || place.step !== step) throw notFound();
    return place;
  }

  /** Saves a changed form; the definition check's problems when it refuses (nothing is saved then). */
  async function save(l: Loaded, form: FormDefinition): Promise<DefinitionProblem[]> {
    // The change was made to the form as this request read it; saved only if nobody changed it since.
    const result = await inTenant(app.db, l.owner.tenantId, (tx) => saveEditableForm(tx, l.owner, form, l.editor.form));
    return result.ok ? [] : result.problems;
  }

  const savedRedirect = (reply: FastifyReply, l: Loaded, anchor: string) => reply.redirect(`${l.editor.base}?gespeichert=1#${anchor}`, 303);

  const overview = (reply: FastifyReply, l: Loaded, problems: DefinitionProblem[] = [], saved = false) =>
    sendPage(reply, FormEditorPage({ ...l.editor, problems, saved }), problems.length ? 422 : 200);

  /** Runs an edit of the overview: saved and redirected to `anchor`, or the overview again with the reasons. */
  async function applyEdit<T>(reply: FastifyReply, l: Loaded, result: EditResult<T>, anchor: (r: T) => string) {
    if (!result.ok) return overview(reply, l, result.problems);
    const problems = await save(l, result.form);
    if (problems.length) return overview(reply, { ...l, editor: { ...l.editor, problemForm: result.form } }, problems);
    return savedRedirect(reply, l, anchor(result));
  }

  const direction = (body: Body | undefined): -1 | 1 => {
    const value = text(body, 'richtung');
    if (value !== 'hoch' && value !== 'runter') throw notFound();
    return value === 'hoch' ? -1 : 1;
  };

  // ----- the overview -----

  app.get<{ Params: Params; Querystring: { gespeichert?: string } }>(prefix, opts, async (req, reply) =>
    overview(reply, await load(req as Req), [], req.query.gespeichert === '1'),
  );

  // ----- steps -----

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const title = text(req.body, 'title_de');
    if (hasControlCharacters(title) || title.length > MAX_TITLE) {
      const message = `Der Titel des neuen Schritts hat höchstens ${MAX_TITLE} Zeichen und keine Steuerzeichen.`;
      return overview(reply, { ...l, editor: { ...l.editor, newStep: { title, error: message } } }, [{ path: '/form/steps', message }]);
    }
    return applyEdit(reply, l, addStep(l.editor.form, title ? { title: { de: title } } : {}), (r) => `schritt-${r.stepId}`);
  });

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte/:stepId/verschieben`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    return applyEdit(reply, l, moveStep(l.editor.form, step.id, direction(req.body)), () => `schritt-${step.id}`);
  });

  const stepPage = (
    reply: FastifyReply,
    l: Loaded,
    step: StepDefinition,
    values: Record<string, string>,
    errors: Record<string, string> = {},
    problems: DefinitionProblem[] = [],
    problemForm?: FormDefinition,
  ) => sendPage(reply, StepEditPage({ ...l.editor, problemForm, step, values, errors, problems }), Object.keys(errors).length || problems.length ? 422 : 200);

  app.get<{ Params: Params }>(`${prefix}/schritte/:stepId`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    return stepPage(reply, l, step, { title_de: step.title.de, title_en: step.title.en ?? '', showIf: formatRule(step.showIf) });
  });

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte/:stepId`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    const values = { title_de: text(req.body, 'title_de'), title_en: text(req.body, 'title_en'), showIf: String(req.body?.showIf ?? '') };
    const errors: Record<string, string> = {};
    for (const name of ['title_de', 'title_en'] as const) {
      if (hasControlCharacters(values[name]) || values[name].includes('\n')) errors[name] = 'Bitte in einer Zeile und ohne Steuerzeichen.';
      else if (values[name].length > MAX_TITLE) errors[name] = `Höchstens ${MAX_TITLE} Zeichen (jetzt ${values[name].length}).`;
    }
    if (!values.title_de) errors.title_de = 'Der Schritt braucht einen Titel.';
    const rule = parseRule(values.showIf);
    if (!rule.ok) errors.showIf = rule.message;
    if (Object.keys(errors).length || !rule.ok) return stepPage(reply, l, step, values, errors);
    const result = updateStep(l.editor.form, step.id, {
      title: values.title_en ? { de: values.title_de, en: values.title_en } : { de: values.title_de },
      showIf: rule.value,
    });
    const index = l.editor.form.steps.indexOf(step);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      const [own, other] = splitProblems(problems, `/steps/${index}`, (rest) =>
        rest.startsWith('title') ? `title_${rest.endsWith('en') ? 'en' : 'de'}` : rest === 'showIf' ? 'showIf' : undefined,
      );
      return stepPage(reply, l, step, values, own, other, result.ok ? result.form : undefined);
    }
    return savedRedirect(reply, l, `schritt-${step.id}`);
  });

  app.get<{ Params: Params }>(`${prefix}/schritte/:stepId/loeschen`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    const check = removeStep(l.editor.form, step.id);
    return sendPage(reply, ConfirmDeletePage({ ...l.editor, step, refusal: check.ok ? undefined : check.problems[0]!.message }));
  });

  app.post<{ Params: Params }>(`${prefix}/schritte/:stepId/loeschen`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    const result = removeStep(l.editor.form, step.id);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) return sendPage(reply, ConfirmDeletePage({ ...l.editor, step, refusal: problems.map((p) => p.message).join(' ') }), 422);
    return savedRedirect(reply, l, 'editor-steps');
  });

  app.get<{ Params: Params }>(`${prefix}/schritte/:stepId/vorschau`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    const currency = req.staff!.tenant?.currency ?? (req.staff!.tenant?.country === 'CH' ? 'CHF' : 'EUR');
    return sendPage(reply, PreviewPage({ ...l.editor, step, currency, maxUploadMb: Math.round(app.config.uploadMaxBytes / (1024 * 1024)) }));
  });

  // ----- fields -----

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte/:stepId/felder`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const step = stepOf(l.editor, req as Req);
    const after = text(req.body, 'nach') || undefined;
    const group = text(req.body, 'gruppe') || undefined;
    const result = addField(l.editor.form, step.id, text(req.body, 'typ'), after, group);
    if (!result.ok) return overview(reply, l, result.problems);
    const problems = await save(l, result.form);
    if (problems.length) return overview(reply, { ...l, editor: { ...l.editor, problemForm: result.form } }, problems);
    // A new field is edited next: its label says only what type it is.
    return reply.redirect(`${l.editor.base}/schritte/${encodeURIComponent(step.id)}/felder/${result.fieldId}?gespeichert=1`, 303);
  });

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte/:stepId/felder/:fieldId/verschieben`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const place = fieldOf(l.editor, req as Req);
    return applyEdit(reply, l, moveField(l.editor.form, place.step.id, place.field.id, direction(req.body)), () => `feld-${place.field.id}`);
  });

  const fieldPage = (
    reply: FastifyReply,
    l: Loaded,
    place: ReturnType<typeof fieldOf>,
    values: FieldInput,
    errors: Record<string, string> = {},
    problems: DefinitionProblem[] = [],
    problemForm?: FormDefinition,
    saved = false,
  ) =>
    sendPage(
      reply,
      FieldEditPage({ ...l.editor, problemForm, step: place.step, field: place.field, group: place.group, values, errors, problems, saved }),
      Object.keys(errors).length || problems.length ? 422 : 200,
    );

  app.get<{ Params: Params; Querystring: { gespeichert?: string } }>(`${prefix}/schritte/:stepId/felder/:fieldId`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const place = fieldOf(l.editor, req as Req);
    return fieldPage(reply, l, place, fieldInput(place.field), {}, [], undefined, req.query.gespeichert === '1');
  });

  app.post<{ Params: Params; Body: Body }>(`${prefix}/schritte/:stepId/felder/:fieldId`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const place = fieldOf(l.editor, req as Req);
    const values: FieldInput = { ...(req.body ?? {}) };
    delete values._csrf;
    const read = fieldPatchFromInput(place.field, values);
    if (!read.ok) return fieldPage(reply, l, place, values, read.errors);
    const result = updateField(l.editor.form, place.step.id, place.field.id, read.patch);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      const [own, other] = splitProblems(problems, place.path, (rest) => inputOfProblem('', `/${rest}`));
      return fieldPage(reply, l, place, values, own, other, result.ok ? result.form : undefined);
    }
    return savedRedirect(reply, l, `feld-${result.ok ? result.fieldId : place.field.id}`);
  });

  app.get<{ Params: Params }>(`${prefix}/schritte/:stepId/felder/:fieldId/loeschen`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const place = fieldOf(l.editor, req as Req);
    const check = removeField(l.editor.form, place.step.id, place.field.id);
    return sendPage(
      reply,
      ConfirmDeletePage({ ...l.editor, step: place.step, field: place.field, refusal: check.ok ? undefined : check.problems[0]!.message }),
    );
  });

  app.post<{ Params: Params }>(`${prefix}/schritte/:stepId/felder/:fieldId/loeschen`, opts, async (req, reply) => {
    const l = await load(req as Req);
    const place = fieldOf(l.editor, req as Req);
    const result = removeField(l.editor.form, place.step.id, place.field.id);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      return sendPage(reply, ConfirmDeletePage({ ...l.editor, step: place.step, field: place.field, refusal: problems.map((p) => p.message).join(' ') }), 422);
    }
    return savedRedirect(reply, l, `schritt-${place.step.id}`);
  });
}

/**
 * Splits problems into those of the edited step or field (by control, `control` naming the control for the rest
 * of the path) and the others. Paths come relative to the form (editor) or to the service's content (the check).
 */
function splitProblems(
  problems: DefinitionProblem[],
  path: string,
  control: (rest: string) => string | undefined,
): [Record<string, string>, DefinitionProblem[]] {
  const own: Record<string, string> = {};
  const other: DefinitionProblem[] = [];
  for (const p of problems) {
    const inForm = p.path.replace(/^\/form(?=\/|$)/, '');
    const name = inForm.startsWith(`${path}/`) ? control(inForm.slice(path.length + 1)) : undefined;
    if (name && !own[name]) own[name] = `${p.message} (${p.path})`;
    else other.push(p);
  }
  return [own, other];
}
