import { describe, expect, it } from 'vitest';
import { checkColors } from './administration.ts';
import {
  canonicalTimeZone,
  contrastRatio,
  normalizeHex,
  officialKeyProblem,
  relativeLuminance,
  shownRatio,
  slugProblem,
  validPhone,
  validWebsite,
} from './rules.ts';

describe('contrast (WCAG 2.x)', () => {
  it('measures known pairs', () => {
    expect(contrastRatio('#000', '#fff')).toBe(21);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
    expect(contrastRatio('#abcdef', '#abcdef')).toBe(1);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
  });

  it('shows a ratio cut, so a ratio just below the need never reads as enough', () => {
    expect(shownRatio(4.4999)).toBe(4.49);
    expect(shownRatio(contrastRatio('#777', '#fff'))).toBe(4.47);
  });

  it('takes hex colours only', () => {
    expect(normalizeHex('#ABC')).toBe('#aabbcc');
    expect(normalizeHex(' #005A8C ')).toBe('#005a8c');
    for (const bad of ['005a8c', '#05a8c', '#12345g', 'blau', 'rgb(0,0,0)', '#0000000', '']) expect(normalizeHex(bad)).toBeUndefined();
    expect(() => relativeLuminance('blau')).toThrow();
  });

  it('refuses a pair below 4.5:1 naming the measured ratio, and takes one above', () => {
    const grey = checkColors({ primary: '#777777', text: '#ffffff' });
    expect(grey.colors).toBeUndefined();
    expect(grey.errors.primary).toEqual({ key: 'organizations.error.contrastOnWhite', params: { ratio: 4.47, need: 4.5, color: '#777777' } });
    expect(grey.errors.text).toMatchObject({ key: 'organizations.error.contrastText', params: { ratio: 4.47, need: 4.5 } });
    const pale = checkColors({ primary: '#004b76', text: '#336699' });
    expect(pale.errors.primary).toBeUndefined();
    expect(pale.errors.text?.key).toBe('organizations.error.contrastText');
    expect(checkColors({ primary: 'blau', text: '#fff' }).errors).toEqual({ primary: { key: 'organizations.error.colorFormat', params: { value: 'blau' } } });
    expect(checkColors({ primary: '#005A8C', text: '#FFF' })).toMatchObject({ errors: {}, colors: { primary: '#005a8c', text: '#ffffff' } });
  });
});

describe('official keys', () => {
  it('takes an 8-digit AGS or 12-digit ARS in Germany, beginning with the region key', () => {
    expect(officialKeyProblem('05754008', 'DE', '05754')).toBeUndefined();
    expect(officialKeyProblem('057540008008', 'DE', '05754')).toBeUndefined();
    expect(officialKeyProblem('0575400', 'DE', '05754')).toBe('organizations.error.keyAgs');
    expect(officialKeyProblem('0575400800', 'DE', '05754')).toBe('organizations.error.keyAgs');
    expect(officialKeyProblem('05754A08', 'DE', '05754')).toBe('organizations.error.keyAgs');
    expect(officialKeyProblem('05758008', 'DE', '05754')).toBe('organizations.error.keyRegion');
    expect(officialKeyProblem('', 'DE', '05754')).toBe('organizations.error.keyMissing');
    // A region without a numeric key (an IT service provider) sets no prefix.
    expect(officialKeyProblem('09162000', 'DE', 'ITZ')).toBeUndefined();
  });

  it('takes a BFS-Gemeindenummer of 1 to 4 digits in Switzerland', () => {
    expect(officialKeyProblem('4001', 'CH', '19')).toBeUndefined();
    expect(officialKeyProblem('1', 'CH', '19')).toBeUndefined();
    expect(officialKeyProblem('40010', 'CH', '19')).toBe('organizations.error.keyBfs');
    expect(officialKeyProblem('0401', 'CH', '19')).toBe('organizations.error.keyBfs');
    expect(officialKeyProblem('05754008', 'CH', '19')).toBe('organizations.error.keyBfs');
  });
});

describe('slugs', () => {
  it('takes lower-case letters, digits and single hyphens', () => {
    expect(slugProblem('rheda-wiedenbrueck')).toBeUndefined();
    expect(slugProblem('a1')).toBeUndefined();
    for (const bad of ['Gütersloh', 'guetersloh-', '-baden', 'a', 'a--b', 'baden wuerttemberg', 'x_y', 'a'.repeat(64)]) {
      expect(slugProblem(bad), bad).toBe('organizations.error.slugFormat');
    }
    expect(slugProblem('')).toBe('organizations.error.slugMissing');
  });

  it('keeps the first path segments the app uses', () => {
    for (const reserved of ['verwaltung', 'studio', 'api', 'assets', 'metrics', 'health', 'open311', 'opendata', 'steuerung']) {
      expect(slugProblem(reserved), reserved).toBe('organizations.error.slugReserved');
    }
  });
});

describe('time zones and contact data', () => {
  it('knows IANA zones and writes them as Intl does', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/zurich')).toBe('Europe/Zurich');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
    expect(canonicalTimeZone('Berlin')).toBeUndefined();
    expect(canonicalTimeZone('+01:00')).toBeUndefined();
  });

  it('checks phone numbers and websites', () => {
    expect(validPhone('+49 5241 82-0')).toBe(true);
    expect(validPhone('Rathaus')).toBe(false);
    expect(validWebsite('https://www.guetersloh.de')).toBe(true);
    expect(validWebsite('javascript:alert(1)')).toBe(false);
    expect(validWebsite('https://user:pw@example.org')).toBe(false);
  });
});
