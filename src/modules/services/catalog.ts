// The catalog: a region writes a template once and publishes versions; each municipality adopts it with local
// details and accepts new versions when it is ready. A municipality may also define services of its own.
import type { Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Message, MessageKey } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { allFields, checkDefinition, checkRule, type DefinitionProblem, type FormDefinition } from '../forms/index.ts';
import * as repo from './repository.ts';
import { FEE_KINDS, LIFE_SITUATIONS, type LocalDetails, type ServiceContent, type ServiceDefinition } from './schema.ts';
import { reindexService } from './search.ts';

/** A workflow's key as the workflows module writes them: `standard`, `vier-augen`. */
const WORKFLOW_KEY = /^[a-z][a-z0-9-]{0,62}$/;

export type Result<T> = ({ ok: true } & T) | { ok: false; problems: DefinitionProblem[] };

const SLUG = /^[a-z0-9][a-z0-9-]{1,59}$/;
const problem = (path: string, key: MessageKey, params?: Message['params']): DefinitionProblem => (params ? { path, key, params } : { path, key });

// ----- checks -----

function checkText(value: unknown, path: string, required = true): DefinitionProblem[] {
  if (value === undefined && !required) return [];
  if (!value || typeof value !== 'object' || typeof (value as { de?: unknown }).de !== 'string') return [problem(path, 'forms.service.textExpected')];
  const { de, en } = value as { de: string; en?: unknown };
  if (required && !de.trim()) return [problem(`${path}/de`, 'forms.service.germanMissing')];
  if (en !== undefined && typeof en !== 'string') return [problem(`${path}/en`, 'forms.service.englishNotText')];
  return [];
}

/** Text PostgreSQL cannot store in jsonb (NUL, broken Unicode), found anywhere in a value, with its place. */
function unstorableText(value: unknown, path: string): DefinitionProblem[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') || !value.isWellFormed() ? [problem(path, 'forms.service.unstorable')] : [];
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unstorableText(v, `${path}/${k}`));
  return [];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks a template's or own service's content: texts, LeiKa key, life situations, fee rules and the form. */
export function checkContent(input: unknown): DefinitionProblem[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [problem('', 'forms.service.contentObject')];
  const c = input as Record<string, unknown>;
  const { form: _form, ...rest } = c;
  const problems: DefinitionProblem[] = unstorableText(rest, '');
  if (problems.length) return problems;
  for (const key of ['title', 'summary', 'description', 'eligibility', 'legalBasis', 'processingTime'] as const) problems.push(...checkText(c[key], `/${key}`));
  problems.push(...checkText(c.feeNotes, '/feeNotes', false));
  if (!Array.isArray(c.documents)) problems.push(problem('/documents', 'forms.service.textList'));
  else c.documents.forEach((d, i) => problems.push(...checkText(d, `/documents/${i}`)));
  if (c.leikaKey !== undefined && (typeof c.leikaKey !== 'string' || !/^\d{14}$/.test(c.leikaKey))) {
    problems.push(problem('/leikaKey', 'forms.service.leikaKey'));
  }
  if (!isStringArray(c.lifeSituations)) problems.push(problem('/lifeSituations', 'forms.service.lifeSituationList'));
  else
    c.lifeSituations.forEach((l, i) => {
      if (!(LIFE_SITUATIONS as readonly string[]).includes(l))
        problems.push(problem(`/lifeSituations/${i}`, 'forms.service.lifeSituationUnknown', { value: l, allowed: LIFE_SITUATIONS.join(', ') }));
    });
  for (const key of ['keywords', 'synonyms'] as const) if (!isStringArray(c[key])) problems.push(problem(`/${key}`, 'forms.service.wordList'));
  if (c.keywordsEn !== undefined && !isStringArray(c.keywordsEn)) problems.push(problem('/keywordsEn', 'forms.service.wordList'));
  if (!Number.isInteger(c.retentionYears) || (c.retentionYears as number) < 1 || (c.retentionYears as number) > 30) {
    problems.push(problem('/retentionYears', 'forms.service.retentionYears'));
  }
  if (typeof c.workflow !== 'string' || !WORKFLOW_KEY.test(c.workflow)) problems.push(problem('/workflow', 'forms.service.workflow'));
  const form = checkDefinition(c.form);
  if (!form.ok) problems.push(...form.problems.map((p) => ({ ...p, path: `/form${p.path}` })));
  problems.push(...checkFeeRules(c.feeRules, form.ok ? new Set(allFields(form.form).map((f) => f.id)) : undefined));
  return problems;
}

