// End to end, in a real browser: a citizen registers a dog by keyboard, a clerk asks a question, the citizen
// answers, the clerk approves, the citizen downloads the decision. Every page visited — error states included —
// is checked with axe-core. The app runs on a PGlite clone with demo data (src/testing/harness.ts).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { expectAccessible, fill, focused, openBrowserApp, pressAndNavigate, tabTo, type BrowserApp } from './support.ts';
import { DEMO_PASSWORD, TINY_PDF } from '../src/testing/http.ts';

const CLERK_EMAIL = 'sachbearbeitung@guetersloh.example';
const SERVICE_PATH = '/guetersloh/leistungen/hund-anmelden';
/** A valid 1×1 PNG, recognised by its bytes. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const QUESTION = 'Bitte senden Sie uns zusätzlich ein Foto der Hundemarke des Vorbesitzers.';
const ANSWER = 'Gern, das Foto hänge ich an.';
const REASON = 'Alle Unterlagen liegen vollständig vor.';

/**
 * Tabs to a date field and types the date segment by segment. The segments come in the order of the browser's
 * own language (en-US: MM/DD/YYYY, de: TT.MM.JJJJ), which is also what Intl reports for navigator.language.
 */
async function fillDate(page: Page, id: string, iso: string) {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2000, 10, 22))
      .map((p) => p.type)
      .filter((t) => t === 'year' || t === 'month' || t === 'day'),
  );
  await tabTo(page, { id });
  await page.keyboard.type(order.map((part) => ({ year: y, month: m, day: d })[part]).join(''));
  expect(await page.inputValue(`#${id}`)).toBe(iso);
}

async function pressAndDownload(page: Page): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

const text = (page: Page, selector = 'main') => page.locator(selector).innerText();

/** A field in error is marked for the eye as well, not only for assistive technology: KERN's danger background. */
async function expectErrorStyle(page: Page, selector: string) {
  const [invalid, background, danger] = await page.locator(selector).evaluate((el) => {
    // The colour KERN uses for fields in error, resolved the same way as the field's own background.
    const probe = document.createElement('div');
    probe.style.background = 'var(--kern-color-feedback-danger-background-contextual, #FEECE8)';
    document.body.append(probe);
    const wanted = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [el.getAttribute('aria-invalid'), getComputedStyle(el).backgroundColor, wanted];
  });
  expect(invalid, `${selector} aria-invalid`).toBe('true');
  expect(background, `${selector} background in error`).toBe(danger);
}

// ----- the flow -----

