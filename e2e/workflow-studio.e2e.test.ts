// The workflow studio in Chromium: the list, a workflow's page with its diagram, and the editor worked by keyboard
// (a state and a transition added, a refused save for the unreachable state, then a saved version), and a workflow
// role given to an account. axe-core on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, fill, focused, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

describe('the workflow studio in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
  });

  afterAll(() => run?.close());

  it('lists the workflows and shows one with its diagram and the same in words', async () => {
    const list = await page.goto('/studio/ablaeufe');
    expect(list?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Abläufe – Stadt Gütersloh');
    await expectAccessible(page, 'workflow list');

    await tabTo(page, { text: 'Mit Zweitprüfung', href: '/studio/ablaeufe/vier-augen' }, 200);
    const shown = await pressAndNavigate(page);
    expect(shown.status()).toBe(200);
    const svg = page.locator('svg[role=img]');
    expect(await svg.count()).toBe(1);
    expect(await svg.getAttribute('aria-labelledby')).toBe('wf-title wf-desc');
    const box = await svg.boundingBox();
    expect(box!.height).toBeGreaterThan(300);
    expect(await page.locator('table caption', { hasText: 'Übergänge von „Mit Zweitprüfung“' }).count()).toBe(1);
    await expectAccessible(page, 'workflow page with diagram');
  });

  it('adds a state and a transition by keyboard, is refused for the unreachable state, then saves a new version', async () => {
    const editor = await page.goto('/studio/ablaeufe/standard/bearbeiten');
    expect(editor?.status()).toBe(200);
    await expectAccessible(page, 'workflow editor');

    await tabTo(page, { text: 'Zustand hinzufügen' }, 400);
    const added = await pressAndNavigate(page);
    expect(added.status()).toBe(200);
    expect(new URL(page.url()).hash).toBe('#s5');
    await fill(page, 's5-id', 'archiv');
    await fill(page, 's5-label_de', 'Im Archiv');
    await page.selectOption('#s5-phase', 'closed');
    await tabTo(page, { id: 's5-final-0' });
    await page.keyboard.press('Space');
    expect(await page.isChecked('#s5-final-0')).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    // Enter in a text field presses the form's first button, which saves: never a remove button.
    await tabTo(page, { id: 's5-label_de' }, 400);
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    const summary = page.locator('.error-summary');
    expect(await summary.innerText()).toContain('Der Zustand „Im Archiv“ ist vom Anfangszustand aus nicht erreichbar.');
    expect(await page.inputValue('#s5-label_de')).toBe('Im Archiv');
    expect(await page.isChecked('#s5-final-0')).toBe(true);
    expect(await page.locator('#s5-id').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'workflow editor with a refused save');

    // The summary's link leads to the state's input.
    await tabTo(page, { href: '#s5-id' });
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('s5-id');

    await tabTo(page, { text: 'Übergang hinzufügen' }, 600);
    const withTransition = await pressAndNavigate(page);
    expect(withTransition.status()).toBe(200);
    await fill(page, 't7-id', 'archivieren');
    await fill(page, 't7-label_de', 'Archivieren');
    await page.selectOption('#t7-from', 'abgeschlossen');
    await page.selectOption('#t7-to', 'archiv');
    await tabTo(page, { id: 't7-roles-0' });
    await page.keyboard.press('Space');
    // A final state with a way out is refused too: the transition starts from "Entschieden" instead.
    await page.selectOption('#t7-from', 'entschieden');
    await tabTo(page, { text: 'Prüfen und speichern' }, 200);
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(page.url()).toMatch(/\/studio\/ablaeufe\/standard\?hinweis=gespeichert$/);
    expect(await page.locator('[role=status]').innerText()).toContain('als Version 2 gespeichert');
    expect(await page.locator('svg[role=img] tspan', { hasText: 'Im Archiv' }).count()).toBe(1);
    await expectAccessible(page, 'workflow page after saving');

    const old = await page.goto('/studio/ablaeufe/standard?version=1');
    expect(old?.status()).toBe(200);
    expect(await page.locator('svg[role=img] tspan', { hasText: 'Im Archiv' }).count()).toBe(0);
    await expectAccessible(page, 'an older version');
  });

  it('gives an account a workflow role on the account page, by keyboard', async () => {
    const [clerk] = await run.testApp.database.admin.query<{ id: string }>(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`);
    const account = await page.goto(`/verwaltung/konten/${clerk!.id}`);
    expect(account?.status()).toBe(200);
    expect(await page.locator('#case-roles-heading').innerText()).toBe('Rollen in Abläufen');
    await tabTo(page, { id: 'f-case-roles-1' });
    await page.keyboard.press('Space');
    await tabTo(page, { text: 'Rollen speichern' });
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(await page.isChecked('#f-case-roles-1')).toBe(true);
    await expectAccessible(page, 'account page with workflow roles');
  });
});
