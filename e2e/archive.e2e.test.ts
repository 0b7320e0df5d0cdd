// The archive page in Chromium: a case due for offer, the download, and a refused evaluation upload; axe-core on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion } from '../src/platform/db/database.ts';
import { fillApplication, submitApplication } from '../src/testing/flows.ts';
import { Browser } from '../src/testing/http.ts';
import { type BrowserApp, expectAccessible, openBrowserApp, signIn } from './support.ts';

describe('the archive page in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    const { app, database } = run.testApp;
    const tenant = (await inRegion(app.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow())).id;
    const citizen = new Browser(app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    await database.admin.exec(`UPDATE applications SET status = 'approved', decided_at = TIMESTAMPTZ '2001-02-03T10:00:00Z'`);
    await database.admin.exec(
      `INSERT INTO retention_rules (tenant_id, id, service_id, document_type, start_event, years, months, offer_to_archive, updated_at)
       VALUES ('${tenant}', gen_random_uuid(), NULL, NULL, 'decided', 5, 0, true, now())`,
    );
    page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
  });

  afterAll(() => run?.close());

  it('lists the due case, downloads the package and refuses a file that is no evaluation', async () => {
    const res = await page.goto('/verwaltung/archiv');
    expect(res?.status()).toBe(200);
    expect(await page.locator('section[aria-labelledby=offer-heading] table').innerText()).toMatch(/GT-\d{4}-\d{6}/);
    await expectAccessible(page, 'archive page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'xdomea-Paket herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^xdomea-aussonderung-guetersloh-\d{4}-\d{2}-\d{2}\.zip$/);

    await page.goto('/verwaltung/archiv');
    await page.setInputFiles('#f-datei', { name: 'bewertung.xml', mimeType: 'application/xml', buffer: Buffer.from('<kaputt') });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bewertung einlesen' }).click()]);
    expect(await page.locator('.error-summary').innerText()).toContain('Die Datei ist kein lesbares XML.');
    expect(await page.locator('#f-datei').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'archive page with a refused evaluation');
  });
});
