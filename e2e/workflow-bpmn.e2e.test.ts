// The BPMN import in Chromium: an organiser uploads a Camunda Modeler file, reads what was recognised and what was
// not taken over, corrects the key, and saves it by keyboard; every state of the page is checked with axe-core.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo, type BrowserApp } from './support.ts';

const CAMUNDA = fileURLToPath(new URL('../src/modules/workflows/fixtures/camunda-sondernutzung.bpmn', import.meta.url));

describe('BPMN import in Chromium', () => {
  let run: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    page = await run.newPage();
    await signIn(page, 'organisation@guetersloh.example');
  }, 60_000);
  afterAll(() => run?.close());

  it('shows the upload form, and a refusal beside the file field when no file is chosen', async () => {
    const res = await page.goto('/studio/ablaeufe/import');
    expect(res?.status()).toBe(200);
    await expectAccessible(page, 'BPMN upload form');

    await tabTo(page, { text: 'Datei prüfen' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.textContent('#bpmn-datei-error')).toContain('Bitte wählen Sie eine BPMN-Datei aus.');
    await expectAccessible(page, 'BPMN upload form with an error');
  });

  it('reports a Camunda file, refuses an invalid key with the typed values kept, and saves the corrected one', async () => {
    await page.goto('/studio/ablaeufe/import');
    await page.setInputFiles('#bpmn-datei', CAMUNDA);
    await tabTo(page, { text: 'Datei prüfen' });
    const result = await pressAndNavigate(page);
    expect(result.status()).toBe(200);
    expect(await page.textContent('h2')).toContain('Sondernutzungserlaubnis Straßenraum');
    const unmapped = await page.textContent('table >> nth=1');
    expect(unmapped).toContain('Gateway_Split');
    expect(unmapped).toContain('Parallele Verzweigung (UND)');
    await expectAccessible(page, 'BPMN import result');

    await tabTo(page, { id: 'bpmn-key' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Sondernutzung 2026');
    await tabTo(page, { text: 'Übernehmen' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.inputValue('#bpmn-key')).toBe('Sondernutzung 2026');
    expect(await page.textContent('#bpmn-key-error')).toContain('Kleinbuchstaben');
    await expectAccessible(page, 'BPMN import result with errors');

    await page.fill('#bpmn-key', '');
    await fill(page, 'bpmn-key', 'sondernutzung');
    await tabTo(page, { text: 'Übernehmen' });
    const saved = await pressAndNavigate(page);
    expect(saved.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/studio/ablaeufe/sondernutzung');
  });

  it('downloads a workflow as a BPMN attachment', async () => {
    const res = await page.request.get('/studio/ablaeufe/sondernutzung/bpmn');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toBe('attachment; filename="ablauf-sondernutzung-v1.bpmn"');
    expect(await res.text()).toContain('<bpmn:userTask id="Task_ueber-antrag-entscheiden" name="Über Antrag entscheiden">');
  });
});
