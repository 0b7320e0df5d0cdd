// The citizen's journey at 375 px and on the desktop: the start button above the fold, no page wider than the
// screen, the pages after submitting (status with timeline, the back button's notice), continue later by e-mail,
// and the language switch on a step keeping what was typed. Every page checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, openBrowserApp, pressAndNavigate, tabTo, type BrowserApp } from './support.ts';
import { takeStep } from '../src/testing/case-forms.ts';
import { Browser, TINY_PDF } from '../src/testing/http.ts';
import { VALID_STEPS } from '../src/testing/flows.ts';

const SERVICE = '/guetersloh/leistungen/hund-anmelden';
const BASE = `${SERVICE}/antrag`;

/** Nothing on the page is wider than the screen: no horizontal scrolling. */
async function expectNoHorizontalScroll(page: Page, label: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${label}: page ${scrollWidth}px wide on a ${innerWidth}px screen (${page.url()})`).toBeLessThanOrEqual(innerWidth);
}

async function checkPage(page: Page, label: string) {
  await expectNoHorizontalScroll(page, label);
  await expectAccessible(page, label);
}

/** Fills a step's fields by their names, whatever the widget: text, radio, select, a date as one or three fields. */
async function fillStep(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`);
    if ((await field.count()) === 0) {
      const [y, m, d] = value.split('-') as [string, string, string];
      await page.fill(`[name="${name}.day"]`, String(Number(d)));
      await page.fill(`[name="${name}.month"]`, String(Number(m)));
      await page.fill(`[name="${name}.year"]`, y);
      continue;
    }
    const type = await field.first().getAttribute('type');
    const tag = await field.first().evaluate((el) => el.tagName.toLowerCase());
    if (type === 'radio' || type === 'checkbox') await page.check(`[name="${name}"][value="${value}"]`);
    else if (tag === 'select') await page.selectOption(`[name="${name}"]`, value);
    else await field.first().fill(value);
  }
}

async function submitStep(page: Page) {
  await Promise.all([page.waitForNavigation(), page.click('#antrag-schritt button.kern-btn--primary')]);
}

