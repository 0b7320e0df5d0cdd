// The form editor's pages: a template's draft form (region admins) or a municipality's own service form.
// Every change is one POST, checked and saved at once, then a redirect back; a refused change answers 422
// with the reason and the typed values, and saves nothing.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant, UUID } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import {
  addField,
  addStep,
  ConfirmDeletePage,
  fieldInput,
  fieldPatchFromInput,
  FieldEditPage,
  findField,
  findStepIndex,
  FormEditorPage,
  builderFields,
  changeOptionRows,
  inputOfProblem,
  optionRowControls,
  optionRowsOf,
  ruleControls,
  moveField,
  moveStep,
  newStepTitleError,
  PreviewPage,
  removeField,
  removeStep,
  StepEditPage,
  stepPatchFromInput,
  updateField,
  updateStep,
  type DefinitionProblem,
  type EditorContext,
  type EditResult,
  type FieldInput,
  type FormDefinition,
  type InputError,
  type StepDefinition,
} from '../forms/index.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { editableForm, saveEditableForm, type FormOwner } from '../services/index.ts';
import { schemas } from './schema.ts';

type Kind = FormOwner['kind'];
type Body = Record<string, string | string[] | undefined>;
interface Params {
  id: string;
  stepId?: string;
  fieldId?: string;
}
type Req = FastifyRequest & { params: Params };

const OWNER_PATHS: Record<Kind, string> = { template: '/studio/vorlagen', service: '/studio/leistungen' };

const say = (t: Translate, error: InputError) => t(error.key, error.params);
/** Each control's refusal in the page's language. */
const sayAll = (t: Translate, errors: Record<string, InputError>) => Object.fromEntries(Object.entries(errors).map(([name, e]) => [name, say(t, e)]));

const text = (body: Body | undefined, name: string): string => {
  const v = body?.[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).replace(/\r\n?/g, '\n').normalize('NFC').trim();
};

/** Who owns the form the request is about; a template only for its region's admin, a service only for its municipality. */
function ownerOf(req: Req, kind: Kind): FormOwner {
  const staff = req.staff!;
  if (!UUID.test(req.params.id)) throw notFound();
  if (kind === 'template') {
    if (staff.role !== 'region_admin') throw forbidden();
    return { kind, tenantId: staff.organizationId, id: req.params.id };
  }
  if (!staff.tenant || staff.tenant.kind !== 'municipality') throw notFound();
  return { kind, tenantId: staff.tenant.id, id: req.params.id };
}

export async function formEditorRoutes(plain: FastifyInstance) {
  for (const kind of ['template', 'service'] as const) registerFor(plain, kind);
}

