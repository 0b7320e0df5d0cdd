// The browser half of the form rules: a rendered form page, served with the same scripts and a strict CSP,
// driven in Chromium. Fields appear and disappear as the same JSON Logic rules the server runs decide, hidden
// fields are not posted, computed values follow the typing, and without JavaScript everything stays visible.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../src/platform/i18n/index.ts';
import { Layout } from '../src/platform/views/layout.tsx';
import { readStep } from '../src/modules/forms/read-step.ts';
import { formState, typedValue } from '../src/modules/forms/logic.ts';
import type { Answers, FormDefinition } from '../src/modules/forms/schema.ts';
import { FormFields } from '../src/modules/forms/views/FormFields.tsx';
import { expectAccessible, launchChromium } from './support.ts';

const t = translator('de');
const l = (de: string) => ({ de });

const FORM: FormDefinition = {
  steps: [
    { id: 'vorher', title: l('Vorher'), fields: [{ id: 'anzahl', type: 'integer', label: l('Anzahl Hunde') }] },
    {
      id: 'hund',
      title: l('Ihr Hund'),
      fields: [
        { id: 'rasse', type: 'text', label: l('Rasse') },
        { id: 'gefaehrlich', type: 'yesno', label: l('Als gefährlich eingestuft?') },
        { id: 'gutachten', type: 'textarea', label: l('Gutachten'), showIf: { '==': [{ var: 'gefaehrlich' }, true] } },
        { id: 'gewicht', type: 'decimal', label: l('Gewicht in kg'), fractionDigits: 1 },
        { id: 'gebuehr', type: 'money', label: l('Gebühr'), compute: { '*': [{ var: 'gewicht' }, 2] } },
        { id: 'teuer', type: 'text', label: l('Begründung der hohen Gebühr'), showIf: { '>': [{ var: 'gebuehr' }, 100] } },
        {
          id: 'farben',
          type: 'checkboxes',
          label: l('Farben'),
          options: [
            { value: 'rot', label: l('Rot') },
            { value: 'blau', label: l('Blau') },
          ],
        },
        { id: 'rotton', type: 'text', label: l('Welcher Rotton?'), showIf: { in: ['rot', { var: 'farben' }] } },
        {
          id: 'mehrere',
          type: 'text',
          label: l('Weitere Hunde'),
          showIf: { and: [{ '>': [{ var: 'anzahl' }, 1] }, { '==': [{ var: 'gefaehrlich' }, false] }] },
        },
        // A date of birth in three inputs; a rule reads it as the ISO date the server makes of the parts.
        { id: 'geburtsdatum', type: 'date', label: l('Geburtsdatum') },
        { id: 'ausweis', type: 'text', label: l('Ausweisnummer'), showIf: { '<': [{ var: 'geburtsdatum' }, '2008-01-01'] } },
        // Throws inside json-logic-js ("in" on a number): read as false, never an error on the page.
        { id: 'kaputt', type: 'text', label: l('Nie sichtbar'), showIf: { in: ['x', { var: 'gewicht' }] } },
        {
          id: 'kinder',
          type: 'group',
          label: l('Kinder im Haushalt'),
          itemLabel: l('Kind'),
          minItems: 2,
          fields: [
            { id: 'vorname', type: 'text', label: l('Vorname') },
            { id: 'kita', type: 'yesno', label: l('Besucht eine Kita?') },
            { id: 'einrichtung', type: 'text', label: l('Name der Kita'), showIf: { '==': [{ var: 'kita' }, true] } },
          ],
        },
      ],
    },
  ],
};

const SAVED: Answers = { anzahl: '2' };

function pageHtml(): string {
  const ctx = { t, locale: 'de' as const, path: '/', csrfToken: '' };
  const step = FORM.steps[1]!;
  const form = h(
    'form',
    { method: 'post', action: '/senden', class: 'stack', novalidate: true },
    h(FormFields, { step, answers: SAVED, errors: [], state: formState(FORM, SAVED), t, locale: 'de', currency: 'EUR', maxUploadMb: 10 }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'kern-btn kern-btn--primary' }, h('span', { class: 'kern-label' }, 'Weiter'))),
  );
  const page = h(Layout, {
    ctx,
    title: 'Ihr Hund',
    scripts: ['/assets/vendor/json-logic.js', '/assets/form-rules.js'],
    children: [h('h1', { class: 'kern-heading-large' }, 'Ihr Hund'), form],
  });
  return `<!doctype html>${renderToString(page)}`;
}

