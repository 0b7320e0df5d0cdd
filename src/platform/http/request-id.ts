// A request id a citizen can quote to the office and an operator can find in the logs.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id from a proxy or caller is kept only when it cannot break a log line or a header. */
const SAFE = /^[A-Za-z0-9._-]{1,64}$/;

// Without 0/o, 1/i/l and u: read out over the phone, no character sounds like another.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 16 characters from 80 random bits: short enough to read out, unique enough for years of logs. */
export function newRequestId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      id += ALPHABET[(value >>> bits) & 31];
    }
  }
  return id;
}

/** Fastify's genReqId: a proxy's id when it is safe, so one request has one id across the hops; a new one otherwise. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE.test(given) ? given : newRequestId();
}
