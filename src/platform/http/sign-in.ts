// Where the sign-in sends a person afterwards: the staff page they came from, and never another site.
import type { FastifyRequest } from 'fastify';

export const SIGN_IN_PATH = '/verwaltung/anmelden';
const AREAS = ['/verwaltung', '/studio'];
const BASE = 'http://rathaus.invalid';

/**
 * A same-site relative path under /verwaltung or /studio, normalised (dot segments resolved, no fragment); anything
 * else is undefined: absolute or protocol-relative addresses (//evil.example), backslashes (/\evil.example, read as
 * // by browsers), control characters, paths outside the staff areas and the sign-in page itself.
 */
export function safeReturnPath(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.username || url.password) return undefined;
  if (!AREAS.some((area) => url.pathname === area || url.pathname.startsWith(`${area}/`))) return undefined;
  if (url.pathname === SIGN_IN_PATH || url.pathname.startsWith(`${SIGN_IN_PATH}/`)) return undefined;
  return url.pathname + url.search;
}

/** The sign-in address for a request without a session: a page visited (GET) is named in ?weiter=, the inbox is the default anyway. */
export function signInLocation(req: FastifyRequest): string {
  const back = req.method === 'GET' ? safeReturnPath(req.url) : undefined;
  if (!back || back === '/verwaltung/' || back === '/verwaltung') return SIGN_IN_PATH;
  return `${SIGN_IN_PATH}?weiter=${encodeURIComponent(back).replace(/%2F/g, '/')}`;
}
