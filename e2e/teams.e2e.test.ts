// Teams and absences in Chromium: a municipality admin creates a team by keyboard (first with an error), gives it a
// member and a service, and records an absence (first refused). Every page and error state is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

describe('teams and absences in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
  });

  afterAll(() => run?.close());

  it('creates a team by keyboard alone, through an error that names what is missing', async () => {
    const list = await page.goto('/verwaltung/teams');
    expect(list?.status()).toBe(200);
    await expectAccessible(page, 'team list');

    await fill(page, 'f-name', 'Bürgerbüro');
    await tabTo(page, { text: 'Team anlegen' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Fachbereich oder ein Sachgebiet');
    expect(await page.inputValue('#f-name')).toBe('Bürgerbüro');
    await expectAccessible(page, 'team list with an error');

    // No kind chosen yet: Tab reaches the first choice, Space chooses it.
    await tabTo(page, { id: 'f-kind-0' });
    await page.keyboard.press('Space');
    expect(await page.isChecked('#f-kind-0')).toBe(true);
    await tabTo(page, { text: 'Team anlegen' });
    const created = await pressAndNavigate(page);
    expect(created.status()).toBe(200);
    expect(page.url()).toMatch(/\/verwaltung\/teams\/[0-9a-f-]{36}\?hinweis=angelegt$/);
    expect(await page.locator('h1').innerText()).toBe('Bürgerbüro');
    await expectAccessible(page, 'new team page');
  });

  it('adds a member and a service on the team page, and shows a refusal accessibly', async () => {
    await page.selectOption('#f-service', { index: 1 });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Leistung zuordnen' }).click()]);
    expect(await page.locator('#f-service').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').innerText()).toContain('Ein Team ohne Mitglieder kann keine Leistungen bearbeiten.');
    await expectAccessible(page, 'team page with a refused service');

    await page.selectOption('#f-member', { label: 'Sachbearbeitung Stadt Gütersloh (sachbearbeitung@guetersloh.example)' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Mitglied aufnehmen' }).click()]);
    await page.selectOption('#f-service', { index: 1 });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Leistung zuordnen' }).click()]);
    expect(await page.locator('[role=status]').innerText()).toContain('Die Änderung ist gespeichert.');
    expect(await page.getByRole('button', { name: /^Abgeben\W/ }).count()).toBe(1);
    await expectAccessible(page, 'team page with a member and a service');
  });

  it('records an absence: the form with an error is accessible and keeps what was typed', async () => {
    await page.goto('/verwaltung/abwesenheiten');
    await expectAccessible(page, 'absence form');
    await page.selectOption('#f-person', { label: 'Sachbearbeitung Stadt Gütersloh' });
    await page.fill('#f-from', '2027-05-10');
    await page.fill('#f-to', '2027-05-01');
    await page.selectOption('#f-substitute', { label: 'Organisation Stadt Gütersloh' });
    const [refused] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Abwesenheit eintragen' }).click()]);
    expect(refused?.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Der letzte Tag liegt vor dem ersten Tag.');
    expect(await page.locator('#f-to').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#f-from')).toBe('2027-05-10');
    await expectAccessible(page, 'absence form with an error');

    await page.fill('#f-to', '2027-05-14');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Abwesenheit eintragen' }).click()]);
    expect(await page.locator('[role=status]').innerText()).toContain('Die Abwesenheit ist eingetragen.');
    expect(await page.locator('table').innerText()).toContain('10.05.2027');
    await expectAccessible(page, 'absence list');
  });

  it('shows a clerk the absence recorded for them, accessibly, and refuses them the team pages', async () => {
    const clerk = await run.newPage();
    await signIn(clerk, 'sachbearbeitung@guetersloh.example');
    const res = await clerk.goto('/verwaltung/abwesenheiten');
    expect(res?.status()).toBe(200);
    expect(await clerk.locator('main').innerText()).toContain('Abwesende Person: Sachbearbeitung Stadt Gütersloh (Sie selbst)');
    expect(await clerk.locator('table').innerText()).toContain('14.05.2027');
    await expectAccessible(clerk, 'absences of a clerk');
    expect((await clerk.goto('/verwaltung/teams'))?.status()).toBe(403);
  });
});
