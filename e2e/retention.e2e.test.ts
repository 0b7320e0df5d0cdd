// Retention rules and legal holds in Chromium: an admin saves a rule by keyboard (first refused), sets a hold; every
// page and error state is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

describe('retention pages in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
  });

  afterAll(() => run?.close());

  it('saves a rule by keyboard alone, through an error that names what is missing', async () => {
    const rules = await page.goto('/verwaltung/aufbewahrung');
    expect(rules?.status()).toBe(200);
    await expectAccessible(page, 'retention rules');

    await fill(page, 'f-years', '10');
    await tabTo(page, { text: 'Regel speichern' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('mit welchem Ereignis die Frist beginnt');
    expect(await page.inputValue('#f-years')).toBe('10');
    await expectAccessible(page, 'retention rules with an error');

    await tabTo(page, { id: 'f-startEvent-0' });
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#f-startEvent-1')).toBe(true);
    await tabTo(page, { id: 'f-offer-0' });
    await page.keyboard.press('Space');
    await tabTo(page, { text: 'Regel speichern' });
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(await page.locator('[role=status]').innerText()).toContain('Die Regel ist gespeichert.');
    expect(await page.locator('table').innerText()).toContain('10 Jahre, 0 Monate');
    await expectAccessible(page, 'retention rules with a rule');
  });

  it('shows the legal holds and the protocol accessibly, with a refused hold keeping what was typed', async () => {
    await page.goto('/verwaltung/aufbewahrung/sperren');
    await expectAccessible(page, 'legal holds');
    await fill(page, 'f-reference', 'GT-2000-000001');
    await tabTo(page, { text: 'Vorgang sperren' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.inputValue('#f-reference')).toBe('GT-2000-000001');
    expect(await page.locator('.error-summary').innerText()).toContain('keinen Vorgang mit diesem Aktenzeichen');
    await expectAccessible(page, 'legal holds with errors');

    await page.goto('/verwaltung/aufbewahrung/protokoll');
    expect(await page.locator('h1').innerText()).toBe('Löschprotokoll: Stadt Gütersloh');
    await expectAccessible(page, 'deletion protocol');
  });
});
