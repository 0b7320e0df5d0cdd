// Adopting a template: a draft until the local details are complete, then published; the portal sees only that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant, type Database } from '../../platform/db/database.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { parkingContent } from '../../testing/catalog.ts';
import { organizationBySlug, type Organization } from '../organizations/index.ts';
import {
  adoptTemplate,
  createTemplate,
  missingLocalDetails,
  publishService,
  publishTemplate,
  serviceBySlug,
  serviceRow,
  updateLocalDetails,
  type LocalDetails,
} from '../services/index.ts';

let database: Database;
let region: Organization;
let town: Organization;

const complete: LocalDetails = {
  office: { de: 'Bürgerbüro' },
  email: 'buergerbuero@harsewinkel.example',
  phone: '05247 935-0',
  address: '',
  hours: { de: 'Mo–Fr 8–12 Uhr' },
};

beforeAll(async () => {
  database = await openTestDatabase();
  [region, town] = await inRegion(database.db, async (tx) =>
    Promise.all(['kreis-guetersloh', 'harsewinkel'].map(async (s) => (await organizationBySlug(tx, s))!)),
  );
});
afterAll(() => database?.close());

async function publishedTemplate(slug: string, localFeeWithoutAmount = false) {
  const content = parkingContent();
  if (localFeeWithoutAmount) delete content.feeRules[0]!.unitMinor;
  const created = await inTenant(database.db, region.id, (tx) => createTemplate(tx, region.id, slug, content));
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  await inTenant(database.db, region.id, (tx) => publishTemplate(tx, region.id, created.id));
  return created.id;
}

const inTown = <T>(work: Parameters<typeof inTenant<T>>[2]) => inTenant(database.db, town.id, work);

describe('missing local details', () => {
  it('names the office, e-mail, phone, opening hours and each local fee the template gives no amount for', () => {
    const content = parkingContent();
    delete content.feeRules[0]!.unitMinor;
    const empty: LocalDetails = { office: { de: ' ' }, email: '', phone: '', address: '', hours: { de: '' } };
    expect(missingLocalDetails(content, empty)).toEqual([
      { path: '/local/office/de', key: 'forms.service.missing.office' },
      { path: '/local/email', key: 'forms.service.missing.email' },
      { path: '/local/phone', key: 'forms.service.missing.phone' },
      { path: '/local/hours/de', key: 'forms.service.missing.hours' },
      { path: '/local/feeOverrides/ausweis', key: 'forms.service.missing.fee', params: { label: 'Bewohnerparkausweis je Jahr' } },
    ]);
    // A template amount applies where the municipality sets none; the address is optional.
    expect(missingLocalDetails(parkingContent(), complete)).toEqual([]);
    expect(missingLocalDetails(content, { ...complete, feeOverrides: { ausweis: 2800 } })).toEqual([]);
  });
});

describe('adopting a template', () => {
  it('keeps the service a draft until its details are complete, refusing to publish it before', async () => {
    const templateId = await publishedTemplate('parken-entwurf', true);
    const adopted = await inTown((tx) => adoptTemplate(tx, town.id, region.id, templateId, { ...complete, office: { de: '' }, hours: { de: '' } }));
    if (!adopted.ok) throw new Error(JSON.stringify(adopted.problems));
    expect(adopted.published).toBe(false);
    expect(await inTown((tx) => serviceBySlug(tx, town.id, 'parken-entwurf'))).toBeUndefined();

    const refused = await inTown((tx) => publishService(tx, town.id, adopted.id));
    expect(refused).toEqual({
      ok: false,
      problems: [
        { path: '/local/office/de', key: 'forms.service.missing.office' },
        { path: '/local/hours/de', key: 'forms.service.missing.hours' },
        { path: '/local/feeOverrides/ausweis', key: 'forms.service.missing.fee', params: { label: 'Bewohnerparkausweis je Jahr' } },
      ],
    });
    expect((await inTown((tx) => serviceRow(tx, town.id, adopted.id)))?.published).toBe(false);

    // A draft may be saved with details still missing; it stays a draft.
    expect(await inTown((tx) => updateLocalDetails(tx, town.id, adopted.id, { ...complete, hours: { de: '' } }))).toMatchObject({ ok: true });
    expect(await inTown((tx) => publishService(tx, town.id, adopted.id))).toMatchObject({ ok: false });
    expect(await inTown((tx) => updateLocalDetails(tx, town.id, adopted.id, { ...complete, feeOverrides: { ausweis: 2800 } }))).toMatchObject({ ok: true });
    expect((await inTown((tx) => serviceRow(tx, town.id, adopted.id)))?.published).toBe(false);

    expect(await inTown((tx) => publishService(tx, town.id, adopted.id))).toMatchObject({ ok: true });
    const live = await inTown((tx) => serviceBySlug(tx, town.id, 'parken-entwurf'));
    expect(live?.definition.local.feeOverrides).toEqual({ ausweis: 2800 });
    // Once public, its details stay complete and it cannot be published twice.
    expect(await inTown((tx) => updateLocalDetails(tx, town.id, adopted.id, { ...complete, phone: '', feeOverrides: { ausweis: 2800 } }))).toEqual({
      ok: false,
      problems: [{ path: '/local/phone', key: 'forms.service.missing.phone' }],
    });
    expect(await inTown((tx) => publishService(tx, town.id, adopted.id))).toEqual({ ok: false, problems: [{ path: '', key: 'forms.service.alreadyPublic' }] });
  });

  it('publishes at once when the details given are already complete', async () => {
    const templateId = await publishedTemplate('parken-komplett');
    const adopted = await inTown((tx) => adoptTemplate(tx, town.id, region.id, templateId, complete));
    expect(adopted).toMatchObject({ ok: true, published: true });
    expect(await inTown((tx) => serviceBySlug(tx, town.id, 'parken-komplett'))).toBeDefined();
  });
});
