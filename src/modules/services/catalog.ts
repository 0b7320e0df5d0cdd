// The catalog: a region writes a template once and publishes versions; each municipality adopts it with local
// details and accepts new versions when it is ready. A municipality may also define services of its own.
import type { Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { newId } from '../../platform/ids.ts';
import { allFields, checkDefinition, checkRule, type DefinitionProblem, type FormDefinition } from '../forms/index.ts';
import * as repo from './repository.ts';
import { LIFE_SITUATIONS, type LocalDetails, type ServiceContent, type ServiceDefinition } from './schema.ts';
import { reindexService } from './search.ts';

export type Result<T> = ({ ok: true } & T) | { ok: false; problems: DefinitionProblem[] };

const SLUG = /^[a-z0-9][a-z0-9-]{1,59}$/;
const problem = (path: string, message: string): DefinitionProblem => ({ path, message });

// ----- checks -----

function checkText(value: unknown, path: string, required = true): DefinitionProblem[] {
  if (value === undefined && !required) return [];
  if (!value || typeof value !== 'object' || typeof (value as { de?: unknown }).de !== 'string')
    return [problem(path, 'Erwartet wird ein Text mit deutscher Fassung ({"de": "…", "en": "…"}).')];
  const { de, en } = value as { de: string; en?: unknown };
  if (required && !de.trim()) return [problem(`${path}/de`, 'Der deutsche Text fehlt.')];
  if (en !== undefined && typeof en !== 'string') return [problem(`${path}/en`, 'Die englische Fassung muss ein Text sein.')];
  return [];
}

/** Text PostgreSQL cannot store in jsonb (NUL, broken Unicode), found anywhere in a value, with its place. */
function unstorableText(value: unknown, path: string): DefinitionProblem[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') || !value.isWellFormed()
      ? [problem(path, 'Der Text enthält unzulässige Zeichen (Nullzeichen oder defekte Unicode-Zeichen). Bitte tippen Sie ihn neu ein.')]
      : [];
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unstorableText(v, `${path}/${k}`));
  return [];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks a template's or own service's content: texts, LeiKa key, life situations, fee rules and the form. */
export function checkContent(input: unknown): DefinitionProblem[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [problem('', 'Erwartet wird ein Objekt mit dem Inhalt der Leistung.')];
  const c = input as Record<string, unknown>;
  const { form: _form, ...rest } = c;
  const problems: DefinitionProblem[] = unstorableText(rest, '');
  if (problems.length) return problems;
  for (const key of ['title', 'summary', 'description', 'eligibility', 'legalBasis', 'processingTime'] as const) problems.push(...checkText(c[key], `/${key}`));
  problems.push(...checkText(c.feeNotes, '/feeNotes', false));
  if (!Array.isArray(c.documents)) problems.push(problem('/documents', 'Erwartet wird eine Liste von Texten.'));
  else c.documents.forEach((d, i) => problems.push(...checkText(d, `/documents/${i}`)));
  if (c.leikaKey !== undefined && (typeof c.leikaKey !== 'string' || !/^\d{14}$/.test(c.leikaKey))) {
    problems.push(problem('/leikaKey', 'Der LeiKa-Schlüssel hat genau 14 Ziffern.'));
  }
  if (!isStringArray(c.lifeSituations)) problems.push(problem('/lifeSituations', 'Erwartet wird eine Liste von Lebenslagen.'));
  else
    c.lifeSituations.forEach((l, i) => {
      if (!(LIFE_SITUATIONS as readonly string[]).includes(l))
        problems.push(problem(`/lifeSituations/${i}`, `Unbekannte Lebenslage „${l}“. Erlaubt: ${LIFE_SITUATIONS.join(', ')}.`));
    });
  for (const key of ['keywords', 'synonyms'] as const) if (!isStringArray(c[key])) problems.push(problem(`/${key}`, 'Erwartet wird eine Liste von Wörtern.'));
  if (!Number.isInteger(c.retentionYears) || (c.retentionYears as number) < 1 || (c.retentionYears as number) > 30) {
    problems.push(problem('/retentionYears', 'Die Aufbewahrungsfrist ist eine ganze Zahl von 1 bis 30 Jahren.'));
  }
  if (c.workflow !== 'approval') problems.push(problem('/workflow', 'Als Ablauf gibt es bisher nur „approval“ (prüfen und entscheiden).'));
  const form = checkDefinition(c.form);
  if (!form.ok) problems.push(...form.problems.map((p) => ({ ...p, path: `/form${p.path}` })));
  problems.push(...checkFeeRules(c.feeRules, form.ok ? new Set(allFields(form.form).map((f) => f.id)) : undefined));
  return problems;
}

function checkFeeRules(rules: unknown, fields: Set<string> | undefined): DefinitionProblem[] {
  if (!Array.isArray(rules)) return [problem('/feeRules', 'Erwartet wird eine Liste von Gebührenregeln.')];
  const problems: DefinitionProblem[] = [];
  const ids = new Set<string>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const path = `/feeRules/${i}`;
    if (!r || typeof r !== 'object') return problems.push(problem(path, 'Erwartet wird eine Gebührenregel.'));
    if (typeof r.id !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(r.id))
      problems.push(problem(`${path}/id`, 'Die Kennung besteht aus Buchstaben, Ziffern und _ und beginnt mit einem Buchstaben.'));
    else if (ids.has(r.id)) problems.push(problem(`${path}/id`, `Die Kennung „${r.id}“ kommt zweimal vor.`));
    else ids.add(r.id);
    problems.push(...checkText(r.label, `${path}/label`));
    if (r.unitMinor !== undefined && (!Number.isInteger(r.unitMinor) || (r.unitMinor as number) < 0)) {
      problems.push(problem(`${path}/unitMinor`, 'Der Betrag ist eine ganze Zahl in Cent bzw. Rappen, nicht negativ.'));
    }
    if (r.unitMinor === undefined && r.amount === undefined)
      problems.push(problem(path, 'Die Regel braucht einen Betrag (unitMinor) oder eine Berechnung (amount).'));
    if (fields)
      for (const key of ['when', 'quantity', 'amount'] as const) if (r[key] !== undefined) problems.push(...checkRule(r[key], fields, `${path}/${key}`));
  });
  return problems;
}

