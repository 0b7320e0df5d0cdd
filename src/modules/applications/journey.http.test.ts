// The citizen's journey around the form: the service page, after submitting, status and timeline, continue later
// by e-mail, the language switch on a step.
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { takeStep } from '../../testing/case-forms.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { createMailTestApp, type MailTestApp } from '../../testing/mail-app.ts';
import { Browser } from '../../testing/http.ts';
import { BASE, fillApplication, submitApplication, VALID_STEPS } from '../../testing/flows.ts';
import { applicationJobs } from './jobs.ts';

let t: TestApp;
let sink: MailTestApp['sink'];
let mail: MailTestApp;
beforeAll(async () => {
  mail = await createMailTestApp({ from: 'rathaus@guetersloh.example', jobs: applicationJobs });
  ({ t, sink } = mail);
});
afterAll(() => mail?.close());

const deliverMail = () => mail.deliverMail();
const resumeJobs = async () =>
  (
    await sql<{
      payload: Record<string, unknown>;
      delivered_at: Date | null;
    }>`SELECT payload, delivered_at FROM outbox WHERE topic = 'draft.resume_link'`.execute(t.app.db)
  ).rows;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .trim();

describe('the service page', () => {
  it('puts the start button right below the summary, before the first section, in a two-thirds column', async () => {
    const page = await new Browser(t.app).get('/guetersloh/leistungen/hund-anmelden');
    expect(page.statusCode).toBe(200);
    const button = page.body.indexOf('Antrag online stellen');
    expect(button).toBeGreaterThan(page.body.indexOf('<h1'));
    expect(button).toBeLessThan(page.body.indexOf('Worum geht es?'));
    expect(page.body.split('Antrag online stellen').length - 1).toBe(1);
    expect(page.body).toContain('class="service-page"');
  });

  it('calls the dog tax a tax and says "Stadt" in a Stadt, "Gemeinde" in a Gemeinde', async () => {
    const browser = new Browser(t.app);
    const gt = text((await browser.get('/guetersloh/leistungen/hund-anmelden')).body);
    expect(gt).toContain('Steuer');
    expect(gt).not.toContain('Gebühren');
    expect(gt).toContain('bei der Stadt anmelden');
    expect(gt).not.toContain('bei der Gemeinde');
    expect(gt).not.toMatch(/in Stadt G/);
    const aarau = text((await browser.get('/aarau/leistungen/hund-anmelden')).body);
    expect(aarau).toContain('bei der Stadt an');
    expect(aarau).toContain('CHF');
    const wettingen = text((await browser.get('/wettingen/leistungen/hund-anmelden')).body);
    expect(wettingen).toContain('bei der Gemeinde an');
    // A service with fees keeps the word.
    const bulky = text((await browser.get('/guetersloh/leistungen/sperrmuell')).body);
    expect(bulky).toContain('Gebühren');
  });

  it('puts a municipality into sentences without template leftovers ("in Stadt Gütersloh")', async () => {
    const browser = new Browser(t.app);
    const calculator = text((await browser.get('/guetersloh/rechner/kita-beitrag')).body);
    expect(calculator).toContain('in der Kindertagespflege in Gütersloh.');
    const search = text((await browser.get('/guetersloh/suche?q=Hund')).body);
    expect(search).toContain('Zur Startseite von Gütersloh');
    expect(`${calculator} ${search}`).not.toMatch(/(in|von|bei) Stadt /);
  });

  it('is found by an English query and shown in English', async () => {
    const browser = new Browser(t.app);
    const api = await browser.get('/api/v1/municipalities/guetersloh/services?q=dog&lang=en');
    expect(api.statusCode).toBe(200);
    const results = (api.json() as { results: Array<{ slug: string; title: string }> }).results;
    expect(results[0]?.slug).toBe('hund-anmelden');
    expect(results[0]?.title).toMatch(/dog/i);
    const page = await browser.get('/guetersloh/suche?q=change%20of%20address&lang=en');
    expect(page.body).toContain('/guetersloh/leistungen/ummeldung');
    const step = await browser.get(`${BASE}/halter`);
    expect(step.body).toContain('lang="en"');
    expect(step.body).not.toContain('Angaben zur Halterin');
  });
});

describe('after submitting', () => {
  it('says what happens next, shows the timeline and the contact, keeps the reference on one line', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const statusPath = await submitApplication(citizen);
    const page = await citizen.get(`${statusPath}?eingegangen=1`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('Wie geht es weiter?');
    expect(body).toContain('In der Regel 5 Arbeitstage.');
    expect(body).toContain('steueramt@guetersloh.example');
    expect(body).toMatch(/Verlauf Antrag eingegangen \d{2}\.\d{2}\.\d{4}/);
    expect(page.body).toMatch(/<span class="reference">GT-\d{4}-\d{6}<\/span>/);

    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    const reference = /GT-\d{4}-\d{6}/.exec(page.body)![0];
    const inbox = await clerk.get('/verwaltung/?status=submitted');
    const caseId = new RegExp(`/verwaltung/vorgaenge/([0-9a-f-]{36})">${reference}`).exec(inbox.body)![1]!;
    // The clerk takes the case up into review (the standard workflow's first step), then asks.
    expect((await takeStep(clerk, caseId, 'uebernehmen')).statusCode).toBe(303);
    expect((await takeStep(clerk, caseId, 'nachfragen', { question: 'Bitte den Impfpass.' })).statusCode).toBe(303);
    const later = text((await citizen.get(statusPath)).body);
    const order = ['Antrag eingegangen', 'In Bearbeitung genommen', 'Rückfrage an Sie'].map((w) => later.indexOf(w, later.indexOf('Verlauf')));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(later).toContain('Bitte antworten Sie unten auf dieser Seite.');
  });

  it('explains on the back button that the application is sent, with its status page and a way to start anew', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const statusPath = await submitApplication(citizen);
    for (const path of [`${BASE}/hund`, `${BASE}/pruefen`]) {
      const back = await citizen.get(path);
      expect(back.statusCode).toBe(200);
      expect(back.body).toContain('Ihr Antrag ist schon abgeschickt');
      expect(back.body).toContain(`href="${statusPath}"`);
      expect(back.body).toContain(`href="${BASE}?neu=1"`);
      expect(back.body).not.toContain('name="hundename"');
    }
    const fresh = await citizen.get(`${BASE}?neu=1`);
    expect(fresh.statusCode).toBe(303);
    expect(fresh.headers.location).toBe(`${BASE}/halter`);
    const first = await citizen.get(`${BASE}/halter`);
    expect(first.body).toContain('name="vorname"');
    expect(first.body).not.toContain('Łukasz');
    // A browser that never submitted is not told so.
    const other = await new Browser(t.app).get(`${BASE}/pruefen`);
    expect(other.statusCode).toBe(303);
  });
});