function checkFeeRules(rules: unknown, fields: Set<string> | undefined): DefinitionProblem[] {
  if (!Array.isArray(rules)) return [problem('/feeRules', 'forms.service.feeRuleList')];
  const problems: DefinitionProblem[] = [];
  const ids = new Set<string>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const path = `/feeRules/${i}`;
    if (!r || typeof r !== 'object') return problems.push(problem(path, 'forms.service.feeRule'));
    if (typeof r.id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(r.id)) problems.push(problem(`${path}/id`, 'forms.service.feeRuleId'));
    else if (ids.has(r.id)) problems.push(problem(`${path}/id`, 'forms.service.feeRuleIdTwice', { id: r.id }));
    else ids.add(r.id);
    problems.push(...checkText(r.label, `${path}/label`));
    if (r.kind !== undefined && !(FEE_KINDS as readonly unknown[]).includes(r.kind))
      problems.push(problem(`${path}/kind`, 'forms.service.feeKind', { allowed: FEE_KINDS.join(', ') }));
    if (r.unitMinor !== undefined && (!Number.isInteger(r.unitMinor) || (r.unitMinor as number) < 0)) {
      problems.push(problem(`${path}/unitMinor`, 'forms.service.unitMinor'));
    }
    // A local fee may leave its amount to each municipality, which then must set one before publishing.
    if (r.unitMinor === undefined && r.amount === undefined && r.localOverride !== true) problems.push(problem(path, 'forms.service.feeRuleAmount'));
    if (fields)
      for (const key of ['when', 'quantity', 'amount'] as const) if (r[key] !== undefined) problems.push(...checkRule(r[key], fields, `${path}/${key}`));
  });
  return problems;
}

/** Checks the shape of local details; `complete` also asks for the office (a draft may leave it empty). */
function checkLocal(input: unknown, complete = true): DefinitionProblem[] {
  if (!input || typeof input !== 'object') return [problem('/local', 'forms.service.localMissing')];
  const l = input as Record<string, unknown>;
  const unstorable = unstorableText(l, '/local');
  if (unstorable.length) return unstorable;
  const problems = [
    ...checkText(l.office, '/local/office', complete),
    ...checkText(l.hours, '/local/hours', false),
    ...checkText(l.notes, '/local/notes', false),
  ];
  for (const key of ['email', 'phone', 'address'] as const) if (typeof l[key] !== 'string') problems.push(problem(`/local/${key}`, 'forms.service.textPlain'));
  if (l.workflow !== undefined && (typeof l.workflow !== 'string' || !WORKFLOW_KEY.test(l.workflow)))
    problems.push(problem('/local/workflow', 'forms.service.workflow'));
  if (l.feeOverrides !== undefined) {
    for (const [id, v] of Object.entries(l.feeOverrides as Record<string, unknown>)) {
      if (!Number.isInteger(v) || (v as number) < 0) problems.push(problem(`/local/feeOverrides/${id}`, 'forms.service.localFee'));
    }
  }
  return problems;
}

/** Local fees are only allowed where the template says so. */
function checkOverrides(content: ServiceContent, local: LocalDetails): DefinitionProblem[] {
  return Object.keys(local.feeOverrides ?? {})
    .filter((id) => !content.feeRules.some((r) => r.id === id && r.localOverride))
    .map((id) => problem(`/local/feeOverrides/${id}`, 'forms.service.feeNotLocal', { id }));
}

/**
 * What a municipality still has to fill in before its adopted service goes public, each with the place of its input:
 * the office, the e-mail address and phone number, the opening hours, and every local fee for which the template
 * gives no amount of its own.
 */
