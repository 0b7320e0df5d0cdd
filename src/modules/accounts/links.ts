// One-time links by e-mail: an invitation to set the first password, or a password reset.
import { timingSafeEqual } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { audit } from '../../platform/audit/audit.ts';
import { scopeToTenant, UUID, type Tx } from '../../platform/db/database.ts';
import { derivedToken, newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/outbox.ts';
import { checkPasswordPair, type FieldErrors } from './passwords.ts';
import * as repo from './repository.ts';
import type { SetPasswordInput } from './schema.ts';
import { forgetSessionHashes } from './session-cache.ts';

export type LinkPurpose = 'invitation' | 'password_reset';
const VALID_HOURS: Record<LinkPurpose, number> = { invitation: 7 * 24, password_reset: 2 };
export const LINK_SENT = 'account.link_sent';

/** The link's secret part is derived from its id, so it is never stored: a database reader cannot use a link. */
export const linkToken = (secret: string, id: string) => `${id}.${derivedToken(secret, 'account-link', id)}`;
export const linkPath = (token: string) => `/verwaltung/passwort-setzen/${token}`;

function linkIdOf(secret: string, token: string): string | undefined {
  const [id, mac] = token.split('.');
  if (!id || !mac || !UUID.test(id)) return undefined;
  const expected = Buffer.from(derivedToken(secret, 'account-link', id));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
}

/** Sends a new link by e-mail (through the outbox); older links of the same purpose stop working. */
export async function issueLink(tx: Tx, user: { id: string; organization_id: string }, purpose: LinkPurpose, locale: string, now = new Date()) {
  await repo.retireLinks(tx, user.id, now, purpose);
  const id = newId();
  await repo.insertLink(tx, { id, userId: user.id, purpose, expiresAt: new Date(now.getTime() + VALID_HOURS[purpose] * 3600_000) });
  await enqueue(tx, user.organization_id, LINK_SENT, { linkId: id, locale });
  return id;
}

export type LinkState = { ok: true; purpose: LinkPurpose; email: string; name: string; linkId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

type LinkRow = NonNullable<Awaited<ReturnType<typeof repo.findLink>>>;
function stateOf(row: LinkRow | undefined, now: Date): LinkState {
  if (!row || !row.active) return { ok: false, reason: 'invalid' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (new Date(row.expires_at) <= now) return { ok: false, reason: 'expired' };
  return { ok: true, purpose: row.purpose, email: row.email, name: row.name, linkId: row.id };
}

export async function openLink(tx: Tx, secret: string, token: string, now = new Date()): Promise<LinkState> {
  const id = linkIdOf(secret, token);
  return stateOf(id ? await repo.findLink(tx, id) : undefined, now);
}

/**
 * Sets the password through a link and uses the link up. Every session of the account ends: whoever knew the
 * old password is signed out.
 */
export async function setPasswordByLink(
  tx: Tx,
  secret: string,
  token: string,
  input: SetPasswordInput,
  now = new Date(),
): Promise<{ state: LinkState; errors: FieldErrors }> {
  const id = linkIdOf(secret, token);
  const row = id ? await repo.findLinkForUpdate(tx, id) : undefined;
  const state = stateOf(row, now);
  if (!state.ok || !row) return { state, errors: {} };
  const errors = checkPasswordPair(input.password ?? '', input.repeat ?? '', row.email);
  if (Object.keys(errors).length) return { state, errors };
  await repo.updatePassword(tx, row.user_id, await hash(input.password!));
  await repo.markLinkUsed(tx, row.id, now);
  await repo.retireLinks(tx, row.user_id, now);
  forgetSessionHashes(await repo.deleteSessionsOf(tx, row.user_id));
  await scopeToTenant(tx, row.organization_id);
  await audit(tx, row.organization_id, {
    actor: `staff:${row.user_id}`,
    action: row.purpose === 'invitation' ? 'staff_user.invitation_accepted' : 'staff_user.password_reset',
    objectType: 'staff_user',
    objectId: row.user_id,
  });
  return { state, errors: {} };
}
