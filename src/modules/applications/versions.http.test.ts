import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { parkingContent } from '../../testing/catalog.ts';
import { organizationBySlug, type Organization } from '../organizations/index.ts';
import { acceptTemplateVersion, adoptTemplate, createTemplate, publishTemplate, saveTemplateDraft } from '../services/index.ts';

let t: TestApp;
let region: Organization;
let town: Organization;
let templateId: string;
let serviceId: string;
const BASE = '/harsewinkel/leistungen/anwohnerparken/antrag';

beforeAll(async () => {
  t = await createTestApp();
  [region, town] = await inRegion(t.app.db, async (tx) => [
    (await organizationBySlug(tx, 'kreis-guetersloh'))!,
    (await organizationBySlug(tx, 'harsewinkel'))!,
  ]);
  templateId = await inTenant(t.app.db, region.id, async (tx) => {
    const created = await createTemplate(tx, region.id, 'anwohnerparken', parkingContent());
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    await publishTemplate(tx, region.id, created.id);
    return created.id;
  });
  serviceId = await inTenant(t.app.db, town.id, async (tx) => {
    const adopted = await adoptTemplate(tx, town.id, region.id, templateId, {
      office: { de: 'Ordnungsamt' },
      email: 'ordnung@harsewinkel.example',
      phone: '05247 935-0',
      address: 'Münsterstraße 14',
      hours: { de: 'Mo–Fr 8–12 Uhr' },
      feeOverrides: { ausweis: 2000 },
    });
    if (!adopted.ok) throw new Error(JSON.stringify(adopted.problems));
    return adopted.id;
  });
});
afterAll(() => t?.close());

const answers = { vorname: 'Ayşe', nachname: 'Kaya', email: 'ayse@example.org', kennzeichen: 'GT-AK 123', jahre: '2', zweitwagen: 'ja' };

describe('save and resume', () => {
  it('keeps what was typed behind a secret link that works on another device', async () => {
    const citizen = new Browser(t.app);
    const step = await citizen.get(`${BASE}/antrag`);
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('Speichern und später fortsetzen');
    const saved = await citizen.post(`${BASE}/antrag`, { vorname: 'Ayşe', nachname: '', jahre: 'zwei', _aktion: 'speichern' }, step.body);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${BASE}/gespeichert`);
    const page = await citizen.get(`${BASE}/gespeichert`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    const link = /value="(http:\/\/rathaus\.test[^"]+\/fortsetzen\/[A-Za-z0-9_-]+)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();

    const otherDevice = new Browser(t.app);
    const path = new URL(link!).pathname;
    const confirm = await otherDevice.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Antrag fortsetzen');
    const resumed = await otherDevice.post(path, {}, confirm.body);
    expect(resumed.statusCode).toBe(303);
    expect(resumed.headers.location).toBe(`${BASE}/antrag`);
    // The link works once: whoever sent it cannot follow what this browser types next.
    expect((await new Browser(t.app).get(path)).statusCode).toBe(404);
    expect((await citizen.get(`${BASE}/antrag`)).body).not.toContain('value="Ayşe"');
    const again = await otherDevice.get(`${BASE}/antrag`);
    expect(again.body).toContain('value="Ayşe"');
    expect(again.body).toContain('value="zwei"');

    expect((await new Browser(t.app).get(`${BASE}/fortsetzen/${'x'.repeat(43)}`)).statusCode).toBe(404);
  });
});

describe('a form changed while a citizen fills it in', () => {
  it('lets the citizen finish on the version they started, with its fees', async () => {
    const citizen = new Browser(t.app);
    const step = await citizen.get(`${BASE}/antrag`);
    const filled = await citizen.post(`${BASE}/antrag`, answers, step.body);
    expect(filled.statusCode).toBe(303);
    expect(filled.headers.location).toBe(`${BASE}/pruefen`);

    // Meanwhile the region adds a required field and the municipality accepts the new version.
    const changed = parkingContent();
    changed.form.steps[0]!.fields.push({
      id: 'zone',
      type: 'select',
      label: { de: 'Parkzone' },
      required: true,
      options: [{ value: 'a', label: { de: 'Zone A' } }],
    });
    await inTenant(t.app.db, region.id, async (tx) => {
      expect(await saveTemplateDraft(tx, region.id, templateId, changed)).toMatchObject({ ok: true });
      expect(await publishTemplate(tx, region.id, templateId)).toMatchObject({ ok: true, version: 2 });
    });
    expect(await inTenant(t.app.db, town.id, (tx) => acceptTemplateVersion(tx, town.id, region.id, serviceId))).toMatchObject({ ok: true, version: 2 });

    const check = await citizen.get(`${BASE}/pruefen`);
    expect(check.statusCode).toBe(200);
    expect(check.body).not.toContain('Parkzone');
    expect(check.body).toMatch(/2 × 20,00\s€/);
    expect(check.body).toMatch(/55,00\s€/);
    const submitted = await citizen.post(`${BASE}/absenden`, {}, check.body);
    expect(submitted.statusCode, submitted.body.slice(0, 500)).toBe(303);

    const row = await t.database.admin.query<{ service_version: number; fees: { totalMinor: number } }>(
      `SELECT service_version, fees FROM applications WHERE tenant_id = $1 AND applicant_email = 'ayse@example.org'`,
      [town.id],
    );
    expect(row).toEqual([{ service_version: 1, fees: expect.objectContaining({ totalMinor: 5500 }) }]);

    // A new applicant gets version 2 with the new field.
    const newcomer = await new Browser(t.app).get(`${BASE}/antrag`);
    expect(newcomer.body).toContain('Parkzone');
  });
});
