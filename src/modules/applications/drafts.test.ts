import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { parkingContent } from '../../testing/catalog.ts';
import { TINY_PDF } from '../../testing/http.ts';
import { organizationBySlug, type Organization } from '../organizations/index.ts';
import { acceptTemplateVersion, adoptTemplate, createTemplate, publishTemplate, saveTemplateDraft, type Service } from '../services/index.ts';
import { openDraft, saveStep, type PostedStep } from './drafts.ts';

let t: TestApp;
let region: Organization;
let town: Organization;
let templateId: string;
let serviceId: string;
const SLUG = 'anwohnerparken';
const ctx = { country: 'DE' as const, today: '2026-12-04' };
const typed = { vorname: 'Ayşe', nachname: 'Kaya', email: 'ayse@example.org', kennzeichen: 'GT-AK 123', jahre: '2', zweitwagen: 'ja' };

beforeAll(async () => {
  t = await createTestApp();
  [region, town] = await inRegion(t.app.db, async (tx) => [
    (await organizationBySlug(tx, 'kreis-guetersloh'))!,
    (await organizationBySlug(tx, 'harsewinkel'))!,
  ]);
  const content = parkingContent();
  // A second step with an upload, for the step's file handling.
  content.form.steps.push({
    id: 'nachweis',
    title: { de: 'Nachweis' },
    fields: [{ id: 'schein', type: 'file', label: { de: 'Fahrzeugschein' }, required: true, accept: ['application/pdf'], maxFiles: 2 }],
  });
  templateId = await inTenant(t.app.db, region.id, async (tx) => {
    const created = await createTemplate(tx, region.id, SLUG, content);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    await publishTemplate(tx, region.id, created.id);
    return created.id;
  });
  serviceId = await inTenant(t.app.db, town.id, async (tx) => {
    const local = {
      office: { de: 'Ordnungsamt' },
      email: 'ordnung@harsewinkel.example',
      phone: '05247 935-0',
      address: 'Münsterstraße 14',
      hours: { de: 'Mo–Fr 8–12 Uhr' },
    };
    const adopted = await adoptTemplate(tx, town.id, region.id, templateId, local);
    if (!adopted.ok) throw new Error(JSON.stringify(adopted.problems));
    return adopted.id;
  });
});
afterAll(() => t?.close());

const open = (token: string | undefined, slug = SLUG) => inTenant(t.app.db, town.id, (tx) => openDraft(tx, town.id, slug, token));

const post = (service: Service, input: Partial<PostedStep>) =>
  inTenant(t.app.db, town.id, (tx) =>
    saveStep(tx, {
      blobs: t.app.blobs,
      tenantId: town.id,
      service,
      draft: undefined,
      stepId: 'antrag',
      body: {},
      ctx,
      uploadMaxBytes: 1024 * 1024,
      draftTtlHours: 1,
      ...input,
    }),
  );