describe('dog registration, end to end in Chromium', () => {
  let run: BrowserApp;
  let citizen: Page;
  let clerk: Page;
  let statusPath: string;
  let reference: string;
  let casePath: string;

  beforeAll(async () => {
    run = await openBrowserApp();
    citizen = await run.newPage();
    clerk = await run.newPage();
  });

  afterAll(() => run?.close());

  it('citizen finds the service from the start page', async () => {
    await citizen.goto('/');
    await expectAccessible(citizen, 'start page');
    await tabTo(citizen, { text: 'Stadt Gütersloh' });
    await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe('/guetersloh/');
    await expectAccessible(citizen, 'municipality portal');

    await tabTo(citizen, { href: SERVICE_PATH });
    await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe(SERVICE_PATH);
    expect(await citizen.locator('h1').innerText()).toBe('Hund anmelden (Hundesteuer)');
    await expectAccessible(citizen, 'service page');

    await tabTo(citizen, { text: 'Antrag online stellen' });
    await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe(`${SERVICE_PATH}/antrag/halter`);
    await expectAccessible(citizen, 'step halter');
  });

  it('an empty required field shows the error summary (422), which leads to the field', async () => {
    await tabTo(citizen, { text: 'Weiter' });
    const response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(422);
    const summary = citizen.locator('.error-summary[role="alert"]');
    await expect.poll(() => summary.isVisible()).toBe(true);
    // The message names the field (GOV.UK): "Geben Sie Ihren Vornamen ein".
    expect(await summary.innerText()).toContain('Geben Sie Ihren Vornamen ein');
    expect(await citizen.title()).toMatch(/^Fehler:/);
    await expectErrorStyle(citizen, '#f-vorname');
    await expectAccessible(citizen, 'step halter with errors');

    // The first link of the summary takes keyboard focus to the field.
    await tabTo(citizen, { href: '#f-vorname' });
    await citizen.keyboard.press('Enter');
    await expect.poll(async () => (await focused(citizen))?.id).toBe('f-vorname');
  });

  it('citizen fills every step by keyboard', async () => {
    // Step 1: the keeper. Focus is on the first name already (from the error summary).
    await citizen.keyboard.type('Erika');
    await fill(citizen, 'f-nachname', 'Mustermann');
    // The date of birth in three fields (day, month, year), never the browser's date picker.
    await fill(citizen, 'f-geburtsdatum-day', '15');
    await fill(citizen, 'f-geburtsdatum-month', '3');
    await fill(citizen, 'f-geburtsdatum-year', '1985');
    await fill(citizen, 'f-email', 'erika.mustermann@example.org');
    await fill(citizen, 'f-telefon', '05241 82-0');
    await tabTo(citizen, { text: 'Weiter' });
    let response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(200);
    expect(new URL(citizen.url()).pathname).toBe(`${SERVICE_PATH}/antrag/adresse`);
    await expectAccessible(citizen, 'step adresse');

    // Step 2: the address. The first field is reached with Tab from the top of the page.
    await fill(citizen, 'f-strasse', 'Berliner Straße');
    await fill(citizen, 'f-hausnummer', '70');
    await fill(citizen, 'f-plz', '33330');
    await fill(citizen, 'f-ort', 'Gütersloh');
    await tabTo(citizen, { text: 'Weiter' });
    response = await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe(`${SERVICE_PATH}/antrag/hund`);
    await expectAccessible(citizen, 'step hund');

    // Step 3: the dog. Sent empty first: the error state of radio groups and date fields.
    await tabTo(citizen, { text: 'Weiter' });
    response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(422);
    expect(await citizen.locator('.error-summary').innerText()).toMatch(/Wählen Sie .+ aus\./);
    await expectAccessible(citizen, 'step hund with errors');

    // Radios: Space checks the focused one, arrow keys move the choice.
    await fill(citizen, 'f-hundename', 'Bello');
    await fill(citizen, 'f-rasse', 'Labrador-Mischling');
    await tabTo(citizen, { id: 'f-geschlecht-0' });
    await citizen.keyboard.press('Space');
    expect(await citizen.isChecked('#f-geschlecht-0')).toBe(true);
    await fillDate(citizen, 'f-haltung_seit', '2024-06-01');
    await tabTo(citizen, { id: 'f-gefaehrlich-0' });
    await citizen.keyboard.press('Space');
    await citizen.keyboard.press('ArrowDown');
    expect(await citizen.isChecked('#f-gefaehrlich-1')).toBe(true);
    await tabTo(citizen, { text: 'Weiter' });
    response = await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe(`${SERVICE_PATH}/antrag/nachweis`);
    await expectAccessible(citizen, 'step nachweis');

    // Step 4: the proof. Sent without a file first: the error state of a file field.
    await tabTo(citizen, { text: 'Weiter' });
    response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(422);
    expect(await citizen.locator('.error-summary').innerText()).toContain('Wählen Sie eine Datei für');
    await expectErrorStyle(citizen, '#f-versicherung');
    await expectAccessible(citizen, 'step nachweis with errors');

    // The file input is focused by keyboard, but a native file chooser cannot be driven
    // by keys, so the file itself is set with setInputFiles — the one exception to keyboard-only.
    await tabTo(citizen, { id: 'f-versicherung' });
    await citizen.setInputFiles('#f-versicherung', { name: 'versicherung.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await tabTo(citizen, { text: 'Weiter' });
    response = await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).pathname).toBe(`${SERVICE_PATH}/antrag/pruefen`);
  });

  it('citizen checks the answers and submits', async () => {
    const main = await text(citizen);
    for (const value of [
      'Erika',
      'Mustermann',
      '15.03.1985',
      'erika.mustermann@example.org',
      'Berliner Straße',
      '33330',
      'Bello',
      'Labrador-Mischling',
      'Rüde',
      '01.06.2024',
      'Nein',
      'versicherung.pdf',
    ]) {
      expect(main).toContain(value);
    }
    await expectAccessible(citizen, 'check page');

    await tabTo(citizen, { text: 'Antrag verbindlich absenden' });
    const response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(200);
    const url = new URL(citizen.url());
    expect(url.pathname).toMatch(/^\/guetersloh\/antraege\/[A-Za-z0-9_-]{20,100}$/);
    expect(url.searchParams.get('eingegangen')).toBe('1');
    statusPath = url.pathname;

    expect(await citizen.locator('h1').innerText()).toBe('Antrag eingegangen');
    reference = (await citizen.locator('.reference').innerText()).trim();
    expect(reference).toMatch(/^GT-\d{4}-000001$/);
    // The link to keep: the status page under the configured public address.
    const statusLink = citizen.locator('.kern-alert--success a.kern-link');
    expect(await statusLink.getAttribute('href')).toBe(`${run.testApp.config.publicUrl}${statusPath}`);
    expect(await text(citizen)).toContain('Eingegangen');
    await expectAccessible(citizen, 'confirmation page');

    await tabTo(citizen, { text: 'Eingangsbestätigung herunterladen (PDF)' });
    const { download, bytes } = await pressAndDownload(citizen);
    expect(download.suggestedFilename()).toBe(`Eingangsbestaetigung-${reference}.pdf`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('clerk signs in, finds the application in the inbox and filters by status', async () => {
    await clerk.goto('/');
    await tabTo(clerk, { text: 'Anmeldung für Mitarbeitende der Verwaltung' });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).pathname).toBe('/verwaltung/anmelden');
    await expectAccessible(clerk, 'login page');

    // Wrong password first: the error state must be accessible too.
    await fill(clerk, 'f-email', CLERK_EMAIL);
    await fill(clerk, 'f-password', 'falsch-falsch');
    await tabTo(clerk, { text: 'Anmelden' });
    let response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(422);
    expect(await clerk.locator('.error-summary').innerText()).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    await expectAccessible(clerk, 'login page with error');

    await tabTo(clerk, { id: 'f-email' });
    expect(await clerk.inputValue('#f-email')).toBe(CLERK_EMAIL);
    await fill(clerk, 'f-password', DEMO_PASSWORD);
    await tabTo(clerk, { text: 'Anmelden' });
    response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(200);
    expect(new URL(clerk.url()).pathname).toBe('/verwaltung/');
    expect(await clerk.locator('h1').innerText()).toBe('Posteingang – Stadt Gütersloh');
    expect(await clerk.locator('table').innerText()).toContain(reference);
    await expectAccessible(clerk, 'inbox');

    // Filter by status: on a closed select the arrow keys change the choice.
    await tabTo(clerk, { id: 'f-status' });
    await clerk.keyboard.press('ArrowDown');
    expect(await clerk.inputValue('#f-status')).toBe('submitted');
    await tabTo(clerk, { text: 'Filtern' });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).searchParams.get('status')).toBe('submitted');
    const rows = clerk.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(reference);
    expect(await rows.first().innerText()).toContain('Erika Mustermann');
    await expectAccessible(clerk, 'inbox filtered');

    // Another status has nothing yet: the empty state.
    await tabTo(clerk, { id: 'f-status' });
    await clerk.keyboard.press('ArrowDown');
    expect(await clerk.inputValue('#f-status')).toBe('in_review');
    await tabTo(clerk, { text: 'Filtern' });
    await pressAndNavigate(clerk);
    expect(await text(clerk)).toContain('Keine Anträge passen zu Ihrer Suche.');
    await expectAccessible(clerk, 'inbox filtered, empty');

    await clerk.goBack();
    await tabTo(clerk, { text: reference });
    await pressAndNavigate(clerk);
    casePath = new URL(clerk.url()).pathname;
    expect(casePath).toMatch(/^\/verwaltung\/vorgaenge\/[0-9a-f-]{36}$/);
    expect(await clerk.locator('h1').innerText()).toBe(`Vorgang ${reference}`);
    await expectAccessible(clerk, 'case page');
  });

  it('clerk downloads the attachment, assigns the case and asks a question', async () => {
    await tabTo(clerk, { text: 'versicherung.pdf' });
    const href = (await focused(clerk))!.href;
    const { download, bytes } = await pressAndDownload(clerk);
    expect(download.suggestedFilename()).toBe('versicherung.pdf');
    expect(bytes.equals(TINY_PDF)).toBe(true);
    // The headers, fetched with the clerk's session: served as a download, never rendered inline.
    const head = await clerk.context().request.get(href);
    expect(head.status()).toBe(200);
    expect(head.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(head.headers()['x-content-type-options']).toBe('nosniff');

    await tabTo(clerk, { text: 'Mir zuweisen' });
    await pressAndNavigate(clerk);
    expect(new URL(clerk.url()).searchParams.get('hinweis')).toBe('assigned');
    expect(await text(clerk)).toContain('Der Vorgang ist Ihnen zugewiesen.');
    expect(await text(clerk)).toContain('Sachbearbeitung Stadt Gütersloh');
    await expectAccessible(clerk, 'case page, assigned');

    // The standard workflow: the case is taken up into review before the applicant is asked.
    await tabTo(clerk, { text: 'Übernehmen' });
    expect((await pressAndNavigate(clerk)).status()).toBe(200);
    expect(await text(clerk)).toContain('Erledigt: Übernehmen. Neuer Stand: In Prüfung.');

    // An empty question is refused with an error state.
    await tabTo(clerk, { text: 'Rückfrage senden' });
    let response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(422);
    expect(await clerk.locator('.error-summary').innerText()).toContain('Bitte geben Sie einen Text ein.');
    await expectErrorStyle(clerk, '#f-question');
    await expectAccessible(clerk, 'case page, question error');

    await tabTo(clerk, { href: '#f-question' });
    await clerk.keyboard.press('Enter');
    await expect.poll(async () => (await focused(clerk))?.id).toBe('f-question');
    await clerk.keyboard.type(QUESTION);
    await tabTo(clerk, { text: 'Rückfrage senden' });
    response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(200);
    expect(new URL(clerk.url()).searchParams.get('hinweis')).toBe('asked');
    expect(await text(clerk)).toContain(QUESTION);
    // The clerk reads the state in the staff's words; the citizen's page says "Rückfrage an Sie".
    expect(await text(clerk)).toContain('Wartet auf Antwort');
    await expectAccessible(clerk, 'case page, question asked');
  });

  it('citizen sees the question and answers with text and a file', async () => {
    await citizen.goto(statusPath);
    expect(await citizen.locator('h1').innerText()).toBe('Ihr Antrag');
    expect(await text(citizen)).toContain('Rückfrage an Sie');
    expect(await text(citizen)).toContain(QUESTION);
    await expectAccessible(citizen, 'status page with question');

    // An empty answer is refused with an error state.
    await tabTo(citizen, { text: 'Antwort senden' });
    let response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(422);
    expect(await citizen.locator('.error-summary').innerText()).toContain('Bitte geben Sie einen Text ein.');
    await expectErrorStyle(citizen, '#f-answer');
    await expectAccessible(citizen, 'status page, answer error');

    await fill(citizen, 'f-answer', ANSWER);
    // A file chooser cannot be driven by keys: the input is focused by Tab, the file set with setInputFiles.
    await tabTo(citizen, { id: 'f-files' });
    await citizen.setInputFiles('#f-files', { name: 'hundemarke.png', mimeType: 'image/png', buffer: TINY_PNG });
    await tabTo(citizen, { text: 'Antwort senden' });
    response = await pressAndNavigate(citizen);
    expect(response.status()).toBe(200);
    expect(new URL(citizen.url()).searchParams.get('beantwortet')).toBe('1');
    const main = await text(citizen);
    expect(main).toContain('Ihre Antwort ist bei uns eingegangen.');
    expect(main).toContain(ANSWER);
    expect(main).toContain('Angehängt: hundemarke.png');
    expect(await citizen.locator('#f-answer').count()).toBe(0);
    await expectAccessible(citizen, 'status page, answered');
  });

  it('clerk sees the answer and decides in two steps: the preview of the Bescheid, then the confirmation', async () => {
    await clerk.reload();
    const main = await text(clerk);
    expect(main).toContain(ANSWER);
    expect(main).toContain('hundemarke.png');
    await expectAccessible(clerk, 'case page with answer');

    // No outcome is preselected; without one (and without a reason) the preview is refused with an error state.
    expect(await clerk.isChecked('#f-outcome-0')).toBe(false);
    expect(await clerk.isChecked('#f-outcome-1')).toBe(false);
    await tabTo(clerk, { text: 'Weiter zur Vorschau' });
    let response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(422);
    const summary = await clerk.locator('.error-summary').innerText();
    expect(summary).toContain('Wählen Sie, ob Sie dem Antrag stattgeben oder ihn ablehnen.');
    expect(summary).toContain('Geben Sie die Begründung für den Bescheid ein.');
    await expectErrorStyle(clerk, '#f-reason');
    await expectAccessible(clerk, 'case page, decision error');

    // Tab reaches the first radio of the group; Space chooses it.
    await tabTo(clerk, { id: 'f-outcome-0' });
    await clerk.keyboard.press('Space');
    expect(await clerk.isChecked('#f-outcome-0')).toBe(true);
    await fill(clerk, 'f-reason', REASON);
    await tabTo(clerk, { text: 'Weiter zur Vorschau' });
    response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(200);
    const preview = await text(clerk);
    expect(preview).toContain('Bescheid prüfen');
    expect(preview).toContain('wird stattgegeben');
    expect(preview).toContain(REASON);
    expect(preview).toContain('Rechtsbehelfsbelehrung');
    expect(preview).toContain('Verwaltungsgericht Minden');
    await expectAccessible(clerk, 'decision preview');

    // Not confirmed: refused, nothing decided.
    await tabTo(clerk, { text: 'Bescheid verbindlich erlassen' });
    response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(422);
    expect(await clerk.locator('.error-summary').innerText()).toContain('Bestätigen Sie, dass Sie den Bescheid geprüft haben');
    await expectAccessible(clerk, 'decision preview, not confirmed');

    await tabTo(clerk, { id: 'f-confirm' });
    await clerk.keyboard.press('Space');
    await tabTo(clerk, { text: 'Bescheid verbindlich erlassen' });
    response = await pressAndNavigate(clerk);
    expect(response.status()).toBe(200);
    expect(new URL(clerk.url()).searchParams.get('hinweis')).toBe('decided');
    const after = await text(clerk);
    expect(after).toContain('Die Entscheidung ist gespeichert');
    expect(after).toContain('Genehmigt');
    expect(after).toContain(REASON);
    expect(await clerk.locator('#f-reason').count()).toBe(0);
    await expectAccessible(clerk, 'case page, decided');
  });

  it('citizen sees "Genehmigt" and downloads the decision', async () => {
    await citizen.goto(statusPath);
    const main = await text(citizen);
    expect(main).toContain('Genehmigt');
    expect(main).toContain('Ihr Antrag wurde genehmigt.');
    expect(main).toContain(REASON);
    await expectAccessible(citizen, 'status page, approved');

    await tabTo(citizen, { text: 'Bescheid herunterladen (PDF)' });
    const { download, bytes } = await pressAndDownload(citizen);
    expect(download.suggestedFilename()).toBe(`Bescheid-${reference}.pdf`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the language switch shows the page in English', async () => {
    await tabTo(citizen, { text: 'English' });
    await pressAndNavigate(citizen);
    expect(new URL(citizen.url()).searchParams.get('lang')).toBe('en');
    expect(await citizen.getAttribute('html', 'lang')).toBe('en');
    expect(await citizen.locator('h1').innerText()).toBe('Your application');
    expect(await text(citizen)).toContain('Approved');
    await expectAccessible(citizen, 'status page in English');

    // And back to German.
    await tabTo(citizen, { text: 'Deutsch' });
    await pressAndNavigate(citizen);
    expect(await citizen.getAttribute('html', 'lang')).toBe('de');
  });

  it('a page that does not exist is an accessible error page', async () => {
    const response = await citizen.goto('/guetersloh/leistungen/gibt-es-nicht');
    expect(response?.status()).toBe(404);
    expect(await citizen.locator('h1').innerText()).toBe('Seite nicht gefunden');
    await expectAccessible(citizen, 'not found page');
  });
});
