// The inbox as clerks work it, in Chromium: deadline and workflow filters with their badges, a saved view, and bulk
// assignment by keyboard alone without JavaScript; each page and state (also the refusals) checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

describe('the inbox’s filters, saved views and bulk assignment in Chromium', () => {
  let run: BrowserApp;
  let page: Page;
  let clerkId = '';
  const q = (sql: string) => run.testApp.database.admin.query<Record<string, string>>(sql);

  beforeAll(async () => {
    run = await openBrowserApp();
    clerkId = (await q(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`))[0]!.id!;
    // Six cases of the town's dog service: overdue, due soon and later, in two workflow states, none assigned.
    await q(`INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email, status_token_hash,
               idempotency_key, submitted_at, updated_at, retain_until, workflow_state, due_at)
             SELECT o.id, gen_random_uuid(), 'GT-2026-5' || lpad(g::text, 5, '0'), s.id, CASE WHEN g % 2 = 0 THEN 'in_review' ELSE 'submitted' END,
               jsonb_build_object('hundename', CASE WHEN g = 3 THEN 'Anträge für Bello' ELSE 'Rex' END), 'Halter ' || g, 'h@example.org',
               md5('e2e' || g), md5('e2ek' || g), now() - interval '2 days', now(), current_date + 3650,
               CASE WHEN g % 2 = 0 THEN 'pruefung' ELSE 'eingang' END, now() + (g * 3 - 7) * interval '1 day'
             FROM organizations o JOIN services s ON s.tenant_id = o.id AND s.slug = 'hund-anmelden', generate_series(1, 6) AS g
             WHERE o.slug = 'guetersloh'`);
    page = await run.newPage();
    await signIn(page, 'sachbearbeitung@guetersloh.example');
  });
  afterAll(() => run?.close());

  const references = async () => (await page.locator('main a.inbox-reference').allInnerTexts()).filter((r) => r.startsWith('GT-2026-5')).sort();

  it('filters by deadline and workflow step by keyboard, shows the badges, and searches with stemming', async () => {
    expect((await page.goto('/verwaltung/'))?.status()).toBe(200);
    await expectAccessible(page, 'inbox with deadlines');
    await tabTo(page, { id: 'f-due' });
    await page.keyboard.press('ArrowDown'); // "Überfällig"
    await tabTo(page, { text: 'Filtern' });
    await pressAndNavigate(page);
    expect(new URL(page.url()).searchParams.get('frist')).toBe('ueberfaellig');
    expect(await references()).toEqual(['GT-2026-500001', 'GT-2026-500002']);
    expect(await page.locator('main').innerText()).toContain('Überfällig');
    await expectAccessible(page, 'inbox filtered to overdue cases');

    await page.goto('/verwaltung/?frist=bald&zustand=pruefung');
    expect(await references()).toEqual([]);
    await page.goto('/verwaltung/?frist=bald');
    expect(await references()).toEqual(['GT-2026-500003']);
    expect(await page.locator('main').innerText()).toContain('Bald fällig');
    await page.goto('/verwaltung/?zustand=pruefung&sort=frist&dir=asc');
    expect(await references()).toEqual(['GT-2026-500002', 'GT-2026-500004', 'GT-2026-500006']);
    await expectAccessible(page, 'inbox filtered by workflow step, sorted by deadline');

    await page.goto('/verwaltung/');
    await fill(page, 'f-q', 'Antrag');
    await tabTo(page, { text: 'Filtern' });
    await pressAndNavigate(page);
    expect(await references()).toEqual(['GT-2026-500003']);
  });

  it('saves the current filters as a view by keyboard, refusing an empty name first', async () => {
    await page.goto('/verwaltung/?frist=ueberfaellig');
    await tabTo(page, { text: 'Ansicht speichern' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Bitte geben Sie der Ansicht einen Namen.');
    expect(await page.inputValue('#f-due')).toBe('ueberfaellig');
    await expectAccessible(page, 'inbox with a refused view name');

    await fill(page, 'view-name', 'Überfällige');
    await tabTo(page, { text: 'Ansicht speichern' });
    await pressAndNavigate(page);
    expect(await page.locator('main').innerText()).toContain('Die Ansicht ist gespeichert.');
    await page.goto('/verwaltung/');
    await tabTo(page, { text: 'Überfällige' });
    await pressAndNavigate(page);
    expect(new URL(page.url()).searchParams.get('frist')).toBe('ueberfaellig');
    expect(await references()).toEqual(['GT-2026-500001', 'GT-2026-500002']);
    await expectAccessible(page, 'inbox with a saved view');
  });

  it('assigns selected cases by keyboard, and says so clearly when nothing was selected', async () => {
    await page.goto('/verwaltung/?sort=aktenzeichen&dir=asc&zustand=eingang');
    await tabTo(page, { text: 'Zuweisen' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Bitte wählen Sie mindestens einen Vorgang aus.');
    expect(summary).toContain('Bitte wählen Sie aus, wem die Vorgänge zugewiesen werden.');
    await expectAccessible(page, 'inbox with a refused bulk assignment');

    // The assignment itself without JavaScript; axe-core needs scripts, so the page it leads to is checked after.
    const context = await run.browser.newContext({ baseURL: run.baseUrl, javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await context.newPage();
    await plain.goto('/verwaltung/?sort=aktenzeichen&dir=asc&zustand=eingang');
    for (const reference of ['GT-2026-500001', 'GT-2026-500005']) {
      const [row] = await q(`SELECT id FROM applications WHERE reference = '${reference}'`);
      await tabTo(plain, { id: `sel-${row!.id}` });
      await plain.keyboard.press('Space');
    }
    await tabTo(plain, { id: 'bulk-assignee' });
    // The people A–Z after "Bitte wählen": the arrow keys move through them.
    for (let i = 0; i < 10 && (await plain.inputValue('#bulk-assignee')) !== clerkId; i++) await plain.keyboard.press('ArrowDown');
    expect(await plain.inputValue('#bulk-assignee')).toBe(clerkId);
    await tabTo(plain, { text: 'Zuweisen' });
    await pressAndNavigate(plain);
    expect(new URL(plain.url()).searchParams.get('zustand')).toBe('eingang');
    expect(await plain.locator('main').innerText()).toContain('2 Vorgang/Vorgänge zugewiesen an Sachbearbeitung Stadt Gütersloh.');
    await page.goto(plain.url());
    await context.close();
    await expectAccessible(page, 'inbox after a bulk assignment');
    const assigned = await q(`SELECT reference FROM applications WHERE assigned_to = '${clerkId}' AND reference LIKE 'GT-2026-5%' ORDER BY reference`);
    expect(assigned.map((r) => r.reference)).toEqual(['GT-2026-500001', 'GT-2026-500005']);

    await page.goto('/verwaltung/?bereich=meine&sort=aktenzeichen&dir=asc');
    expect(await references()).toEqual(['GT-2026-500001', 'GT-2026-500005']);
    await expectAccessible(page, 'Meine Vorgänge');
  });
});
