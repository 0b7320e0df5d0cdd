import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

// ----- a municipality's services -----

const SERVICE_COLUMNS = [
  'id',
  'tenant_id',
  'slug',
  'title',
  'definition',
  'version',
  'template_id',
  'template_tenant_id',
  'template_version',
  'own_content',
  'local',
  'published',
] as const;

export const listForTenant = (tx: Tx, tenantId: string) =>
  tx.selectFrom('services').select(SERVICE_COLUMNS).where('tenant_id', '=', tenantId).orderBy('title').execute();

/** Each service's id and titles only, without the definitions: for lists in the back office. */
export const listTitles = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('services')
    .select(['id', 'title', sql<string | null>`definition #>> '{title,en}'`.as('title_en')])
    .where('tenant_id', '=', tenantId)
    .execute();

export const findBySlug = (tx: Tx, tenantId: string, slug: string) =>
  tx.selectFrom('services').select(SERVICE_COLUMNS).where('tenant_id', '=', tenantId).where('slug', '=', slug).executeTakeFirst();

export const findById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('services').select(SERVICE_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** The service row, locked until the transaction ends: version numbers are read and written under it. */
export const lockById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('services').select(SERVICE_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const findByTemplate = (tx: Tx, tenantId: string, templateId: string) =>
  tx.selectFrom('services').select(SERVICE_COLUMNS).where('tenant_id', '=', tenantId).where('template_id', '=', templateId).executeTakeFirst();

export const findVersion = (tx: Tx, tenantId: string, serviceId: string, version: number) =>
  tx
    .selectFrom('service_versions')
    .select(['definition', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('service_id', '=', serviceId)
    .where('version', '=', version)
    .executeTakeFirst();

export interface ServiceRow {
  tenant_id: string;
  id: string;
  slug: string;
  title: string;
  definition: string;
  version: number;
  template_tenant_id: string | null;
  template_id: string | null;
  template_version: number | null;
  own_content: string | null;
  local: string;
  published: boolean;
  updated_at: Date;
}

export const insertService = (tx: Tx, row: ServiceRow) =>
  tx
    .insertInto('services')
    .values(row as never)
    .execute();

export const updateService = (tx: Tx, tenantId: string, id: string, row: Partial<Omit<ServiceRow, 'tenant_id' | 'id'>>) =>
  tx
    .updateTable('services')
    .set(row as never)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();

export const insertVersion = (tx: Tx, row: { tenant_id: string; service_id: string; version: number; definition: string }) =>
  tx.insertInto('service_versions').values(row).execute();

/** Each adopted service whose template has a newer published version than the one the municipality offers. */
export const servicesWithNewerTemplate = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('services as s')
    .innerJoin('service_template_versions as v', (j) => j.onRef('v.tenant_id', '=', 's.template_tenant_id').onRef('v.template_id', '=', 's.template_id'))
    .select(['s.id', 's.slug', 's.title', 's.template_id', 's.template_version', (eb) => eb.fn.max('v.version').as('latest')])
    .where('s.tenant_id', '=', tenantId)
    .where('v.published_at', 'is not', null)
    .groupBy(['s.id', 's.slug', 's.title', 's.template_id', 's.template_version'])
    .having((eb) => eb.fn.max('v.version'), '>', sql<number>`coalesce(s.template_version, 0)`)
    .execute();

// ----- a region's templates -----

export const insertTemplate = (tx: Tx, row: { tenant_id: string; id: string; slug: string }) => tx.insertInto('service_templates').values(row).execute();

export const findTemplate = (tx: Tx, regionId: string, templateId: string) =>
  tx.selectFrom('service_templates').select(['tenant_id', 'id', 'slug']).where('tenant_id', '=', regionId).where('id', '=', templateId).executeTakeFirst();

export const lockTemplate = (tx: Tx, regionId: string, templateId: string) =>
  tx.selectFrom('service_templates').select('id').where('tenant_id', '=', regionId).where('id', '=', templateId).forUpdate().executeTakeFirst();

export const findTemplateBySlug = (tx: Tx, tenantId: string, slug: string) =>
  tx.selectFrom('service_templates').select(['tenant_id', 'id', 'slug']).where('tenant_id', '=', tenantId).where('slug', '=', slug).executeTakeFirst();

export const templateVersions = (tx: Tx, regionId: string, templateId: string) =>
  tx
    .selectFrom('service_template_versions')
    .select(['tenant_id', 'template_id', 'version', 'content', 'published_at', 'updated_at'])
    .where('tenant_id', '=', regionId)
    .where('template_id', '=', templateId)
    .orderBy('version', 'desc')
    .execute();

/** The templates a tenant can see (its own as a region, its region's as a municipality) with their newest versions. */
export const listTemplates = (tx: Tx, regionId: string) =>
  tx
    .selectFrom('service_templates as t')
    .innerJoin('service_template_versions as v', (j) => j.onRef('v.tenant_id', '=', 't.tenant_id').onRef('v.template_id', '=', 't.id'))
    .select(['t.tenant_id', 't.id', 't.slug', 'v.version', sql<string>`v.content->'title'->>'de'`.as('title'), 'v.published_at'])
    .where('t.tenant_id', '=', regionId)
    .orderBy('t.slug')
    .orderBy('v.version', 'desc')
    .execute();

export const insertTemplateVersion = (
  tx: Tx,
  row: { tenant_id: string; template_id: string; version: number; content: string; published_at: Date | null; updated_at: Date },
) => tx.insertInto('service_template_versions').values(row).execute();

/** Changes a draft version only: a published version never changes. */
export const updateDraftVersion = (
  tx: Tx,
  tenantId: string,
  templateId: string,
  version: number,
  row: { content?: string; published_at?: Date; updated_at: Date },
) =>
  tx
    .updateTable('service_template_versions')
    .set(row)
    .where('tenant_id', '=', tenantId)
    .where('template_id', '=', templateId)
    .where('version', '=', version)
    .where('published_at', 'is', null)
    .executeTakeFirst();
