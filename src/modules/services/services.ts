import type { Tx } from '../../platform/db/database.ts';
import { ownDesignation } from '../../platform/i18n/place-names.ts';
import * as repo from './repository.ts';
import type { Service, ServiceDefinition } from './schema.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findById>>>;

const toService = (row: Row): Service => ({
  id: row.id,
  tenantId: row.tenant_id,
  slug: row.slug,
  title: row.title,
  version: row.version,
  templateId: row.template_id,
  templateVersion: row.template_version,
  definition: row.definition as ServiceDefinition,
});

/** Published services of a municipality, A–Z. */
export async function servicesOf(tx: Tx, tenantId: string): Promise<Service[]> {
  return (await repo.listForTenant(tx, tenantId)).filter((r) => r.published).map(toService);
}

/** Every service's id and title (German, and English where the organiser gave one), also unpublished ones, for the back office's lists. */
export async function serviceTitles(tx: Tx, tenantId: string): Promise<Array<{ id: string; title: { de: string; en?: string } }>> {
  return (await repo.listTitles(tx, tenantId)).map((r) => ({ id: r.id, title: { de: r.title, ...(r.title_en ? { en: r.title_en } : {}) } }));
}

/** Every service of a municipality, also unpublished ones, for the studio. */
export async function allServicesOf(tx: Tx, tenantId: string): Promise<Array<Service & { own: boolean; published: boolean }>> {
  return (await repo.listForTenant(tx, tenantId)).map((r) => ({ ...toService(r), own: r.own_content !== null, published: r.published }));
}

export async function serviceBySlug(tx: Tx, tenantId: string, slug: string): Promise<Service | undefined> {
  const row = await repo.findBySlug(tx, tenantId, slug);
  return row?.published ? toService(row) : undefined;
}

export async function serviceById(tx: Tx, tenantId: string, id: string): Promise<Service | undefined> {
  const row = await repo.findById(tx, tenantId, id);
  return row && toService(row);
}

/** The service as it was in a given version: a draft or an application keeps the version it was started with. */
export async function serviceAtVersion(tx: Tx, tenantId: string, id: string, version: number): Promise<Service | undefined> {
  const [row, at] = await Promise.all([repo.findById(tx, tenantId, id), repo.findVersion(tx, tenantId, id, version)]);
  if (!row || !at) return undefined;
  return { ...toService(row), version, definition: at.definition as ServiceDefinition };
}

/** Raw row for the studio (own content, local details, template reference). */
export const serviceRow = (tx: Tx, tenantId: string, id: string) => repo.findById(tx, tenantId, id);

/** Keys that hold identifiers, answers' values or rules, never words for people: left as they are. */
const NOT_WORDS = new Set([
  'id',
  'value',
  'type',
  'var',
  'when',
  'showIf',
  'requiredIf',
  'compute',
  'amount',
  'quantity',
  'accept',
  'autocomplete',
  'source',
  'pattern',
]);

function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, change)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, NOT_WORDS.has(k) ? v : mapStrings(v, change)])) as T;
  return value;
}

/**
 * The service as this municipality offers it to citizens: a template's generic "Gemeinde" in the municipality's own
 * designation ("bei der Stadt" in a Stadt), in every text of the page, the form and the documents.
 */
export function asOffered(service: Service, municipalityName: string): Service {
  const change = (text: string) => ownDesignation(text, municipalityName);
  if (change('Gemeinde') === 'Gemeinde') return service;
  return { ...service, title: change(service.title), definition: mapStrings(service.definition, change) };
}
