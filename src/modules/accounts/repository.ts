import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffUsersTable } from '../../platform/db/tables.ts';

export const findUserByEmail = (tx: Tx, email: string) => tx.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();

export const findUserById = (tx: Tx, id: string) => tx.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();

/** The account that may sign in: active, with a password, in an organization that is not switched off. */
export const findSignInUser = (tx: Tx, email: string) =>
  tx
    .selectFrom('staff_users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.organization_id', 'u.role', 'u.password_hash'])
    .where('u.email', '=', email)
    .where('u.active', '=', true)
    .where('u.password_hash', 'is not', null)
    .where(sql<boolean>`coalesce((to_jsonb(o.*) ->> 'active')::boolean, true)`)
    .executeTakeFirst();

export const insertUser = (tx: Tx, row: Insertable<StaffUsersTable>) => tx.insertInto('staff_users').values(row).execute();

export const updatePassword = (tx: Tx, id: string, passwordHash: string) =>
  tx.updateTable('staff_users').set({ password_hash: passwordHash }).where('id', '=', id).execute();

export const updateRole = (tx: Tx, id: string, role: StaffUsersTable['role']) => tx.updateTable('staff_users').set({ role }).where('id', '=', id).execute();

/** The workflow roles (leitung, kasse) an account holds beyond case work. */
export const updateCaseRoles = (tx: Tx, id: string, roles: string[]) => tx.updateTable('staff_users').set({ case_roles: roles }).where('id', '=', id).execute();

export const setActive = (tx: Tx, id: string, active: boolean) => tx.updateTable('staff_users').set({ active }).where('id', '=', id).execute();

/** Accounts of the given organizations, for the admin's list; sorted the German way. */
export const usersOf = (tx: Tx, organizationIds: string[]) =>
  organizationIds.length
    ? tx
        .selectFrom('staff_users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.active', 'u.organization_id', 'o.name as organization_name', 'u.created_at'])
        .select(sql<boolean>`u.password_hash IS NULL`.as('invited'))
        .where('u.organization_id', 'in', organizationIds)
        .orderBy(sql`o.kind DESC, o.name COLLATE "und-x-icu", u.name COLLATE "und-x-icu"`)
        .execute()
    : Promise.resolve([]);

export const countActiveAdmins = async (tx: Tx, organizationId: string, role: StaffUsersTable['role']) =>
  Number(
    (
      await tx
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', organizationId)
        .where('role', '=', role)
        .where('active', '=', true)
        .executeTakeFirstOrThrow()
    ).n,
  );

// Sign-in throttle: one row per e-mail address tried, known or not.

export const throttleFor = (tx: Tx, emailHash: string) => tx.selectFrom('sign_in_throttle').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();

/** Counts one failure atomically (parallel guesses on several processes cannot dodge the lock) and returns the count. */
export const countFailure = async (tx: Tx, emailHash: string, now: Date) =>
  (
    await tx
      .insertInto('sign_in_throttle')
      .values({ email_hash: emailHash, failures: 1, updated_at: now })
      .onConflict((oc) => oc.column('email_hash').doUpdateSet({ failures: sql`sign_in_throttle.failures + 1`, updated_at: now }))
      .returning('failures')
      .executeTakeFirstOrThrow()
  ).failures;

export const lockAddress = (tx: Tx, emailHash: string, until: Date) =>
  tx.updateTable('sign_in_throttle').set({ failures: 0, locked_until: until }).where('email_hash', '=', emailHash).execute();

export const clearThrottle = (tx: Tx, emailHash: string) => tx.deleteFrom('sign_in_throttle').where('email_hash', '=', emailHash).execute();