function checkLocal(input: unknown): DefinitionProblem[] {
  if (!input || typeof input !== 'object') return [problem('/local', 'Die örtlichen Angaben fehlen.')];
  const l = input as Record<string, unknown>;
  const unstorable = unstorableText(l, '/local');
  if (unstorable.length) return unstorable;
  const problems = [...checkText(l.office, '/local/office'), ...checkText(l.hours, '/local/hours', false), ...checkText(l.notes, '/local/notes', false)];
  for (const key of ['email', 'phone', 'address'] as const) if (typeof l[key] !== 'string') problems.push(problem(`/local/${key}`, 'Erwartet wird ein Text.'));
  if (l.feeOverrides !== undefined) {
    for (const [id, v] of Object.entries(l.feeOverrides as Record<string, unknown>)) {
      if (!Number.isInteger(v) || (v as number) < 0)
        problems.push(problem(`/local/feeOverrides/${id}`, 'Der örtliche Betrag ist eine ganze Zahl in Cent bzw. Rappen, nicht negativ.'));
    }
  }
  return problems;
}

/** Local fees are only allowed where the template says so. */
function checkOverrides(content: ServiceContent, local: LocalDetails): DefinitionProblem[] {
  return Object.keys(local.feeOverrides ?? {})
    .filter((id) => !content.feeRules.some((r) => r.id === id && r.localOverride))
    .map((id) => problem(`/local/feeOverrides/${id}`, `Die Gebühr „${id}“ darf nicht örtlich festgelegt werden.`));
}

export const resolveDefinition = (content: ServiceContent, local: LocalDetails): ServiceDefinition => ({ ...content, local });

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
  if (!SLUG.test(slug)) return { ok: false, problems: [problem('/slug', 'Die Adresse besteht aus 2 bis 60 Kleinbuchstaben, Ziffern und Bindestrichen.')] };
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  if (await repo.findTemplateBySlug(tx, regionId, slug)) return { ok: false, problems: [problem('/slug', `Die Adresse „${slug}“ ist schon vergeben.`)] };
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
  if (!t) return { ok: false, problems: [problem('', 'Diese Vorlage gibt es nicht.')] };
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
  if (!t?.draft) return { ok: false, problems: [problem('', 'Es gibt keinen Entwurf, der veröffentlicht werden könnte.')] };
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
) {
  if (await repo.findBySlug(tx, tenantId, row.slug))
    return { ok: false as const, problems: [problem('/slug', `Die Adresse „${row.slug}“ ist schon vergeben.`)] };
  const id = newId();
  await repo.insertService(tx, {
    ...row,
    tenant_id: tenantId,
    id,
    title: definition.title.de,
    definition: JSON.stringify(definition),
    version: 1,
    published: true,
    updated_at: now,
  });
  await repo.insertVersion(tx, { tenant_id: tenantId, service_id: id, version: 1, definition: JSON.stringify(definition) });
  await reindexService(tx, tenantId, id);
  return { ok: true as const, id };
}

