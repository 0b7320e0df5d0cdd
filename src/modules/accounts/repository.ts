import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffUsersTable } from '../../platform/db/tables.ts';

export const findUserByEmail = (tx: Tx, email: string) => tx.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();

export const insertUser = (tx: Tx, row: Insertable<StaffUsersTable>) => tx.insertInto('staff_users').values(row).execute();

export const updatePassword = (tx: Tx, id: string, passwordHash: string) =>
  tx.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();

/** Counts one failed login atomically and returns the new count. */
export const countFailure = async (tx: Tx, id: string) =>
  (
    await tx
      .updateTable('staff_users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow()
  ).failed_logins;

export const lockAccount = (tx: Tx, id: string, until: Date) =>
  tx.updateTable('staff_users').set({ failed_logins: 0, locked_until: until }).where('id', '=', id).execute();

export const resetFailures = (tx: Tx, id: string) => tx.updateTable('staff_users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();

export const insertSession = (tx: Tx, tokenHash: string, userId: string, activeTenantId: string | null, expiresAt: Date) =>
  tx.insertInto('staff_sessions').values({ token_hash: tokenHash, user_id: userId, active_tenant_id: activeTenantId, expires_at: expiresAt }).execute();

export const deleteSession = (tx: Tx, tokenHash: string) => tx.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();

export const setActiveTenant = (tx: Tx, tokenHash: string, tenantId: string) =>
  tx.updateTable('staff_sessions').set({ active_tenant_id: tenantId }).where('token_hash', '=', tokenHash).execute();

/** The session, its account, and the municipality it works on, in one statement: it runs on every back-office request. */
export const findSession = (tx: Tx, tokenHash: string) =>
  tx
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('organizations as t', (j) => j.on(sql`t.id`, '=', sql`CASE WHEN u.role = 'region_admin' THEN s.active_tenant_id ELSE u.organization_id END`))
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'u.organization_id', 'o.name as organization_name', 's.active_tenant_id', 's.expires_at'])
    .select(sql<Record<string, unknown> | null>`CASE WHEN t.id IS NULL THEN NULL ELSE to_jsonb(t.*) END`.as('tenant'))
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();

export const deleteExpiredSessions = async (tx: Tx, before: Date) =>
  (await tx.deleteFrom('staff_sessions').where('expires_at', '<', before).executeTakeFirst()).numDeletedRows;

export const namesByIds = (tx: Tx, ids: string[]) =>
  ids.length ? tx.selectFrom('staff_users').select(['id', 'name']).where('id', 'in', ids).execute() : Promise.resolve([]);
