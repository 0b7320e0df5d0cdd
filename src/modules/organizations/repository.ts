import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { OrganizationsTable } from '../../platform/db/tables.ts';

export type Organization = Selectable<OrganizationsTable>;

export const listAll = (tx: Tx) =>
  tx.selectFrom('organizations').selectAll().orderBy('kind', 'desc').orderBy('name').execute();

export const findBySlug = (tx: Tx, slug: string) =>
  tx.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findById = (tx: Tx, id: string) =>
  tx.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();

export const insert = (tx: Tx, row: Insertable<OrganizationsTable>) =>
  tx.insertInto('organizations').values(row).onConflict((oc) => oc.column('slug').doNothing()).execute();