/** Offers the region's newest published version of a template in this municipality, with its local details. */
export async function adoptTemplate(
  tx: Tx,
  municipalityId: string,
  regionId: string,
  templateId: string,
  local: LocalDetails,
  slug?: string,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  const t = await templateById(tx, regionId, templateId);
  if (!t?.published) return { ok: false, problems: [problem('', 'Diese Vorlage ist nicht veröffentlicht.')] };
  if (await repo.findByTemplate(tx, municipalityId, templateId)) return { ok: false, problems: [problem('', 'Diese Vorlage ist hier schon übernommen.')] };
  const problems = [...checkLocal(local), ...checkOverrides(t.published.content, local)];
  if (problems.length) return { ok: false, problems };
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
  );
  if (result.ok)
    await audit(tx, municipalityId, {
      actor: 'studio',
      action: 'service.adopted',
      objectType: 'service',
      objectId: result.id,
      data: { templateId, version: t.published.version },
    });
  return result;
}

export async function createOwnService(
  tx: Tx,
  municipalityId: string,
  slug: string,
  content: ServiceContent,
  local: LocalDetails,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  if (!SLUG.test(slug)) return { ok: false, problems: [problem('/slug', 'Die Adresse besteht aus 2 bis 60 Kleinbuchstaben, Ziffern und Bindestrichen.')] };
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
  if (!row) return { ok: false, problems: [problem('', 'Diese Leistung gibt es nicht.')] };
  const definition = row.definition as ServiceDefinition;
  const content: ServiceContent = { ...definition };
  delete (content as Partial<ServiceDefinition>).local;
  const problems = [...checkLocal(local), ...checkOverrides(content, local)];
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

/** A municipality's own service: publishes its edited content as the next version. */
export async function publishOwnService(tx: Tx, municipalityId: string, serviceId: string, now = new Date()): Promise<Result<{ version: number }>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row?.own_content) return { ok: false, problems: [problem('', 'Diese Leistung ist keine eigene Leistung der Kommune.')] };
  const content = row.own_content as ServiceContent;
  const problems = checkContent(content);
  if (problems.length) return { ok: false, problems };
  const version = await publishServiceVersion(tx, municipalityId, serviceId, row.version, resolveDefinition(content, row.local as LocalDetails), {}, now);
  await audit(tx, municipalityId, { actor: 'studio', action: 'service.published', objectType: 'service', objectId: serviceId, data: { version } });
  return { ok: true, version };
}

export async function saveOwnContent(tx: Tx, municipalityId: string, serviceId: string, content: ServiceContent, now = new Date()): Promise<Result<object>> {
  const row = await repo.lockById(tx, municipalityId, serviceId);
  if (!row?.own_content) return { ok: false, problems: [problem('', 'Diese Leistung ist keine eigene Leistung der Kommune.')] };
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
  if (!row?.template_id) return { ok: false, problems: [problem('', 'Diese Leistung beruht auf keiner Vorlage.')] };
  const t = await templateById(tx, regionId, row.template_id);
  if (!t?.published || t.published.version <= (row.template_version ?? 0))
    return { ok: false, problems: [problem('', 'Es gibt keine neuere Fassung der Vorlage.')] };
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
  if (!current) return { ok: false, problems: [problem('', 'Dieses Formular gibt es nicht.')] };
  if (basedOn && JSON.stringify(basedOn) !== JSON.stringify(current.content.form)) {
    return {
      ok: false,
      problems: [
        problem(
          '',
          'Das Formular wurde inzwischen von jemand anderem geändert. Ihre Änderung ist nicht gespeichert; bitte laden Sie die Seite neu und ändern Sie es erneut.',
        ),
      ],
    };
  }
  const content = { ...current.content, form };
  return owner.kind === 'template' ? saveTemplateDraft(tx, owner.tenantId, owner.id, content, now) : saveOwnContent(tx, owner.tenantId, owner.id, content, now);
}
