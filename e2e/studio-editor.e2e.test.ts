// The studio's form editor in Chromium: a region admin edits a template's form by keyboard alone; the overview,
// the field edit page, its error state, the delete confirmation and the preview are checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { inRegion, inTenant } from '../src/platform/db/database.ts';
import { parkingContent } from '../src/testing/catalog.ts';
import { organizationBySlug } from '../src/modules/organizations/index.ts';
import { createTemplate, editableForm, type FormOwner } from '../src/modules/services/index.ts';
import { expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo, type BrowserApp } from './support.ts';

describe('studio form editor in Chromium', () => {
  let run: BrowserApp;
  let app: FastifyInstance;
  let page: Page;
  let owner: FormOwner;
  let base: string;

  const savedForm = async () => (await inTenant(app.db, owner.tenantId, (tx) => editableForm(tx, owner)))!.form;

  beforeAll(async () => {
    run = await openBrowserApp();
    app = run.testApp.app;

    const regionId = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh')))!.id;
    const content = parkingContent();
    content.title = { de: 'Hund anmelden (Editor)' };
    content.form.steps.push({
      id: 'hund',
      title: { de: 'Hund' },
      fields: [
        { id: 'hundename', type: 'text', label: { de: 'Hundename' }, required: true },
        { id: 'gewerblich', type: 'yesno', label: { de: 'Gewerbliche Haltung?' } },
        { id: 'firma', type: 'text', label: { de: 'Firma' }, showIf: { '==': [{ var: 'gewerblich' }, true] } },
      ],
    });
    const created = await inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, 'hund-editor-e2e', content));
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    owner = { kind: 'template', tenantId: regionId, id: created.id };
    base = `/studio/vorlagen/${created.id}/formular`;

    page = await run.newPage();
    await signIn(page, 'admin@kreis-guetersloh.example');
  });

  afterAll(() => run?.close());

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
