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

// Issue 8, focus and wording: after a failed submit focus is on the error summary; after adding or removing a group
// entry on that entry; messages name their field; a date of birth is three inputs; widths fit the answers; the
// header's language link and every focus ring reach their contrast on each demo municipality's colours.
const DOG = '/guetersloh/leistungen/hund-anmelden/antrag';
const ITEMS = '/guetersloh/leistungen/sperrmuell/antrag/gegenstaende';

/** WCAG contrast of two CSS colours as the browser computes them ("rgb(0, 90, 140)"). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id || (document.activeElement?.className ?? ''));

describe('focus, field widths, dates of birth and field-specific messages, in Chromium', () => {
  let run: BrowserApp;

  beforeAll(async () => {
    run = await openBrowserApp();
  });

  afterAll(() => run?.close());

  it('a failed submit puts focus on the error summary, which names each field; nothing typed is lost', async () => {
    const page = await run.newPage();
    await page.goto(DOG);
    await expectAccessible(page, 'dog registration, first step');
    // The date of birth: day, month and year, never the browser's date picker.
    expect(await page.locator('#f-geburtsdatum-day, #f-geburtsdatum-month, #f-geburtsdatum-year').count()).toBe(3);
    expect(await page.locator('input[type=date][name=geburtsdatum]').count()).toBe(0);
    await page.fill('#f-vorname', 'Anna');
    await page.fill('#f-geburtsdatum-day', '7');
    await page.fill('#f-geburtsdatum-month', '3');
    const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(refused?.status()).toBe(422);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Geben Sie Ihren Nachnamen ein.');
    expect(summary).toContain('Das Geburtsdatum muss ein Jahr enthalten.');
    expect(summary).not.toContain('Nachname: Geben');
    expect(await page.locator('.error-summary a', { hasText: 'ein Jahr enthalten' }).getAttribute('href')).toBe('#f-geburtsdatum-year');
    expect(await page.inputValue('#f-geburtsdatum-day')).toBe('7');
    expect(await page.inputValue('#f-vorname')).toBe('Anna');
    expect(await page.locator('#f-geburtsdatum-year').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-geburtsdatum-day').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page, 'dog registration with errors');
    // From the summary by keyboard to the year, which then takes the typing.
    await tabTo(page, { text: 'Das Geburtsdatum muss ein Jahr enthalten.' });
    await page.keyboard.press('Enter');
    expect(await activeId(page)).toBe('f-geburtsdatum-year');
    await page.keyboard.type('2030');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(await page.locator('.error-summary').innerText()).toContain('Das Geburtsdatum muss in der Vergangenheit liegen.');
    await page.context().close();
  });

  it('the summary takes focus also without JavaScript (autofocus)', async () => {
    const context = await run.browser.newContext({ baseURL: run.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(DOG);
    const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Weiter' }).click()]);
    expect(refused?.status()).toBe(422);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await context.close();
  });

  it('widths fit the answers: postal code and house number narrow, phone and IBAN wider, all within 375 px', async () => {
    const page = await run.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/guetersloh/leistungen/sperrmuell/antrag/kontakt');
    const width = (id: string) => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().width);
    const street = await width('f-abholadresse-street');
    expect(await width('f-abholadresse-postalCode')).toBeLessThan(130);
    expect(await width('f-abholadresse-number')).toBeLessThan(130);
    expect(await width('f-telefon')).toBeLessThanOrEqual(street + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await width('f-abholadresse-postalCode')).toBeLessThan(130);
    expect(await width('f-telefon')).toBeLessThan(await width('f-email'));
    await expectAccessible(page, 'contact step, widths');
    await page.context().close();
  });

  it('adding a group entry focuses its first field, removing one the entry before: with JavaScript', async () => {
    const page = await run.newPage();
    await page.goto(ITEMS);
    await page.fill('#f-gegenstaende-0-gegenstand', 'Sofa');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Eintrag hinzufügen/ }).click()]);
    expect(await activeId(page)).toBe('f-gegenstaende-1-gegenstand');
    expect(await page.inputValue('#f-gegenstaende-0-gegenstand')).toBe('Sofa');
    await page.keyboard.type('Stuhl');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Eintrag hinzufügen/ }).click()]);
    expect(await activeId(page)).toBe('f-gegenstaende-2-gegenstand');
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('button', { name: /Eintrag entfernen/ })
        .last()
        .click(),
    ]);
    expect(await activeId(page)).toBe('f-gegenstaende-1-gegenstand');
    expect(await page.inputValue('#f-gegenstaende-1-gegenstand')).toBe('Stuhl');
    await expectAccessible(page, 'items step after removing an entry');
    await page.context().close();
  });

  it('without JavaScript the round trip lands on the entry: the button posts with it as fragment, the page focuses it', async () => {
    const context = await run.browser.newContext({ baseURL: run.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ITEMS);
    await page.fill('#f-gegenstaende-0-gegenstand', 'Sofa');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Eintrag hinzufügen/ }).click()]);
    // The 303 after the post keeps the fragment of the URL posted to; the browser focuses the field it names.
    expect(new URL(page.url()).hash).toBe('#f-gegenstaende-1-gegenstand');
    expect(await activeId(page)).toBe('f-gegenstaende-1-gegenstand');
    await page.keyboard.type('Stuhl');
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('button', { name: /Eintrag entfernen/ })
        .last()
        .click(),
    ]);
    // Removing the second entry: focus on the entry before it.
    expect(await activeId(page)).toBe('f-gegenstaende-0-gegenstand');
    expect(await page.locator('#f-gegenstaende-1-gegenstand').count()).toBe(0);
    // (axe-core needs JavaScript: the same page is checked with it in the test before.)
    await context.close();
  });

  it.each([
    'guetersloh',
    'rheda-wiedenbrueck',
    'harsewinkel',
    'aarau',
    'baden',
    'wettingen',
  ])('%s: the language link is readable on the header and every focus ring reaches 3:1', async (slug) => {
    const page = await run.newPage();
    await page.goto(`/${slug}/`);
    const header = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    const link = page.locator('.site-header a[hreflang]');
    expect(contrast(await link.evaluate((el) => getComputedStyle(el).color), header)).toBeGreaterThanOrEqual(4.5);
    await tabTo(page, { text: /English/ });
    const ring = await link.evaluate((el) => ({
      color: getComputedStyle(el).outlineColor,
      width: getComputedStyle(el).outlineWidth,
      style: getComputedStyle(el).outlineStyle,
    }));
    expect(ring.style).toBe('solid');
    expect(Number.parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    expect(contrast(ring.color, header)).toBeGreaterThanOrEqual(3);
    // A ring on the page itself (the search field, on white).
    const search = page.locator('main input[type=search]').first();
    await search.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const onPage = await search.evaluate((el) => getComputedStyle(el).outlineColor);
    const pageBackground = await page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(contrast(onPage, pageBackground === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : pageBackground)).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, `${slug} portal home`);
    await page.context().close();
  });
});