export function missingLocalDetails(content: Pick<ServiceContent, 'feeRules'>, local: LocalDetails): DefinitionProblem[] {
  const missing: DefinitionProblem[] = [];
  if (!local.office?.de?.trim()) missing.push(problem('/local/office/de', 'forms.service.missing.office'));
  if (!local.email?.trim()) missing.push(problem('/local/email', 'forms.service.missing.email'));
  if (!local.phone?.trim()) missing.push(problem('/local/phone', 'forms.service.missing.phone'));
  if (!local.hours?.de?.trim()) missing.push(problem('/local/hours/de', 'forms.service.missing.hours'));
  for (const r of content.feeRules)
    if (r.localOverride && r.unitMinor === undefined && local.feeOverrides?.[r.id] === undefined)
      missing.push(problem(`/local/feeOverrides/${r.id}`, 'forms.service.missing.fee', { label: r.label.de }));
  return missing;
}

/** The service as it runs: the content, with the workflow the municipality chose in its local details. */
export const resolveDefinition = (content: ServiceContent, local: LocalDetails): ServiceDefinition => ({
  ...content,
  ...(local.workflow ? { workflow: local.workflow } : {}),
  local,
});

// ----- templates (region) -----

export interface TemplateSummary {
  id: string;
  slug: string;
  title: string;
  published: number | null;
  draft: number | null;
}

/** The templates with the title of their newest version, the newest published and the open draft version. */
export async function listTemplates(tx: Tx, regionId: string): Promise<TemplateSummary[]> {
  const byId = new Map<string, TemplateSummary>();
  for (const r of await repo.listTemplates(tx, regionId)) {
    let t = byId.get(r.id);
    if (!t) {
      t = { id: r.id, slug: r.slug, title: r.title, published: null, draft: null };
      byId.set(r.id, t);
    }
    if (r.published_at && t.published === null) t.published = r.version;
    if (!r.published_at && t.draft === null && t.published === null) t.draft = r.version;
  }
  return [...byId.values()];
}

export async function createTemplate(tx: Tx, regionId: string, slug: string, content: ServiceContent, now = new Date()): Promise<Result<{ id: string }>> {
  if (!SLUG.test(slug)) return { ok: false, problems: [problem('/slug', 'forms.service.slugFormat')] };
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  if (await repo.findTemplateBySlug(tx, regionId, slug)) return { ok: false, problems: [problem('/slug', 'forms.service.slugTaken', { slug })] };
  const id = newId();
  await repo.insertTemplate(tx, { tenant_id: regionId, id, slug });
  await repo.insertTemplateVersion(tx, {
    tenant_id: regionId,
    template_id: id,
    version: 1,
    content: JSON.stringify(content),
    published_at: null,
    updated_at: now,
  });
  await audit(tx, regionId, { actor: 'studio', action: 'template.created', objectType: 'service_template', objectId: id, data: { slug } });
  return { ok: true, id };
}

export interface TemplateView {
  id: string;
  slug: string;
  regionId: string;
  versions: Array<{ version: number; publishedAt: Date | null; content: ServiceContent }>;
  /** The newest published version, if any. */
  published?: { version: number; content: ServiceContent };
  /** The version being edited, if any (always newer than the published one). */
  draft?: { version: number; content: ServiceContent };
}

export async function templateById(tx: Tx, regionId: string, templateId: string): Promise<TemplateView | undefined> {
  const t = await repo.findTemplate(tx, regionId, templateId);
  if (!t) return undefined;
  const versions = (await repo.templateVersions(tx, regionId, templateId)).map((v) => ({
    version: v.version,
    publishedAt: v.published_at,
    content: v.content as ServiceContent,
  }));
  const published = versions.find((v) => v.publishedAt);
  const draft = versions[0] && !versions[0].publishedAt ? versions[0] : undefined;
  return { id: t.id, slug: t.slug, regionId, versions, published, draft };
}

