// Case work in Chromium: a clerk writes a note and a task on the case page by keyboard (through the refusals of empty
// and past input), finds the task in "Meine Aufgaben" and hands a case over; a municipality admin reads the management
// view and edits the decision template (through an unknown placeholder). Every page and error state is checked with axe.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from '../src/modules/casework/test-cases.ts';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

const text = (page: Page) => page.locator('main').innerText();

describe('case work in Chromium', () => {
  let run: BrowserApp;

  beforeAll(async () => {
    run = await openBrowserApp();
  });
  afterAll(() => run?.close());

  it('a clerk writes a note and a task by keyboard, sees refusals beside the fields, and finds the task in "Meine Aufgaben"', async () => {
    const c = await insertCase(run.testApp.database, 'guetersloh', { email: 'mara@example.org', firstName: 'Mara' });
    await insertCase(run.testApp.database, 'guetersloh', { email: 'Mara@Example.org', service: 'sperrmuell' });
    const page = await run.newPage();
    await signIn(page, 'sachbearbeitung@guetersloh.example');
    expect((await page.goto(`/verwaltung/vorgaenge/${c.id}`))?.status()).toBe(200);
    expect(await text(page)).toContain('Weitere Anträge dieser Person');
    await expectAccessible(page, 'case page with case work');

    // An empty note: refused on its own page, the message beside the field.
    await tabTo(page, { text: 'Notiz speichern' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fehler:/);
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie den Text der Notiz ein.');
    await expectAccessible(page, 'note form with an error');
    await fill(page, 'f-note', 'Halterin hat angerufen: Nachweis kommt per Post.');
    await tabTo(page, { text: 'Notiz speichern' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('Halterin hat angerufen: Nachweis kommt per Post.');

    // A task due yesterday: refused, what was typed kept.
    await fill(page, 'f-task-title', 'Nachweis prüfen');
    await tabTo(page, { id: 'f-task-assignee' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.fill('#f-task-due', '2020-01-01');
    await tabTo(page, { text: 'Aufgabe speichern' });
    expect((await pressAndNavigate(page)).status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Das Fälligkeitsdatum liegt in der Vergangenheit.');
    expect(await page.inputValue('#f-task-title')).toBe('Nachweis prüfen');
    await expectAccessible(page, 'task form with an error');
    await page.fill('#f-task-due', '2099-06-30');
    const me = (await run.testApp.database.admin.query<{ name: string }>(`SELECT name FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`))[0]!
      .name;
    await page.selectOption('#f-task-assignee', { label: me });
    await tabTo(page, { text: 'Aufgabe speichern' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('Nachweis prüfen');
    await expectAccessible(page, 'case page with a note and a task');

    expect((await page.goto('/verwaltung/aufgaben'))?.status()).toBe(200);
    expect(await text(page)).toContain('Nachweis prüfen');
    expect(await text(page)).toContain(c.reference);
    await expectAccessible(page, 'Meine Aufgaben');
  });

  it('a clerk hands a case over to another municipality; the case page says where it went', async () => {
    const c = await insertCase(run.testApp.database, 'guetersloh');
    const page = await run.newPage();
    await signIn(page, 'sachbearbeitung@guetersloh.example');
    await page.goto(`/verwaltung/vorgaenge/${c.id}`);
    await tabTo(page, { text: 'Vorgang abgeben' });
    expect((await pressAndNavigate(page)).status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Wählen Sie, an wen Sie den Vorgang abgeben.');
    await expectAccessible(page, 'handover form with errors');
    await page.selectOption('#f-handover-target', { label: 'Stadt Rheda-Wiedenbrück' });
    await fill(page, 'f-handover-note', 'Die Halterin wohnt in Rheda-Wiedenbrück.');
    await tabTo(page, { text: 'Vorgang abgeben' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toMatch(/an Stadt Rheda-Wiedenbrück abgegeben\. Aktenzeichen dort: RW-\d{4}-\d{6}/);
    await expectAccessible(page, 'case page after the handover');
  });

  it('a municipality admin reads the management view and edits the decision template', async () => {
    await insertCase(run.testApp.database, 'guetersloh', { dueAt: new Date('2026-01-01T00:00:00Z') });
    const page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
    expect((await page.goto('/verwaltung/uebersicht'))?.status()).toBe(200);
    expect(await page.locator('table caption').first().innerText()).toBe('Vorgänge je Leistung');
    const align = await page
      .locator('td.kern-table__cell--numeric')
      .first()
      .evaluate((el) => getComputedStyle(el).textAlign);
    expect(align).toMatch(/right|end/);
    await expectAccessible(page, 'management view');

    expect((await page.goto('/verwaltung/bescheidvorlage'))?.status()).toBe(200);
    await expectAccessible(page, 'template editor');
    await tabTo(page, { id: 'f-template' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Zu {{Aktenzeichen}} und {{Steuerklasse}}.');
    await tabTo(page, { text: 'Vorlage speichern' });
    expect((await pressAndNavigate(page)).status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Unbekannter Platzhalter: {{Steuerklasse}}.');
    expect(await page.inputValue('#f-template')).toBe('Zu {{Aktenzeichen}} und {{Steuerklasse}}.');
    await expectAccessible(page, 'template editor with an error');
    await page.fill('#f-template', 'zu Ihrem Antrag {{Aktenzeichen}} vom {{Eingangsdatum}}:');
    await tabTo(page, { text: 'Vorlage speichern' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('Die Vorlage ist gespeichert.');
    await expectAccessible(page, 'template editor after saving');
  });
});
