// A citizen finds a service by a misspelt search, fills a form with rules, a repeating group and computed values,
// saves it for later, continues by the secret link and sees the fee explained before submitting. axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, fill, openBrowserApp, pressAndNavigate, tabTo, type BrowserApp } from './support.ts';

const BASE = '/guetersloh/leistungen/sperrmuell/antrag';

describe('bulky waste collection, a form with rules and a group, in Chromium', () => {
  let run: BrowserApp;
  let page: Page;
  let resumeLink: string;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
  });

  afterAll(() => run?.close());

  const main = () => page.locator('main').innerText();

  it('finds the service from the portal home with a typo, by keyboard', async () => {
    await page.goto('/guetersloh/');
    await expectAccessible(page, 'portal home');
    await fill(page, (await page.locator('input[type=search]').first().getAttribute('id')) ?? '', 'Sperrmül');
    await pressAndNavigate(page);
    expect(page.url()).toContain('/guetersloh/suche?q=Sperrm');
    await expectAccessible(page, 'search results');
    await tabTo(page, { href: '/guetersloh/leistungen/sperrmuell' });
    await pressAndNavigate(page);
    await expectAccessible(page, 'service page');
    await tabTo(page, { href: '/guetersloh/leistungen/sperrmuell/antrag' });
    const first = await pressAndNavigate(page);
    expect(first.url()).toContain(`${BASE}/kontakt`);
  });

  it('fills the contact step, with an address checked per part', async () => {
    await expectAccessible(page, 'contact step');
    await page.fill('#f-vorname', 'Jürgen');
    await page.fill('#f-nachname', 'Öztürk');
    await page.fill('#f-email', 'juergen@example.org');
    await page.fill('#f-telefon', '05241 123456');
    await page.fill('#f-abholadresse-street', 'Kökerstraße');
    await page.fill('#f-abholadresse-number', '7');
    await page.fill('#f-abholadresse-postalCode', '3333');
    await page.fill('#f-abholadresse-place', 'Gütersloh');
    await page.check('#f-eigentuemer_mieter-1');
    const refused = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(refused[0]?.status()).toBe(422);
    expect(await page.locator('#f-abholadresse-postalCode').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#f-abholadresse-street')).toBe('Kökerstraße');
    await expectAccessible(page, 'contact step with an error');
    await page.fill('#f-abholadresse-postalCode', '33330');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(page.url()).toContain(`${BASE}/gegenstaende`);
  });

  it('shows a field when a checkbox asks for it, adds and removes group entries, computes the volume', async () => {
    await expectAccessible(page, 'items step');
    const elektro = page.locator('#f-anzahl_elektro');
    expect(await elektro.isVisible()).toBe(false);
    await page.check('input[name=kategorien][value=elektro]');
    expect(await elektro.isVisible()).toBe(true);
    await elektro.fill('1');
    await page.check('input[name=kategorien][value=moebel]');

    await page.fill('#f-gegenstaende-0-gegenstand', 'Sofa');
    await page.fill('#f-gegenstaende-0-anzahl', '2');
    await page.fill('#f-gegenstaende-0-volumen', '1,5');
    // Adding an entry is a plain submit: it works without JavaScript and keeps what was typed.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Eintrag hinzufügen/ }).click()]);
    expect(await page.inputValue('#f-gegenstaende-0-gegenstand')).toBe('Sofa');
    await page.fill('#f-gegenstaende-1-gegenstand', 'Stuhl');
    await page.fill('#f-gegenstaende-1-anzahl', '4');
    await page.fill('#f-gegenstaende-1-volumen', '0,2');
    expect(await page.locator('output').filter({ hasText: /3,8/ }).count()).toBeGreaterThan(0);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Eintrag hinzufügen/ }).click()]);
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('button', { name: /Eintrag entfernen/ })
        .last()
        .click(),
    ]);
    expect(await page.locator('#f-gegenstaende-2-gegenstand').count()).toBe(0);
    await expectAccessible(page, 'items step with two entries');
  });

  it('saves for later and continues by the secret link in a fresh browser', async () => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Speichern und später fortsetzen' }).click()]);
    expect(page.url()).toContain(`${BASE}/gespeichert`);
    await expectAccessible(page, 'saved for later');
    resumeLink = await page.inputValue('#resume-link');
    expect(resumeLink).toMatch(/\/fortsetzen\/[A-Za-z0-9_-]+$/);
    await page.context().close();
    page = await run.newPage();
    await page.goto(new URL(resumeLink).pathname);
    await expectAccessible(page, 'continue page');
    // It continues at the first step still incomplete; the earlier ones kept everything.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Antrag fortsetzen' }).click()]);
    expect(page.url()).toContain(`${BASE}/termin`);
    await page.goto(`${BASE}/gegenstaende`);
    expect(await page.inputValue('#f-gegenstaende-1-gegenstand')).toBe('Stuhl');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(page.url()).toContain(`${BASE}/termin`);
  });

  it('asks for the floor only when carried from the flat, and explains the fee line by line', async () => {
    await expectAccessible(page, 'date step');
    expect(await page.locator('#f-stockwerk').isVisible()).toBe(false);
    await page.check('input[name=abstellort][value=wohnung]');
    expect(await page.locator('#f-stockwerk').isVisible()).toBe(true);
    await page.fill('#f-stockwerk', '2. OG, kein Aufzug');
    await page.check('input[name=express][value=nein]');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(page.url()).toContain(`${BASE}/pruefen`);
    await expectAccessible(page, 'check page with fees');
    const text = await main();
    expect(text).toContain('Sofa');
    expect(text).toContain('2. OG, kein Aufzug');
    expect(text).toMatch(/Trageservice/);
    expect(text).toMatch(/Summe/);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click()]);
    expect(page.url()).toMatch(/\/guetersloh\/antraege\/[A-Za-z0-9_-]+\?eingegangen=1$/);
    await expectAccessible(page, 'confirmation');
    // The resume link worked once and is gone.
    const gone = await page.goto(new URL(resumeLink).pathname);
    expect(gone?.status()).toBe(404);
    await expectAccessible(page, 'expired resume link');
  });
});
