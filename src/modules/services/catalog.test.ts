import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant, type Database } from '../../platform/db/database.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { organizationBySlug, type Organization } from '../organizations/index.ts';
import {
  acceptTemplateVersion,
  adoptTemplate,
  createOwnService,
  createTemplate,
  pendingTemplateUpdates,
  publishTemplate,
  saveTemplateDraft,
  editableForm,
  saveEditableForm,
  serviceAtVersion,
  serviceById,
  templateById,
  updateLocalDetails,
  type LocalDetails,
} from './index.ts';
import { diffContent } from './diff.ts';
import { computeFees } from './fees.ts';
import { parkingContent } from '../../testing/catalog.ts';

let database: Database;
let region: Organization;
let guetersloh: Organization;
let aarau: Organization;

const local: LocalDetails = {
  office: { de: 'Bürgerbüro' },
  email: 'buergerbuero@guetersloh.example',
  phone: '05241 82-0',
  address: 'Berliner Straße 70, 33330 Gütersloh',
  hours: { de: 'Mo–Fr 8–12 Uhr' },
};

beforeAll(async () => {
  database = await openTestDatabase();
  [region, guetersloh, aarau] = await inRegion(database.db, async (tx) =>
    Promise.all(['kreis-guetersloh', 'guetersloh', 'aarau'].map(async (s) => (await organizationBySlug(tx, s))!)),
  );
});
afterAll(() => database?.close());

const asRegion = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(database.db, region.id, fn);
const asGuetersloh = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(database.db, guetersloh.id, fn);

describe('checking content', () => {
  it('refuses a template with errors, naming the exact place and reason', async () => {
    const bad = parkingContent();
    bad.leikaKey = '9910001';
    (bad.form.steps[0]!.fields[3] as { type: string }).type = 'farbe';
    bad.feeRules[0]!.quantity = { var: 'anzahl_jahre' };
    const result = await asRegion((tx) => createTemplate(tx, region.id, 'parken-falsch', bad));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.find((p) => p.path === '/leikaKey')).toEqual({ path: '/leikaKey', key: 'forms.service.leikaKey' });
    expect(problems.find((p) => p.path.startsWith('/form/steps/0/fields/3'))).toMatchObject({
      path: '/form/steps/0/fields/3/type',
      key: 'forms.schema.fieldType',
      params: { value: 'farbe' },
    });
    expect(await asRegion((tx) => templateById(tx, region.id, '00000000-0000-7000-8000-000000000000'))).toBeUndefined();
  });

  it('refuses fee rules that read fields the form does not have', async () => {
    const bad = parkingContent();
    bad.feeRules[0]!.quantity = { var: 'anzahl_jahre' };
    const result = await asRegion((tx) => createTemplate(tx, region.id, 'parken-gebuehr', bad));
    expect(result.ok ? [] : result.problems).toEqual([{ path: '/feeRules/0/quantity', key: 'forms.rule.missingField', params: { name: 'anzahl_jahre' } }]);
  });

  it('refuses an unknown kind of charge and English search words that are not a list', async () => {
    const bad = { ...parkingContent(), keywordsEn: 'parking' } as unknown as ReturnType<typeof parkingContent>;
    (bad.feeRules[0] as { kind?: string }).kind = 'Gebühr';
    const result = await asRegion((tx) => createTemplate(tx, region.id, 'parken-art', bad));
    expect(result.ok ? [] : result.problems).toEqual([
      { path: '/keywordsEn', key: 'forms.service.wordList' },
      { path: '/feeRules/0/kind', key: 'forms.service.feeKind', params: { allowed: 'fee, tax, contribution, expense' } },
    ]);
    const good = parkingContent();
    good.feeRules[0]!.kind = 'tax';
    expect(await asRegion((tx) => createTemplate(tx, region.id, 'parken-steuer', { ...good, keywordsEn: ['parking'] }))).toMatchObject({ ok: true });
  });

  it('refuses a slug twice and a slug with capitals', async () => {
    expect(await asRegion((tx) => createTemplate(tx, region.id, 'Parken', parkingContent()))).toEqual({
      ok: false,
      problems: [{ path: '/slug', key: 'forms.service.slugFormat' }],
    });
  });
});