/** Saves the draft, starting a new version from the published one when no draft is open. */
export async function saveTemplateDraft(
  tx: Tx,
  regionId: string,
  templateId: string,
  content: ServiceContent,
  now = new Date(),
): Promise<Result<{ version: number }>> {
  // Saves and publications of one template run one after another, so a version is never written twice.
  await repo.lockTemplate(tx, regionId, templateId);
  const t = await templateById(tx, regionId, templateId);
  if (!t) return { ok: false, problems: [problem('', 'forms.service.noTemplate')] };
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  if (t.draft) {
    await repo.updateDraftVersion(tx, regionId, templateId, t.draft.version, { content: JSON.stringify(content), updated_at: now });
    return { ok: true, version: t.draft.version };
  }
  const version = (t.versions[0]?.version ?? 0) + 1;
  await repo.insertTemplateVersion(tx, {
    tenant_id: regionId,
    template_id: templateId,
    version,
    content: JSON.stringify(content),
    published_at: null,
    updated_at: now,
  });
  return { ok: true, version };
}

export async function publishTemplate(tx: Tx, regionId: string, templateId: string, now = new Date()): Promise<Result<{ version: number }>> {
  await repo.lockTemplate(tx, regionId, templateId);
  const t = await templateById(tx, regionId, templateId);
  if (!t?.draft) return { ok: false, problems: [problem('', 'forms.service.noDraft')] };
  const problems = checkContent(t.draft.content);
  if (problems.length) return { ok: false, problems };
  await repo.updateDraftVersion(tx, regionId, templateId, t.draft.version, { published_at: now, updated_at: now });
  await audit(tx, regionId, {
    actor: 'studio',
    action: 'template.published',
    objectType: 'service_template',
    objectId: templateId,
    data: { version: t.draft.version },
  });
  return { ok: true, version: t.draft.version };
}

// ----- services (municipality) -----

async function writeNewService(
  tx: Tx,
  tenantId: string,
  row: Omit<repo.ServiceRow, 'tenant_id' | 'id' | 'version' | 'published' | 'updated_at' | 'definition' | 'title'>,
  definition: ServiceDefinition,
  now: Date,
  published = true,
) {
  if (await repo.findBySlug(tx, tenantId, row.slug)) return { ok: false as const, problems: [problem('/slug', 'forms.service.slugTaken', { slug: row.slug })] };
  const id = newId();
  await repo.insertService(tx, {
    ...row,
    tenant_id: tenantId,
    id,
    title: definition.title.de,
    definition: JSON.stringify(definition),
    version: 1,
    published,
    updated_at: now,
  });
  await repo.insertVersion(tx, { tenant_id: tenantId, service_id: id, version: 1, definition: JSON.stringify(definition) });
  await reindexService(tx, tenantId, id);
  return { ok: true as const, id };
}

/**
 * Takes the region's newest published version of a template into this municipality with its local details. The
 * service goes public at once only when nothing local is missing; otherwise it stays a draft (not in the portal,
 * not searchable) until the details are complete and it is published (`publishService`).
 */
export async function adoptTemplate(
  tx: Tx,
  municipalityId: string,
  regionId: string,
  templateId: string,
  local: LocalDetails,
  slug?: string,
  now = new Date(),
): Promise<Result<{ id: string; published: boolean }>> {
  const t = await templateById(tx, regionId, templateId);
  if (!t?.published) return { ok: false, problems: [problem('', 'forms.service.notPublished')] };
  if (await repo.findByTemplate(tx, municipalityId, templateId)) return { ok: false, problems: [problem('', 'forms.service.alreadyAdopted')] };
  const problems = [...checkLocal(local, false), ...checkOverrides(t.published.content, local)];
  if (problems.length) return { ok: false, problems };
  const complete = missingLocalDetails(t.published.content, local).length === 0;
  const result = await writeNewService(
    tx,
    municipalityId,
    {
      slug: slug ?? t.slug,
      template_tenant_id: regionId,
      template_id: templateId,
      template_version: t.published.version,
      own_content: null,
      local: JSON.stringify(local),
    },
    resolveDefinition(t.published.content, local),
    now,
    complete,
  );
  if (result.ok)
    await audit(tx, municipalityId, {
      actor: 'studio',
      action: 'service.adopted',
      objectType: 'service',
      objectId: result.id,
      data: { templateId, version: t.published.version, published: complete },
    });
  return result.ok ? { ...result, published: complete } : result;
}

