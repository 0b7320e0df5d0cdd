import { describe, expect, it } from 'vitest';
import { acceptsType, safeFilename } from './uploads.ts';

describe('uploads', () => {
  it('accepts a type by name or by family', () => {
    expect(acceptsType(['application/pdf'], 'application/pdf')).toBe(true);
    expect(acceptsType(['image/*'], 'image/png')).toBe(true);
    expect(acceptsType(['image/*'], 'application/pdf')).toBe(false);
    expect(acceptsType(['image/png'], 'image/jpeg')).toBe(false);
  });
  it('makes a safe file name of anything', () => {
    expect(safeFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFilename('')).toBe('datei');
  });
});
