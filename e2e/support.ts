// What every browser test needs: Debian's Chromium, keyboard movement as a person makes it, axe-core checks.
import { expect } from 'vitest';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestApp, type TestApp } from '../src/testing/harness.ts';
import { DEMO_PASSWORD } from '../src/testing/http.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

// ----- keyboard helpers -----

export interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string;
}
export interface Want {
  id?: string;
  text?: string | RegExp;
  href?: string | RegExp;
}

export const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), href: el.getAttribute('href') ?? '' };
  });

const matches = (f: Focused, want: Want) =>
  (want.id === undefined || f.id === want.id) &&
  (want.text === undefined || (typeof want.text === 'string' ? f.text === want.text : want.text.test(f.text))) &&
  (want.href === undefined || (typeof want.href === 'string' ? f.href === want.href : want.href.test(f.href)));

/** Presses Tab until the focused element is the one wanted — the way a keyboard user moves through a page. */
export async function tabTo(page: Page, want: Want, max = 100) {
  const seen: string[] = [];
  for (let i = 0, wraps = 0; i < max && wraps < 2; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && matches(f, want)) return;
    if (!f) wraps++;
    seen.push(f ? `${f.tag}#${f.id}[${f.text.slice(0, 30)}]` : '(body)');
  }
  throw new Error(
    `Tab never reached ${JSON.stringify(want, (_k, v) => (v instanceof RegExp ? String(v) : v))} on ${page.url()}; went through: ${seen.join(' → ')}`,
  );
}

/** Presses a key on the focused control and waits for the page it leads to; returns the final response. */
export async function pressAndNavigate(page: Page, key = 'Enter'): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  if (!response) throw new Error(`no navigation after ${key} on ${page.url()}`);
  return response;
}

/** Tabs to a field and types into it. */
export async function fill(page: Page, id: string, text: string) {
  await tabTo(page, { id });
  await page.keyboard.type(text);
}

// ----- accessibility -----

export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  if (violations.length) console.error(`axe violations on ${label} (${page.url()}):\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

// ----- the app on a real port, with a browser -----

export interface BrowserApp {
  testApp: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A page in a fresh browser context: its own cookies, as a separate person or device. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowserApp(): Promise<BrowserApp> {
  const testApp = await createTestApp();
  const baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    testApp,
    browser,
    baseUrl,
    newPage: async () => (await browser.newContext({ baseURL: baseUrl, timezoneId: 'Europe/Berlin' })).newPage(),
    close: async () => {
      await browser.close();
      await testApp.close();
    },
  };
}

/** Signs a staff member in through the login page, as the person would. */
export async function signIn(page: Page, email: string) {
  await page.goto('/verwaltung/anmelden');
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}
