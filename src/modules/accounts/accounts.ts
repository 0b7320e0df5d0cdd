import { hash, verify } from '@node-rs/argon2';
import { inRegion, scopeToTenant, UUID, type Db, type Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { newId, newToken, sha256Hex } from '../../platform/ids.ts';
import { countSignInFailure } from '../../platform/metrics.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { organizationById } from '../organizations/index.ts';
import { checkNewPassword } from './passwords.ts';
import * as repo from './repository.ts';
import { cachedSession, forgetSessionHashes, rememberSession } from './session-cache.ts';
import { AccountError, normalizeEmail, validEmail, type Role } from './schema.ts';

export { AccountError, normalizeEmail, ROLES, type Role } from './schema.ts';
export const SESSION_HOURS = 10;
export const LOCK_MINUTES = 15;
// A hash of a random password: a sign-in for an unknown, locked or deactivated account costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hash(newToken());
  return dummyHash;
};

/** Creates an account with a password at once (command line, demo data); admins invite instead. */
export async function createStaffUser(tx: Tx, input: { email: string; name: string; role: Role; organizationId: string; password: string }, actor: string) {
  const email = normalizeEmail(input.email);
  if (!validEmail(email) || input.name.trim() === '') throw new AccountError('accounts.error.invalid');
  const weak = checkNewPassword(input.password, email);
  if (weak) throw new AccountError(weak);
  const org = await organizationById(tx, input.organizationId);
  if (!org) throw new AccountError('accounts.error.unknownOrganization');
  if ((input.role === 'region_admin') !== (org.kind === 'region')) throw new AccountError('accounts.error.roleMismatch');
  if (await repo.findUserByEmail(tx, email)) throw new AccountError('accounts.error.emailTaken');
  const id = newId();
  await repo.insertUser(tx, { id, email, name: input.name.trim(), role: input.role, organization_id: org.id, password_hash: await hash(input.password) });
  await scopeToTenant(tx, org.id);
  // The append-only log keeps no personal data: the account id and role say enough.
  await audit(tx, org.id, { actor, action: 'staff_user.created', objectType: 'staff_user', objectId: id, data: { role: input.role } });
  return id;
}

export type LoginResult = { ok: true; token: string; userId: string } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks the password. Failures are counted per e-mail address, whether an account has it or not, so the lock
 * and its message say nothing about which addresses exist; and every attempt, locked or not, known or not,
 * costs one argon2 verification, so neither does the time the answer takes. The hash is checked between two
 * short transactions (argon2 takes tens of milliseconds, and PGlite has one connection).
 */
export async function login(
  db: Db,
  input: { email: string; password: string; userAgent?: string },
  maxFailures: number,
  now = new Date(),
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const emailHash = sha256Hex(`sign-in:${email}`);
  const { user, locked } = await inRegion(db, async (tx) => {
    const throttle = await repo.throttleFor(tx, emailHash);
    const locked = !!throttle?.locked_until && new Date(throttle.locked_until) > now;
    return { locked, user: email.includes('\u0000') ? undefined : await repo.findSignInUser(tx, email) };
  });
  const valid = await verify(!locked && user?.password_hash ? user.password_hash : await dummy(), input.password).catch(() => false);
  if (locked) {
    countSignInFailure();
    return { ok: false, reason: 'locked' };
  }
  const result = await inRegion(db, async (tx) => {
    if (!valid || !user) {
      const failures = await repo.countFailure(tx, emailHash, now);
      if (failures < maxFailures) return { ok: false, reason: 'invalid' } as const;
      await repo.lockAddress(tx, emailHash, new Date(now.getTime() + LOCK_MINUTES * 60_000));
      if (user) {
        await scopeToTenant(tx, user.organization_id);
        await audit(tx, user.organization_id, { actor: 'system', action: 'staff_user.locked', objectType: 'staff_user', objectId: user.id });
      }
      return { ok: false, reason: 'locked' } as const;
    }
    await repo.clearThrottle(tx, emailHash);
    const token = newToken();
    const activeTenant = user.role === 'region_admin' ? null : user.organization_id;
    await repo.insertSession(tx, {
      id: newId(),
      tokenHash: sha256Hex(token),
      userId: user.id,
      activeTenantId: activeTenant,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      userAgent: (input.userAgent ?? '').slice(0, 300),
    });
    await scopeToTenant(tx, user.organization_id);
    await audit(tx, user.organization_id, { actor: `staff:${user.id}`, action: 'staff_user.signed_in', objectType: 'staff_user', objectId: user.id });
    return { ok: true, token, userId: user.id } as const;
  });
  if (!result.ok) countSignInFailure();
  return result;
}

