import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdFor } from './request-id.ts';

const withHeader = (value: string | string[] | undefined) => ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;

describe('request ids', () => {
  it('are new, short and easy to read out', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRequestId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{16}$/);
  });

  it('keep a safe incoming id and replace anything else', () => {
    expect(requestIdFor(withHeader('lb-01.abc_DEF-123'))).toBe('lb-01.abc_DEF-123');
    for (const unsafe of ['', 'a b', 'x'.repeat(65), 'a\nb', '<script>', 'ä', ['a', 'b'], undefined]) {
      const id = requestIdFor(withHeader(unsafe));
      expect(id).toMatch(/^[0-9a-z]{16}$/);
    }
  });
});