const require = createRequire(import.meta.url);
const FILES: Record<string, [string, string]> = {
  '/assets/vendor/json-logic.js': [require.resolve('json-logic-js/logic.js'), 'text/javascript'],
  '/assets/form-rules.js': [new URL('../src/platform/views/assets/form-rules.js', import.meta.url).pathname, 'text/javascript'],
  '/assets/app.css': [new URL('../src/platform/views/assets/app.css', import.meta.url).pathname, 'text/css'],
  '/assets/kern/kern.min.css': [require.resolve('@kern-ux/native/dist/kern.min.css'), 'text/css'],
};

let server: Server;
let browser: Browser;
let baseUrl = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    // The app's policy: no inline code at all.
    res.setHeader('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:");
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="de"><title>Gesendet</title><pre id="posted">${JSON.stringify([...new URLSearchParams(body)]).replace(/</g, '&lt;')}</pre></html>`,
      );
      return;
    }
    const file = FILES[req.url ?? ''];
    if (file) {
      res.setHeader('content-type', `${file[1]}; charset=utf-8`);
      res.end(await readFile(file[0]));
      return;
    }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(pageHtml());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(javaScriptEnabled = true): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto('/');
  return { page, problems };
}

const visible = (page: Page, id: string) => page.locator(`#${id}`).isVisible();

describe('form-rules.js in Chromium', () => {
  it('shows and hides fields as answers on the page change, and disables what it hides', async () => {
    const { page, problems } = await open();
    expect(await visible(page, 'f-gutachten')).toBe(false);
    expect(await page.locator('#f-gutachten').isDisabled()).toBe(true);
    await page.check('#f-gefaehrlich-0');
    expect(await visible(page, 'f-gutachten')).toBe(true);
    expect(await page.locator('#f-gutachten').isDisabled()).toBe(false);
    await page.check('#f-gefaehrlich-1');
    expect(await visible(page, 'f-gutachten')).toBe(false);
    // Checkboxes are a list to the rules.
    expect(await visible(page, 'f-rotton')).toBe(false);
    await page.check('#f-farben-0');
    expect(await visible(page, 'f-rotton')).toBe(true);
    await page.uncheck('#f-farben-0');
    expect(await visible(page, 'f-rotton')).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads answers of earlier pages the server passed along', async () => {
    const { page, problems } = await open();
    expect(await visible(page, 'f-mehrere')).toBe(false);
    await page.check('#f-gefaehrlich-1');
    expect(await visible(page, 'f-mehrere')).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('computes values from typed numbers with a German comma, and rules read the computed value', async () => {
    const { page, problems } = await open();
    expect((await page.textContent('#f-gebuehr'))?.trim()).toBe('–');
    await page.fill('#f-gewicht', '12,5');
    expect(await page.textContent('#f-gebuehr')).toBe('25,00\u00a0€');
    expect(await visible(page, 'f-teuer')).toBe(false);
    await page.fill('#f-gewicht', '60');
    expect(await page.textContent('#f-gebuehr')).toBe('120,00\u00a0€');
    expect(await visible(page, 'f-teuer')).toBe(true);
    // Read as the server normalises: thousands separators, and no more digits than the field allows.
    await page.fill('#f-gewicht', '1.234,5');
    expect(await page.textContent('#f-gebuehr')).toBe('2.469,00\u00a0€');
    await page.fill('#f-gewicht', '12,55');
    expect((await page.textContent('#f-gebuehr'))?.trim()).toBe('–');
    await page.fill('#f-gewicht', 'viel');
    expect((await page.textContent('#f-gebuehr'))?.trim()).toBe('–');
    expect(await visible(page, 'f-teuer')).toBe(false);
    // The rule that throws stays hidden and breaks nothing.
    expect(await visible(page, 'f-kaputt')).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reads typed numbers exactly as the server does', async () => {
    const { page, problems } = await open();
    const step = FORM.steps[1]!;
    const field = step.fields.find((f) => f.id === 'gewicht')!;
    const samples = ['12,5', '1.234,5', "1'234.5", '1 234,5', '1.500', '-0,5', '+3', ',5', '12.', 'abc', '12,55', '1.2.3', '007', '  8,0 '];
    for (const raw of samples) {
      const { values, errors } = readStep(FORM, step, { gewicht: raw }, SAVED, { country: 'DE', today: '2026-01-01' });
      const server = errors.some((e) => e.field === 'gewicht') ? undefined : typedValue(field, values.gewicht);
      await page.fill('#f-gewicht', raw);
      const doubled = await page.getAttribute('#f-gebuehr', 'data-value');
      expect([raw, doubled === null ? undefined : Number(doubled) / 2]).toEqual([raw, server]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a rule reads a date of birth typed in day, month and year as one date', async () => {
    const { page } = await open();
    expect(await visible(page, 'f-ausweis')).toBe(false);
    await page.fill('#f-geburtsdatum-day', '7');
    await page.fill('#f-geburtsdatum-month', '3');
    expect(await visible(page, 'f-ausweis')).toBe(false);
    await page.fill('#f-geburtsdatum-year', '1990');
    expect(await visible(page, 'f-ausweis')).toBe(true);
    await page.fill('#f-geburtsdatum-year', '2010');
    expect(await visible(page, 'f-ausweis')).toBe(false);
    // The server reads the same parts as the same date, and the same rule shows the field.
    const read = readStep(FORM, FORM.steps[1]!, { 'geburtsdatum.day': '7', 'geburtsdatum.month': '3', 'geburtsdatum.year': '1990' }, SAVED, {
      country: 'DE',
      today: '2026-11-22',
    });
    expect(read.values.geburtsdatum).toBe('1990-03-07');
    expect(formState(FORM, { ...SAVED, ...read.values }).hiddenFields.has('ausweis')).toBe(false);
    await page.context().close();
  });

  it('rules in a group entry read that entry', async () => {
    const { page, problems } = await open();
    expect(await visible(page, 'f-kinder-0-einrichtung')).toBe(false);
    expect(await visible(page, 'f-kinder-1-einrichtung')).toBe(false);
    await page.check('#f-kinder-1-kita-0');
    expect(await visible(page, 'f-kinder-0-einrichtung')).toBe(false);
    expect(await visible(page, 'f-kinder-1-einrichtung')).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('posts no hidden field, and Enter in a text field continues instead of removing a group entry', async () => {
    const { page } = await open();
    await page.fill('#f-rasse', 'Dackel');
    await page.check('#f-gefaehrlich-1');
    await page.fill('#f-kinder-0-vorname', 'Anna');
    await Promise.all([page.waitForNavigation(), page.press('#f-kinder-0-vorname', 'Enter')]);
    const posted = new Map(JSON.parse((await page.textContent('#posted'))!) as Array<[string, string]>);
    expect(posted.get('rasse')).toBe('Dackel');
    expect(posted.get('kinder.0.vorname')).toBe('Anna');
    expect(posted.get('mehrere')).toBe('');
    expect(posted.has('_aktion')).toBe(false);
    for (const hidden of ['gutachten', 'rotton', 'teuer', 'kaputt', 'kinder.0.einrichtung', 'kinder.1.einrichtung']) expect(posted.has(hidden)).toBe(false);
    await page.context().close();
  });

  it('has no accessibility violations, with fields hidden and shown', async () => {
    const { page } = await open();
    await expectAccessible(page, 'form with fields hidden');
    await page.check('#f-gefaehrlich-0');
    await page.check('#f-farben-0');
    await expectAccessible(page, 'form with fields shown');
    await page.context().close();
  });

  it('without JavaScript every field stays visible', async () => {
    const { page } = await open(false);
    for (const id of ['f-gutachten', 'f-rotton', 'f-teuer', 'f-mehrere', 'f-kinder-1-einrichtung']) expect(await visible(page, id)).toBe(true);
    await page.context().close();
  });
});
