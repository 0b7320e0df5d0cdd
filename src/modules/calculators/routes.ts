import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTenant } from '../../platform/db/database.ts';
import { badRequest, HttpProblem, notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireOrganiser } from '../accounts/index.ts';
import type { FieldError } from '../forms/index.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { inMunicipality, organizationById } from '../organizations/index.ts';
import {
  calculateForApi,
  calculateKitaFee,
  kitaFeeTableFor,
  parseCalculatorInput,
  readCalculatorDraft,
  removeOwnKitaFeeTable,
  saveKitaFeeTable,
} from './calculators.ts';
import { applyEdit, draftFromTable, emptyTable, parseEdit, readTableDraft, tableField, tableFromDraft } from './fee-table.ts';
import { type ApiFeeResultBody, type FeeTableDraft, routeSchemas } from './schema.ts';
import { KitaCalculatorPage } from './views/KitaCalculatorPage.tsx';
import { EDITOR_PATH, FeeTableEditor, type TableSource } from './views/FeeTableEditor.tsx';

export async function calculatorRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  // ----- citizen: the Kita fee calculator -----

  /** The municipality and the table that applies to it (its own or its region's), in one transaction. */
  async function kitaTable(slug: string) {
    const found = await inMunicipality(app.db, slug, async (tx, org) => {
      const resolved = await kitaFeeTableFor(tx, org);
      if (!resolved) return undefined;
      const owner = resolved.own ? org : await organizationById(tx, resolved.ownerId);
      return { org, table: resolved.table, owner: owner?.name ?? org.name };
    });
    if (!found) throw notFound();
    return found;
  }

  app.get('/:municipality/rechner/kita-beitrag', { schema: routeSchemas.calculator }, async (req, reply) => {
    const { org, table, owner } = await kitaTable(req.params.municipality);
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, KitaCalculatorPage({ ctx: req.pageContext(), org, table, owner, draft: { income: '', hours: '', children: '1' }, errors: [] }));
  });

  // A POST rather than a GET form: a household's income stays out of URLs, server logs and the browser history.
  // Nothing is stored, so the result is shown straight away (no redirect).
  app.post('/:municipality/rechner/kita-beitrag', { schema: routeSchemas.calculate }, async (req, reply) => {
    const { org, table, owner } = await kitaTable(req.params.municipality);
    const draft = readCalculatorDraft(req.body);
    const { input, errors } = parseCalculatorInput(table, draft);
    const result = input && calculateKitaFee(table, input);
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, KitaCalculatorPage({ ctx: req.pageContext(), org, table, owner, draft, errors, result }), result ? 200 : 422);
  });

  // ----- the same calculator as JSON -----

  app.get('/api/v1/municipalities/:slug/calculators/kita-beitrag', { schema: routeSchemas.apiTable }, async (req) => {
    const { table, owner } = await kitaTable(req.params.slug);
    return { owner, ...table };
  });

  /** The API's answer to a body it cannot take: each field named, in German like every message. */
  function invalidCalculation(req: FastifyRequest, fields: Array<{ field: string; key: string; params?: Record<string, string | number> }>) {
    const reasons = fields.map(({ field, key, params }) => ({
      name: field,
      reason: field === 'hours' ? `${req.t('calc.kita.hours')}: ${req.t(key as MessageKey, params)}` : req.t(key as MessageKey, params),
    }));
    return new HttpProblem(400, 'validation', 'errors.badRequest.title', reasons.map((r) => r.reason).join(' '), reasons);
  }

  app.post(
    '/api/v1/municipalities/:slug/calculators/kita-beitrag',
    // The schema documents the body; the domain checks every field at once and names each in German.
    { schema: routeSchemas.apiCalculate, attachValidation: true },
    async (req, reply): Promise<ApiFeeResultBody> => {
      const { table } = await kitaTable(req.params.slug);
      const outcome = calculateForApi(table, req.body as unknown);
      if (!outcome.ok) throw invalidCalculation(req, outcome.invalid);
      reply.header('cache-control', 'no-store');
      return { currency: table.currency, ...outcome.result };
    },
  );

  // ----- studio: the organiser's fee table -----

  /** The organiser's organization, its region, and the table it sees now; scoped to the organiser's own tenant. */
  async function editorState(req: FastifyRequest) {
    const staff = req.staff!;
    return inTenant(app.db, staff.organizationId, async (tx) => {
      const org = await organizationById(tx, staff.organizationId);
      if (!org) throw notFound();
      const region = org.kind === 'region' || !org.parent_id ? org : ((await organizationById(tx, org.parent_id)) ?? org);
      const resolved = await kitaFeeTableFor(tx, org);
      const source: TableSource = !resolved ? 'none' : org.kind === 'region' ? 'region' : resolved.own ? 'own' : 'inherited';
      return { org, region, resolved, source };
    });
  }

  type EditorState = Awaited<ReturnType<typeof editorState>>;

  function sendEditor(
    req: FastifyRequest,
    reply: FastifyReply,
    state: EditorState,
    draft: FeeTableDraft,
    extra: { errors?: FieldError[]; notice?: 'saved' | 'removed' | 'unsaved'; focus?: string; status?: number } = {},
  ) {
    const { org, region, source } = state;
    return sendPage(
      reply,
      FeeTableEditor({
        ctx: req.pageContext(),
        org: { name: org.name, slug: org.slug, kind: org.kind },
        regionName: region.name,
        source,
        currency: org.currency,
        draft,
        errors: extra.errors ?? [],
        notice: extra.notice,
        focus: extra.focus,
      }),
      extra.status ?? 200,
    );
  }

  app.get(EDITOR_PATH, { schema: routeSchemas.editor, preHandler: requireOrganiser }, async (req, reply) => {
    const state = await editorState(req);
    const table = state.resolved?.table ?? emptyTable(state.org.currency, todayIn(state.org.time_zone));
    const notice = req.query.gespeichert === '1' ? 'saved' : req.query.geloescht === '1' ? 'removed' : undefined;
    return sendEditor(req, reply, state, draftFromTable(table), { notice });
  });

  app.post(EDITOR_PATH, { schema: routeSchemas.saveTable, preHandler: requireOrganiser }, async (req, reply) => {
    const state = await editorState(req);
    const draft = readTableDraft(req.body);
    const action = req.body?.action;
    if (action !== undefined && action !== 'save') {
      const edit = parseEdit(action);
      if (!edit) throw badRequest();
      // Adding or removing a row or column changes only the page: the typed values come back, nothing is saved yet.
      const next = applyEdit(draft, edit);
      const last = next.brackets.length - 1;
      const focus = edit.kind === 'add-bracket' ? (next.brackets[last]!.from ? tableField.to(last) : tableField.from(last)) : undefined;
      return sendEditor(req, reply, state, next, { notice: 'unsaved', focus });
    }
    const { table, errors } = tableFromDraft(draft, state.org.currency);
    if (!table) return sendEditor(req, reply, state, draft, { errors, status: 422 });
    await inTenant(app.db, state.org.id, (tx) => saveKitaFeeTable(tx, state.org.id, table, `staff:${req.staff!.id}`));
    return reply.redirect(`${EDITOR_PATH}?gespeichert=1`, 303);
  });

  app.post(`${EDITOR_PATH}/eigene-tabelle-loeschen`, { schema: routeSchemas.removeTable, preHandler: requireOrganiser }, async (req, reply) => {
    const staff = req.staff!;
    // A region's table is the default of all its municipalities; only a municipality's own table can be dropped.
    const org = await inTenant(app.db, staff.organizationId, (tx) => organizationById(tx, staff.organizationId));
    if (org?.kind !== 'municipality') throw badRequest();
    await inTenant(app.db, org.id, (tx) => removeOwnKitaFeeTable(tx, org.id, `staff:${staff.id}`));
    return reply.redirect(`${EDITOR_PATH}?geloescht=1`, 303);
  });
}
