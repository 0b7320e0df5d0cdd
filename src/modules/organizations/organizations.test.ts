import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import { inRegion, type Database } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { createOrganization, municipalitiesOf, organizationBySlug } from './index.ts';
import { DEMO_REGIONS } from '../demo/index.ts';
import { portalColours, themeCss, type Organization } from './organizations.ts';
import { contrastRatio } from './rules.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('organizations', () => {
  it('creates a region and a municipality under it', async () => {
    await inRegion(database.db, async (tx) => {
      expect(await createOrganization(tx, { kind: 'region', slug: 'kreis-test', name: 'Kreis Test', key: '05999', country: 'DE', prefix: 'KT' })).toMatchObject(
        { ok: true },
      );
      expect(
        await createOrganization(tx, {
          kind: 'municipality',
          slug: 'teststadt',
          name: 'Teststadt',
          key: '059990001001',
          country: 'DE',
          prefix: 'TS',
          parent: 'kreis-test',
        }),
      ).toMatchObject({ ok: true });
      const region = (await organizationBySlug(tx, 'kreis-test'))!;
      expect((await municipalitiesOf(tx, region)).map((m) => m.slug)).toEqual(['teststadt']);
    });
  });

  it('says what is wrong, in German on the command line', async () => {
    await inRegion(database.db, async (tx) => {
      expect(await createOrganization(tx, { kind: 'municipality', slug: 'ohne-region', name: 'X', key: '1', country: 'DE', prefix: 'OR' })).toEqual({
        ok: false,
        key: 'organizations.cli.parent',
      });
      expect(await createOrganization(tx, { kind: 'region', slug: 'guetersloh', name: 'X', key: '1', country: 'DE', prefix: 'XX' })).toMatchObject({
        ok: false,
        key: 'organizations.cli.slugTaken',
        params: { slug: 'guetersloh' },
      });
      expect(await createOrganization(tx, { kind: 'region', slug: 'api', name: 'X', key: '1', country: 'DE', prefix: 'XX' })).toEqual({
        ok: false,
        key: 'organizations.cli.slugReserved',
        params: { slug: 'api' },
      });
      expect(translator('de')('organizations.cli.slugReserved', { slug: 'api' })).toBe('--slug: "api" ist für Seiten der Plattform reserviert.');
      expect(await createOrganization(tx, { kind: 'region', slug: 'Groß', name: 'X', key: '1', country: 'DE', prefix: 'XX' })).toMatchObject({ ok: false });
      expect(await createOrganization(tx, { kind: 'region', slug: 'at', name: 'X', key: '1', country: 'AT', prefix: 'XX' })).toMatchObject({ ok: false });
    });
  });
});

describe('portal colours', () => {
  const demoColours = DEMO_REGIONS.flatMap((region) => region.municipalities.map((m) => [m.slug, m.color] as const));

  it('knows the colours of every demo municipality', () => {
    expect(demoColours.length).toBeGreaterThanOrEqual(6);
  });

  // Hostile pairs as well: a text colour that is unreadable on its primary, a primary too light for the white page.
  const cases: Array<readonly [string, string, string]> = [
    ...demoColours.map(([slug, color]) => [slug, color, '#ffffff'] as const),
    ['yellow with white text', '#ffe500', '#ffffff'],
    ['grey with grey text', '#767676', '#808080'],
    ['black with black text', '#000000', '#000000'],
    ['white header', '#ffffff', '#ffffff'],
  ];

  it.each(cases)('%s: header text 4.5:1, focus rings 3:1 on the header and on the page', (_name, primary, text) => {
    const c = portalColours(primary, text);
    expect(contrastRatio(c.headerText, primary)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c.headerFocus, primary)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(c.headerHalo, c.headerFocus)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(c.pageFocus, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('writes them into the theme: the language link and the focus ring in the header, the focus colour of the page', () => {
    const css = themeCss({ primary_color: '#ffe500', primary_text_color: '#ffffff' } as Organization);
    expect(css.startsWith(':root{--tenant-primary:#ffe500;')).toBe(true);
    // White text on yellow would vanish: the header's links turn dark, the ring too; the page's ring is dark on white.
    expect(css).toContain('a.kern-link:is(:link,:visited,:hover,:active),.site-header .kern-body--small,.site-header .kern-label{color:#0b0c0c;}');
    expect(css).toContain('outline:3px solid #0b0c0c');
    expect(css).toContain('--kern-color-action-focus-default:#0b0c0c');
    const blue = themeCss({ primary_color: '#005a8c', primary_text_color: '#ffffff' } as Organization);
    expect(blue).toContain('--kern-color-action-focus-default:#005a8c');
    expect(blue).toContain('outline:3px solid #ffffff');
    expect(blue).toContain('.site-header{--kern-color-action-focus-default:#ffffff;--kern-color-action-focus-default-contextual:#ffffff;}');
  });
});