describe('a posted step', () => {
  it('starts a draft with what was typed, valid or not, and names what to correct', async () => {
    const { service } = (await open(undefined))!;
    const saved = (await post(service, { body: { ...typed, jahre: 'zwei' } }))!;
    expect(saved.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(saved.errors).toEqual([{ field: 'jahre', key: 'field.integer', params: expect.objectContaining({ label: expect.any(String) }) }]);
    const { draft } = (await open(saved.token))!;
    expect(draft?.answers).toMatchObject({ vorname: 'Ayşe', jahre: 'zwei' });
    expect(draft?.serviceVersion).toBe(service.version);
  });

  it('shows no errors after "save for later" or a group button, and is undefined for a step the form lacks', async () => {
    const { service } = (await open(undefined))!;
    const later = (await post(service, { body: { vorname: 'Ayşe', _aktion: 'speichern' } }))!;
    expect(later).toMatchObject({ saveForLater: true, groupAction: false, errors: [] });
    expect(await post(service, { stepId: 'gibt-es-nicht' })).toBeUndefined();
  });

  it('saves a step as typed when the language is switched, without errors, and tells which language', async () => {
    const { service } = (await open(undefined))!;
    const switched = (await post(service, { body: { vorname: 'Ayşe', email: 'kein-at', _sprache: 'en' } }))!;
    expect(switched).toMatchObject({ switchTo: 'en', errors: [], saveForLater: false });
    expect(switched.answers).toMatchObject({ vorname: 'Ayşe', email: 'kein-at' });
    const { draft } = (await open(switched.token))!;
    expect(draft?.answers).toMatchObject({ vorname: 'Ayşe', email: 'kein-at' });
    // Anything but a language the portal has is an ordinary post of the step.
    const odd = (await post(service, { body: { vorname: '', _sprache: 'fr' } }))!;
    expect(odd.switchTo).toBeUndefined();
    expect(odd.errors.length).toBeGreaterThan(0);
  });

  it('stores uploads judged by their bytes, adds them to those before, and refuses others beside the field', async () => {
    const opened = (await open(undefined))!;
    const file = (name: string, data: Buffer) => ({ filename: name, mimetype: 'application/pdf', data, truncated: false });
    const first = (await post(opened.service, { stepId: 'nachweis', body: { schein: file('schein.pdf', TINY_PDF) } }))!;
    expect(first.errors).toEqual([]);
    const [stored] = first.answers.schein as Array<{ sha256: string; filename: string }>;
    expect(stored).toMatchObject({ filename: 'schein.pdf', contentType: 'application/pdf' });
    expect(await t.app.blobs.has(town.id, stored!.sha256)).toBe(true);

    const { draft } = (await open(first.token))!;
    const refused = (await post(opened.service, { draft, stepId: 'nachweis', body: { schein: file('kein.pdf', Buffer.from('nur Text')) } }))!;
    expect(refused.errors).toEqual([{ field: 'schein', key: 'validation.fileType' }]);
    expect(refused.answers.schein).toHaveLength(1);
    const second = (await post(opened.service, { draft, stepId: 'nachweis', body: { schein: file('zweite.pdf', TINY_PDF) } }))!;
    expect((second.answers.schein as Array<{ filename: string }>).map((f) => f.filename)).toEqual(['schein.pdf', 'zweite.pdf']);
  });
});

describe('opening a draft', () => {
  it('finds no service by an unknown address, and the current version without a draft', async () => {
    expect(await open(undefined, 'gibt-es-nicht')).toBeUndefined();
    const opened = (await open('x'.repeat(43)))!;
    expect(opened.draft).toBeUndefined();
    expect(opened.service.id).toBe(serviceId);
  });

  it('keeps the version a draft was started with after a newer one is published', async () => {
    const { service } = (await open(undefined))!;
    const started = (await post(service, { body: typed }))!;
    const changed = parkingContent();
    changed.form.steps[0]!.fields.push({ id: 'zone', type: 'text', label: { de: 'Parkzone' }, required: true });
    await inTenant(t.app.db, region.id, async (tx) => {
      expect(await saveTemplateDraft(tx, region.id, templateId, changed)).toMatchObject({ ok: true });
      expect(await publishTemplate(tx, region.id, templateId)).toMatchObject({ ok: true });
    });
    expect(await inTenant(t.app.db, town.id, (tx) => acceptTemplateVersion(tx, town.id, region.id, serviceId))).toMatchObject({ ok: true });

    const resumed = (await open(started.token))!;
    expect(resumed.service.version).toBe(service.version);
    expect(resumed.service.definition.form.steps[0]!.fields.map((f) => f.id)).not.toContain('zone');
    const fresh = (await open(undefined))!;
    expect(fresh.service.version).toBe(service.version + 1);
    expect(fresh.service.definition.form.steps[0]!.fields.map((f) => f.id)).toContain('zone');
  });
});
