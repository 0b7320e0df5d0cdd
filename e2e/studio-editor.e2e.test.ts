// The studio's form editor in Chromium: a region admin edits a template's form by keyboard alone; the overview,
// the field edit page, its error state, the delete confirmation and the preview are checked with axe-core.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { inRegion, inTenant, type Database } from '../src/platform/db/database.ts';
import { fileBlobStore } from '../src/platform/blobs/store.ts';
import { createMailer } from '../src/platform/mail/mailer.ts';
import { openTestDatabase } from '../src/testing/harness.ts';
import { DEMO_PASSWORD } from '../src/testing/http.ts';
import { parkingContent } from '../src/testing/catalog.ts';
import { organizationBySlug } from '../src/modules/organizations/index.ts';
import { createTemplate, editableForm, type FormOwner } from '../src/modules/services/index.ts';
import { formEditorRoutes } from '../src/modules/studio/form-routes.ts';
import { expectAccessible, fill, launchChromium, pressAndNavigate, tabTo } from './support.ts';

describe('studio form editor in Chromium', () => {
  let app: FastifyInstance;
  let database: Database;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: FormOwner;
  let base: string;

  const savedForm = async () => (await inTenant(app.db, owner.tenantId, (tx) => editableForm(tx, owner)))!.form;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-e2e-'));
    database = await openTestDatabase();
    const config = loadConfig({}, { dataDir, appSecret: 'test-secret-'.padEnd(40, 'x'), publicUrl: 'http://rathaus.test' } as Partial<Config>);
    app = await buildApp({ config, database, blobs: fileBlobStore(path.join(dataDir, 'blobs')), mailer: createMailer(undefined, config.mailFrom), logger: false });
    // The studio's routes register the editor; until they do, this app registers it itself.
    if (!app.hasRoute({ method: 'GET', url: '/studio/vorlagen/:id/formular' })) await app.register(formEditorRoutes);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

    const regionId = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh')))!.id;
    const content = parkingContent();
    content.title = { de: 'Hund anmelden (Editor)' };
    content.form.steps.push({
      id: 'hund', title: { de: 'Hund' }, fields: [
        { id: 'hundename', type: 'text', label: { de: 'Hundename' }, required: true },
        { id: 'gewerblich', type: 'yesno', label: { de: 'Gewerbliche Haltung?' } },
        { id: 'firma', type: 'text', label: { de: 'Firma' }, showIf: { '==': [{ var: 'gewerblich' }, true] } },
      ],
    });
    const created = await inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, 'hund-editor-e2e', content));
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    owner = { kind: 'template', tenantId: regionId, id: created.id };
    base = `/studio/vorlagen/${created.id}/formular`;

    browser = await launchChromium();
    context = await browser.newContext({ baseURL: baseUrl, timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
    await page.goto('/verwaltung/anmelden');
    await page.fill('#f-email', 'admin@kreis-guetersloh.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the overview without accessibility violations', async () => {
    const res = await page.goto(base);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Formular bearbeiten');
    expect(await page.getByRole('button', { name: 'Nach oben: Feld „Firma“', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'form editor overview');
  });

  it('moves a field and renames another by keyboard alone', async () => {
    await page.goto(base);
    await tabTo(page, { text: 'Nach oben: Feld „Firma“' }, 200);
    const moved = await pressAndNavigate(page);
    expect(moved.status()).toBe(200);
    expect(page.url()).toContain(`${base}?gespeichert=1#feld-firma`);
    expect((await savedForm()).steps[1]!.fields.map((f) => f.id)).toEqual(['hundename', 'firma', 'gewerblich']);
    await expectAccessible(page, 'form editor after a change');

    await tabTo(page, { text: 'Bearbeiten: Feld „Hundename“' }, 200);
    await pressAndNavigate(page);
    expect(await page.locator('h1').innerText()).toBe('Feld „Hundename“ bearbeiten');
    await tabTo(page, { id: 'e-label_de' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Name des Hundes');
    await fill(page, 'e-label_en', "Dog's name");
    await tabTo(page, { text: 'Speichern' });
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Änderung gespeichert.');
    expect((await savedForm()).steps[1]!.fields[0]!.label).toEqual({ de: 'Name des Hundes', en: "Dog's name" });
  });

  it('shows the field edit page and a refused rule accessibly, keeping what was typed', async () => {
    await page.goto(`${base}/schritte/hund/felder/firma`);
    await expectAccessible(page, 'field edit page');
    await page.fill('#e-showIf', '{"==": [{"var": "gewerblich"}, true]');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Speichern' }).click()]);
    expect(await page.title()).toMatch(/^Fehler:/);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Anzeigen wenn: Die Regel ist kein gültiges JSON: In Zeile 1');
    expect(await page.inputValue('#e-showIf')).toBe('{"==": [{"var": "gewerblich"}, true]');
    await expectAccessible(page, 'field edit page with an error');

    await page.fill('#e-showIf', '{"==": [{"var": "rasse"}, "Dackel"]}');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Speichern' }).click()]);
    expect(await page.locator('#e-showIf-error').innerText()).toContain('„rasse“');
    expect((await savedForm()).steps[1]!.fields[1]!.showIf).toEqual({ '==': [{ var: 'gewerblich' }, true] });
  });

  it('asks before deleting and shows the preview accessibly', async () => {
    await page.goto(`${base}/schritte/hund/felder/gewerblich/loeschen`);
    expect(await page.locator('h1').innerText()).toBe('Feld „Gewerbliche Haltung?“ wirklich löschen?');
    expect(await page.locator('main').innerText()).toContain('Die Regeln von Feld „Firma“ beziehen sich darauf');
    await expectAccessible(page, 'delete refused');
    await page.goto(`${base}/schritte/hund/felder/firma/loeschen`);
    await expectAccessible(page, 'delete confirmation');

    const preview = await page.goto(`${base}/schritte/hund/vorschau`);
    expect(preview?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Hund');
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.locator('#f-hundename').count()).toBe(1);
    await expectAccessible(page, 'step preview');
  });
});
