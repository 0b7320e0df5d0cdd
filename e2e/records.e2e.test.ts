// The E-Akte in Chromium: the filing plan as the admin edits it (a refused number with its message, then a new
// position), a general dossier created by keyboard, a document uploaded with a refused first try, a new version,
// the search with its marked words, and a damaged file's message. Every page and state is checked with axe-core.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

describe('the E-Akte in Chromium', () => {
  let run: BrowserApp;
  let admin: Page;
  let clerk: Page;
  let dossierUrl = '';

  beforeAll(async () => {
    run = await openBrowserApp();
    admin = await run.newPage();
    await signIn(admin, 'organisation@guetersloh.example');
    clerk = await run.newPage();
    await signIn(clerk, 'sachbearbeitung@guetersloh.example');
  }, 180_000);

  afterAll(() => run?.close());

  it('shows the filing plan; the admin adds a position by keyboard after a refused number', async () => {
    await admin.goto('/verwaltung/akten/aktenplan');
    expect(await admin.locator('h1').innerText()).toBe('Aktenplan – Stadt Gütersloh');
    await expectAccessible(admin, 'filing plan (admin)');
    await fill(admin, 'f-number', '1.3.x');
    await fill(admin, 'f-title', 'Fundsachen');
    await tabTo(admin, { text: 'Position hinzufügen' });
    const refused = await pressAndNavigate(admin);
    expect(refused.status()).toBe(422);
    expect(await admin.locator('.error-summary').innerText()).toContain('Bitte geben Sie die Nummer der Position aus Ziffern und Punkten ein');
    expect(await admin.inputValue('#f-title')).toBe('Fundsachen');
    await expectAccessible(admin, 'filing plan with an error');
    await admin.fill('#f-number', '1.3.3');
    await Promise.all([admin.waitForNavigation(), admin.click('form[action="/verwaltung/akten/aktenplan"] button[type=submit]')]);
    expect(await admin.locator('.kern-alert--success').innerText()).toContain('Der Aktenplan wurde gespeichert.');
    expect(await admin.locator('table').innerText()).toContain('Fundsachen');

    await clerk.goto('/verwaltung/akten/aktenplan');
    expect(await clerk.locator('#f-number').count()).toBe(0);
    await expectAccessible(clerk, 'filing plan (clerk, read-only)');
  });

  it('creates a general dossier by keyboard and shows it with its file number', async () => {
    await clerk.goto('/verwaltung/akten');
    await expectAccessible(clerk, 'dossier list');
    await tabTo(clerk, { text: 'Allgemeine Akte anlegen' });
    await pressAndNavigate(clerk);
    await expectAccessible(clerk, 'new dossier form');
    await fill(clerk, 'f-dossier-title', 'Straßenfest Altstadt 2027');
    const position = await clerk.locator('#f-position option', { hasText: '1.3.2 Sondernutzung' }).getAttribute('value');
    await clerk.selectOption('#f-position', position!);
    await tabTo(clerk, { text: 'Akte anlegen' });
    const created = await pressAndNavigate(clerk);
    expect(created.status()).toBe(200);
    expect(await clerk.locator('h1').innerText()).toMatch(/^Akte 1\.3\.2-\d{4}\/0001: Straßenfest Altstadt 2027$/);
    dossierUrl = new URL(clerk.url()).pathname;
    await expectAccessible(clerk, 'empty dossier');
  });

  it('uploads a document after a refused first try, adds a version, and finds it in the search', async () => {
    await clerk.goto(dossierUrl);
    const file = path.join(run.testApp.dataDir, 'antrag.txt');
    writeFileSync(file, 'Antrag auf Sondernutzung: Straßenfest mit Bühne und Ausschank am Kirchplatz.');
    await clerk.setInputFiles('#f-file', file);
    await Promise.all([clerk.waitForNavigation(), clerk.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(await clerk.locator('.error-summary').innerText()).toContain('Bitte geben Sie den Titel des Dokuments ein');
    await expectAccessible(clerk, 'upload refused');
    await clerk.fill('#f-title', 'Antrag Sondernutzung');
    await clerk.selectOption('#f-kind', 'antrag');
    await clerk.fill('#f-correspondent', 'Heimatverein Altstadt e. V.');
    await clerk.setInputFiles('#f-file', file);
    await Promise.all([clerk.waitForNavigation(), clerk.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(await clerk.locator('.kern-alert--success').innerText()).toContain('Das Dokument wurde zur Akte genommen.');
    await expectAccessible(clerk, 'dossier with a document');

    await clerk.click('a:text("Antrag Sondernutzung")');
    await clerk.waitForLoadState();
    await expectAccessible(clerk, 'document page');
    writeFileSync(file, 'Antrag auf Sondernutzung, ergänzt: Straßenfest ohne Ausschank.');
    await clerk.setInputFiles('#f-file', file);
    await Promise.all([clerk.waitForNavigation(), clerk.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(await clerk.locator('.kern-alert--success').innerText()).toContain('Die früheren Versionen bleiben erhalten');
    expect(await clerk.locator('table tbody tr').count()).toBe(2);
    await expectAccessible(clerk, 'document with two versions');

    await clerk.goto('/verwaltung/akten');
    await fill(clerk, 'f-q', 'Sondernutzungen Straßenfeste');
    await clerk.keyboard.press('Enter');
    await clerk.waitForLoadState();
    expect(await clerk.locator('.search-hits').innerText()).toContain('Antrag Sondernutzung');
    expect(await clerk.locator('.search-hits mark').count()).toBeGreaterThan(0);
    await expectAccessible(clerk, 'search results');
  });

  it('answers a damaged file with a message, not its bytes', async () => {
    const row = (
      await run.testApp.database.admin.query<{ document_id: string; sha256: string; tenant_id: string }>(
        `SELECT document_id, sha256, tenant_id FROM document_versions WHERE text LIKE 'Antrag auf Sondernutzung, ergänzt%'`,
      )
    )[0]!;
    writeFileSync(path.join(run.testApp.dataDir, 'blobs', row.tenant_id, row.sha256.slice(0, 2), row.sha256.slice(2)), 'verändert');
    const response = await clerk.goto(`${dossierUrl}/dokumente/${row.document_id}/versionen/2/datei`);
    expect(response?.status()).toBe(409);
    expect(await clerk.locator('h1').innerText()).toBe('Datei beschädigt');
    await expectAccessible(clerk, 'damaged file');
  });
});
