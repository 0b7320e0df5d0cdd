// The studio's BPMN pages: a workflow downloaded as BPMN 2.0, and a BPMN file imported as a workflow. The import
// shows what it recognised before anything is saved; "Übernehmen" sends the recognised definition back (as JSON, a
// few kilobytes: the file itself may be far larger than a form field) and saves it through the module's save,
// which validates it like every other save. The route schemas live here, beside the only routes that use them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { incomingFiles } from '../../platform/blobs/uploads.ts';
import { inTenant } from '../../platform/db/database.ts';
import { onUniqueViolation } from '../../platform/db/unique.ts';
import { notFound } from '../../platform/http/errors.ts';
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';
import type { Message } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import type { Organization } from '../organizations/index.ts';
import { exportBpmn } from './bpmn.ts';
import { decisionCandidates, importBpmn, type UnmappedElement, withDecisions } from './bpmn-import.ts';
import type { WorkflowDefinition, WorkflowProblem } from './schema.ts';
import { SLUG } from './validate.ts';
import { createWorkflow, editableWorkflow, saveWorkflow, workflowVersion } from './workflows.ts';
import { BpmnImportPage, type ImportResult } from './views/BpmnImport.tsx';

const Str = Type.Optional(Type.String());
const tags = ['studio'];

export const bpmnSchemas = {
  importForm: { tags, summary: 'Ablauf aus BPMN 2.0 importieren: Formular', response: { 200: HtmlPage('Importformular') } },
  upload: {
    tags,
    summary: 'BPMN-Datei prüfen: was erkannt wurde und was nicht übernommen werden kann',
    body: { content: { 'multipart/form-data': { schema: Type.Object({ _csrf: Str }, { additionalProperties: true }) } } },
    response: { 200: HtmlPage('Ergebnis der Prüfung mit Formular zum Übernehmen'), 422: HtmlPage('Importformular mit Fehler') },
  },
  accept: {
    tags,
    summary: 'Geprüften BPMN-Import als Ablauf speichern',
    body: FormBody({ ergebnis: Str, key: Str, name: Str, entscheidet: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) }),
    response: { 303: SeeOther, 422: HtmlPage('Ergebnis mit Fehlermeldungen') },
  },
  download: {
    tags,
    summary: 'Ablauf als BPMN 2.0 herunterladen',
    params: Type.Object({ key: Type.String() }),
    querystring: Type.Object({ version: Str }),
    response: { 200: { description: 'BPMN 2.0 XML', content: { 'application/xml': { schema: Type.String() } } } },
  },
};

function municipalityOf(req: FastifyRequest): Organization {
  const org = req.staff!.tenant;
  if (!org || org.kind !== 'municipality') throw notFound();
  return org as Organization;
}

/** What the accept form carries back, read defensively: it came through the browser. The save validates the definition. */
function readCarried(text: string | undefined): { definition: WorkflowDefinition; unmapped: UnmappedElement[] } | undefined {
  try {
    const value = JSON.parse(text ?? '');
    if (!value || typeof value !== 'object' || !value.definition || typeof value.definition !== 'object' || Array.isArray(value.definition)) return undefined;
    const unmapped = (Array.isArray(value.unmapped) ? value.unmapped : [])
      .filter((u: UnmappedElement) => u && typeof u.type === 'string' && typeof u.reason?.key === 'string' && u.reason.key.startsWith('bpmn.unmapped.'))
      .map((u: UnmappedElement) => ({ id: String(u.id ?? ''), type: u.type, name: typeof u.name === 'string' ? u.name : undefined, reason: u.reason }));
    return { definition: value.definition as WorkflowDefinition, unmapped };
  } catch {
    return undefined;
  }
}

/** Transitions a foreign file's workflow could decide with; none when the file names its decision itself. */
const decisionChoices = (def: WorkflowDefinition) =>
  Array.isArray(def.transitions) && !def.transitions.some((t) => t.effect === 'decide')
    ? def.transitions.filter((t) => !t.effect && t.trigger !== 'timer').map((t) => t.id)
    : [];

