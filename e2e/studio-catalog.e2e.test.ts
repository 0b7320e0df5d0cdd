// The studio's catalog pages in Chromium: a region admin writes and publishes a template, a municipality adopts it
// and accepts a new version. Every page and error state is checked with axe-core; the template is created by keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo, type BrowserApp } from './support.ts';

describe('studio catalog in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
  });

  afterAll(() => run?.close());

  it('signs in a region admin and chooses a municipality', async () => {
    await signIn(page, 'admin@kreis-guetersloh.example');
    await page.getByLabel('Stadt Gütersloh').check();
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/verwaltung/kommune"] button[type=submit]').click()]);
    const home = await page.goto('/studio/');
    expect(home?.status()).toBe(200);
    await expectAccessible(page, 'studio home');
  });

  it('creates a template by keyboard, shows errors accessibly, publishes it', async () => {
    await page.goto('/studio/vorlagen');
    await expectAccessible(page, 'template list');
    await fill(page, 'new-title', 'Fundsache melden');
    await fill(page, 'new-slug', 'Fundsache');
    await tabTo(page, { text: 'Anlegen' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('main').innerText()).toContain('Kleinbuchstaben');
    await expectAccessible(page, 'template list with an error');
    await page.fill('#new-slug', 'fundsache');
    await tabTo(page, { text: 'Anlegen' });
    const created = await pressAndNavigate(page);
    expect(created.status()).toBe(200);
    expect(page.url()).toMatch(/\/studio\/vorlagen\/[0-9a-f-]{36}\?hinweis=angelegt$/);
    await expectAccessible(page, 'template content page');

    await page.fill('#f-leikaKey', '12345');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Entwurf speichern' }).click()]);
    expect(await page.locator('.kern-alert, [role=alert]').first().innerText()).toContain('14 Ziffern');
    await expectAccessible(page, 'template content with an error');
    await page.fill('#f-leikaKey', '');
    await page.fill('#f-summary_de', 'Etwas gefunden? Melden Sie es dem Fundbüro.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Entwurf speichern' }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Fassung 1 veröffentlichen' }).click()]);
    expect(await page.locator('main').innerText()).toContain('Veröffentlicht: Fassung 1');

    await page.getByRole('link', { name: 'Vorschau' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Fundsache melden');
    await expectAccessible(page, 'template preview');
  });

  it('adopts the template as a draft, refuses to publish it while details are missing, publishes it once complete and accepts a new version', async () => {
    await page.goto('/studio/leistungen');
    await expectAccessible(page, 'services of the municipality');
    await page.selectOption('#f-template', { label: 'Fundsache melden' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Übernehmen' }).click()]);
    const localUrl = page.url();
    expect(await page.locator('main').innerText()).toContain('Noch nicht veröffentlicht');
    expect(await page.locator('main').innerText()).toContain('Die zuständige Stelle fehlt.');
    await expectAccessible(page, 'local details of a draft');
    // Not in the portal yet; the list says what is missing.
    expect((await page.request.get('/guetersloh/leistungen/fundsache')).status()).toBe(404);
    await page.goto('/studio/leistungen');
    const row = page.locator('tr', { hasText: 'Fundsache melden' });
    expect(await row.innerText()).toContain('Entwurf');
    expect(await row.innerText()).toContain('Die Öffnungszeiten fehlen.');

    // Publishing by keyboard is refused, naming each missing detail; focus goes to the error summary.
    await page.goto(localUrl);
    await tabTo(page, { text: 'Leistung veröffentlichen' }, 200);
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Zuständige Stelle: Die zuständige Stelle fehlt.');
    expect(summary).toContain('Öffnungszeiten: Die Öffnungszeiten fehlen.');
    expect(summary).not.toContain('/local/');
    expect(await page.evaluate(() => document.activeElement?.closest('.error-summary') !== null)).toBe(true);
    await expectAccessible(page, 'publishing refused');

    await page.fill('#f-office_de', 'Fundbüro');
    await page.fill('#f-hours_de', 'Mo–Fr 8–12 Uhr');
    await page.fill('#f-phone', '05241 82-0');
    await page.fill('#f-address', '');
    await page.fill('#f-email', 'falsch');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Entwurf speichern' }).click()]);
    expect(await page.locator('#f-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#f-office_de')).toBe('Fundbüro');
    await expectAccessible(page, 'local details with an error');
    await page.fill('#f-email', 'fundbuero@guetersloh.example');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Entwurf speichern' }).click()]);
    expect(page.url()).toContain('hinweis=gespeichert');
    expect(await page.locator('main').innerText()).toContain('Vollständig: kann veröffentlicht werden.');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Leistung veröffentlichen' }).click()]);
    expect(page.url()).toContain('hinweis=veroeffentlicht');
    await expectAccessible(page, 'local details of a published service');
    const portal = await page.request.get('/guetersloh/leistungen/fundsache');
    expect(portal.status()).toBe(200);
    // No empty contact rows: the address was left empty and is not shown.
    const html = await portal.text();
    expect(html).toContain('Fundbüro');
    expect(html).not.toMatch(/<dt[^>]*>Anschrift<\/dt>/);
    expect(html).toMatch(/<dt[^>]*>Telefon/);

    // The region publishes version 2; the municipality sees what changed.
    await page.goto('/studio/vorlagen');
    await page.getByRole('link', { name: 'Fundsache melden' }).click();
    await page.waitForLoadState();
    await page.fill('#f-processingTime_de', 'Sofort');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Entwurf speichern' }).click()]);
    await page.getByRole('link', { name: 'Änderungen' }).click();
    await page.waitForLoadState();
    await expectAccessible(page, 'template changes');
    await Promise.all([page.waitForNavigation(), page.goBack()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Fassung 2 veröffentlichen' }).click()]);

    await page.goto('/studio/leistungen');
    await page.getByRole('link', { name: /Fundsache melden: Fassung 2 verfügbar/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('main').innerText()).toContain('Sofort');
    await expectAccessible(page, 'new version to accept');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Fassung 2 übernehmen' }).click()]);
    expect(page.url()).toContain('hinweis=aktualisiert');
  });

  it('fits the services list and the local details into 375 px without scrolling sideways', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/studio/leistungen');
    const local = await page.locator('a', { hasText: 'Örtliche Angaben' }).first().getAttribute('href');
    for (const path of ['/studio/leistungen', local!]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('imports a FIM XDatenfelder file: the upload page, a refused file and the report are accessible', async () => {
    await page.goto('/studio/vorlagen/import');
    await expectAccessible(page, 'import page');
    await page.setInputFiles('#f-datei', { name: 'kaputt.xml', mimeType: 'application/xml', buffer: Buffer.from('<xdf:Datenschema><offen') });
    await page.fill('#f-slug', 'fim-kaputt');
    const refused = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Importieren' }).click()]);
    expect(refused[0]?.status()).toBe(422);
    expect(await page.inputValue('#f-slug')).toBe('fim-kaputt');
    expect(await page.locator('#f-datei-error').innerText()).toContain(
      'Die Datei ist kein wohlgeformtes XML (Zeile 1, Spalte 1): Die XML-Struktur ist fehlerhaft.',
    );
    await expectAccessible(page, 'import page with a refused file');
    await page.setInputFiles('#f-datei', '/work/shared/standards/xdatenfelder/v2/select.xml');
    await page.fill('#f-slug', 'fim-auswahl');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Importieren' }).click()]);
    const report = await page.locator('main').innerText();
    expect(report).toContain('XDatenfelder 2.0');
    expect(report).toContain(
      'F123: Die Auswahl „Hinweis“ verweist nur auf die Codeliste „urn:de:example“ (Version 1); deren Werte sind nicht in der Datei enthalten.',
    );
    await expectAccessible(page, 'import report');
  });
});