function registerFor(plain: FastifyInstance, kind: Kind) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const opts = { preHandler: requireOrganiser };
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

  app.get(prefix, { ...opts, schema: schemas.editor }, async (req, reply) => overview(reply, await load(req), [], req.query.gespeichert === '1'));

  // ----- steps -----

  app.post(`${prefix}/schritte`, { ...opts, schema: schemas.addStep }, async (req, reply) => {
    const l = await load(req);
    const title = text(req.body, 'title_de');
    const refused = newStepTitleError(title);
    if (refused) {
      return overview(reply, { ...l, editor: { ...l.editor, newStep: { title, error: say(req.t, refused) } } }, [{ path: '/form/steps', ...refused }]);
    }
    return applyEdit(reply, l, addStep(l.editor.form, title ? { title: { de: title } } : {}), (r) => `schritt-${r.stepId}`);
  });

  app.post(`${prefix}/schritte/:stepId/verschieben`, { ...opts, schema: schemas.moveStep }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
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

  app.get(`${prefix}/schritte/:stepId`, { ...opts, schema: schemas.stepForm }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    return stepPage(reply, l, step, {
      title_de: step.title.de,
      title_en: step.title.en ?? '',
      ...ruleControls('showIf', step.showIf, builderFields(l.editor.form)),
    });
  });

  app.post(`${prefix}/schritte/:stepId`, { ...opts, schema: schemas.saveStep }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    const values: Record<string, string> & { title_de: string; title_en: string; showIf: string } = {
      title_de: text(req.body, 'title_de'),
      title_en: text(req.body, 'title_en'),
      showIf: String(req.body?.showIf ?? ''),
    };
    // The rule builder's controls, kept as typed for a refusal.
    const body: Body = req.body ?? {};
    for (const part of ['vorher', 'modus', 'feld', 'op', 'wert'])
      if (body[`showIf_${part}`] !== undefined) values[`showIf_${part}`] = text(body, `showIf_${part}`);
    const read = stepPatchFromInput(values, l.editor.form);
    if (!read.ok) return stepPage(reply, l, step, values, sayAll(req.t, read.errors));
    const result = updateStep(l.editor.form, step.id, read.patch);
    const index = l.editor.form.steps.indexOf(step);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      const [own, other] = splitProblems(req.t, problems, `/steps/${index}`, (rest) =>
        rest.startsWith('title') ? `title_${rest.endsWith('en') ? 'en' : 'de'}` : rest === 'showIf' ? 'showIf' : undefined,
      );
      return stepPage(reply, l, step, values, own, other, result.ok ? result.form : undefined);
    }
    return savedRedirect(reply, l, `schritt-${step.id}`);
  });

  app.get(`${prefix}/schritte/:stepId/loeschen`, { ...opts, schema: schemas.confirmRemoveStep }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    const check = removeStep(l.editor.form, step.id);
    return sendPage(reply, ConfirmDeletePage({ ...l.editor, step, refusal: check.ok ? undefined : say(req.t, check.problems[0]!) }));
  });

  app.post(`${prefix}/schritte/:stepId/loeschen`, { ...opts, schema: schemas.removeStep }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    const result = removeStep(l.editor.form, step.id);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) return sendPage(reply, ConfirmDeletePage({ ...l.editor, step, refusal: problems.map((p) => say(req.t, p)).join(' ') }), 422);
    return savedRedirect(reply, l, 'editor-steps');
  });

  app.get(`${prefix}/schritte/:stepId/vorschau`, { ...opts, schema: schemas.previewStep }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    const currency = req.staff!.tenant?.currency ?? (req.staff!.tenant?.country === 'CH' ? 'CHF' : 'EUR');
    // In the colours of the municipality worked for: its own service, or a template seen as that municipality would offer it.
    const tenant = req.staff!.tenant;
    const theme = tenant?.kind === 'municipality' ? { name: tenant.name, slug: tenant.slug } : undefined;
    return sendPage(reply, PreviewPage({ ...l.editor, step, currency, theme, maxUploadMb: Math.round(app.config.uploadMaxBytes / (1024 * 1024)) }));
  });

  // ----- fields -----

  app.post(`${prefix}/schritte/:stepId/felder`, { ...opts, schema: schemas.addField }, async (req, reply) => {
    const l = await load(req);
    const step = stepOf(l.editor, req);
    const after = text(req.body, 'nach') || undefined;
    const group = text(req.body, 'gruppe') || undefined;
    const result = addField(l.editor.form, step.id, text(req.body, 'typ'), after, group);
    if (!result.ok) return overview(reply, l, result.problems);
    const problems = await save(l, result.form);
    if (problems.length) return overview(reply, { ...l, editor: { ...l.editor, problemForm: result.form } }, problems);
    // A new field is edited next: its label says only what type it is. Cancelling there discards it again.
    return reply.redirect(`${l.editor.base}/schritte/${encodeURIComponent(step.id)}/felder/${result.fieldId}?neu=1`, 303);
  });

  app.post(`${prefix}/schritte/:stepId/felder/:fieldId/verschieben`, { ...opts, schema: schemas.moveField }, async (req, reply) => {
    const l = await load(req);
    const place = fieldOf(l.editor, req);
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
    isNew = values.neu === '1',
  ) =>
    sendPage(
      reply,
      FieldEditPage({ ...l.editor, problemForm, step: place.step, field: place.field, group: place.group, values, errors, problems, saved, isNew }),
      Object.keys(errors).length || problems.length ? 422 : 200,
    );

  app.get(`${prefix}/schritte/:stepId/felder/:fieldId`, { ...opts, schema: schemas.fieldForm }, async (req, reply) => {
    const l = await load(req);
    const place = fieldOf(l.editor, req);
    const isNew = req.query.neu === '1';
    return fieldPage(
      reply,
      l,
      place,
      { ...fieldInput(place.field, l.editor.form), ...(isNew ? { neu: '1' } : {}) },
      {},
      [],
      undefined,
      req.query.gespeichert === '1',
      isNew,
    );
  });

  app.post(`${prefix}/schritte/:stepId/felder/:fieldId`, { ...opts, schema: schemas.saveField }, async (req, reply) => {
    const l = await load(req);
    const place = fieldOf(l.editor, req);
    const values: FieldInput = { ...(req.body ?? {}) };
    delete values._csrf;
    // "Abbrechen" on a field just added: it is discarded, as if it had never been added.
    if (text(req.body, 'verwerfen') === '1' && text(req.body, 'neu') === '1') {
      const result = removeField(l.editor.form, place.step.id, place.field.id);
      const problems = result.ok ? await save(l, result.form) : result.problems;
      if (problems.length) return fieldPage(reply, l, place, values, {}, problems);
      return reply.redirect(`${l.editor.base}#schritt-${place.step.id}`, 303);
    }
    // "Antwortmöglichkeit hinzufügen" or "entfernen": the page again with the rows changed, nothing saved yet.
    const rowAction = text(req.body, 'zeilen');
    if (rowAction) {
      delete values.zeilen;
      return fieldPage(reply, l, place, { ...values, ...optionRowControls(changeOptionRows(optionRowsOf(values), rowAction)) });
    }
    const read = fieldPatchFromInput(place.field, values, l.editor.form);
    if (!read.ok) return fieldPage(reply, l, place, values, sayAll(req.t, read.errors));
    const result = updateField(l.editor.form, place.step.id, place.field.id, read.patch);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      const [own, other] = splitProblems(req.t, problems, place.path, (rest) => inputOfProblem('', `/${rest}`));
      return fieldPage(reply, l, place, values, own, other, result.ok ? result.form : undefined);
    }
    return savedRedirect(reply, l, `feld-${result.ok ? result.fieldId : place.field.id}`);
  });

  app.get(`${prefix}/schritte/:stepId/felder/:fieldId/loeschen`, { ...opts, schema: schemas.confirmRemoveField }, async (req, reply) => {
    const l = await load(req);
    const place = fieldOf(l.editor, req);
    const check = removeField(l.editor.form, place.step.id, place.field.id);
    return sendPage(
      reply,
      ConfirmDeletePage({ ...l.editor, step: place.step, field: place.field, refusal: check.ok ? undefined : say(req.t, check.problems[0]!) }),
    );
  });

  app.post(`${prefix}/schritte/:stepId/felder/:fieldId/loeschen`, { ...opts, schema: schemas.removeField }, async (req, reply) => {
    const l = await load(req);
    const place = fieldOf(l.editor, req);
    const result = removeField(l.editor.form, place.step.id, place.field.id);
    const problems = result.ok ? await save(l, result.form) : result.problems;
    if (problems.length) {
      return sendPage(
        reply,
        ConfirmDeletePage({ ...l.editor, step: place.step, field: place.field, refusal: problems.map((p) => say(req.t, p)).join(' ') }),
        422,
      );
    }
    return savedRedirect(reply, l, `schritt-${place.step.id}`);
  });
}

/**
 * Splits problems into those of the edited step or field (by control, `control` naming the control for the rest
 * of the path) and the others. Paths come relative to the form (editor) or to the service's content (the check).
 */
function splitProblems(
  t: Translate,
  problems: DefinitionProblem[],
  path: string,
  control: (rest: string) => string | undefined,
): [Record<string, string>, DefinitionProblem[]] {
  const own: Record<string, string> = {};
  const other: DefinitionProblem[] = [];
  for (const p of problems) {
    const inForm = p.path.replace(/^\/form(?=\/|$)/, '');
    const name = inForm.startsWith(`${path}/`) ? control(inForm.slice(path.length + 1)) : undefined;
    // Beside its control, the message alone: the control's label says where.
    if (name && !own[name]) own[name] = say(t, p);
    else other.push(p);
  }
  return [own, other];
}
