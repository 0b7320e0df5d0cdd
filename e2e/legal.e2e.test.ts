// Trust and the law in Chromium: the footer's legal pages of a municipality and of the operator, reached by
// keyboard, in German and English and at 375 px; an organiser edits the texts in the studio (first refused); the
// privacy notice on the check page. Every page and error state is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillApplication } from '../src/testing/flows.ts';
import { Browser } from '../src/testing/http.ts';
import { type BrowserApp, expectAccessible, focused, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

const PAGES = ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'];

async function expectNoHorizontalScroll(page: Page, label: string) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `${label}: no horizontal scroll at 375 px`).toBeLessThanOrEqual(client);
}

describe('trust and the law in Chromium', () => {
  let run: BrowserApp;

  beforeAll(async () => {
    run = await openBrowserApp();
  });
  afterAll(() => run?.close());

  it("reaches a municipality's legal pages from the footer by keyboard; each is accessible in German and English", async () => {
    const page = await run.newPage();
    await page.goto('/guetersloh/');
    await tabTo(page, { href: '/guetersloh/barrierefreiheit' }, 200);
    const res = await pressAndNavigate(page);
    expect(res.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Erklärung zur Barrierefreiheit');
    expect(await page.locator('main').innerText()).toContain('Ombudsstelle für barrierefreie Informationstechnik');
    for (const slug of ['guetersloh', 'aarau']) {
      for (const p of PAGES) {
        for (const lang of ['de', 'en']) {
          const r = await page.goto(`/${slug}/${p}?lang=${lang}`);
          expect(r?.status(), `${slug}/${p} ${lang}`).toBe(200);
          await expectAccessible(page, `${slug}/${p} (${lang})`);
        }
      }
    }
  });

  it("reaches the operator's pages from the back office's sign-in page by keyboard", async () => {
    const page = await run.newPage();
    await page.goto('/verwaltung/anmelden');
    await tabTo(page, { href: '/impressum' }, 200);
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Diese Angaben gelten für die Plattform Kreis Gütersloh.');
    for (const p of PAGES) {
      expect((await page.goto(`/${p}`))?.status()).toBe(200);
      await expectAccessible(page, `operator ${p}`);
    }
  });

  it('keeps the legal pages within 375 px, in both languages', async () => {
    const context = await run.browser.newContext({ baseURL: run.baseUrl, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    for (const p of PAGES) {
      for (const lang of ['de', 'en']) {
        await page.goto(`/rheda-wiedenbrueck/${p}?lang=${lang}`);
        await expectNoHorizontalScroll(page, `${p} (${lang})`);
      }
    }
    await context.close();
  });

  it('lets an organiser edit the texts by keyboard, through a refusal that keeps what was typed', async () => {
    const page = await run.newPage();
    await signIn(page, 'organisation@harsewinkel.example');
    await page.goto('/studio/');
    await tabTo(page, { href: '/studio/rechtliches' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    await expectAccessible(page, 'studio legal texts');

    await page.fill('#legal-address', '');
    await page.fill('#legal-dpoName', 'Herr Max Beispiel');
    await tabTo(page, { text: 'Rechtliche Texte speichern' }, 200);
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await focused(page)).toMatchObject({ text: expect.stringContaining('Bitte korrigieren Sie Folgendes') });
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie die Anschrift ein.');
    expect(await page.inputValue('#legal-dpoName')).toBe('Herr Max Beispiel');
    expect(await page.locator('#legal-address').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'studio legal texts with an error');

    await page.fill('#legal-address', 'Münsterstraße 14, 33428 Harsewinkel');
    await tabTo(page, { text: 'Rechtliche Texte speichern' }, 200);
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(await page.locator('[role=status]').first().innerText()).toContain('Die rechtlichen Texte sind gespeichert.');
    await expectAccessible(page, 'studio legal texts saved');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page, 'studio legal texts');
    await page.goto('/harsewinkel/datenschutz');
    expect(await page.locator('main').innerText()).toContain('Herr Max Beispiel');
  });

  it('shows the privacy notice on the check page above the submit button', async () => {
    // The steps are filled through the app's forms (src/testing/flows.ts); the browser continues the same draft.
    const citizen = new Browser(run.testApp.app);
    await fillApplication(citizen);
    const context = await run.browser.newContext({ baseURL: run.baseUrl });
    await context.addCookies([...citizen.cookies].map(([name, value]) => ({ name, value, url: run.baseUrl })));
    const page = await context.newPage();
    const res = await page.goto('/guetersloh/leistungen/hund-anmelden/antrag/pruefen');
    expect(res?.status()).toBe(200);
    const notice = page.locator('section.privacy-notice');
    expect(await notice.locator('h2').innerText()).toBe('Hinweise zum Datenschutz');
    const words = await notice.innerText();
    for (const part of ['Verantwortlich', 'Datenschutzbeauftragte Stelle', 'Zweck', 'Rechtsgrundlage', 'Empfänger', 'Speicherdauer', 'Ihre Rechte']) {
      expect(words).toContain(part);
    }
    expect(words).toContain('10 Jahre nach der Entscheidung');
    // The notice comes before the binding submit, in the page's order and in the keyboard's.
    const order = await page.evaluate(() => {
      const n = document.querySelector('section.privacy-notice')!;
      const submit = document.querySelector('form[action$="/absenden"] button[type=submit]')!;
      return n.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await tabTo(page, { href: '/guetersloh/datenschutz' }, 200);
    await tabTo(page, { text: /verbindlich absenden/ }, 200);
    await expectAccessible(page, 'check page with the privacy notice');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page, 'check page with the privacy notice');
    await context.close();
  });
});