export async function createOwnService(
  tx: Tx,
  municipalityId: string,
  slug: string,
  content: ServiceContent,
  local: LocalDetails,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  if (!SLUG.test(slug)) return { ok: false, problems: [problem('/slug', 'forms.service.slugFormat')] };
  const problems = [...checkContent(content), ...checkLocal(local)];
  if (problems.length) return { ok: false, problems };
  const result = await writeNewService(
    tx,
    municipalityId,
    {
      slug,
      template_tenant_id: null,
      template_id: null,
      template_version: null,
      own_content: JSON.stringify(content),
      local: JSON.stringify(local),
    },
    resolveDefinition(content, local),
    now,
  );
  if (result.ok) await audit(tx, municipalityId, { actor: 'studio', action: 'service.created', objectType: 'service', objectId: result.id });
  return result;
}

/** Publishes a new version of a municipality's service; drafts and applications begun earlier keep theirs. */
async function publishServiceVersion(
  tx: Tx,
  tenantId: string,
  serviceId: string,
  currentVersion: number,
  definition: ServiceDefinition,
  extra: Partial<repo.ServiceRow>,
  now: Date,
) {
  const version = currentVersion + 1;
  await repo.updateService(tx, tenantId, serviceId, { ...extra, title: definition.title.de, definition: JSON.stringify(definition), version, updated_at: now });
  await repo.insertVersion(tx, { tenant_id: tenantId, service_id: serviceId, version, definition: JSON.stringify(definition) });
  await reindexService(tx, tenantId, serviceId);
  return version;
}

export async function updateLocalDetails(
  tx: Tx,
  municipalityId: string,
  serviceId: string,
  local: LocalDetails,
  now = new Date(),
): Promise<Result<{ version: number }>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row) return { ok: false, problems: [problem('', 'forms.service.noService')] };
  const definition = row.definition as ServiceDefinition;
  const content: ServiceContent = { ...definition };
  delete (content as Partial<ServiceDefinition>).local;
  // A draft may be saved with details still missing; a public service keeps them complete.
  const problems = [...checkLocal(local, !row.published), ...checkOverrides(content, local)];
  if (row.published) problems.push(...missingLocalDetails(content, local).filter((m) => !problems.some((p) => p.path === m.path)));
  if (problems.length) return { ok: false, problems };
  const version = await publishServiceVersion(
    tx,
    municipalityId,
    serviceId,
    row.version,
    resolveDefinition(content, local),
    { local: JSON.stringify(local) },
    now,
  );
  await audit(tx, municipalityId, { actor: 'studio', action: 'service.local_details_changed', objectType: 'service', objectId: serviceId, data: { version } });
  return { ok: true, version };
}

/** Makes a draft service public: refused, naming each missing detail, while its local details are incomplete. */
export async function publishService(tx: Tx, municipalityId: string, serviceId: string, now = new Date()): Promise<Result<{ version: number }>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row) return { ok: false, problems: [problem('', 'forms.service.noService')] };
  if (row.published) return { ok: false, problems: [problem('', 'forms.service.alreadyPublic')] };
  const definition = row.definition as ServiceDefinition;
  const local = row.local as LocalDetails;
  const missing = missingLocalDetails(definition, local);
  const problems = missing.length ? missing : checkLocal(local);
  if (problems.length) return { ok: false, problems };
  await repo.updateService(tx, municipalityId, serviceId, { published: true, updated_at: now });
  await reindexService(tx, municipalityId, serviceId);
  await audit(tx, municipalityId, { actor: 'studio', action: 'service.published', objectType: 'service', objectId: serviceId, data: { version: row.version } });
  return { ok: true, version: row.version };
}

/** A municipality's own service: publishes its edited content as the next version. */
export async function publishOwnService(tx: Tx, municipalityId: string, serviceId: string, now = new Date()): Promise<Result<{ version: number }>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row?.own_content) return { ok: false, problems: [problem('', 'forms.service.notOwn')] };
  const content = row.own_content as ServiceContent;
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  const version = await publishServiceVersion(tx, municipalityId, serviceId, row.version, resolveDefinition(content, row.local as LocalDetails), {}, now);
  await audit(tx, municipalityId, { actor: 'studio', action: 'service.published', objectType: 'service', objectId: serviceId, data: { version } });
  return { ok: true, version };
}