export const deleteStaleThrottles = async (tx: Tx, before: Date) =>
  (
    await tx
      .deleteFrom('sign_in_throttle')
      .where('updated_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
      .executeTakeFirst()
  ).numDeletedRows;

// Sessions.

export const insertSession = (
  tx: Tx,
  row: { id: string; tokenHash: string; userId: string; activeTenantId: string | null; expiresAt: Date; userAgent: string },
) =>
  tx
    .insertInto('staff_sessions')
    .values({
      id: row.id,
      token_hash: row.tokenHash,
      user_id: row.userId,
      active_tenant_id: row.activeTenantId,
      expires_at: row.expiresAt,
      user_agent: row.userAgent,
    })
    .execute();

export const deleteSession = (tx: Tx, tokenHash: string) => tx.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();

/** Ends one of the person's own sessions; returns the token hash so the session cache can forget it. */
export const deleteOwnSession = async (tx: Tx, userId: string, sessionId: string) =>
  (await tx.deleteFrom('staff_sessions').where('user_id', '=', userId).where('id', '=', sessionId).returning('token_hash').executeTakeFirst())?.token_hash;

/** Ends every session of an account but the one given; returns the ended token hashes. */
export const deleteSessionsOf = async (tx: Tx, userId: string, exceptTokenHash = '') =>
  (await tx.deleteFrom('staff_sessions').where('user_id', '=', userId).where('token_hash', '<>', exceptTokenHash).returning('token_hash').execute()).map(
    (r) => r.token_hash,
  );

export const sessionsOf = (tx: Tx, userId: string, now: Date) =>
  tx
    .selectFrom('staff_sessions')
    .select(['id', 'token_hash', 'created_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();

export const setActiveTenant = (tx: Tx, tokenHash: string, tenantId: string) =>
  tx.updateTable('staff_sessions').set({ active_tenant_id: tenantId }).where('token_hash', '=', tokenHash).execute();

/** The session, its account, and the municipality it works on, in one statement: it runs on every back-office request. */
export const findSession = (tx: Tx, tokenHash: string) =>
  tx
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    // A region admin's chosen municipality counts only while it is active: once deactivated, they must choose again.
    .leftJoin('organizations as t', (j) =>
      j.on(sql`t.id`, '=', sql`CASE WHEN u.role = 'region_admin' THEN s.active_tenant_id ELSE u.organization_id END`).on('t.active', '=', true),
    )
    .select([
      's.id as session_id',
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.organization_id',
      'o.name as organization_name',
      's.active_tenant_id',
      's.expires_at',
    ])
    .select(sql<Record<string, unknown> | null>`CASE WHEN t.id IS NULL THEN NULL ELSE to_jsonb(t.*) END`.as('tenant'))
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    // A deactivated municipality's staff lose their open sessions too, not only the next sign-in.
    .where('o.active', '=', true)
    .executeTakeFirst();

export const deleteExpiredSessions = async (tx: Tx, before: Date) =>
  (await tx.deleteFrom('staff_sessions').where('expires_at', '<', before).executeTakeFirst()).numDeletedRows;

const directoryColumns = ['id', 'name', 'email', 'role', 'active', 'organization_id'] as const;

/** The staff accounts of one organization, A–Z. */
export const directoryOf = (tx: Tx, organizationId: string) =>
  tx.selectFrom('staff_users').select(directoryColumns).where('organization_id', '=', organizationId).orderBy(sql`name COLLATE "und-x-icu"`).execute();

/** The given staff accounts, A–Z. */
export const directoryByIds = (tx: Tx, ids: string[]) =>
  ids.length
    ? tx.selectFrom('staff_users').select(directoryColumns).where('id', 'in', ids).orderBy(sql`name COLLATE "und-x-icu"`).execute()
    : Promise.resolve([]);

/** The workflow roles an account holds beyond case work; read per request, so a change counts at once. */
export const caseRolesById = (tx: Tx, id: string) => tx.selectFrom('staff_users').select('case_roles').where('id', '=', id).executeTakeFirst();

export const namesByIds = (tx: Tx, ids: string[]) =>
  ids.length ? tx.selectFrom('staff_users').select(['id', 'name']).where('id', 'in', ids).execute() : Promise.resolve([]);

// One-time links.

export const insertLink = (tx: Tx, row: { id: string; userId: string; purpose: 'invitation' | 'password_reset'; expiresAt: Date }) =>
  tx.insertInto('account_links').values({ id: row.id, user_id: row.userId, purpose: row.purpose, expires_at: row.expiresAt }).execute();

/** The link with a row lock: two tabs posting the same link at once cannot both use it. */
export const findLinkForUpdate = (tx: Tx, id: string) =>
  tx
    .selectFrom('account_links as l')
    .innerJoin('staff_users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.user_id', 'l.purpose', 'l.expires_at', 'l.used_at', 'u.email', 'u.name', 'u.active', 'u.organization_id'])
    .where('l.id', '=', id)
    .forUpdate('l')
    .executeTakeFirst();

export const findLink = (tx: Tx, id: string) =>
  tx
    .selectFrom('account_links as l')
    .innerJoin('staff_users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.user_id', 'l.purpose', 'l.expires_at', 'l.used_at', 'u.email', 'u.name', 'u.active', 'u.organization_id'])
    .where('l.id', '=', id)
    .executeTakeFirst();

export const markLinkUsed = (tx: Tx, id: string, at: Date) => tx.updateTable('account_links').set({ used_at: at }).where('id', '=', id).execute();

/** Older links of the same account and purpose stop working when a new one is sent, or the account changes. */
export const retireLinks = (tx: Tx, userId: string, at: Date, purpose?: 'invitation' | 'password_reset') => {
  let q = tx.updateTable('account_links').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null);
  if (purpose) q = q.where('purpose', '=', purpose);
  return q.execute();
};

export const deleteOldLinks = async (tx: Tx, before: Date) =>
  (await tx.deleteFrom('account_links').where('expires_at', '<', before).executeTakeFirst()).numDeletedRows;
