// The scanning intake in Chromium: the intake page by keyboard, a refused form, a scan filed into a new paper case,
// and the status page following the text recognition by itself, without JavaScript, until it is done. Every page
// and state is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../src/platform/jobs/outbox.ts';
import { scannedPdf } from '../src/platform/ocr/test-scans.ts';
import { intakeJobs } from '../src/modules/intake/index.ts';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

const quiet = { error: () => undefined, info: () => undefined };

describe('the scanning intake in Chromium', () => {
  let run: BrowserApp;
  let clerk: Page;
  let scan: Buffer;

  beforeAll(async () => {
    run = await openBrowserApp();
    scan = await scannedPdf([['Antrag auf Sondernutzung', 'Marktplatz Gütersloh']]);
    clerk = await run.newPage();
    await signIn(clerk, 'sachbearbeitung@guetersloh.example');
  });

  afterAll(() => run?.close());

  it('shows the intake page, named in the back office’s navigation', async () => {
    await clerk.goto('/verwaltung/posteingang');
    expect(await clerk.locator('h1').textContent()).toBe('Posteingang (Scanstelle)');
    expect(await clerk.locator('nav a[aria-current=page]').textContent()).toBe('Posteingang');
    await expectAccessible(clerk, 'intake page');
  });

  it('refuses a form without a file, names the fields, and keeps what was typed', async () => {
    await clerk.goto('/verwaltung/posteingang');
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(clerk, { id: 'intake-ziel-0' });
    await clerk.keyboard.press('ArrowDown');
    await fill(clerk, 'intake-name', 'Hülya Öztürk');
    await tabTo(clerk, { text: 'Scan ablegen' });
    const response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(422);
    expect(await clerk.locator('.error-summary').textContent()).toContain('Bitte wählen Sie die Datei mit dem Scan.');
    expect(await clerk.inputValue('#intake-name')).toBe('Hülya Öztürk');
    expect(await clerk.isChecked('#intake-ziel-1')).toBe(true);
    await expectAccessible(clerk, 'intake page with errors');
  });

  it('files a scan into a new paper case and follows its recognition to the end without JavaScript', async () => {
    await clerk.goto('/verwaltung/posteingang');
    await clerk.setInputFiles('#intake-datei', { name: 'sondernutzung.pdf', mimeType: 'application/pdf', buffer: scan });
    await tabTo(clerk, { id: 'intake-ziel-0' });
    await clerk.keyboard.press('ArrowDown');
    await clerk.selectOption('#intake-leistung', { index: 1 });
    await fill(clerk, 'intake-name', 'Hülya Öztürk');
    await fill(clerk, 'intake-anschrift', 'Berliner Straße 1');
    await clerk.keyboard.press('Enter');
    await clerk.keyboard.type('33330 Gütersloh');
    await tabTo(clerk, { text: 'Scan ablegen' });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).pathname).toMatch(/^\/verwaltung\/posteingang\/[0-9a-f-]{36}$/);
    expect(await clerk.locator('[role=status]').textContent()).toContain('Wartet auf die Texterkennung');
    const id = new URL(clerk.url()).pathname.split('/').pop()!;

    // The same state with the refresh stopped, for axe (a page that reloads itself mid-check cannot be checked).
    await clerk.goto(`/verwaltung/posteingang/${id}?aktualisieren=aus`);
    await expectAccessible(clerk, 'intake status page, waiting');

    // A second window without JavaScript watches the status page: it reloads by itself (Refresh header).
    const context = await run.browser.newContext({ baseURL: run.baseUrl, timezoneId: 'Europe/Berlin', javaScriptEnabled: false });
    await context.addCookies(await clerk.context().cookies());
    const watcher = await context.newPage();
    await watcher.goto(`/verwaltung/posteingang/${id}`);
    expect(await watcher.locator('[role=status]').textContent()).toContain('Wartet auf die Texterkennung');
    const db = run.testApp.database.db;
    await runDueJobs(db, intakeJobs({ db, blobs: run.testApp.app.blobs, ocrCommand: 'ocrmypdf', log: quiet }));
    let shown = '';
    for (let i = 0; i < 40 && !shown.includes('durchsuchbar'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      shown =
        (await watcher
          .locator('[role=status]')
          .textContent()
          .catch(() => '')) ?? '';
    }
    expect(shown).toContain('Der Text ist erkannt und durchsuchbar');
    expect(await watcher.locator('#intake-progress').getAttribute('value')).toBe('1');
    expect(await watcher.locator('#intake-progress').getAttribute('max')).toBe('1');
    expect(await watcher.title()).toMatch(/^Fertig – Eingang: sondernutzung\.pdf/);
    await context.close();

    await clerk.goto(`/verwaltung/posteingang/${id}`);
    await expectAccessible(clerk, 'intake status page, done');

    // The intake is in the list with its case.
    await clerk.goto('/verwaltung/posteingang');
    expect(await clerk.locator('table').textContent()).toMatch(/sondernutzung\.pdf.*GT-\d{4}-\d{6} \(neuer Antrag\).*Fertig/s);
    await expectAccessible(clerk, 'intake page with an intake listed');
    // On a phone's width the page does not scroll sideways; the table scrolls in its own box.
    await clerk.setViewportSize({ width: 375, height: 800 });
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await clerk.goto(`/verwaltung/posteingang/${id}`);
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
