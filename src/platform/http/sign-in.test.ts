import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './sign-in.ts';

describe('the return address after signing in', () => {
  it('keeps staff pages of this site, normalised', () => {
    expect(safeReturnPath('/verwaltung/konto')).toBe('/verwaltung/konto');
    expect(safeReturnPath('/verwaltung/?status=submitted&q=Hund')).toBe('/verwaltung/?status=submitted&q=Hund');
    expect(safeReturnPath('/studio/')).toBe('/studio/');
    expect(safeReturnPath('/studio')).toBe('/studio');
    expect(safeReturnPath('/verwaltung/vorgaenge/1#verlauf')).toBe('/verwaltung/vorgaenge/1');
    expect(safeReturnPath('/verwaltung/teams/../konto')).toBe('/verwaltung/konto');
  });

  it('refuses other sites, other areas and anything odd', () => {
    for (const raw of [
      undefined,
      '',
      '//evil.example',
      '//evil.example/verwaltung/',
      'https://evil.example/verwaltung/',
      'http:/verwaltung/',
      '/\\evil.example',
      '\\\\evil.example/verwaltung',
      '/verwaltung/\\..\\..\\evil',
      'javascript:alert(1)',
      '/verwaltung/../../evil.example',
      '/verwaltung/../..//evil.example',
      '/verwaltung/\r\nSet-Cookie: x=1',
      '/verwaltung/\tx',
      '/guetersloh/hund-anmelden',
      '/verwaltungx',
      '/studiox/',
      '/api/v1/services',
      '/verwaltung/anmelden',
      '/verwaltung/anmelden?weiter=/verwaltung/',
      `/verwaltung/${'x'.repeat(2000)}`,
      ['/verwaltung/'],
    ]) {
      expect(safeReturnPath(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });
});
