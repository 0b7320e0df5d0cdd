// Municipality administration in a real browser: a region admin reaches the list from the navigation, adds a
// municipality by keyboard (a refused slug and key first), is refused colours without enough contrast, and
// deactivates the municipality. Every state is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/testing/http.ts';
import { expectAccessible, focused, openBrowserApp, pressAndNavigate, tabTo, type BrowserApp } from './support.ts';

/** Tabs to a field and replaces what is in it, as a person selects all and types over it. */
async function fill(page: Page, id: string, text: string) {
  await tabTo(page, { id }, 150);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const text = async (page: Page, selector = 'main') => (await page.locator(selector).innerText()).replace(/[\u00a0\u202f]/g, ' ');

describe('municipality administration, end to end in Chromium', () => {
  let run: BrowserApp;
  let admin: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    admin = await run.newPage();
  });

  afterAll(() => run?.close());

  it('region admin signs in and reaches the list through the navigation', async () => {
    await admin.goto('/verwaltung/anmelden');
    await fill(admin, 'f-email', 'admin@kreis-guetersloh.example');
    await fill(admin, 'f-password', DEMO_PASSWORD);
    await tabTo(admin, { text: 'Anmelden' });
    await pressAndNavigate(admin);
    await tabTo(admin, { href: '/verwaltung/organisationen' });
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(await admin.locator('h1').innerText()).toBe('Kommunen der Region – Kreis Gütersloh');
    const table = await text(admin, 'table');
    expect(table).toContain('Stadt Harsewinkel');
    expect(table).toContain('aktiv');
    expect(table).not.toContain('Aarau');
    await expectAccessible(admin, 'municipality list');
  });

  it('the form refuses a reserved slug and a short key (422), every value kept', async () => {
    await tabTo(admin, { text: 'Kommune anlegen' });
    let response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    await expectAccessible(admin, 'new municipality form');

    await fill(admin, 'f-name', 'Stadt Verl');
    await fill(admin, 'f-slug', 'verwaltung');
    await fill(admin, 'f-key', '0575403');
    await fill(admin, 'f-prefix', 'VL');
    await fill(admin, 'f-email', 'info@verl.example');
    await tabTo(admin, { text: 'Kommune anlegen' }, 150);
    response = await pressAndNavigate(admin);
    expect(response.status()).toBe(422);
    expect(await admin.title()).toMatch(/^Fehler:/);
    const summary = await text(admin, '.error-summary');
    expect(summary).toContain('Diese Adresse ist für Seiten der Plattform reserviert');
    expect(summary).toContain('Der Schlüssel muss aus 8 Ziffern (AGS) oder 12 Ziffern (ARS) bestehen.');
    expect(await admin.inputValue('#f-name')).toBe('Stadt Verl');
    expect(await admin.inputValue('#f-slug')).toBe('verwaltung');
    expect(await admin.locator('#f-key').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(admin, 'new municipality form with errors');

    // The summary's link takes the focus to the field.
    await tabTo(admin, { href: '#f-slug' });
    await admin.keyboard.press('Enter');
    await expect.poll(async () => (await focused(admin))?.id).toBe('f-slug');
  });

  it('adds the municipality once the values are right', async () => {
    await admin.keyboard.press('Control+A');
    await admin.keyboard.type('verl');
    await fill(admin, 'f-key', '05754032');
    await tabTo(admin, { text: 'Kommune anlegen' }, 150);
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(new URL(admin.url()).search).toBe('?angelegt=1');
    expect(await text(admin)).toContain('Die Kommune ist angelegt.');
    expect(await admin.locator('h1').innerText()).toBe('Stadt Verl');
    await expectAccessible(admin, 'municipality page');
  });

  it('refuses colours without enough contrast, naming the ratio', async () => {
    await fill(admin, 'f-primary', '#777777');
    await tabTo(admin, { text: 'Farben speichern' }, 200);
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(422);
    expect(await text(admin, '.error-summary')).toContain('Die Hauptfarbe #777777 hat auf Weiß nur einen Kontrast von 4,47:1. Nötig sind mindestens 4,5:1');
    expect(await admin.inputValue('#f-primary')).toBe('#777777');
    expect(await admin.inputValue('#f-name')).toBe('Stadt Verl');
    await expectAccessible(admin, 'municipality page with a colour error');
  });

  it('uploads a logo; the portal shows it in its header', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await admin.setInputFiles('#f-logo', { name: 'wappen.png', mimeType: 'image/png', buffer: png });
    await admin.focus('#f-logo');
    await tabTo(admin, { text: 'Logo hochladen' });
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(await text(admin)).toContain('Die Änderungen sind gespeichert.');
    await expectAccessible(admin, 'municipality page with a logo');
    const citizen = await run.newPage();
    await citizen.goto('/verl/');
    const logo = citizen.locator('.site-header img');
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expectAccessible(citizen, 'portal with a logo');
  });

  it('deactivates the municipality by keyboard; the portal is gone', async () => {
    await tabTo(admin, { text: 'Kommune deaktivieren' }, 250);
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(await text(admin)).toContain('Die Kommune ist deaktiviert.');
    await expectAccessible(admin, 'municipality page, deactivated');
    const citizen = await run.newPage();
    expect((await citizen.goto('/verl/'))?.status()).toBe(404);
    await citizen.goto('/');
    expect(await text(citizen)).not.toContain('Stadt Verl');
  });
});
