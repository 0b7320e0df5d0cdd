// The studio's form editor in Chromium: a region admin edits a template's form by keyboard alone; the overview,
// the field edit page with its rule builder and option rows, its error states, the delete confirmation and the
// preview (in a municipality's colours) are checked with axe-core.
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
  const savedField = async (id: string) => (await savedForm()).steps.flatMap((s) => s.fields).find((f) => f.id === id)!;

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
    content.form.steps.push({
      id: 'art',
      title: { de: 'Art' },
      fields: [
        {
          id: 'rasse',
          type: 'radio',
          label: { de: 'Rasse' },
          options: [
            { value: 'dackel', label: { de: 'Dackel' } },
            { value: 'pudel', label: { de: 'Pudel', en: 'Poodle' } },
          ],
        },
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
    // Move buttons are named for what moves where; their visible text is the short part of the name.
    const up = page.getByRole('button', { name: 'Feld „Firma“ nach oben verschieben', exact: true });
    expect(await up.count()).toBe(1);
    expect((await up.innerText()).trim()).toBe('Nach oben');
    await expectAccessible(page, 'form editor overview');
  });

  it('moves a field and renames another by keyboard alone', async () => {
    await page.goto(base);
    await tabTo(page, { id: 'hoch-feld-firma' }, 200);
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

  const save = () => Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Speichern', exact: true }).last().click()]);

  it('shows the field edit page with the rule builder; a refused value and a refused rule are shown accessibly, keeping what was typed', async () => {
    await page.goto(`${base}/schritte/hund/felder/firma`);
    await expectAccessible(page, 'field edit page');
    // The simple rule shows in the builder: "Gewerbliche Haltung? ist ja".
    expect(await page.inputValue('#e-showIf_feld')).toBe('gewerblich');
    expect(await page.inputValue('#e-showIf_op')).toBe('is');
    expect(await page.inputValue('#e-showIf_wert')).toBe('ja');
    expect(await page.locator('#e-showIf').isVisible()).toBe(false);

    await tabTo(page, { id: 'e-showIf_wert' }, 200);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('vielleicht');
    await save();
    expect(await page.title()).toMatch(/^Fehler:/);
    expect(await page.locator('.error-summary').innerText()).toContain(
      'Anzeigen wenn – Wert: „Gewerbliche Haltung?“ ist eine Ja/Nein-Frage: Geben Sie ja oder nein an.',
    );
    expect(await page.inputValue('#e-showIf_wert')).toBe('vielleicht');
    await expectAccessible(page, 'field edit page with a refused builder value');
    expect((await savedField('firma')).showIf).toEqual({ '==': [{ var: 'gewerblich' }, true] });

    // The JSON Logic for experts: behind "Für Fachleute", opened by keyboard.
    await page.goto(`${base}/schritte/hund/felder/firma`);
    await tabTo(page, { text: 'Für Fachleute: JSON Logic' }, 200);
    await page.keyboard.press('Enter');
    await page.fill('#e-showIf', '{"==": [{"var": "gewerblich"}, true]');
    await save();
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Anzeigen wenn – Für Fachleute: JSON Logic: Die Regel ist kein gültiges JSON: In Zeile 1');
    expect(await page.locator('#e-showIf').isVisible()).toBe(true);
    expect(await page.inputValue('#e-showIf')).toBe('{"==": [{"var": "gewerblich"}, true]');
    await expectAccessible(page, 'field edit page with an error');

    await page.fill('#e-showIf', '{"==": [{"var": "hunderasse"}, "Dackel"]}');
    await save();
    expect(await page.locator('#e-showIf-error').innerText()).toContain('„hunderasse“');
    expect(await page.locator('.error-summary').innerText()).not.toContain('/steps/');
    expect((await savedField('firma')).showIf).toEqual({ '==': [{ var: 'gewerblich' }, true] });
  });

  it('makes a rule with the builder by keyboard, saved as JSON Logic', async () => {
    await page.goto(`${base}/schritte/hund/felder/firma`);
    await tabTo(page, { id: 'e-requiredIf_feld' }, 200);
    await page.selectOption('#e-requiredIf_feld', 'rasse');
    await tabTo(page, { id: 'e-requiredIf_op' });
    await page.selectOption('#e-requiredIf_op', 'isNot');
    await tabTo(page, { id: 'e-requiredIf_wert' });
    await page.keyboard.type('dackel');
    await save();
    expect(await page.locator('main').innerText()).toContain('Änderung gespeichert.');
    expect((await savedField('firma')).requiredIf).toEqual({ '!=': [{ var: 'rasse' }, 'dackel'] });
    expect(await page.locator('main').innerText()).toContain('Pflichtfeld wenn: „Rasse“ ≠ „dackel“');
  });

  it('edits options as rows: a row added and removed by buttons without JavaScript, Enter saves', async () => {
    const context = await run.browser.newContext({ javaScriptEnabled: false, baseURL: run.baseUrl });
    const plain = await context.newPage();
    plain.setDefaultTimeout(15_000);
    await signIn(plain, 'admin@kreis-guetersloh.example');
    await plain.goto(`${run.baseUrl}${base}/schritte/art/felder/rasse`);
    expect(await plain.locator('legend', { hasText: /^Antwortmöglichkeit \d$/ }).count()).toBe(2);
    await tabTo(plain, { text: 'Antwortmöglichkeit hinzufügen' }, 300);
    await pressAndNavigate(plain);
    expect(await plain.locator('legend', { hasText: /^Antwortmöglichkeit \d$/ }).count()).toBe(3);
    expect(await plain.inputValue('#e-option-1-en')).toBe('Poodle');
    await plain.fill('#e-option-2-wert', 'dogge');
    await plain.fill('#e-option-2-de', 'Dogge');
    await plain.fill('#e-option-2-en', 'Great Dane');
    await plain.getByRole('button', { name: 'Antwortmöglichkeit 1 entfernen' }).focus();
    await pressAndNavigate(plain);
    expect(await plain.locator('legend', { hasText: /^Antwortmöglichkeit \d$/ }).count()).toBe(2);
    expect(await plain.inputValue('#e-option-1-wert')).toBe('dogge');
    // Nothing is saved until "Speichern"; Enter in a text input saves (it does not add or remove a row).
    expect((await savedForm()).steps[2]!.fields[0]!.options).toHaveLength(2);
    await plain.focus('#e-option-1-de');
    await pressAndNavigate(plain);
    expect((await savedForm()).steps[2]!.fields[0]!.options).toEqual([
      { value: 'pudel', label: { de: 'Pudel', en: 'Poodle' } },
      { value: 'dogge', label: { de: 'Dogge', en: 'Great Dane' } },
    ]);
    await context.close();

    // The same pages, checked with axe-core (which needs JavaScript to run).
    await page.goto(`${base}/schritte/art/felder/rasse`);
    await expectAccessible(page, 'option rows');
    await page.getByRole('button', { name: 'Antwortmöglichkeit hinzufügen' }).focus();
    await pressAndNavigate(page);
    expect(await page.locator('legend', { hasText: /^Antwortmöglichkeit \d$/ }).count()).toBe(3);
    await expectAccessible(page, 'option rows with a new row');
  });

  it('fits the field edit page, its rule builder and option rows into 375 px without scrolling sideways', async () => {
    const narrow = await run.newPage();
    await narrow.setViewportSize({ width: 375, height: 800 });
    await signIn(narrow, 'admin@kreis-guetersloh.example');
    for (const path of [`${base}/schritte/art/felder/rasse`, `${base}/schritte/hund/felder/firma`, `${base}/schritte/hund`]) {
      await narrow.goto(path);
      const overflow = await narrow.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await narrow.context().close();
  });

  it('discards a new field when its first edit is cancelled', async () => {
    await page.goto(base);
    const before = (await savedForm()).steps[2]!.fields.map((f) => f.id);
    await tabTo(page, { id: 'neu-schritt-art-typ' }, 300);
    await page.selectOption('#neu-schritt-art-typ', 'date');
    await page.getByRole('button', { name: 'Feld hinzufügen: Schritt „Art“' }).focus();
    await pressAndNavigate(page);
    expect(await page.locator('h1').innerText()).toBe('Feld „Neues Datum“ bearbeiten');
    expect((await savedForm()).steps[2]!.fields).toHaveLength(before.length + 1);
    await expectAccessible(page, 'new field');
    await tabTo(page, { text: 'Abbrechen' }, 300);
    await pressAndNavigate(page);
    expect(new URL(page.url()).pathname).toBe(base);
    expect((await savedForm()).steps[2]!.fields.map((f) => f.id)).toEqual(before);
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

  it('shows the preview in the chosen municipality colours', async () => {
    const guetersloh = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'guetersloh')))!;
    await page.goto('/verwaltung/');
    await page.check(`form[action="/verwaltung/kommune"] input[value="${guetersloh.id}"]`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/verwaltung/kommune"] button[type="submit"]')]);
    await page.goto(`${base}/schritte/hund/vorschau`);
    expect(await page.locator('main').innerText()).toContain('So sieht der Schritt in den Farben von Stadt Gütersloh aus.');
    const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--tenant-primary').trim());
    expect(primary.toLowerCase()).toBe('#005a8c');
    await expectAccessible(page, 'step preview in the municipality colours');
  });
});