export async function logout(tx: Tx, token: string, principal: StaffPrincipal | null) {
  await repo.deleteSession(tx, sha256Hex(token));
  if (principal) {
    await scopeToTenant(tx, principal.organizationId);
    await audit(tx, principal.organizationId, {
      actor: `staff:${principal.id}`,
      action: 'staff_user.signed_out',
      objectType: 'staff_user',
      objectId: principal.id,
    });
  }
}

export async function principalForToken(tx: Tx, token: string): Promise<StaffPrincipal | null> {
  const row = await repo.findSession(tx, sha256Hex(token));
  if (!row) return null;
  const tenantId = !row.tenant ? null : row.role === 'region_admin' ? row.active_tenant_id : row.organization_id;
  return {
    id: row.id,
    sessionId: row.session_id,
    name: row.name,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    tenantId,
    tenant: row.tenant ? ({ ...row.tenant, created_at: new Date(String(row.tenant.created_at)) } as unknown as NonNullable<StaffPrincipal['tenant']>) : null,
  };
}

export async function cachedPrincipal(db: Db, token: string, now = Date.now()): Promise<StaffPrincipal | null> {
  const key = sha256Hex(token);
  const hit = cachedSession(key, now);
  if (hit !== undefined) return hit;
  const principal = await inRegion(db, (tx) => principalForToken(tx, token));
  rememberSession(key, principal, now);
  return principal;
}

export const forgetSession = (token: string) => forgetSessionHashes([sha256Hex(token)]);

/** A region admin picks which of the region's municipalities to work on. */
export async function chooseTenant(tx: Tx, token: string, principal: StaffPrincipal, municipalityId: string): Promise<boolean> {
  if (principal.role !== 'region_admin' || !UUID.test(municipalityId)) return false;
  const org = await organizationById(tx, municipalityId);
  if (!org || !org.active || org.parent_id !== principal.organizationId) return false;
  await repo.setActiveTenant(tx, sha256Hex(token), municipalityId);
  return true;
}

/** A staff account as other modules see it (teams, case work): who it is, its role and whether it may still work. */
export interface StaffAccount {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  organization_id: string;
}

/** The staff accounts of an organization, A–Z. */
export const staffOf = (tx: Tx, organizationId: string): Promise<StaffAccount[]> => repo.directoryOf(tx, organizationId);

/** The given staff accounts that exist, A–Z. */
export const staffAccounts = (tx: Tx, ids: string[]): Promise<StaffAccount[]> => repo.directoryByIds(tx, [...new Set(ids)]);

export async function staffNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  return new Map((await repo.namesByIds(tx, [...new Set(ids)])).map((r) => [r.id, r.name]));
}

/** The workflow roles (`leitung`, `kasse`) the account holds beyond plain case work. */
export async function caseRolesOf(tx: Tx, staffId: string): Promise<string[]> {
  return (await repo.caseRolesById(tx, staffId))?.case_roles ?? [];
}

export interface OwnSession {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string;
  current: boolean;
}

export async function ownSessions(tx: Tx, principal: StaffPrincipal, now = new Date()): Promise<OwnSession[]> {
  return (await repo.sessionsOf(tx, principal.id, now)).map((s) => ({
    id: s.id,
    createdAt: new Date(s.created_at),
    expiresAt: new Date(s.expires_at),
    userAgent: s.user_agent,
    current: s.id === principal.sessionId,
  }));
}

/** Ends one of one's own sessions (another browser, a lost device); false when there is no such session. */
export async function endOwnSession(tx: Tx, principal: StaffPrincipal, sessionId: string): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const tokenHash = await repo.deleteOwnSession(tx, principal.id, sessionId);
  if (!tokenHash) return false;
  forgetSessionHashes([tokenHash]);
  await scopeToTenant(tx, principal.organizationId);
  await audit(tx, principal.organizationId, {
    actor: `staff:${principal.id}`,
    action: 'staff_session.ended',
    objectType: 'staff_user',
    objectId: principal.id,
    data: { session: sessionId },
  });
  return true;
}

/** Sessions past their expiry, old sign-in counters and expired links: removed with the hourly retention run. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return inRegion(db, async (tx) => {
    const sessions = Number(await repo.deleteExpiredSessions(tx, now));
    await repo.deleteStaleThrottles(tx, new Date(now.getTime() - 24 * 3600_000));
    await repo.deleteOldLinks(tx, new Date(now.getTime() - 30 * 24 * 3600_000));
    return sessions;
  });
}