describe.each([
  { label: '375 px', viewport: { width: 375, height: 667 } },
  { label: 'desktop', viewport: { width: 1280, height: 800 } },
])('the citizen journey at $label', ({ label, viewport }) => {
  let run: BrowserApp;
  let page: Page;
  let sentStatus = '';

  beforeAll(async () => {
    run = await openBrowserApp();
    const context = await run.browser.newContext({ baseURL: run.baseUrl, timezoneId: 'Europe/Berlin', viewport });
    page = await context.newPage();
  });
  afterAll(() => run?.close());

  it('shows the start button within the first screen, the text in a column', async () => {
    for (const path of ['/guetersloh/', '/guetersloh/suche?q=Hund', SERVICE, '/aarau/leistungen/hund-anmelden', '/wettingen/leistungen/umzug-melden']) {
      await page.goto(path);
      await checkPage(page, `${label} ${path}`);
    }
    await page.goto(SERVICE);
    const box = await page.locator('#antrag-starten').boundingBox();
    expect(box, 'start button rendered').not.toBeNull();
    expect(box!.y, `${label}: start button top within the first ${viewport.height}px`).toBeLessThan(viewport.height - box!.height);
    const column = await page.locator('.service-page').evaluate((el) => el.getBoundingClientRect().width);
    const main = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
    if (viewport.width >= 1000) expect(column / main).toBeLessThan(0.7);
    else expect(column).toBeLessThanOrEqual(viewport.width);
    expect(await page.locator('h2#s-fees').innerText()).toBe('Steuer');
  });

  it('goes through every step, the check page and the status page without a page wider than the screen', async () => {
    await page.goto(`${BASE}/halter`);
    await checkPage(page, `${label} step halter`);
    await submitStep(page);
    await checkPage(page, `${label} step halter with errors`);
    for (const [step, values] of Object.entries(VALID_STEPS)) {
      if (!page.url().endsWith(`/${step}`)) await page.goto(`${BASE}/${step}`);
      await fillStep(page, values);
      await checkPage(page, `${label} step ${step}`);
      await submitStep(page);
    }
    await page.setInputFiles('[name="versicherung"]', { name: 'versicherung.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await checkPage(page, `${label} step nachweis`);
    await submitStep(page);
    expect(new URL(page.url()).pathname).toBe(`${BASE}/pruefen`);
    await checkPage(page, `${label} check page`);

    await Promise.all([page.waitForNavigation(), page.click(`form[action="${BASE}/absenden"] button[type=submit]`)]);
    expect(page.url()).toContain('?eingegangen=1');
    await checkPage(page, `${label} confirmation`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Wie geht es weiter?');
    expect(main).toContain('In der Regel 5 Arbeitstage.');
    expect(main).toMatch(/Antrag eingegangen\s+\d{2}\.\d{2}\.\d{4}/);
    // The reference stays on one line: its box is one line high.
    const ref = page.locator('.kern-alert .reference');
    const lineHeight = await ref.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) || 30);
    expect((await ref.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    const statusUrl = page.url().replace('?eingegangen=1', '');
    sentStatus = statusUrl;

    // The back button after submitting: an explanation, not an empty form.
    await page.goBack();
    await page.goto(`${BASE}/hund`);
    expect(await page.locator('h1').innerText()).toBe('Ihr Antrag ist schon abgeschickt');
    await checkPage(page, `${label} already submitted`);
    await tabTo(page, { text: 'Zum Stand Ihres Antrags' });
    await pressAndNavigate(page);
    expect(page.url()).toBe(statusUrl);
    await page.goto(`${BASE}/pruefen`);
    await tabTo(page, { text: 'Einen neuen Antrag stellen' });
    await pressAndNavigate(page);
    expect(new URL(page.url()).pathname).toBe(`${BASE}/halter`);
    expect(await page.inputValue('[name="vorname"]')).toBe('');
  });

  it('keeps the status page within the screen once the office asks a question', async () => {
    // The clerk's side through the app itself: taken up and a question asked.
    const clerk = new Browser(run.testApp.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    const reference = /GT-\d{4}-\d{6}/.exec(await (await page.goto(sentStatus))!.text())![0];
    const inbox = await clerk.get(`/verwaltung/?q=${reference}`);
    const caseId = new RegExp(`/verwaltung/vorgaenge/([0-9a-f-]{36})">${reference}`).exec(inbox.body)![1]!;
    expect((await takeStep(clerk, caseId, 'uebernehmen')).statusCode).toBe(303);
    const asked = await takeStep(clerk, caseId, 'nachfragen', { question: 'Bitte senden Sie den Impfpass des Hundes mit der Chipnummer 276098106543210.' });
    expect(asked.statusCode).toBe(303);
    await page.goto(sentStatus);
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toMatch(/Antrag eingegangen[\s\S]*In Bearbeitung genommen[\s\S]*Rückfrage an Sie/);
    await checkPage(page, `${label} status page with a question`);
  });

  it('shows group entries on the check page as a table that never widens the page', async () => {
    const bulky = '/guetersloh/leistungen/sperrmuell/antrag';
    await page.goto(`${bulky}/kontakt`);
    await fillStep(page, {
      vorname: 'Anna',
      nachname: 'Schmidt',
      email: 'anna@example.org',
      telefon: '05241 12345',
      'abholadresse.street': 'Berliner Straße',
      'abholadresse.number': '70',
      'abholadresse.postalCode': '33330',
      'abholadresse.place': 'Gütersloh',
      eigentuemer_mieter: 'mieter',
    });
    await submitStep(page);
    expect(new URL(page.url()).pathname).toBe(`${bulky}/gegenstaende`);
    await page.check('[name="kategorien"][value="moebel"]');
    await fillStep(page, {
      'gegenstaende.0.gegenstand': 'Sofa mit Schlaffunktion und Bettkasten',
      'gegenstaende.0.anzahl': '2',
      'gegenstaende.0.volumen': '1,5',
    });
    await Promise.all([page.waitForNavigation(), page.click('button.form-group__add')]);
    await fillStep(page, { 'gegenstaende.1.gegenstand': 'Stuhl', 'gegenstaende.1.anzahl': '6', 'gegenstaende.1.volumen': '0,2' });
    await checkPage(page, `${label} step with group entries`);
    await submitStep(page);
    expect(new URL(page.url()).pathname).toBe(`${bulky}/termin`);
    await fillStep(page, { abstellort: 'strasse', express: 'nein' });
    await submitStep(page);
    expect(new URL(page.url()).pathname).toBe(`${bulky}/pruefen`);
    const table = page.locator('.check-group table');
    expect(await table.locator('caption').innerText()).toBe('Gegenstände');
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr').first().innerText()).toContain('Sofa mit Schlaffunktion');
    await checkPage(page, `${label} check page with a group table`);
    // The table's box takes keyboard focus, so a table wider than a small screen can be scrolled by keys.
    await tabTo(page, { id: '', text: /^Gegenstände/ });
  });

  it('switches language on a step by keyboard and keeps what was typed', async () => {
    await page.goto(`${BASE}/halter`);
    await page.fill('[name="vorname"]', 'Łukasz');
    await page.fill('[name="email"]', 'noch-keine-adresse');
    await tabTo(page, { text: 'English' });
    await pressAndNavigate(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.inputValue('[name="vorname"]')).toBe('Łukasz');
    expect(await page.inputValue('[name="email"]')).toBe('noch-keine-adresse');
    expect(await page.locator('.error-summary').count()).toBe(0);
    await checkPage(page, `${label} step halter in English`);
    await tabTo(page, { text: 'Deutsch' });
    await pressAndNavigate(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.inputValue('[name="vorname"]')).toBe('Łukasz');
  });

  it('saves for later and sends the link by e-mail, refusing a wrong address clearly', async () => {
    await page.goto(`${BASE}/halter`);
    await Promise.all([page.waitForNavigation(), page.click('button[name="_aktion"][value="speichern"]')]);
    expect(new URL(page.url()).pathname).toBe(`${BASE}/gespeichert`);
    await checkPage(page, `${label} saved`);
    await tabTo(page, { id: 'resume-email' });
    await page.keyboard.type('anna(at)example.org');
    await tabTo(page, { text: 'Link senden' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein');
    expect(await page.inputValue('#resume-email')).toBe('anna(at)example.org');
    await checkPage(page, `${label} saved with error`);
    await page.fill('#resume-email', 'anna@example.org');
    await tabTo(page, { text: 'Link senden' });
    await pressAndNavigate(page);
    expect(await page.locator('main').innerText()).toContain('Der Link ist unterwegs.');
    await checkPage(page, `${label} saved, link sent`);
  });
});
