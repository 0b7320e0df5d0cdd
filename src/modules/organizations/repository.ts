import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { OrganizationsTable } from '../../platform/db/tables.ts';

export type Organization = Selectable<OrganizationsTable>;

export const listAll = (tx: Tx) => tx.selectFrom('organizations').selectAll().orderBy('kind', 'desc').orderBy('name').execute();

// A slug from a URL is checked before it reaches the database: a NUL byte would be a server error there.
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const findBySlug = async (tx: Tx, slug: string) =>
  SLUG.test(slug) ? tx.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst() : undefined;

export const findById = (tx: Tx, id: string) => tx.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();

export const insert = (tx: Tx, row: Insertable<OrganizationsTable>) =>
  tx
    .insertInto('organizations')
    .values(row)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();

/**
 * Finds a municipality by its slug and, in the same statement, scopes the transaction to it: set_config in
 * the select list runs only for the row found. One round trip less on every portal request.
 */
export async function findMunicipalityAndScope(tx: Tx, slug: string): Promise<Organization | undefined> {
  if (!SLUG.test(slug)) return undefined;
  const row = await tx
    .selectFrom('organizations')
    .selectAll()
    .select(sql<string>`set_config('app.tenant_id', id::text, true)`.as('scoped_to'))
    .where('slug', '=', slug)
    .where('kind', '=', 'municipality')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const { scoped_to: _scoped, ...org } = row;
  return org;
}

/** The municipalities of one region, active or not, sorted the German way. */
export const municipalitiesOfRegion = (tx: Tx, regionId: string) =>
  tx
    .selectFrom('organizations')
    .selectAll()
    .where('parent_id', '=', regionId)
    .where('kind', '=', 'municipality')
    .orderBy(sql`name COLLATE "und-x-icu"`)
    .execute();

/** Another organization of the same country with this official key (excluding the one being edited). */
export const findByOfficialKey = (tx: Tx, country: 'DE' | 'CH', key: string, exceptId?: string) => {
  let q = tx.selectFrom('organizations').select(['id', 'name']).where('country', '=', country).where('official_key', '=', key);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
};

export type OrganizationChanges = Updateable<OrganizationsTable>;

export const update = (tx: Tx, id: string, changes: OrganizationChanges) => tx.updateTable('organizations').set(changes).where('id', '=', id).execute();

/** Inserts a new organization; false when its slug was taken meanwhile (the unique index decides). */
export const insertNew = async (tx: Tx, row: Insertable<OrganizationsTable>) => Number((await insert(tx, row))[0]?.numInsertedOrUpdatedRows ?? 0) === 1;
