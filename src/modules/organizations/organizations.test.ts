import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import { inRegion, type Database } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { createOrganization, municipalitiesOf, organizationBySlug } from './index.ts';

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
