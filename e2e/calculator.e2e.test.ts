// The Kita fee calculator in a real browser: a citizen calculates by keyboard (errors first, then the result), and a
// region admin edits the fee table by keyboard (a wrong cell, a new bracket, save). Every state is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/testing/http.ts';
import { expectAccessible, focused, openBrowserApp, pressAndNavigate, tabTo, type BrowserApp } from './support.ts';

const CALCULATOR = '/guetersloh/rechner/kita-beitrag';
const EDITOR = '/studio/rechner/kita-beitrag';

/** Tabs to a field and replaces what is in it, as a person selects all and types over it. */
async function fill(page: Page, id: string, text: string) {
  await tabTo(page, { id }, 150);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

const text = async (page: Page, selector = 'main') => (await page.locator(selector).innerText()).replace(/[\u00a0\u202f]/g, ' ');

describe('Kita fee calculator, end to end in Chromium', () => {
  let run: BrowserApp;
  let citizen: Page;
  let admin: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    citizen = await run.newPage();
    admin = await run.newPage();
  });

  afterAll(() => run?.close());

  it('citizen gets a clear message per field for wrong input (422), every value kept', async () => {
    await citizen.goto(CALCULATOR);
    expect(await citizen.locator('h1').innerText()).toBe('Kita-Beitrag berechnen');
    await expectAccessible(citizen, 'calculator');

    await fill(citizen, 'f-einkommen', 'viel');
    await fill(citizen, 'f-kinder', '0');
    await tabTo(citizen, { text: 'Beitrag berechnen' });
    const response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(422);
    expect(await citizen.title()).toMatch(/^Fehler:/);
    const summary = await text(citizen, '.error-summary');
    expect(summary).toContain('Bitte geben Sie Ihr Jahreseinkommen als Betrag ein, zum Beispiel 52000.');
    expect(summary).toContain('Betreuungszeit pro Woche: Bitte wählen Sie eine Antwort aus.');
    expect(summary).toContain('Bitte geben Sie eine ganze Zahl von 1 bis 10 ein.');
    expect(await citizen.inputValue('#f-einkommen')).toBe('viel');
    expect(await citizen.inputValue('#f-kinder')).toBe('0');
    await expectAccessible(citizen, 'calculator with errors');

    // The summary's first link takes the focus to the field.
    await tabTo(citizen, { href: '#f-einkommen' });
    await citizen.keyboard.press('Enter');
    await expect.poll(async () => (await focused(citizen))?.id).toBe('f-einkommen');
  });

  it('citizen calculates by keyboard and reads the fee line by line', async () => {
    await citizen.keyboard.press('Control+A');
    await citizen.keyboard.type('52.000');
    // Into the radio group: Tab reaches the first option, the arrow keys choose.
    await tabTo(citizen, { id: 'f-stunden-0' });
    await citizen.keyboard.press('ArrowDown');
    expect(await citizen.locator('#f-stunden-1').isChecked()).toBe(true);
    await fill(citizen, 'f-kinder', '2');
    await tabTo(citizen, { text: 'Beitrag berechnen' });
    const response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(200);
    const result = await text(citizen, '#ergebnis-tabelle');
    expect(result).toContain('1. Kind: Einkommensstufe 3 (45.001–60.000 €), 35 Stunden\t182,00 €');
    expect(result).toContain('Geschwisterermäßigung 2. Kind −50 %\t-91,00 €');
    expect(result).toContain('Summe monatlich\t273,00 €');
    expect(await citizen.locator('h2#ergebnis').innerText()).toContain('273,00');
    expect(await citizen.inputValue('#f-einkommen')).toBe('52.000');
    await expectAccessible(citizen, 'calculator with result');
  });

  it('region admin signs in and opens the fee table', async () => {
    await admin.goto('/verwaltung/anmelden');
    await fill(admin, 'f-email', 'admin@kreis-guetersloh.example');
    await fill(admin, 'f-password', DEMO_PASSWORD);
    await tabTo(admin, { text: 'Anmelden' });
    await pressAndNavigate(admin);
    const response = await admin.goto(EDITOR);
    expect(response?.status()).toBe(200);
    expect(new URL(admin.url()).pathname).toBe(EDITOR);
    expect(await admin.locator('h1').innerText()).toBe('Kita-Beiträge');
    await expectAccessible(admin, 'fee table editor');
  });

  it('a wrong cell comes back with its message beside it (422), Enter in a cell saves', async () => {
    await fill(admin, 'b2-fee1', '-5');
    // Enter in a text field presses the form's first submit button: save, never "remove".
    const response = await pressAndNavigate(admin);
    expect(response.status()).toBe(422);
    expect(await text(admin, '.error-summary')).toContain('Stufe 3, 35 Std./Woche: Die Zahl darf nicht negativ sein.');
    expect(await admin.inputValue('#b2-fee1')).toBe('-5');
    expect(await admin.locator('#b2-fee1').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('table#beitragstabelle tbody tr').count()).toBe(7);
    await expectAccessible(admin, 'fee table editor with errors');

    await tabTo(admin, { href: '#b2-fee1' });
    await admin.keyboard.press('Enter');
    await expect.poll(async () => (await focused(admin))?.id).toBe('b2-fee1');
    await admin.keyboard.press('Control+A');
    await admin.keyboard.type('190,50');
  });

  it('adds a bracket by keyboard, fills it and saves', async () => {
    await fill(admin, 'b6-to', '130000');
    await tabTo(admin, { text: 'Einkommensstufe hinzufügen' }, 150);
    let response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(await text(admin)).toContain('Die Änderung ist noch nicht gespeichert.');
    expect(await admin.locator('table#beitragstabelle tbody tr').count()).toBe(8);
    // What was typed before is still there, and the new bracket starts one above the last limit.
    expect(await admin.inputValue('#b2-fee1')).toBe('190,50');
    expect(await admin.inputValue('#b7-from')).toBe('130001');
    await expect.poll(async () => (await focused(admin))?.id).toBe('b7-to');
    await expectAccessible(admin, 'fee table editor with a new bracket');

    for (const [h, fee] of ['360,00', '505,00', '650,00'].entries()) await fill(admin, `b7-fee${h}`, fee);
    await tabTo(admin, { text: 'Beitragstabelle speichern' }, 150);
    response = await pressAndNavigate(admin);
    expect(response.status()).toBe(200);
    expect(new URL(admin.url()).search).toBe('?gespeichert=1');
    expect(await text(admin)).toContain('Die Beitragstabelle ist gespeichert.');
    expect(await admin.inputValue('#b7-fee1')).toBe('505,00');
    await expectAccessible(admin, 'fee table editor saved');
  });

  it('the citizen calculates with the saved table', async () => {
    await citizen.goto('/harsewinkel/rechner/kita-beitrag');
    await fill(citizen, 'f-einkommen', '150000');
    await tabTo(citizen, { id: 'f-stunden-0' });
    await citizen.keyboard.press('ArrowDown');
    await tabTo(citizen, { text: 'Beitrag berechnen' });
    await pressAndNavigate(citizen);
    const result = await text(citizen, '#ergebnis-tabelle');
    expect(result).toContain('Einkommensstufe 8 (ab 130.001 €), 35 Stunden\t505,00 €');
    expect(result).toContain('Summe monatlich\t505,00 €');
  });
});
