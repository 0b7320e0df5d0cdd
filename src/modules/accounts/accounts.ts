import { hash, verify } from '@node-rs/argon2';
import { inRegion, scopeToTenant, UUID, type Db, type Tx } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { newId, newToken, sha256Hex } from '../../platform/ids.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { organizationById } from '../organizations/index.ts';
import * as repo from './repository.ts';

export const ROLES = ['region_admin', 'municipality_admin', 'clerk'] as const;
export type Role = (typeof ROLES)[number];
export const SESSION_HOURS = 10;
const LOCK_MINUTES = 15;
// A hash of a random password: a login for an unknown e-mail costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export class AccountError extends Error {
  constructor(
    readonly key: 'accounts.error.emailTaken' | 'accounts.error.unknownOrganization' | 'accounts.error.roleMismatch' | 'accounts.error.invalid',
    message: string,
  ) {
    super(message);
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function createStaffUser(tx: Tx, input: { email: string; name: string; role: Role; organizationId: string; password: string }, actor: string) {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || input.name.trim() === '' || input.password.length < 10) {
    throw new AccountError('accounts.error.invalid', 'E-Mail, Name und ein Passwort mit mindestens 10 Zeichen sind nötig.');
  }
  const org = await organizationById(tx, input.organizationId);
  if (!org) throw new AccountError('accounts.error.unknownOrganization', 'Diese Organisation gibt es nicht.');
  if ((input.role === 'region_admin') !== (org.kind === 'region')) {
    throw new AccountError('accounts.error.roleMismatch', 'Regionsadmins gehören zu einer Region, alle anderen Rollen zu einer Kommune.');
  }
  if (await repo.findUserByEmail(tx, email)) throw new AccountError('accounts.error.emailTaken', 'Diese E-Mail-Adresse ist schon vergeben.');
  const id = newId();
  await repo.insertUser(tx, { id, email, name: input.name.trim(), role: input.role, organization_id: org.id, password_hash: await hash(input.password) });
  await scopeToTenant(tx, org.id);
  // The append-only log keeps no personal data: the account id and role say enough.
  await audit(tx, org.id, { actor, action: 'staff_user.created', objectType: 'staff_user', objectId: id, data: { role: input.role } });
  return id;
}

export type LoginResult = { ok: true; token: string; userId: string } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks the password; after too many failures the account is locked for a while, whatever is typed.
 * The hash is checked between two short transactions (argon2 takes tens of milliseconds, and PGlite has one
 * connection); failures are counted with an atomic increment, so parallel guesses cannot dodge the lock.
 */
export async function login(db: Db, emailInput: string, password: string, maxFailures: number, now = new Date()): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  const user = email.includes('\u0000') ? undefined : await inRegion(db, (tx) => repo.findUserByEmail(tx, email));
  if (!user) {
    dummyHash ??= hash(newToken());
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: 'invalid' };
  }
  if (user.locked_until && new Date(user.locked_until) > now) return { ok: false, reason: 'locked' };
  const valid = await verify(user.password_hash, password).catch(() => false);
  return inRegion(db, async (tx) => {
    await scopeToTenant(tx, user.organization_id);
    if (!valid) {
      const failures = await repo.countFailure(tx, user.id);
      if (failures < maxFailures) return { ok: false, reason: 'invalid' } as const;
      await repo.lockAccount(tx, user.id, new Date(now.getTime() + LOCK_MINUTES * 60_000));
      await audit(tx, user.organization_id, { actor: 'system', action: 'staff_user.locked', objectType: 'staff_user', objectId: user.id });
      return { ok: false, reason: 'locked' } as const;
    }
    await repo.resetFailures(tx, user.id);
    const token = newToken();
    const activeTenant = user.role === 'region_admin' ? null : user.organization_id;
    await repo.insertSession(tx, sha256Hex(token), user.id, activeTenant, new Date(now.getTime() + SESSION_HOURS * 3600_000));
    await audit(tx, user.organization_id, { actor: `staff:${user.id}`, action: 'staff_user.signed_in', objectType: 'staff_user', objectId: user.id });
    return { ok: true, token, userId: user.id } as const;
  });
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
  const tenantId = row.role === 'region_admin' ? row.active_tenant_id : row.organization_id;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    tenantId,
    tenant: row.tenant ? ({ ...row.tenant, created_at: new Date(String(row.tenant.created_at)) } as unknown as NonNullable<StaffPrincipal['tenant']>) : null,
  };
}

// Every back-office request needs its session: a few seconds in memory spare the database that look-up.
// Signing out or switching municipality evicts the entry in this process; another server process may
// honour a session for at most SESSION_CACHE_MS after its sign-out.
const SESSION_CACHE_MS = 5000;
const SESSION_CACHE_MAX = 10_000;
const sessionCache = new Map<string, { principal: StaffPrincipal | null; until: number }>();

export async function cachedPrincipal(db: Db, token: string, now = Date.now()): Promise<StaffPrincipal | null> {
  const key = sha256Hex(token);
  const hit = sessionCache.get(key);
  if (hit && hit.until > now) return hit.principal;
  const principal = await inRegion(db, (tx) => principalForToken(tx, token));
  if (sessionCache.size >= SESSION_CACHE_MAX) sessionCache.delete(sessionCache.keys().next().value!);
  sessionCache.set(key, { principal, until: now + SESSION_CACHE_MS });
  return principal;
}

export const forgetSession = (token: string) => sessionCache.delete(sha256Hex(token));

/** A region admin picks which of the region's municipalities to work on. */
export async function chooseTenant(tx: Tx, token: string, principal: StaffPrincipal, municipalityId: string): Promise<boolean> {
  if (principal.role !== 'region_admin' || !UUID.test(municipalityId)) return false;
  const org = await organizationById(tx, municipalityId);
  if (!org || org.parent_id !== principal.organizationId) return false;
  await repo.setActiveTenant(tx, sha256Hex(token), municipalityId);
  return true;
}

export async function staffNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  return new Map((await repo.namesByIds(tx, [...new Set(ids)])).map((r) => [r.id, r.name]));
}

/** Sessions past their expiry are of no use and name who worked when: removed with the hourly retention run. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return Number(await inRegion(db, (tx) => repo.deleteExpiredSessions(tx, now)));
}
