// The audit log viewer in a real browser: an admin reaches it from the back-office navigation by keyboard,
// filters by keyboard (a refused period first, then a good one), pages on, and sees a broken chain named.
// Every state is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { audit } from '../src/platform/audit/audit.ts';
import { inRegion, inTenant } from '../src/platform/db/database.ts';
import { checkChainsInFull } from '../src/modules/auditlog/index.ts';
import { expectAccessible, focused, openBrowserApp, pressAndNavigate, signIn, tabTo, type BrowserApp } from './support.ts';

const text = async (page: Page, selector = 'main') => (await page.locator(selector).innerText()).replace(/[\u00a0\u202f]/g, ' ');

async function fill(page: Page, id: string, value: string) {
  await tabTo(page, { id });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
}

describe('audit log viewer, end to end in Chromium', () => {
  let run: BrowserApp;
  let page: Page;
  let tenant: string;

  beforeAll(async () => {
    run = await openBrowserApp();
    const db = run.testApp.app.db;
    tenant = (await inRegion(db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'rheda-wiedenbrueck').executeTakeFirstOrThrow())).id;
    await inTenant(db, tenant, async (tx) => {
      for (let i = 0; i < 60; i++) await audit(tx, tenant, { actor: 'system:e2e', action: 'e2e.done', objectType: 'e2e_object', objectId: `nr-${i}` });
    });
    page = await run.newPage();
    await signIn(page, 'organisation@rheda-wiedenbrueck.example');
  });
  afterAll(() => run?.close());

  it('reaches the log from the navigation by keyboard, with the chain checked on top', async () => {
    await page.goto('/verwaltung/');
    await tabTo(page, { href: '/verwaltung/protokoll' });
    const response = await pressAndNavigate(page);
    expect(response.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Protokoll – Stadt Rheda-Wiedenbrück');
    expect(await text(page, '.kern-alert--success')).toMatch(/Kette geprüft: \d+ Einträge, unverändert/);
    expect(await page.locator('table tbody tr').count()).toBe(50);
    await expectAccessible(page, 'audit log');
  });

  it('refuses a "to" before "from" (422) with the message at the field and everything typed kept', async () => {
    await fill(page, 'f-object-type', 'e2e_object');
    await fill(page, 'f-from', '10.03.2026');
    await fill(page, 'f-to', '01.03.2026');
    await tabTo(page, { text: 'Filtern' });
    const response = await pressAndNavigate(page);
    expect(response.status()).toBe(422);
    expect(await page.title()).toMatch(/^Fehler:/);
    expect(await text(page, '.error-summary')).toContain('Das Datum „Bis“ darf nicht vor dem Datum „Von“ liegen.');
    expect(await page.inputValue('#f-object-type')).toBe('e2e_object');
    expect(await page.inputValue('#f-from')).toBe('10.03.2026');
    expect(await page.inputValue('#f-to')).toBe('01.03.2026');
    await expectAccessible(page, 'audit log with a refused filter');
    await tabTo(page, { href: '#f-to' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.id).toBe('f-to');
  });

  it('filters by keyboard and pages on with the filters kept', async () => {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await fill(page, 'f-from', '');
    await tabTo(page, { text: 'Filtern' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('60 Einträge gefunden');
    expect(await text(page, 'nav.pagination')).toContain('Seite 1 von 2');
    await tabTo(page, { text: 'Nächste Seite' }, 300);
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(new URL(page.url()).search).toBe('?objekttyp=e2e_object&seite=2');
    expect(await page.locator('table tbody tr').count()).toBe(10);
    expect(await page.inputValue('#f-object-type')).toBe('e2e_object');
    await expectAccessible(page, 'audit log, second page');
  });

  it('names the first changed entry when a row was altered in the database', async () => {
    await run.testApp.database.admin.exec(`UPDATE audit_log SET action = 'verfälscht' WHERE tenant_id = '${tenant}' AND seq = 3`);
    // The full recomputation the hourly upkeep makes; a look in between checks only newer entries.
    await checkChainsInFull(run.testApp.app.db, { all: true });
    await page.goto('/verwaltung/protokoll');
    const alert = await text(page, '.kern-alert--danger');
    expect(alert).toContain('Kette gebrochen');
    expect(alert).toContain('Eintrag Nr. 3 wurde nachträglich verändert');
    await expectAccessible(page, 'audit log with a broken chain');
  });
});