export async function bpmnRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const opts = { preHandler: requireOrganiser };

  const uploadPage = (req: FastifyRequest, reply: FastifyReply, refusal?: Message) =>
    sendPage(reply, BpmnImportPage({ ctx: req.pageContext(), error: refusal && req.t(refusal.key, refusal.params) }), refusal ? 422 : 200);

  const resultPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    read: { definition: WorkflowDefinition; unmapped: UnmappedElement[] },
    values: ImportResult['values'],
    problems?: WorkflowProblem[],
  ) =>
    sendPage(
      reply,
      BpmnImportPage({
        ctx: req.pageContext(),
        result: { ...read, carried: JSON.stringify(read), values, decisionChoices: decisionChoices(read.definition), problems },
      }),
      problems?.length ? 422 : 200,
    );

  app.get('/studio/ablaeufe/import', { ...opts, schema: bpmnSchemas.importForm }, async (req, reply) => {
    municipalityOf(req);
    return uploadPage(req, reply);
  });

  app.post('/studio/ablaeufe/import', { ...opts, schema: bpmnSchemas.upload, config: { multipart: true } }, async (req, reply) => {
    municipalityOf(req);
    const [file] = incomingFiles((req.body as Record<string, unknown> | undefined)?.datei);
    if (!file) return uploadPage(req, reply, { key: 'bpmn.file.missing' });
    if (file.truncated) return uploadPage(req, reply, { key: 'bpmn.file.tooLarge', params: { mb: Math.round(app.config.uploadMaxBytes / 1024 / 1024) } });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
    } catch {
      return uploadPage(req, reply, { key: 'bpmn.file.encoding' });
    }
    const imported = await importBpmn(text);
    if (!imported.ok) return uploadPage(req, reply, imported.refusal);
    const { definition, unmapped } = imported;
    return resultPage(req, reply, { definition, unmapped }, { key: definition.key, name: definition.name.de, decisions: decisionCandidates(definition) });
  });

  app.post('/studio/ablaeufe/import/uebernehmen', { ...opts, schema: bpmnSchemas.accept }, async (req, reply) => {
    const org = municipalityOf(req);
    const read = readCarried(req.body.ergebnis);
    if (!read) return uploadPage(req, reply, { key: 'bpmn.import.stale' });
    const chosen = req.body.entscheidet;
    const values = {
      key: String(req.body.key ?? '').trim(),
      name: String(req.body.name ?? '').trim(),
      decisions: (Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).map(String),
    };
    const problems: WorkflowProblem[] = [];
    if (!SLUG.test(values.key)) problems.push({ path: '/key', key: 'bpmn.import.keyInvalid' });
    // /studio/ablaeufe/import is this page: a workflow of that key could never be opened.
    else if (values.key === 'import') problems.push({ path: '/key', key: 'bpmn.import.keyReserved' });
    if (!values.name) problems.push({ path: '/name/de', key: 'bpmn.import.nameRequired' });
    if (problems.length) return resultPage(req, reply, read, values, problems);

    const base = read.definition;
    const definition = withDecisions({ ...base, key: values.key, name: { ...base.name, de: values.name } }, values.decisions);
    const result = await onUniqueViolation(
      () =>
        inTenant(app.db, org.id, async (tx) => {
          // An existing key gets a new version; the version read here is the one the save expects to follow.
          const current = await editableWorkflow(tx, org.id, values.key);
          return current
            ? saveWorkflow(tx, { tenantId: org.id, definition, actor: req.staff!.id, expectedVersion: current.version })
            : createWorkflow(tx, { tenantId: org.id, definition, actor: req.staff!.id });
        }),
      () => ({ ok: false as const, problems: [{ path: '/key', key: 'workflows.problem.keyTaken', params: { key: values.key } }] }),
    );
    if (!result.ok) return resultPage(req, reply, read, values, result.problems);
    return reply.redirect(`/studio/ablaeufe/${values.key}?hinweis=gespeichert`, 303);
  });

  app.get('/studio/ablaeufe/:key/bpmn', { ...opts, schema: bpmnSchemas.download }, async (req, reply) => {
    const org = municipalityOf(req);
    const key = req.params.key;
    if (!SLUG.test(key)) throw notFound();
    const asked = req.query.version;
    if (asked !== undefined && !/^\d{1,6}$/.test(asked)) throw notFound();
    const shown = await inTenant(app.db, org.id, async (tx) => {
      const current = await editableWorkflow(tx, org.id, key);
      if (!current || asked === undefined || Number(asked) === current.version) return current;
      const older = await workflowVersion(tx, org.id, key, Number(asked));
      return older && { definition: older.definition, version: older.version };
    });
    if (!shown) throw notFound();
    const xml = await exportBpmn(shown.definition);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="ablauf-${key}-v${shown.version}.bpmn"`)
      .header('x-content-type-options', 'nosniff')
      .send(xml);
  });
}