export async function saveOwnContent(tx: Tx, municipalityId: string, serviceId: string, content: ServiceContent, now = new Date()): Promise<Result<object>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row?.own_content) return { ok: false, problems: [problem('', 'forms.service.notOwn')] };
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  await repo.updateService(tx, municipalityId, serviceId, { own_content: JSON.stringify(content), updated_at: now });
  return { ok: true };
}

export interface PendingUpdate {
  serviceId: string;
  slug: string;
  title: string;
  templateId: string;
  current: number;
  latest: number;
}

export async function pendingTemplateUpdates(tx: Tx, municipalityId: string): Promise<PendingUpdate[]> {
  return (await repo.servicesWithNewerTemplate(tx, municipalityId)).map((r) => ({
    serviceId: r.id,
    slug: r.slug,
    title: r.title,
    templateId: r.template_id!,
    current: r.template_version ?? 0,
    latest: Number(r.latest),
  }));
}

/** Moves an adopted service to its template's newest published version. */
export async function acceptTemplateVersion(
  tx: Tx,
  municipalityId: string,
  regionId: string,
  serviceId: string,
  now = new Date(),
): Promise<Result<{ version: number }>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row?.template_id) return { ok: false, problems: [problem('', 'forms.service.noTemplateBase')] };
  const t = await templateById(tx, regionId, row.template_id);
  if (!t?.published || t.published.version <= (row.template_version ?? 0)) return { ok: false, problems: [problem('', 'forms.service.noNewerVersion')] };
  const local = row.local as LocalDetails;
  const problems = checkOverrides(t.published.content, local);
  if (problems.length) return { ok: false, problems };
  const version = await publishServiceVersion(
    tx,
    municipalityId,
    serviceId,
    row.version,
    resolveDefinition(t.published.content, local),
    { template_version: t.published.version },
    now,
  );
  await audit(tx, municipalityId, {
    actor: 'studio',
    action: 'service.template_accepted',
    objectType: 'service',
    objectId: serviceId,
    data: { templateVersion: t.published.version, version },
  });
  return { ok: true, version };
}

// ----- the form editor's view of what it edits -----

export type FormOwner = { kind: 'template' | 'service'; tenantId: string; id: string };

/** The form being edited: a template's draft (started from the published version) or a municipality's own service. */
export async function editableForm(tx: Tx, owner: FormOwner): Promise<{ title: string; form: FormDefinition; version: number } | undefined> {
  const content = await editableContent(tx, owner);
  return content && { title: content.content.title.de, form: content.content.form, version: content.version };
}

async function editableContent(tx: Tx, owner: FormOwner): Promise<{ content: ServiceContent; version: number } | undefined> {
  if (owner.kind === 'template') {
    const t = await templateById(tx, owner.tenantId, owner.id);
    const base = t?.draft ?? t?.published;
    return base && { content: base.content, version: t!.draft ? base.version : base.version + 1 };
  }
  const row = await repo.findById(tx, owner.tenantId, owner.id);
  return row?.own_content ? { content: row.own_content as ServiceContent, version: row.version + 1 } : undefined;
}

/** Saves an edited form; with `basedOn`, only if the form is still the one the edit started from. */
export async function saveEditableForm(tx: Tx, owner: FormOwner, form: FormDefinition, basedOn?: FormDefinition, now = new Date()): Promise<Result<object>> {
  if (owner.kind === 'template') await repo.lockTemplate(tx, owner.tenantId, owner.id);
  else await repo.lockById(tx, owner.tenantId, owner.id);
  const current = await editableContent(tx, owner);
  if (!current) return { ok: false, problems: [problem('', 'forms.service.noForm')] };
  if (basedOn && JSON.stringify(basedOn) !== JSON.stringify(current.content.form)) {
    return {
      ok: false,
      problems: [problem('', 'forms.service.changedMeanwhile')],
    };
  }
  const content = { ...current.content, form };
  return owner.kind === 'template' ? saveTemplateDraft(tx, owner.tenantId, owner.id, content, now) : saveOwnContent(tx, owner.tenantId, owner.id, content, now);
}