describe('a template from the region to the municipality', () => {
  it('is written once, adopted with local details and local fees, and updated when the municipality accepts', async () => {
    const created = await asRegion((tx) => createTemplate(tx, region.id, 'bewohnerparken', parkingContent()));
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    // A draft cannot be adopted.
    expect(await asGuetersloh((tx) => adoptTemplate(tx, guetersloh.id, region.id, created.id, local))).toMatchObject({ ok: false });
    expect(await asRegion((tx) => publishTemplate(tx, region.id, created.id))).toEqual({ ok: true, version: 1 });

    // Only fees the template marks as local may be set locally.
    const notAllowed = await asGuetersloh((tx) => adoptTemplate(tx, guetersloh.id, region.id, created.id, { ...local, feeOverrides: { zweitwagen: 100 } }));
    expect(notAllowed).toEqual({
      ok: false,
      problems: [{ path: '/local/feeOverrides/zweitwagen', key: 'forms.service.feeNotLocal', params: { id: 'zweitwagen' } }],
    });
    const adopted = await asGuetersloh((tx) => adoptTemplate(tx, guetersloh.id, region.id, created.id, { ...local, feeOverrides: { ausweis: 2500 } }));
    if (!adopted.ok) throw new Error(JSON.stringify(adopted.problems));
    const v1 = (await asGuetersloh((tx) => serviceById(tx, guetersloh.id, adopted.id)))!;
    expect(v1).toMatchObject({ version: 1, templateVersion: 1, slug: 'bewohnerparken' });
    expect(computeFees(v1.definition, { jahre: '2', zweitwagen: 'ja' })).toEqual({
      lines: [
        { id: 'ausweis', kind: 'fee', label: { de: 'Bewohnerparkausweis je Jahr' }, quantity: 2, unitMinor: 2500, amountMinor: 5000 },
        { id: 'zweitwagen', kind: 'fee', label: { de: 'Zuschlag Zweitfahrzeug' }, unitMinor: 1500, amountMinor: 1500 },
      ],
      totalMinor: 6500,
    });

    // The region changes a label, adds a field and raises a fee: version 2.
    const changed = parkingContent();
    changed.form.steps[0]!.fields[3]!.label = { de: 'Amtliches Kennzeichen' };
    changed.form.steps[0]!.fields.push({
      id: 'zone',
      type: 'select',
      label: { de: 'Parkzone' },
      required: true,
      options: [
        { value: 'a', label: { de: 'Zone A' } },
        { value: 'b', label: { de: 'Zone B' } },
      ],
    });
    changed.feeRules[1]!.unitMinor = 2000;
    expect(await asRegion((tx) => saveTemplateDraft(tx, region.id, created.id, changed))).toEqual({ ok: true, version: 2 });
    expect(await asGuetersloh((tx) => pendingTemplateUpdates(tx, guetersloh.id))).toEqual([]);
    expect(await asRegion((tx) => publishTemplate(tx, region.id, created.id))).toEqual({ ok: true, version: 2 });
    expect(await asGuetersloh((tx) => pendingTemplateUpdates(tx, guetersloh.id))).toEqual([
      expect.objectContaining({ serviceId: adopted.id, current: 1, latest: 2 }),
    ]);

    const changes = diffContent(parkingContent(), changed);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          area: 'field',
          kind: 'changed',
          subject: { key: 'services.diff.field', params: { label: 'Amtliches Kennzeichen', id: 'kennzeichen' } },
          before: expect.arrayContaining([{ value: 'Kennzeichen' }]),
          after: expect.arrayContaining([{ value: 'Amtliches Kennzeichen' }]),
        }),
        expect.objectContaining({
          area: 'field',
          kind: 'added',
          subject: { key: 'services.diff.field', params: { label: 'Parkzone', id: 'zone' } },
          after: expect.arrayContaining([{ key: 'services.diff.options', params: { options: 'Zone A, Zone B' } }, { key: 'services.diff.required' }]),
        }),
        expect.objectContaining({
          area: 'fee',
          kind: 'changed',
          subject: { key: 'services.diff.fee', params: { label: 'Zuschlag Zweitfahrzeug' } },
          before: expect.arrayContaining([{ perUnit: 1500 }]),
          after: expect.arrayContaining([{ perUnit: 2000 }]),
        }),
      ]),
    );
    expect(changes).toHaveLength(3);

    // Until the municipality accepts, citizens get version 1.
    expect((await asGuetersloh((tx) => serviceById(tx, guetersloh.id, adopted.id)))!.version).toBe(1);
    expect(await asGuetersloh((tx) => acceptTemplateVersion(tx, guetersloh.id, region.id, adopted.id))).toEqual({ ok: true, version: 2 });
    const v2 = (await asGuetersloh((tx) => serviceById(tx, guetersloh.id, adopted.id)))!;
    expect(v2).toMatchObject({ version: 2, templateVersion: 2 });
    expect(v2.definition.local.feeOverrides).toEqual({ ausweis: 2500 });
    expect(v2.definition.form.steps[0]!.fields.map((f) => f.id)).toContain('zone');
    // The old version stays readable for drafts and applications begun on it.
    const old = (await asGuetersloh((tx) => serviceAtVersion(tx, guetersloh.id, adopted.id, 1)))!;
    expect(old.definition.form.steps[0]!.fields.map((f) => f.id)).not.toContain('zone');
    expect(await asGuetersloh((tx) => pendingTemplateUpdates(tx, guetersloh.id))).toEqual([]);
    expect(await asGuetersloh((tx) => acceptTemplateVersion(tx, guetersloh.id, region.id, adopted.id))).toMatchObject({ ok: false });

    // Local details make a new version too.
    expect(await asGuetersloh((tx) => updateLocalDetails(tx, guetersloh.id, adopted.id, { ...local, hours: { de: 'Mo–Do 8–16 Uhr' } }))).toEqual({
      ok: true,
      version: 3,
    });
  });

  it('keeps templates within their region and services within their municipality', async () => {
    const created = await asRegion((tx) => createTemplate(tx, region.id, 'nur-kreis', parkingContent()));
    if (!created.ok) throw new Error('not created');
    await asRegion((tx) => publishTemplate(tx, region.id, created.id));
    // A municipality of another region sees nothing of it, not even by id.
    expect(await inTenant(database.db, aarau.id, (tx) => templateById(tx, region.id, created.id))).toBeUndefined();
    expect(await inTenant(database.db, aarau.id, (tx) => adoptTemplate(tx, aarau.id, region.id, created.id, local))).toMatchObject({ ok: false });
    // A municipality reads its region's templates but cannot change them.
    expect(await asGuetersloh((tx) => templateById(tx, region.id, created.id))).toMatchObject({ id: created.id });
    await expect(asGuetersloh((tx) => saveTemplateDraft(tx, region.id, created.id, parkingContent()))).rejects.toThrow();
  });

  it('lets a municipality define a service of its own', async () => {
    const own = await asGuetersloh((tx) =>
      createOwnService(tx, guetersloh.id, 'stadtfuehrung', { ...parkingContent(), title: { de: 'Stadtführung buchen' } }, local),
    );
    expect(own).toMatchObject({ ok: true });
    const service = await asGuetersloh((tx) => serviceById(tx, guetersloh.id, (own as { id: string }).id));
    expect(service).toMatchObject({ title: 'Stadtführung buchen', templateId: null, version: 1 });
  });
});