describe('the receipt in English', () => {
  it('carries the service title the organiser gave in English', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const statusPath = await submitApplication(citizen);
    const english = await citizen.get(`${statusPath}/eingangsbestaetigung.pdf?lang=en`);
    expect(english.statusCode).toBe(200);
    const printed = execFileSync('pdftotext', ['-', '-'], { input: english.rawPayload }).toString('utf8').replace(/\s+/g, ' ');
    expect(printed).toContain('Register a dog (dog tax)');
    const german = await citizen.get(`${statusPath}/eingangsbestaetigung.pdf?lang=de`);
    expect(execFileSync('pdftotext', ['-', '-'], { input: german.rawPayload }).toString('utf8').replace(/\s+/g, ' ')).toContain('Hund anmelden (Hundesteuer)');
  });
});

describe('switching language on a step', () => {
  it('keeps what was typed, unsaved and invalid alike, and shows the step again in the other language without errors', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    expect(page.body).toContain('form="antrag-schritt"');
    expect(page.body).toContain('id="antrag-schritt"');
    const res = await citizen.post(`${BASE}/halter`, { vorname: 'Łukasz', nachname: '', email: 'kein-at', _sprache: 'en' }, page.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/halter?lang=en`);
    const english = await citizen.get(String(res.headers.location));
    expect(english.body).toContain('lang="en"');
    expect(english.body).toContain('value="Łukasz"');
    expect(english.body).toContain('value="kein-at"');
    expect(english.body).not.toContain('error-summary');
    const back = await citizen.post(`${BASE}/halter?von=pruefen`, { vorname: 'Łukasz', _sprache: 'de' }, english.body);
    expect(back.headers.location).toBe(`${BASE}/halter?von=pruefen&lang=de`);
  });
});

describe('continuing later by e-mail', () => {
  it('sends the link to the address typed and keeps the address nowhere once sent', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    const saved = await citizen.post(`${BASE}/halter`, { ...VALID_STEPS.halter, _aktion: 'speichern' }, page.body);
    expect(saved.headers.location).toBe(`${BASE}/gespeichert`);
    const savedPage = await citizen.get(`${BASE}/gespeichert`);
    expect(savedPage.body).toContain('Link per E-Mail senden');
    const link = /value="(http:\/\/rathaus\.test[^"]+fortsetzen\/[^"]+)"/.exec(savedPage.body)![1]!;

    const before = (await resumeJobs()).length;
    const bad = await citizen.post(`${BASE}/gespeichert`, { email: 'anna(at)example.org' }, savedPage.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein');
    expect(bad.body).toContain('value="anna(at)example.org"');
    expect(bad.body).toContain('href="#resume-email"');
    expect((await resumeJobs()).length).toBe(before);

    const sent = await citizen.post(`${BASE}/gespeichert`, { email: 'anna@example.org' }, savedPage.body);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${BASE}/gespeichert?gesendet=1`);
    expect((await citizen.get(String(sent.headers.location))).body).toContain('Der Link ist unterwegs.');
    expect(await deliverMail()).toBeGreaterThanOrEqual(1);
    const mail = sink.received.find((m) => m.to.includes('anna@example.org'))!;
    expect(mail).toBeDefined();
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(link.split('/').at(-1)!.slice(0, 20));
    const jobs = await resumeJobs();
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)!.delivered_at).not.toBeNull();
    expect(JSON.stringify(jobs.at(-1)!.payload)).not.toContain('anna@example.org');
  });

  it('refuses more mails from one address than the limit allows', async () => {
    const limited = await createTestApp({ config: { submitRateLimit: 2 } });
    onTestFinished(() => limited.close());
    const citizen = new Browser(limited.app);
    const page = await citizen.get(`${BASE}/halter`);
    await citizen.post(`${BASE}/halter`, { ...VALID_STEPS.halter, _aktion: 'speichern' }, page.body);
    const savedPage = await citizen.get(`${BASE}/gespeichert`);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await citizen.post(`${BASE}/gespeichert`, { email: `ben${i}@example.org` }, savedPage.body, { 'x-forwarded-for': '203.0.113.9' })).statusCode,
      );
    }
    expect(codes.slice(0, 2)).toEqual([303, 303]);
    expect(codes.slice(2)).toEqual([429, 429, 429]);
  });
});
