import { hash, verify } from '@node-rs/argon2';
import { audit } from '../../platform/audit/audit.ts';
import { scopeToTenant, type Tx } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { sha256Hex } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import { forgetSessionHashes } from './session-cache.ts';
import type { AccountErrorKey, ChangePasswordInput } from './schema.ts';

export const PASSWORD_MIN = 10;
// argon2 hashes whatever it is given: a cap keeps a megabyte "password" from costing the server.
const PASSWORD_MAX = 200;

/** Why a new password is refused, or undefined when it is fine. */
export function checkNewPassword(password: string, email: string): AccountErrorKey | undefined {
  if (password.length < PASSWORD_MIN) return 'accounts.error.passwordShort';
  if (password.length > PASSWORD_MAX) return 'accounts.error.passwordLong';
  const localPart = email.split('@')[0] ?? '';
  const lower = password.trim().toLowerCase();
  if (lower === email || (localPart.length >= 4 && lower.includes(localPart))) return 'accounts.error.passwordLikeEmail';
  return undefined;
}

export type FieldErrors = Partial<Record<'current' | 'password' | 'repeat', AccountErrorKey>>;

/** Checks a new password and its repetition; the caller stores it when no error is returned. */
export function checkPasswordPair(password: string, repeat: string, email: string): FieldErrors {
  const problem = checkNewPassword(password, email);
  if (problem) return { password: problem };
  if (password !== repeat) return { repeat: 'accounts.error.passwordRepeat' };
  return {};
}

/** Changes one's own password; every other session of the account ends, the current one stays. */
export async function changeOwnPassword(tx: Tx, principal: StaffPrincipal, input: ChangePasswordInput, currentToken: string): Promise<FieldErrors> {
  const user = await repo.findUserById(tx, principal.id);
  const current = input.current ?? '';
  const okCurrent = !!user?.password_hash && (await verify(user.password_hash, current).catch(() => false));
  if (!okCurrent) return { current: 'accounts.error.currentWrong' };
  const errors = checkPasswordPair(input.password ?? '', input.repeat ?? '', principal.email);
  if (Object.keys(errors).length) return errors;
  await repo.updatePassword(tx, principal.id, await hash(input.password!));
  const ended = await repo.deleteSessionsOf(tx, principal.id, sha256Hex(currentToken));
  forgetSessionHashes(ended);
  await repo.retireLinks(tx, principal.id, new Date(), 'password_reset');
  await scopeToTenant(tx, principal.organizationId);
  await audit(tx, principal.organizationId, {
    actor: `staff:${principal.id}`,
    action: 'staff_user.password_changed',
    objectType: 'staff_user',
    objectId: principal.id,
    data: { sessionsEnded: ended.length },
  });
  return {};
}
