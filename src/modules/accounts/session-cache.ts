// Every back-office request needs its session: a few seconds in memory spare the database that look-up.
// Signing out, ending a session, a password change or switching municipality evicts the entry in this process;
// another server process may honour a session for at most SESSION_CACHE_MS after it ended.
import type { StaffPrincipal } from '../../platform/http/types.ts';

export const SESSION_CACHE_MS = 5000;
const SESSION_CACHE_MAX = 10_000;
const cache = new Map<string, { principal: StaffPrincipal | null; until: number }>();

export function cachedSession(tokenHash: string, now: number): StaffPrincipal | null | undefined {
  const hit = cache.get(tokenHash);
  return hit && hit.until > now ? hit.principal : undefined;
}

export function rememberSession(tokenHash: string, principal: StaffPrincipal | null, now: number) {
  if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(tokenHash, { principal, until: now + SESSION_CACHE_MS });
}

export const forgetSessionHashes = (tokenHashes: string[]) => {
  for (const h of tokenHashes) cache.delete(h);
};

/** After a role change the account's next request reads its session again. */
export function forgetUser(userId: string) {
  for (const [hash, entry] of cache) if (entry.principal?.id === userId) cache.delete(hash);
}
