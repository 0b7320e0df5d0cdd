// A decision cannot be saved without choosing an outcome and confirming the preview of the Bescheid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepFields, takeStep } from '../../testing/case-forms.ts';
import { decideCase, previewFields } from '../../testing/decide.ts';
import { BASE, fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { accessibilityProblems } from '../../testing/html.ts';
import { Browser } from '../../testing/http.ts';
import { pdfInfo, pdfText } from '../../testing/pdf.ts';

let t: TestApp;
let clerk: Browser;

const state = async (id: string) =>
  (
    await t.database.admin.query<{ status: string; decided_at: Date | null; decision_reason: string | null; decision_remedy: Record<string, string> | null }>(
      `SELECT status, decided_at, decision_reason, decision_remedy FROM applications WHERE id = $1`,
      [id],
    )
  )[0]!;
const decisionAudits = async (id: string) =>
  (
    await t.database.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action IN ('application.approved', 'application.rejected')`,
      [id],
    )
  )[0]!.n;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A fresh application of the dog service, with a direct debit (IBAN), taken up into review; answers its case id. */
async function newCase(steps?: { iban?: string }) {
  const citizen = new Browser(t.app);
  await fillApplication(citizen);
  if (steps?.iban) {
    const res = await citizen.postMultipart(`${BASE}/nachweis`, { lastschrift: 'ja', iban: steps.iban, kontoinhaber: 'Łukasz Żółć-Müller' }, []);
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  }
  const statusPath = await submitApplication(citizen);
  const rows = await t.database.admin.query<{ id: string }>(`SELECT id FROM applications ORDER BY submitted_at DESC LIMIT 1`);
  // The standard workflow offers the decision in review: the clerk takes the case up first.
  expect((await takeStep(clerk, rows[0]!.id, 'uebernehmen')).statusCode).toBe(303);
  return { id: rows[0]!.id, statusPath, citizen };
}

beforeAll(async () => {
  t = await createTestApp();
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
});
afterAll(() => t?.close());

describe('deciding in two steps', () => {
  it('preselects no outcome on the case page', async () => {
    const { id } = await newCase();
    const page = await clerk.get(`/verwaltung/vorgaenge/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/verwaltung/vorgaenge/${id}/entscheidung/vorschau"`);
    expect(page.body).toMatch(/name="outcome" value="approved"(?! checked)/);
    expect(page.body).not.toMatch(/name="outcome" value="[a-z]+" checked/);
    expect(page.body).toContain('Weiter zur Vorschau');
    expect(accessibilityProblems(page.body)).toEqual([]);
  });

  it('refuses a decision without an outcome, in either step, with a German message; nothing is saved', async () => {
    const { id } = await newCase();
    const page = await clerk.get(`/verwaltung/vorgaenge/${id}`);
    const preview = await clerk.post(`/verwaltung/vorgaenge/${id}/entscheidung/vorschau`, { reason: 'Alles vollständig.' }, page.body);
    expect(preview.statusCode).toBe(422);
    expect(text(preview.body)).toContain('Wählen Sie, ob Sie dem Antrag stattgeben oder ihn ablehnen.');
    expect(preview.body).toContain('href="#f-outcome-0"');
    expect(preview.body).toContain('Alles vollständig.'); // what was typed is kept
    expect(accessibilityProblems(preview.body)).toEqual([]);
    // Posting straight to the binding step, even with a confirmation, decides nothing either.
    const direct = await clerk.post(`/verwaltung/vorgaenge/${id}/entscheidung`, { reason: 'Alles vollständig.', confirm: 'ja' }, page.body);
    expect(direct.statusCode).toBe(422);
    expect(text(direct.body)).toContain('Wählen Sie, ob Sie dem Antrag stattgeben oder ihn ablehnen.');
    expect(await state(id)).toMatchObject({ status: 'in_review', decided_at: null, decision_reason: null });
    expect(await decisionAudits(id)).toBe(0);
  });

  it('shows the preview of the Bescheid and saves nothing until confirmed', async () => {
    const { id } = await newCase();
    const { preview, decided } = await decideCase(clerk, id, { outcome: 'rejected', reason: 'Der Hund ist nicht versichert.' }, false);
    expect(preview.statusCode).toBe(200);
    const page = text(preview.body);
    expect(page).toContain('Bescheid prüfen');
    expect(page).toContain('wird abgelehnt');
    expect(page).toContain('Der Hund ist nicht versichert.');
    expect(page).toContain('Rechtsbehelfsbelehrung');
    expect(page).toContain('Verwaltungsgericht Minden');
    expect(page).toContain('Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.');
    expect(preview.body).toContain('Bescheid verbindlich erlassen');
    expect(accessibilityProblems(preview.body)).toEqual([]);
    // After the preview, still nothing is decided.
    expect(await state(id)).toMatchObject({ status: 'in_review', decided_at: null });
    // Without the box ticked: 422, a German message, nothing saved.
    expect(decided?.statusCode).toBe(422);
    expect(text(decided!.body)).toContain('Bestätigen Sie, dass Sie den Bescheid geprüft haben');
    expect(decided!.body).toContain('href="#f-confirm"');
    expect(await state(id)).toMatchObject({ status: 'in_review', decided_at: null });
    expect(await decisionAudits(id)).toBe(0);
  });

  it('refuses a confirmation whose choices differ from the preview (the token binds them)', async () => {
    const { id } = await newCase();
    const { preview } = await decideCase(clerk, id, { outcome: 'rejected', reason: 'Nicht versichert.' }, false);
    const fields = previewFields(preview.body);
    const tampered = await clerk.post(`/verwaltung/vorgaenge/${id}/entscheidung`, { ...fields, outcome: 'approved', confirm: 'ja' }, preview.body);
    expect(tampered.statusCode).toBe(422);
    expect(text(tampered.body)).toContain('Die Vorschau ist nicht mehr aktuell');
    const noToken = await clerk.post(`/verwaltung/vorgaenge/${id}/entscheidung`, { ...fields, token: '', confirm: 'ja' }, preview.body);
    expect(noToken.statusCode).toBe(422);
    expect(await state(id)).toMatchObject({ status: 'in_review', decided_at: null });
  });

  it('"Entscheidung ändern" goes back to the form with the choices kept, deciding nothing', async () => {
    const { id } = await newCase();
    const { preview } = await decideCase(clerk, id, { outcome: 'rejected', reason: 'Nicht versichert.', day: '1', month: '2', year: '2027' }, false);
    const back = await clerk.post(`/verwaltung/vorgaenge/${id}/entscheidung`, { ...previewFields(preview.body), change: '1' }, preview.body);
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('name="outcome" value="rejected" checked');
    expect(back.body).toContain('Nicht versichert.');
    expect(back.body).toMatch(/name="month"[^>]*value="2"/);
    expect(await state(id)).toMatchObject({ status: 'in_review', decided_at: null });
  });

  it('shows the form and the preview in English too', async () => {
    const { id } = await newCase();
    const page = await clerk.get(`/verwaltung/vorgaenge/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Continue to preview');
    const preview = await clerk.post(
      `/verwaltung/vorgaenge/${id}/entscheidung/vorschau?lang=en`,
      { ...stepFields(page.body, 'entscheiden'), outcome: 'approved', reason: 'Complete.' },
      page.body,
    );
    expect(preview.statusCode).toBe(200);
    const words = text(preview.body);
    expect(words).toContain('Information on legal remedies');
    expect(words).toContain('is granted');
    expect(words).toContain('Issue notice bindingly');
    await clerk.get(`/verwaltung/vorgaenge/${id}?lang=de`);
  });

  it('refuses an impossible effective date', async () => {
    const { id } = await newCase();
    const page = await clerk.get(`/verwaltung/vorgaenge/${id}`);
    const res = await clerk.post(
      `/verwaltung/vorgaenge/${id}/entscheidung/vorschau`,
      { outcome: 'approved', reason: 'ok', day: '31', month: '2', year: '2027' },
      page.body,
    );
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Geben Sie das Datum, ab dem die Entscheidung wirkt, als TT.MM.JJJJ ein');
    expect(res.body).toMatch(/name="day"[^>]*value="31"/);
  });

  it('decides once confirmed: the Bescheid names the remedy of that moment, masks the IBAN, and stays as issued', async () => {
    const { id, statusPath, citizen } = await newCase({ iban: 'DE89 3704 0044 0532 0130 00' });
    const receipt = await citizen.get(`${statusPath}/eingangsbestaetigung.pdf`);
    const receiptText = pdfText(receipt.rawPayload);
    expect(pdfInfo(receipt.rawPayload)).toMatch(/^Tagged:\s+yes$/m);
    expect(receiptText).toContain('DE** **** **** **** **30 00');
    expect(receiptText.replace(/\s/g, '')).not.toContain('DE89370400440532013000');
    const { decided } = await decideCase(clerk, id, { outcome: 'approved', reason: 'Alle Unterlagen liegen vor.' });
    expect(decided?.statusCode).toBe(303);
    expect(decided?.headers.location).toBe(`/verwaltung/vorgaenge/${id}?hinweis=decided`);
    const saved = await state(id);
    expect(saved.status).toBe('approved');
    expect(saved.decision_remedy).toMatchObject({ kind: 'klage', authority: 'Verwaltungsgericht Minden' });
    expect(await decisionAudits(id)).toBe(1);

    const pdf = await clerk.get(`/verwaltung/vorgaenge/${id}/bescheid.pdf`);
    expect(pdf.statusCode).toBe(200);
    const info = pdfInfo(pdf.rawPayload);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Bescheid$/m);
    const words = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(words).toContain('Rechtsbehelfsbelehrung');
    expect(words).toContain('Łukasz Żółć-Müller');
    expect(words).toContain('Die Entscheidung gilt ab ihrer Bekanntgabe.');
    expect(words).toContain('DE** **** **** **** **30 00');
    expect(words.replace(/\s/g, '')).not.toContain('DE89370400440532013000');
    const struct = pdfInfo(pdf.rawPayload, true);
    for (const tag of ['H1', 'H2', 'Table', 'TH', 'TD']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));

    // The settings change afterwards; the Bescheid already issued keeps its remedy.
    const admin = new Browser(t.app);
    await admin.login('organisation@guetersloh.example');
    const form = await admin.get('/verwaltung/rechtsbehelfe/kommune');
    const changed = await admin.post(
      '/verwaltung/rechtsbehelfe/kommune',
      {
        kind: 'widerspruch',
        authority: 'Stadt Gütersloh',
        address: 'Berliner Straße 70, 33330 Gütersloh',
        deadline: 'innerhalb eines Monats nach Bekanntgabe',
      },
      form.body,
    );
    expect(changed.statusCode).toBe(303);
    const again = pdfText((await clerk.get(`/verwaltung/vorgaenge/${id}/bescheid.pdf`)).rawPayload).replace(/\s+/g, ' ');
    expect(again).toContain('Verwaltungsgericht Minden');
    expect(again).not.toContain('Widerspruch erhoben');
    // A new decision names the new remedy.
    const next = await newCase();
    const { preview } = await decideCase(clerk, next.id, { outcome: 'rejected', reason: 'Nein.' }, false);
    expect(text(preview.body)).toContain('Widerspruch erhoben');
  });
});
