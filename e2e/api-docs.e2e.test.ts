// The API reference in a real browser (the page has no script of its own): axe-core finds nothing, and the
// contents lead by keyboard to an operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, openBrowserApp, tabTo, type BrowserApp } from './support.ts';

describe('API reference, end to end in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
  });
  afterAll(() => run?.close());

  it('shows every tag and operation, accessible, in German and English', async () => {
    const response = await page.goto('/api/docs');
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Schnittstellen (API)');
    expect(await page.locator('#op-get-api-v1-municipalities-slug-services').innerText()).toBe('GET /api/v1/municipalities/{slug}/services');
    await expectAccessible(page, 'API reference');
    await page.goto('/api/docs?lang=en');
    expect(await page.locator('h1').innerText()).toBe('Interfaces (API)');
    await expectAccessible(page, 'API reference in English');
  });

  it('leads from the contents to an operation by keyboard', async () => {
    await page.goto('/api/docs');
    await tabTo(page, { href: '#op-get-api-v1-municipalities-slug-services' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#op-get-api-v1-municipalities-slug-services');
    const top = () => page.locator('#op-get-api-v1-municipalities-slug-services').evaluate((el) => Math.abs(el.getBoundingClientRect().top));
    await expect.poll(top).toBeLessThan(50);
    await tabTo(page, { href: '/api/openapi.json' });
  });
});
