// The clerk's inbox and case page in Chromium: signing in from a case's address lands on that case; "Passwort
// vergessen" is reached by keyboard; the search works without JavaScript and keeps itself in the sort links; the
// "Antwort eingegangen" badge shows until the case is opened; the case page shows charges and history. Every page
// and state is checked with axe-core, and at 375 px nothing scrolls sideways.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeStep } from '../src/testing/case-forms.ts';
import { Browser, DEMO_PASSWORD, TINY_PDF } from '../src/testing/http.ts';
import { fillApplication, submitApplication, VALID_STEPS } from '../src/testing/flows.ts';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, tabTo } from './support.ts';

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the clerk’s inbox and case page in Chromium', () => {
  let run: BrowserApp;
  let clerk: Page;
  const cases: Array<{ reference: string; statusPath: string; id: string }> = [];

  beforeAll(async () => {
    run = await openBrowserApp();
    for (const last of ['Brandt', 'Okonkwo']) {
      const citizen = new Browser(run.testApp.app);
      await fillApplication(citizen, undefined, { ...VALID_STEPS, halter: { ...VALID_STEPS.halter!, vorname: 'Mira', nachname: last } });
      const statusPath = await submitApplication(citizen);
      const reference = /GT-\d{4}-\d{6}/.exec((await citizen.get(statusPath)).body)![0];
      cases.push({ reference, statusPath, id: '' });
    }
    // The ids, as a colleague's inbox lists them.
    const colleague = new Browser(run.testApp.app);
    await colleague.login('organisation@guetersloh.example');
    const inbox = (await colleague.get('/verwaltung/')).body;
    for (const c of cases) c.id = new RegExp(`/verwaltung/vorgaenge/([0-9a-f-]{36})"[^>]*>${c.reference}<`).exec(inbox)![1]!;
    clerk = await run.newPage();
  });

  afterAll(() => run?.close());

  it('signs in from a case’s address by keyboard and lands on that case; "Passwort vergessen" is reachable', async () => {
    const target = `/verwaltung/vorgaenge/${cases[0]!.id}`;
    await clerk.goto(target);
    const login = new URL(clerk.url());
    expect(login.pathname).toBe('/verwaltung/anmelden');
    expect(login.searchParams.get('weiter')).toBe(target);
    await expectAccessible(clerk, 'sign-in page with a return address');

    // "Passwort vergessen?" is a link after the form, reached by Tab, and leads to the reset form.
    await tabTo(clerk, { text: 'Passwort vergessen?' });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).pathname).toBe('/verwaltung/passwort-vergessen');
    await expectAccessible(clerk, 'forgotten password page');
    await clerk.goBack();

    await fill(clerk, 'f-email', 'sachbearbeitung@guetersloh.example');
    await fill(clerk, 'f-password', DEMO_PASSWORD);
    await tabTo(clerk, { text: 'Anmelden' });
    const landed = await pressAndNavigate(clerk);
    expect(landed.status()).toBe(200);
    expect(new URL(clerk.url()).pathname).toBe(target);
    expect(await clerk.locator('h1').innerText()).toContain(cases[0]!.reference);
  });

  it('ignores a return address to another site', async () => {
    const page = await run.newPage();
    await page.goto(`/verwaltung/anmelden?weiter=${encodeURIComponent('//evil.example/verwaltung/')}`);
    expect(await page.locator('input[name=weiter]').count()).toBe(0);
    await page.fill('#f-email', 'sachbearbeitung@guetersloh.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const url = new URL(page.url());
    expect(url.origin).toBe(run.baseUrl);
    expect(url.pathname).toBe('/verwaltung/');
    await page.context().close();
  });

  it('shows the case’s charges and history', async () => {
    const main = await clerk.locator('main').innerText();
    expect(main).toContain('Kosten');
    expect(main).toMatch(/120,00\s€/);
    expect(main).toContain('Verlauf');
    expect(main).toContain('Antrag eingegangen');
    expect(main).toContain('Mira Brandt');
    await expectAccessible(clerk, 'case page with charges and history');
  });

  it('searches without JavaScript, by keyboard, and keeps the search in the sort links', async () => {
    // axe-core runs its checks with scripts, so each state reached without JavaScript is checked again with them.
    const context = await run.browser.newContext({ baseURL: run.baseUrl, javaScriptEnabled: false, storageState: await clerk.context().storageState() });
    const page = await context.newPage();
    expect((await page.goto('/verwaltung/'))?.status()).toBe(200);
    await fill(page, 'f-q', 'okonkwo');
    await tabTo(page, { text: 'Filtern' });
    await pressAndNavigate(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('okonkwo');
    const main = await page.locator('main').innerText();
    expect(main).toContain(cases[1]!.reference);
    expect(main).not.toContain(cases[0]!.reference);
    expect(main).toContain('Hund anmelden (Hundesteuer)');
    expect(main).toContain('Neu eingegangen');
    expect(await page.inputValue('#f-q')).toBe('okonkwo');
    const searched = page.url();

    await tabTo(page, { text: 'Antragsteller/in' });
    await pressAndNavigate(page);
    const sorted = new URL(page.url());
    expect(sorted.searchParams.get('q')).toBe('okonkwo');
    expect(sorted.searchParams.get('sort')).toBe('name');
    expect(await page.inputValue('#f-q')).toBe('okonkwo');

    await tabTo(page, { id: 'f-q' });
    await page.fill('#f-q', 'niemand-heisst-so');
    await tabTo(page, { text: 'Filtern' });
    await pressAndNavigate(page);
    expect(await page.locator('main').innerText()).toContain('Keine Anträge passen zu Ihrer Suche.');
    const nothing = page.url();
    await tabTo(page, { text: 'Suche und Filter zurücksetzen' });
    await pressAndNavigate(page);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    await context.close();

    for (const [address, label] of [
      ['/verwaltung/', 'inbox'],
      [searched, 'inbox with a search'],
      [nothing, 'inbox with a search that finds nothing'],
    ] as const) {
      await clerk.goto(address);
      await expectAccessible(clerk, label);
    }
  });

  it('marks an answer that came in until a clerk opens the case', async () => {
    const [asked, other] = cases as [(typeof cases)[0], (typeof cases)[0]];
    const office = new Browser(run.testApp.app);
    await office.login('organisation@guetersloh.example');
    // The case is taken up into review first: its workflow offers the question there.
    expect((await takeStep(office, asked.id, 'uebernehmen')).statusCode).toBe(303);
    expect((await takeStep(office, asked.id, 'nachfragen', { question: 'Bitte senden Sie den Impfpass.' })).statusCode).toBe(303);
    const citizen = new Browser(run.testApp.app);
    const answered = await citizen.postMultipart(`${asked.statusPath}/antwort`, { answer: 'Hier ist er.' }, [
      { field: 'files', filename: 'impfpass.pdf', contentType: 'application/pdf', data: TINY_PDF },
    ]);
    expect(answered.statusCode).toBe(303);

    await clerk.goto('/verwaltung/');
    const row = (reference: string) => clerk.locator('tr', { has: clerk.getByRole('link', { name: reference, exact: true }) });
    expect(await row(asked.reference).innerText()).toContain('Antwort eingegangen');
    expect(await row(other.reference).innerText()).not.toContain('Antwort eingegangen');
    await expectAccessible(clerk, 'inbox with an answer received');

    await tabTo(clerk, { text: asked.reference });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).pathname).toBe(`/verwaltung/vorgaenge/${asked.id}`);
    const history = await clerk.locator('#case-history').locator('..').innerText();
    expect(history).toContain('Rückfrage gestellt');
    expect(history).toContain('Antwort eingegangen, mit 1 Datei(en)');
    await expectAccessible(clerk, 'case page with the answer');

    await tabTo(clerk, { text: 'Zurück zum Posteingang' });
    await pressAndNavigate(clerk);
    expect(await row(asked.reference).innerText()).not.toContain('Antwort eingegangen');
    expect(await row(asked.reference).innerText()).toContain('In Bearbeitung');
  });

  it('fits 375 px without scrolling sideways, the inbox and the case page', async () => {
    await clerk.setViewportSize({ width: 375, height: 740 });
    await clerk.goto('/verwaltung/');
    expect(await noSidewaysScroll(clerk)).toBe(true);
    await expectAccessible(clerk, 'inbox at 375 px');
    await clerk.goto(`/verwaltung/vorgaenge/${cases[0]!.id}`);
    expect(await noSidewaysScroll(clerk)).toBe(true);
    // The reference stays on one line in the inbox.
    await clerk.goto('/verwaltung/');
    const link = clerk.getByRole('link', { name: cases[0]!.reference, exact: true });
    const box = await link.boundingBox();
    const lineHeight = await link.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) || 24);
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
  });
});
