// The case page on its workflow in Chromium: the essentials and next steps in several states (received, in review,
// a refused step with its field error, a stale save, waiting for the applicant, a second approval refused to a clerk),
// each checked with axe-core; transitions taken by keyboard alone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeStep } from '../src/testing/case-forms.ts';
import { fillApplication, submitApplication } from '../src/testing/flows.ts';
import { Browser } from '../src/testing/http.ts';
import { type BrowserApp, expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo } from './support.ts';

const text = (page: Page) => page.locator('main').innerText();

describe('the case page on its workflow in Chromium', () => {
  let run: BrowserApp;

  beforeAll(async () => {
    run = await openBrowserApp();
  });
  afterAll(() => run?.close());

  const newCase = async () => {
    const citizen = new Browser(run.testApp.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    return (await run.testApp.database.admin.query<{ id: string }>(`SELECT id FROM applications ORDER BY submitted_at DESC LIMIT 1`))[0]!.id;
  };
  const state = async (id: string) =>
    (
      await run.testApp.database.admin.query<{ workflow_state: string; lock_version: number }>(
        `SELECT workflow_state, lock_version FROM applications WHERE id = $1`,
        [id],
      )
    )[0]!;

  it('takes a case up and records completeness by keyboard; a stale save shows the current state and keeps the question', async () => {
    const id = await newCase();
    const page = await run.newPage();
    await signIn(page, 'sachbearbeitung@guetersloh.example');
    expect((await page.goto(`/verwaltung/vorgaenge/${id}`))?.status()).toBe(200);
    const received = await text(page);
    expect(received).toContain('Eingegangen (Standardablauf, Version 1)');
    expect(received).toMatch(/Bald fällig: bis\s+\d{2}\.\d{2}\.\d{4}/);
    await expectAccessible(page, 'case page, received');

    await tabTo(page, { text: 'Übernehmen' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toContain('Erledigt: Übernehmen. Neuer Stand: In Prüfung.');
    await expectAccessible(page, 'case page, in review');

    await tabTo(page, { text: 'Vollständigkeit feststellen' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    expect(await text(page)).toMatch(/Vollständig seit\s+\d{2}\.\d{2}\.\d{4}/);
    expect((await state(id)).lock_version).toBe(2);

    // Someone else changes the case meanwhile; the clerk's question is refused, and kept.
    const other = new Browser(run.testApp.app);
    await other.login('organisation@guetersloh.example');
    expect((await takeStep(other, id, 'nachfragen', { question: 'Bitte den Impfpass.' })).statusCode).toBe(303);
    await fill(page, 'f-question', 'Bitte senden Sie die Versicherungspolice.');
    await tabTo(page, { text: 'Rückfrage senden' });
    const stale = await pressAndNavigate(page);
    expect(stale.status()).toBe(409);
    expect(await page.locator('.error-summary').innerText()).toContain('Der Vorgang wurde inzwischen geändert');
    expect(await text(page)).toContain('Bitte senden Sie die Versicherungspolice.');
    expect(await text(page)).toContain('Wartet auf Antwort');
    await expectAccessible(page, 'case page, stale save');
    expect((await state(id)).workflow_state).toBe('rueckfrage');
  });

  it('shows a missing required field beside it, and a step refused for the role with its reason', async () => {
    await run.testApp.database.admin.query(
      `UPDATE service_versions SET definition = jsonb_set(definition, '{workflow}', '"vier-augen"')
       WHERE service_id IN (SELECT id FROM services WHERE slug = 'hund-anmelden' AND tenant_id = (SELECT id FROM organizations WHERE slug = 'guetersloh'))`,
    );
    await run.testApp.database.admin.query(
      `UPDATE services SET definition = jsonb_set(definition, '{workflow}', '"vier-augen"')
       WHERE slug = 'hund-anmelden' AND tenant_id = (SELECT id FROM organizations WHERE slug = 'guetersloh')`,
    );
    const id = await newCase();
    const page = await run.newPage();
    await signIn(page, 'sachbearbeitung@guetersloh.example');
    expect((await page.goto(`/verwaltung/vorgaenge/${id}`))?.status()).toBe(200);
    expect(await text(page)).toContain('Eingegangen (Mit Zweitprüfung, Version 1)');
    await tabTo(page, { text: 'Übernehmen' });
    await pressAndNavigate(page);

    await tabTo(page, { text: 'Zur Zweitprüfung geben' });
    const refused = await pressAndNavigate(page);
    expect(refused.status()).toBe(422);
    expect(await page.locator('.error-summary').innerText()).toContain('Geben Sie „Entscheidungsvorschlag“ ein.');
    await expectAccessible(page, 'case page, required field missing');
    await fill(page, 'f-step-zur-freigabe-vorschlag', 'Genehmigen: alle Unterlagen liegen vor.');
    await tabTo(page, { text: 'Zur Zweitprüfung geben' });
    expect((await pressAndNavigate(page)).status()).toBe(200);
    const waiting = await text(page);
    expect(waiting).toContain('Zur Zweitprüfung (Mit Zweitprüfung, Version 1)');
    expect(waiting).toContain('Freigeben und entscheiden: Dafür fehlt Ihnen die Rolle „Leitung“.');
    await expectAccessible(page, 'case page, awaiting second approval');
    expect((await state(id)).workflow_state).toBe('freigabe');
  });
});