describe('the form editor’s saves', () => {
  it('refuse a change made to a form someone else changed meanwhile', async () => {
    const created = await asRegion((tx) => createTemplate(tx, region.id, 'zwei-bearbeiter', parkingContent()));
    if (!created.ok) throw new Error('not created');
    const owner = { kind: 'template' as const, tenantId: region.id, id: created.id };
    const read = (await asRegion((tx) => editableForm(tx, owner)))!.form;
    const first = structuredClone(read);
    first.steps[0]!.title = { de: 'Erster' };
    const second = structuredClone(read);
    second.steps[0]!.title = { de: 'Zweiter' };
    expect(await asRegion((tx) => saveEditableForm(tx, owner, first, read))).toEqual({ ok: true, version: 1 });
    expect(await asRegion((tx) => saveEditableForm(tx, owner, second, read))).toMatchObject({
      ok: false,
      problems: [{ path: '', key: 'forms.service.changedMeanwhile' }],
    });
    expect((await asRegion((tx) => editableForm(tx, owner)))!.form.steps[0]!.title).toEqual({ de: 'Erster' });
  });
});

describe('fees', () => {
  it('explains each line and leaves out lines that do not apply or cannot be computed', () => {
    const definition = { ...parkingContent(), local };
    expect(computeFees(definition, { jahre: '3', zweitwagen: 'nein' })).toEqual({
      lines: [{ id: 'ausweis', kind: 'fee', label: { de: 'Bewohnerparkausweis je Jahr' }, quantity: 3, unitMinor: 3000, amountMinor: 9000 }],
      totalMinor: 9000,
    });
    expect(computeFees(definition, { jahre: 'drei' }).totalMinor).toBe(0);
    const computed = { ...definition, feeRules: [{ id: 'flaeche', label: { de: 'Fläche' }, amount: { '*': [{ var: 'jahre' }, 1250] } }] };
    expect(computeFees(computed, { jahre: '2' })).toEqual({
      lines: [{ id: 'flaeche', kind: 'fee', label: { de: 'Fläche' }, amountMinor: 2500 }],
      totalMinor: 2500,
    });
  });
});
