import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeStep } from '../../testing/case-forms.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { createMailTestApp, type MailTestApp } from '../../testing/mail-app.ts';
import { Browser, TINY_PDF } from '../../testing/http.ts';
import { BASE, fillApplication, submitApplication, VALID_STEPS } from '../../testing/flows.ts';
import { applicationJobs } from './jobs.ts';
import { decideCase, previewFields } from '../../testing/decide.ts';
import { pdfInfo, pdfText } from '../../testing/pdf.ts';

let t: TestApp;
let sink: MailTestApp['sink'];
let mail: MailTestApp;
beforeAll(async () => {
  mail = await createMailTestApp({ from: 'rathaus@guetersloh.example', jobs: applicationJobs });
  ({ t, sink } = mail);
});
afterAll(() => mail?.close());

const deliverMail = () => mail.deliverMail();

describe('dog registration, citizen to clerk and back', () => {
  it('takes an application from the first step to the decision', async () => {
    const citizen = new Browser(t.app);
    const service = await citizen.get('/guetersloh/leistungen/hund-anmelden');
    expect(service.statusCode).toBe(200);
    for (const heading of ['Wer kann den Antrag stellen?', 'Was brauchen Sie?', 'Steuer', 'Bearbeitungsdauer', 'Rechtsgrundlage', 'Kontakt']) {
      expect(service.body).toContain(heading);
    }
    expect(service.body).toContain('120,00');

    await fillApplication(citizen);
    const check = await citizen.get(`${BASE}/pruefen`);
    expect(check.body).toContain('Żółć-Müller');
    expect(check.body).toContain('12.04.1985');
    expect(check.body).toContain('versicherung.pdf');
    expect(check.body).toContain(`${BASE}/hund?von=pruefen`);

    const statusPath = await submitApplication(citizen);
    const confirmation = await citizen.get(`${statusPath}?eingegangen=1`);
    expect(confirmation.statusCode).toBe(200);
    const reference = /GT-\d{4}-\d{6}/.exec(confirmation.body)?.[0];
    expect(reference).toBeDefined();
    expect(confirmation.body).toContain(`http://rathaus.test${statusPath}`);

    const receipt = await citizen.get(`${statusPath}/eingangsbestaetigung.pdf`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.headers['content-disposition']).toMatch(/^attachment/);
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The outbox also files the attachments in the E-Akte: the mails are counted where they arrive.
    const before = sink.received.length;
    await deliverMail();
    expect(sink.received.length - before).toBe(1);
    const mail = sink.received.at(-1)!;
    expect(mail.to).toEqual(['lukasz@example.org']);
    expect(mail.raw).toContain(reference!);
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(statusPath.split('/').at(-1)!.slice(0, 20));

    const clerk = new Browser(t.app);
    expect((await clerk.login('sachbearbeitung@guetersloh.example')).statusCode).toBe(303);
    const inbox = await clerk.get('/verwaltung/?status=submitted');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(reference!);
    const caseId = new RegExp(`/verwaltung/vorgaenge/([0-9a-f-]{36})">${reference}`).exec(inbox.body)![1]!;
    const casePage = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
    expect(casePage.body).toContain('Labrador');
    // The outbox has filed the application: the case names its dossier in the E-Akte, whose page lists the attachment.
    const dossier = /href="(\/verwaltung\/akten\/[0-9a-f-]{36})">([^<]+-\d{4}\/\d{4})</.exec(casePage.body);
    expect(dossier, 'link to the dossier').toBeTruthy();
    expect((await clerk.get(dossier![1]!)).body).toContain('versicherung.pdf');
    const fileId = /dateien\/([0-9a-f-]{36})/.exec(casePage.body)![1]!;
    const download = await clerk.get(`/verwaltung/vorgaenge/${caseId}/dateien/${fileId}`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''versicherung\.pdf/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.rawPayload.equals(TINY_PDF)).toBe(true);

    // The standard workflow: the clerk takes the case up into review, then asks the applicant.
    expect((await takeStep(clerk, caseId, 'uebernehmen')).statusCode).toBe(303);
    const assigned = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
    expect(assigned.body).toContain('In Bearbeitung');
    const asked = await takeStep(clerk, caseId, 'nachfragen', { question: 'Bitte reichen Sie den Impfpass nach.' });
    expect(asked.statusCode).toBe(303);

    const status = await citizen.get(statusPath);
    expect(status.body).toContain('Bitte reichen Sie den Impfpass nach.');
    expect(status.body).toContain('Rückfrage an Sie');
    const answered = await citizen.postMultipart(`${statusPath}/antwort`, { answer: 'Anbei der Impfpass.' }, [
      { field: 'files', filename: 'impfpass.pdf', contentType: 'application/pdf', data: TINY_PDF },
    ]);
    expect(answered.statusCode).toBe(303);
    const afterAnswer = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
    expect(afterAnswer.body).toContain('Anbei der Impfpass.');
    expect(afterAnswer.body).toContain('impfpass.pdf');

    const { preview, decided } = await decideCase(clerk, caseId, {
      outcome: 'approved',
      reason: 'Alle Unterlagen liegen vor.',
      day: '1',
      month: '1',
      year: '2027',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Bescheid verbindlich erlassen');
    expect(preview.body).toContain('Verwaltungsgericht Minden');
    expect(decided?.statusCode).toBe(303);
    const final = await citizen.get(statusPath);
    expect(final.body).toContain('Genehmigt');
    expect(final.body).toContain('Alle Unterlagen liegen vor.');
    const decision = await citizen.get(`${statusPath}/bescheid.pdf`);
    expect(decision.statusCode).toBe(200);
    expect(decision.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A tagged PDF with its title; the Bescheid names the addressee, the operative part, the reasons and the remedy.
    const info = pdfInfo(decision.rawPayload);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Bescheid$/m);
    const text = pdfText(decision.rawPayload);
    for (const part of [
      'Łukasz Żółć-Müller',
      'Berliner Straße 70a',
      '33330 Gütersloh',
      reference!,
      'wird stattgegeben',
      'Die Entscheidung gilt ab dem 01.01.2027.',
      'Alle Unterlagen liegen vor.',
      'Rechtsbehelfsbelehrung',
      'Verwaltungsgericht Minden, Königswall 8, 32423 Minden',
      'innerhalb eines Monats nach Bekanntgabe',
      'ohne Unterschrift gültig',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(part);
    }

    // A decided case takes no further decision: the replayed preview names a version of the case that is gone.
    const again = await clerk.post(`/verwaltung/vorgaenge/${caseId}/entscheidung`, { ...previewFields(preview.body), confirm: 'ja' }, afterAnswer.body);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('inzwischen geändert');
    expect((await citizen.get(statusPath)).body).toContain('Alle Unterlagen liegen vor.');

    await deliverMail();
    expect(sink.received.length - before).toBe(3);
    expect(sink.received.map((m) => m.raw).join('\n')).toMatch(/Subject: =\?UTF-8\?Q\?R=C3=BCckfrage|Subject: R.ckfrage/);
  });

  it('creates exactly one application on a double submit', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const check = await citizen.get(`${BASE}/pruefen`);
    const [first, second] = await Promise.all([citizen.post(`${BASE}/absenden`, {}, check.body), citizen.post(`${BASE}/absenden`, {}, check.body)]);
    expect(first.headers.location).toBe(second.headers.location);
    // After the confirmation the draft is gone from the browser: sending the old check page again starts afresh.
    const again = await citizen.post(`${BASE}/absenden`, {}, check.body);
    expect(again.headers.location).toBe(BASE);
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    const status = await citizen.get(String(first.headers.location));
    const reference = /GT-\d{4}-\d{6}/.exec(status.body)![0];
    const inbox = await clerk.get('/verwaltung/?status=submitted');
    expect(inbox.body.split('<tr').filter((row) => row.includes(reference))).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('answers 422 with a summary, messages beside the fields and every typed value kept', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    const res = await citizen.post(
      `${BASE}/halter`,
      { vorname: 'Anna', nachname: '', geburtsdatum: '2999-01-01', email: 'kein-at-zeichen', telefon: 'abc' },
      page.body,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte korrigieren Sie Folgendes');
    expect(res.body).toContain('href="#f-nachname"');
    // Messages name their field (GOV.UK): the summary says them without repeating the label.
    expect(res.body).toContain('>Geben Sie Ihren Nachnamen ein.</a>');
    expect(res.body).toContain('id="f-nachname-error"');
    expect(res.body).toContain('Das Geburtsdatum muss in der Vergangenheit liegen.');
    expect(res.body).toContain('Geben Sie Ihre E-Mail-Adresse im richtigen Format ein');
    expect(res.body).toContain('value="Anna"');
    expect(res.body).toContain('value="kein-at-zeichen"');
    expect(res.body).toContain('value="abc"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toMatch(/<title>Fehler:/);
  });

  it('refuses over-long text and control characters with a clear message', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/adresse`);
    const res = await citizen.post(`${BASE}/adresse`, { strasse: 'x'.repeat(500), hausnummer: '1\u0007', plz: '3333', ort: 'Gütersloh' }, page.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('höchstens 120 Zeichen');
    expect(res.body).toContain('Steuerzeichen');
    expect(res.body).toContain('fünfstellige Postleitzahl');
    expect(res.body).toContain('value="Gütersloh"');
  });

  it('never fails on bytes PostgreSQL cannot store: NUL, broken Unicode, an emoji-long file name', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    const res = await citizen.post(`${BASE}/halter`, { ...VALID_STEPS.halter!, vorname: 'An\u0000na', nachname: 'M\ud800ller' }, page.body);
    // Broken Unicode arrives as U+FFFD: the person is asked to type those characters again; the rest is kept.
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Einige Zeichen konnten nicht gelesen werden');
    expect((await citizen.get(`${BASE}/halter`)).body).toContain('value="Anna"');
    expect((await citizen.post(`${BASE}/halter`, VALID_STEPS.halter!, page.body)).statusCode).toBe(303);
    const upload = await citizen.postMultipart(`${BASE}/nachweis`, {}, [
      { field: 'versicherung', filename: `${'🐶'.repeat(100)}.pdf`, contentType: 'application/pdf', data: TINY_PDF },
    ]);
    expect(upload.statusCode).toBe(303);
    expect((await t.app.inject('/gu%00tersloh/')).statusCode).toBe(404);
    const login = await new Browser(t.app).login('a\u0000b@example.org', 'x\u0000y');
    expect(login.statusCode).toBe(422);
  });

  it('judges uploads by their bytes and caps their size', async () => {
    const small = await createTestApp({ config: { uploadMaxBytes: 1024 } });
    try {
      const citizen = new Browser(small.app);
      const page = await citizen.get(`${BASE}/halter`);
      await citizen.post(`${BASE}/halter`, VALID_STEPS.halter!, page.body);
      const fake = await citizen.postMultipart(`${BASE}/nachweis`, {}, [
        { field: 'versicherung', filename: 'scan.pdf', contentType: 'application/pdf', data: Buffer.from('MZ\x90\x00 not a pdf at all') },
      ]);
      expect(fake.statusCode).toBe(422);
      expect(fake.body).toContain('Dieser Dateityp ist nicht erlaubt');
      const big = await citizen.postMultipart(`${BASE}/nachweis`, {}, [
        { field: 'versicherung', filename: 'gross.pdf', contentType: 'application/pdf', data: Buffer.concat([TINY_PDF, Buffer.alloc(4096, 32)]) },
      ]);
      expect(big.statusCode).toBe(422);
      expect(big.body).toContain('Die Datei ist zu groß. Erlaubt sind höchstens');
      // What was typed on earlier steps is still there.
      const first = await citizen.get(`${BASE}/halter`);
      expect(first.body).toContain('value="Żółć-Müller"');
    } finally {
      await small.close();
    }
  });

  it('will not submit an incomplete application and says what is missing', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    await citizen.post(`${BASE}/halter`, VALID_STEPS.halter!, page.body);
    const check = await citizen.get(`${BASE}/pruefen`);
    const res = await citizen.post(`${BASE}/absenden`, {}, check.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`${BASE}/adresse?von=pruefen`);
    expect(res.body).toContain('Wählen Sie eine Datei für „Nachweis der Hundehaftpflichtversicherung“ aus.');
  });

  it('rejects a form post without a valid CSRF token', async () => {
    const citizen = new Browser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/halter`,
      payload: 'vorname=A',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Das Formular ist abgelaufen');
    expect(citizen.cookies.size).toBe(0);
  });

  it('rejects an empty question and keeps nothing half-done', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    const inbox = await clerk.get('/verwaltung/?status=submitted');
    const caseId = /\/verwaltung\/vorgaenge\/([0-9a-f-]{36})/.exec(inbox.body)![1]!;
    expect((await takeStep(clerk, caseId, 'uebernehmen')).statusCode).toBe(303);
    const page = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
    const res = await clerk.post(`/verwaltung/vorgaenge/${caseId}/rueckfrage`, { question: '   ' }, page.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte geben Sie einen Text ein.');
    const nul = await clerk.post(`/verwaltung/vorgaenge/${caseId}/rueckfrage`, { question: 'Frage\u0000mit NUL' }, page.body);
    expect(nul.statusCode).toBe(422);
    expect(nul.body).toContain('Steuerzeichen');
    expect((await clerk.get(`/verwaltung/vorgaenge/${'-'.repeat(36)}`)).statusCode).toBe(404);
    expect((await clerk.get(`/verwaltung/vorgaenge/${caseId}?hinweis=Bitte%20Passwort%20an%20x%20senden`)).body).not.toContain('Passwort an x');
    const reason = await clerk.post(`/verwaltung/vorgaenge/${caseId}/entscheidung/vorschau`, { outcome: 'rejected', reason: '' }, page.body);
    expect(reason.statusCode).toBe(422);
    expect(reason.body).toContain('Geben Sie die Begründung für den Bescheid ein.');
    expect(reason.body).toContain('id="f-outcome-1" name="outcome" value="rejected" checked');
    expect((await clerk.get(`/verwaltung/vorgaenge/${caseId}`)).body).toContain('In Prüfung');
    expect((await t.database.admin.query(`SELECT 1 FROM application_messages WHERE application_id = $1`, [caseId])).length).toBe(0);
  });
});
