// Admins manage the accounts of their organization: a municipality admin those of the municipality,
// a region admin those of the region and all its municipalities.
import { audit } from '../../platform/audit/audit.ts';
import { scopeToTenant, UUID, type Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { municipalitiesOf, organizationById, type Organization } from '../organizations/index.ts';
import { issueLink } from './links.ts';
import * as repo from './repository.ts';
import { type AccountErrorKey, type InviteInput, isRole, normalizeEmail, type Role, validEmail } from './schema.ts';
import { forgetSessionHashes, forgetUser } from './session-cache.ts';

export const isAdmin = (p: StaffPrincipal | null | undefined) => p?.role === 'region_admin' || p?.role === 'municipality_admin';

/** The organizations whose accounts this person administers. */
export async function administeredOrganizations(tx: Tx, principal: StaffPrincipal): Promise<Organization[]> {
  if (!isAdmin(principal)) return [];
  const own = await organizationById(tx, principal.organizationId);
  if (!own) return [];
  return principal.role === 'region_admin' ? [own, ...(await municipalitiesOf(tx, own))] : [own];
}

/** The roles an admin may give in an organization: region admins only in a region, the others only in a municipality. */
export const rolesFor = (org: Pick<Organization, 'kind'>): Role[] => (org.kind === 'region' ? ['region_admin'] : ['municipality_admin', 'clerk']);

export const listAccounts = async (tx: Tx, principal: StaffPrincipal) =>
  repo.usersOf(
    tx,
    (await administeredOrganizations(tx, principal)).map((o) => o.id),
  );

export type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

/** An account the person may administer, with its organization; undefined for anything else (the page answers 404). */
export async function accountInScope(tx: Tx, principal: StaffPrincipal, id: string): Promise<{ account: AccountRow; org: Organization } | undefined> {
  if (!UUID.test(id)) return undefined;
  const orgs = await administeredOrganizations(tx, principal);
  const account = await repo.findUserById(tx, id);
  const org = account && orgs.find((o) => o.id === account.organization_id);
  return account && org ? { account, org } : undefined;
}

export type Errors = Partial<Record<'email' | 'name' | 'role' | 'organization', AccountErrorKey>>;
export type Outcome = { ok: true; id: string } | { ok: false; errors: Errors };

const actorOf = (p: StaffPrincipal) => `staff:${p.id}`;

/** Creates an account without a password and sends its owner a one-time link to set one. */
export async function inviteAccount(tx: Tx, principal: StaffPrincipal, input: InviteInput, locale: string): Promise<Outcome> {
  const orgs = await administeredOrganizations(tx, principal);
  const email = normalizeEmail(input.email ?? '');
  const name = (input.name ?? '').trim();
  const org = orgs.find((o) => o.id === (input.organization || principal.organizationId));
  const errors: Errors = {};
  if (!validEmail(email)) errors.email = 'accounts.error.emailInvalid';
  else if (await repo.findUserByEmail(tx, email)) errors.email = 'accounts.error.emailTaken';
  if (name === '' || name.length > 200) errors.name = 'accounts.error.nameMissing';
  if (!org) errors.organization = 'accounts.error.unknownOrganization';
  if (!isRole(input.role)) errors.role = 'accounts.error.roleMissing';
  else if (org && !rolesFor(org).includes(input.role)) errors.role = 'accounts.error.roleMismatch';
  if (Object.keys(errors).length || !org || !isRole(input.role)) return { ok: false, errors };
  const id = newId();
  await repo.insertUser(tx, { id, email, name, role: input.role, organization_id: org.id, password_hash: null });
  await issueLink(tx, { id, organization_id: org.id }, 'invitation', locale);
  await scopeToTenant(tx, org.id);
  await audit(tx, org.id, { actor: actorOf(principal), action: 'staff_user.invited', objectType: 'staff_user', objectId: id, data: { role: input.role } });
  return { ok: true, id };
}

/** Refuses a change that would leave the organization without an active admin (an admin cannot lock everyone out). */
async function keepsAnAdmin(tx: Tx, account: AccountRow, nextRole: Role, nextActive: boolean) {
  const isAdminNow = account.active && account.role !== 'clerk';
  const staysAdmin = nextActive && nextRole !== 'clerk';
  if (!isAdminNow || staysAdmin) return true;
  return (await repo.countActiveAdmins(tx, account.organization_id, account.role)) > 1;
}

export async function changeRole(tx: Tx, principal: StaffPrincipal, id: string, role: unknown): Promise<Outcome> {
  const found = await accountInScope(tx, principal, id);
  if (!found) return { ok: false, errors: { role: 'accounts.error.unknownAccount' } };
  const { account, org } = found;
  if (!isRole(role)) return { ok: false, errors: { role: 'accounts.error.roleMissing' } };
  if (!rolesFor(org).includes(role)) return { ok: false, errors: { role: 'accounts.error.roleMismatch' } };
  if (role === account.role) return { ok: true, id };
  if (!(await keepsAnAdmin(tx, account, role, account.active))) return { ok: false, errors: { role: 'accounts.error.lastAdmin' } };
  await repo.updateRole(tx, id, role);
  forgetUser(id);
  await scopeToTenant(tx, org.id);
  await audit(tx, org.id, {
    actor: actorOf(principal),
    action: 'staff_user.role_changed',
    objectType: 'staff_user',
    objectId: id,
    data: { from: account.role, to: role },
  });
  return { ok: true, id };
}

/**
 * Gives an account of a municipality the workflow roles it holds (leitung, kasse). Only roles the municipality's
 * workflows name (`named`) may be given; a role no workflow names any more is dropped with the next save.
 */
export async function setCaseRoles(
  tx: Tx,
  principal: StaffPrincipal,
  id: string,
  roles: string[],
  named: string[],
): Promise<{ ok: true } | { ok: false; error: 'unknownAccount' | 'unknownRole' | 'region' }> {
  const found = await accountInScope(tx, principal, id);
  if (!found) return { ok: false, error: 'unknownAccount' };
  if (found.org.kind !== 'municipality') return { ok: false, error: 'region' };
  if (roles.some((r) => !named.includes(r))) return { ok: false, error: 'unknownRole' };
  const next = [...new Set(roles)].sort();
  const before = [...found.account.case_roles].sort();
  if (next.join(',') === before.join(',')) return { ok: true };
  await repo.updateCaseRoles(tx, id, next);
  forgetUser(id);
  await scopeToTenant(tx, found.org.id);
  await audit(tx, found.org.id, {
    actor: actorOf(principal),
    action: 'staff_user.case_roles_changed',
    objectType: 'staff_user',
    objectId: id,
    data: { from: before, to: next },
  });
  return { ok: true };
}

/** A deactivated account cannot sign in; its sessions and open links end at once. Nothing is deleted: the audit log names it. */
export async function setAccountActive(tx: Tx, principal: StaffPrincipal, id: string, active: boolean): Promise<Outcome> {
  const found = await accountInScope(tx, principal, id);
  if (!found) return { ok: false, errors: { role: 'accounts.error.unknownAccount' } };
  const { account, org } = found;
  if (account.active === active) return { ok: true, id };
  if (!active && id === principal.id) return { ok: false, errors: { role: 'accounts.error.selfDeactivate' } };
  if (!active && !(await keepsAnAdmin(tx, account, account.role, false))) return { ok: false, errors: { role: 'accounts.error.lastAdmin' } };
  await repo.setActive(tx, id, active);
  if (!active) {
    forgetSessionHashes(await repo.deleteSessionsOf(tx, id));
    await repo.retireLinks(tx, id, new Date());
  }
  await scopeToTenant(tx, org.id);
  await audit(tx, org.id, {
    actor: actorOf(principal),
    action: active ? 'staff_user.reactivated' : 'staff_user.deactivated',
    objectType: 'staff_user',
    objectId: id,
  });
  return { ok: true, id };
}

/** An admin sends a reset link, or the invitation again when its owner never set a password. */
export async function sendAccountLink(tx: Tx, principal: StaffPrincipal, id: string, locale: string): Promise<Outcome> {
  const found = await accountInScope(tx, principal, id);
  if (!found || !found.account.active) return { ok: false, errors: { role: 'accounts.error.unknownAccount' } };
  const purpose = found.account.password_hash ? 'password_reset' : 'invitation';
  await issueLink(tx, found.account, purpose, locale);
  await scopeToTenant(tx, found.org.id);
  await audit(tx, found.org.id, { actor: actorOf(principal), action: 'staff_user.link_sent', objectType: 'staff_user', objectId: id, data: { purpose } });
  return { ok: true, id };
}

/**
 * "Passwort vergessen": a link goes out only to an active account with a password, but the answer is the same
 * for every address, so the form tells nobody which addresses have an account.
 */
export async function requestPasswordReset(tx: Tx, emailInput: string, locale: string): Promise<void> {
  const account = await repo.findUserByEmail(tx, normalizeEmail(emailInput));
  if (!account || !account.active || !account.password_hash) return;
  await issueLink(tx, account, 'password_reset', locale);
  await scopeToTenant(tx, account.organization_id);
  await audit(tx, account.organization_id, {
    actor: `staff:${account.id}`,
    action: 'staff_user.reset_requested',
    objectType: 'staff_user',
    objectId: account.id,
  });
}
