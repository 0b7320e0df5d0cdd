import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillApplication, VALID_STEPS } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { LEGAL_FIELDS } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const idOf = async (slug: string) => (await t.database.admin.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [slug]))[0]!.id;
const auditOf = async (slug: string) =>
  t.database.admin.query<{ action: string; actor: string; data: { changed: string[] } }>(
    "SELECT action, actor, data FROM audit_log WHERE tenant_id = $1 AND action = 'legal.texts_saved' ORDER BY seq",
    [await idOf(slug)],
  );

/** The form's current values as the studio page shows them: every field, to post back with some changed. */
function formValues(html: string) {
  const values: Record<string, string> = {};
  for (const field of LEGAL_FIELDS) {
    const input = new RegExp(`<input[^>]*name="${field}"[^>]*value="([^"]*)"`).exec(html);
    const area = new RegExp(`<textarea[^>]*name="${field}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
    const radio = new RegExp(`<input[^>]*name="${field}"[^>]*value="([^"]*)"[^>]*checked`).exec(html);
    const raw = field === 'conformity' ? radio?.[1] : (input?.[1] ?? area?.[1]);
    values[field] = (raw ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return values;
}

describe('the footer', () => {
  it("links a municipality's portal pages to its own legal pages", async () => {
    const res = await new Browser(t.app).get('/guetersloh/');
    expect(res.statusCode).toBe(200);
    const footer = res.body.slice(res.body.indexOf('<footer'));
    for (const page of ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache']) expect(footer).toContain(`href="/guetersloh/${page}"`);
    expect(footer).toContain('aria-label="Rechtliches"');
    expect(footer).toContain('Erklärung zur Barrierefreiheit');
  });

  it("links the platform's pages, the back office and the studio to the operator's legal pages", async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@guetersloh.example');
    for (const [browser, url] of [
      [new Browser(t.app), '/'],
      [new Browser(t.app), '/verwaltung/anmelden'],
      [admin, '/verwaltung/'],
      [admin, '/studio/'],
    ] as const) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(200);
      const footer = res.body.slice(res.body.indexOf('<footer'));
      expect(footer, url).toContain('href="/impressum"');
      expect(footer, url).toContain('href="/barrierefreiheit"');
      expect(footer, url).not.toContain('href="/guetersloh/impressum"');
    }
  });

  it('says it in English on an English page', async () => {
    const res = await new Browser(t.app).get('/guetersloh/?lang=en');
    const footer = res.body.slice(res.body.indexOf('<footer'));
    expect(footer).toContain('aria-label="Legal information"');
    expect(footer).toContain('Accessibility statement');
  });
});

describe("a municipality's legal pages, made from its data", () => {
  it('Impressum: name, address, representation and contact', async () => {
    const res = await new Browser(t.app).get('/guetersloh/impressum');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Impressum</h1>');
    expect(res.body).toContain('Stadt Gütersloh');
    expect(res.body).toContain('Berliner Straße 70, 33330 Gütersloh');
    expect(res.body).toContain('Vertreten durch die Bürgermeisterin oder den Bürgermeister.');
    expect(res.body).toContain('href="mailto:info@guetersloh.example"');
    expect(res.body).toContain('+49 5241 82-0');
  });

  it('Datenschutzerklärung: controller, data protection officer, purposes, rights and the supervisory authority of NRW', async () => {
    const res = await new Browser(t.app).get('/rheda-wiedenbrueck/datenschutz');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Datenschutzerklärung</h1>');
    expect(res.body).toContain('Rathausplatz 13, 33378 Rheda-Wiedenbrück');
    expect(res.body).toContain('datenschutz@rheda-wiedenbrueck.example');
    expect(res.body).toContain('Art. 6 Abs. 1 Buchstabe e');
    for (const right of ['Auskunft', 'Berichtigung', 'Löschung', 'Einschränkung', 'Widerspruch', 'Beschwerde bei der Aufsichtsbehörde']) {
      expect(res.body).toContain(right);
    }
    expect(res.body).toContain('Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen');
  });

  it('Erklärung zur Barrierefreiheit: conformity, gaps, date, feedback contact and the enforcement body of NRW (BITV 2.0 § 7)', async () => {
    const res = await new Browser(t.app).get('/harsewinkel/barrierefreiheit');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Stand der Vereinbarkeit mit den Anforderungen');
    expect(res.body).toContain('teilweise vereinbar');
    expect(res.body).toContain('Nicht barrierefreie Inhalte');
    expect(res.body).toContain('PDF/UA');
    expect(res.body).toMatch(/Diese Erklärung wurde am \d{2}\.\d{2}\.\d{4} erstellt/);
    expect(res.body).toContain('href="mailto:info@harsewinkel.example"');
    expect(res.body).toContain('href="tel:+49524793');
    expect(res.body).toContain('Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen');
    expect(res.body).toContain('Fürstenwall 25, 40219 Düsseldorf');
    expect(res.body).toContain('BITV 2.0');
    expect(res.body).toContain('http://rathaus.test/harsewinkel/');
  });

  it('a Swiss municipality names the Swiss bodies and law', async () => {
    const access = await new Browser(t.app).get('/aarau/barrierefreiheit');
    expect(access.statusCode).toBe(200);
    expect(access.body).toContain('Behindertengleichstellungsgesetz (BehiG)');
    expect(access.body).toContain('Eidgenössisches Büro für die Gleichstellung von Menschen mit Behinderungen');
    expect(access.body).toMatch(/Diese Erklärung wurde am \d{2}\.\d{2}\.\d{4} erstellt/);
    const privacy = await new Browser(t.app).get('/aarau/datenschutz');
    expect(privacy.body).toContain('Beauftragte für Öffentlichkeit und Datenschutz des Kantons Aargau');
    expect(privacy.body).not.toContain('DSGVO');
    const imprint = await new Browser(t.app).get('/aarau/impressum');
    expect(imprint.body).toContain('Rathausgasse 1, 5000 Aarau');
    expect(imprint.body).toContain('den Stadtrat');
  });

  it('Leichte Sprache: one short statement per line', async () => {
    const res = await new Browser(t.app).get('/wettingen/leichte-sprache');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Leichte Sprache</h1>');
    expect(res.body).toContain('<p class="kern-body kern-body--large">Das ist die Internet-Seite von Gemeinde Wettingen.</p>');
    expect(res.body).toContain('<p class="kern-body kern-body--large">Hier können Sie Anträge stellen.</p>');
    expect(res.body).toContain('Dann rufen Sie an: +41 56 437 71 11');
  });

  it('in English: English headings, the German texts marked as German', async () => {
    const pages = {
      impressum: 'Legal notice (Impressum)',
      datenschutz: 'Privacy policy',
      barrierefreiheit: 'Accessibility statement',
      'leichte-sprache': 'Easy-to-read German (Leichte Sprache)',
    };
    for (const [page, heading] of Object.entries(pages)) {
      const res = await new Browser(t.app).get(`/guetersloh/${page}?lang=en`);
      expect(res.statusCode, page).toBe(200);
      expect(res.body, page).toContain('<html lang="en">');
      expect(res.body, page).toContain(`<h1 class="kern-heading-large">${heading}</h1>`);
      expect(res.body, page).toContain('lang="de"');
    }
    const access = await new Browser(t.app).get('/guetersloh/barrierefreiheit?lang=en');
    expect(access.body).toContain('Compliance status');
    expect(access.body).toMatch(/prepared or last reviewed on \d{2}\/\d{2}\/\d{4}/);
    const privacy = await new Browser(t.app).get('/guetersloh/datenschutz?lang=en');
    expect(privacy.body).toContain('Complaint to the supervisory authority (Art. 77 GDPR)');
  });

  it('answers 404 for a municipality that does not exist', async () => {
    expect((await new Browser(t.app).get('/gibt-es-nicht/impressum')).statusCode).toBe(404);
  });
});

describe("the operator's legal pages", () => {
  it("are the first region's, in German and English", async () => {
    for (const page of ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache']) {
      const de = await new Browser(t.app).get(`/${page}`);
      expect(de.statusCode, page).toBe(200);
      expect(de.body, page).toContain('Diese Angaben gelten für die Plattform Kreis Gütersloh.');
      const en = await new Browser(t.app).get(`/${page}?lang=en`);
      expect(en.statusCode, page).toBe(200);
      expect(en.body, page).toContain('This information applies to the platform Kreis Gütersloh.');
    }
    // The demo region's own contact fills the operator's Impressum before anyone has saved a text.
    const imprint = (await new Browser(t.app).get('/impressum')).body;
    expect(imprint).toContain('Herzebrocker Straße 140, 33334 Gütersloh');
    expect(imprint).toContain('+49 5241 85-0');
    const access = await new Browser(t.app).get('/barrierefreiheit');
    expect(access.body).toContain('Ombudsstelle für barrierefreie Informationstechnik');
    expect(access.body).toContain('http://rathaus.test/');
  });
});

describe('editing the texts in the studio', () => {
  it('is for organisers: a clerk is refused, a visitor sent to sign in', async () => {
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/studio/rechtliches')).statusCode).toBe(403);
    expect((await new Browser(t.app).get('/studio/rechtliches')).headers.location).toMatch(/^\/verwaltung\/anmelden/);
  });

  it("lets a region admin edit the operator's texts of the platform pages, and a chosen municipality's", async () => {
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    const page = await region.get('/studio/rechtliches');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hier pflegen Sie die Texte des Betreibers der Plattform (Kreis Gütersloh)');
    expect(page.body).toContain('href="/impressum"');
    const values = formValues(page.body);
    const saved = await region.post(
      '/studio/rechtliches',
      {
        ...values,
        address: 'Herzebrocker Straße 140, 33334 Gütersloh',
        dpoAddress: 'Herzebrocker Straße 140, 33334 Gütersloh',
        phone: '+49 5241 85-0',
        feedbackPhone: '+49 5241 85-0',
      },
      page.body,
    );
    expect(saved.statusCode, saved.body.slice(0, 2000)).toBe(303);
    expect((await new Browser(t.app).get('/impressum')).body).toContain('Herzebrocker Straße 140, 33334 Gütersloh');
    expect(await auditOf('kreis-guetersloh')).toHaveLength(1);
    expect(await auditOf('guetersloh')).toHaveLength(0);

    const inbox = await region.get('/verwaltung/');
    await region.post('/verwaltung/kommune', { municipality: await idOf('guetersloh') }, inbox.body);
    const municipal = await region.get('/studio/rechtliches');
    expect(municipal.body).toContain('Hier pflegen Sie die rechtlichen Texte – Stadt Gütersloh');
    expect(municipal.body).toContain('href="/guetersloh/impressum"');
  });

  it('shows the defaults as suggestions, saves an edit, audits it and the public pages show it', async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@harsewinkel.example');
    const form = await admin.get('/studio/rechtliches');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Diese Texte sind Vorschläge aus den gespeicherten Daten (Stadt Harsewinkel).');
    expect((await admin.get('/studio/')).body).toContain('href="/studio/rechtliches"'); // the studio's navigation
    const values = formValues(form.body);
    expect(values.address).toBe('Münsterstraße 14, 33428 Harsewinkel');
    expect(values.conformity).toBe('partial');
    const res = await admin.post(
      '/studio/rechtliches',
      { ...values, dpoName: 'Frau Dr. Erika Mustermann', dpoEmail: 'dsb@harsewinkel.example', easyLanguage: 'Hallo.\r\nDas ist ein Satz.' },
      form.body,
    );
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(303);
    expect(res.headers.location).toBe('/studio/rechtliches?gespeichert=1');
    const after = await admin.get('/studio/rechtliches?gespeichert=1');
    expect(after.body).toContain('Die rechtlichen Texte sind gespeichert.');
    expect(after.body).not.toContain('Diese Texte sind Vorschläge');
    expect(after.body).toContain('value="dsb@harsewinkel.example"');

    const privacy = await new Browser(t.app).get('/harsewinkel/datenschutz');
    expect(privacy.body).toContain('Frau Dr. Erika Mustermann');
    expect(privacy.body).toContain('dsb@harsewinkel.example');
    const easy = await new Browser(t.app).get('/harsewinkel/leichte-sprache');
    expect(easy.body).toContain('<p class="kern-body kern-body--large">Das ist ein Satz.</p>');

    const entries = await auditOf('harsewinkel');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toMatch(/^staff:/);
    expect(entries[0]!.data.changed).toEqual(LEGAL_FIELDS); // the first save takes every field
  });

  it('refuses empty, over-long and control-character input with German messages, keeps what was typed and changes nothing', async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@rheda-wiedenbrueck.example');
    const form = await admin.get('/studio/rechtliches');
    const values = formValues(form.body);
    const res = await admin.post(
      '/studio/rechtliches',
      {
        ...values,
        address: '',
        representative: 'Bürgermeister\u0007',
        imprintNotes: 'x'.repeat(4001),
        dpoEmail: 'keine-adresse',
        enforcementUrl: 'schlichtung',
        phone: 'Zeile eins\nZeile zwei',
        conformity: 'partial',
        nonAccessible: '',
        easyLanguage: 'Ein neuer Text, der nicht verloren geht.',
      },
      form.body,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte korrigieren Sie Folgendes');
    expect(res.body).toContain('Geben Sie die Anschrift ein.');
    expect(res.body).toContain('„Vertreten durch“ enthält unzulässige Steuerzeichen.');
    expect(res.body).toContain('„Weitere Angaben im Impressum“ ist zu lang: höchstens 4000 Zeichen, jetzt 4001.');
    expect(res.body).toContain('„E-Mail-Adresse der Datenschutzbeauftragten Stelle“ ist keine gültige E-Mail-Adresse.');
    expect(res.body).toContain('„Internetadresse der Schlichtungsstelle“ ist keine gültige Internetadresse.');
    expect(res.body).toContain('„Telefonnummer“ darf nur eine Zeile haben.');
    expect(res.body).toContain('Nennen Sie die Inhalte, die nicht barrierefrei sind, oder wählen Sie „Vollständig vereinbar“.');
    expect(res.body).toContain('href="#legal-address"');
    expect(res.body).toContain('aria-invalid="true"');
    // everything typed is kept
    expect(res.body).toContain('value="keine-adresse"');
    expect(res.body).toContain('value="schlichtung"');
    expect(res.body).toContain('Ein neuer Text, der nicht verloren geht.');
    expect(res.body).toContain('x'.repeat(4001));
    // nothing changed
    expect(await auditOf('rheda-wiedenbrueck')).toHaveLength(0);
    const imprint = await new Browser(t.app).get('/rheda-wiedenbrueck/impressum');
    expect(imprint.body).toContain('Rathausplatz 13, 33378 Rheda-Wiedenbrück');
    const again = await admin.get('/studio/rechtliches');
    expect(again.body).toContain('Diese Texte sind Vorschläge');
  });

  it('gives the refusals in English on the English page', async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@baden.example');
    const form = await admin.get('/studio/rechtliches?lang=en');
    expect(form.body).toContain('<h1 class="kern-heading-large">Legal texts</h1>');
    const values = formValues(form.body);
    const res = await admin.post('/studio/rechtliches', { ...values, feedbackEmail: '', enforcementName: 'y'.repeat(201) }, form.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter the email address for accessibility feedback.');
    expect(res.body).toContain('&quot;Conciliation or enforcement body&quot; is too long: at most 200 characters, now 201.');
  });
});

describe('the privacy notice before submitting', () => {
  it('names controller, officer, purpose, legal basis, recipients, retention and rights, from the service and the texts', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const check = await citizen.get('/guetersloh/leistungen/hund-anmelden/antrag/pruefen');
    expect(check.statusCode).toBe(200);
    const notice = check.body.slice(
      check.body.indexOf('id="privacy-notice-title"'),
      check.body.indexOf('action="/guetersloh/leistungen/hund-anmelden/antrag/absenden"'),
    );
    expect(notice).toContain('Hinweise zum Datenschutz');
    expect(notice).toContain('Art. 13 DSGVO');
    expect(notice).toContain('Stadt Gütersloh, Berliner Straße 70, 33330 Gütersloh');
    expect(notice).toContain('datenschutz@guetersloh.example');
    expect(notice).toContain('Hund anmelden');
    expect(notice).toContain('Hundesteuersatzung');
    expect(notice).toContain('10 Jahre nach der Entscheidung');
    expect(notice).toContain('Widerspruch');
    expect(notice).toContain('Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen');
    expect(notice).toContain('href="/guetersloh/datenschutz"');

    const en = await citizen.get('/guetersloh/leistungen/hund-anmelden/antrag/pruefen?lang=en');
    expect(en.body).toContain('Data protection information');
    expect(en.body).toContain('10 years after the decision');
  });

  it('shows the officer the organiser saved', async () => {
    const admin = new Browser(t.app);
    await admin.login('organisation@guetersloh.example');
    const form = await admin.get('/studio/rechtliches');
    const values = formValues(form.body);
    const saved = await admin.post('/studio/rechtliches', { ...values, dpoEmail: 'dsb-neu@guetersloh.example' }, form.body);
    expect(saved.statusCode).toBe(303);
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const check = await citizen.get('/guetersloh/leistungen/hund-anmelden/antrag/pruefen');
    expect(check.body).toContain('dsb-neu@guetersloh.example');
    expect(check.body).not.toContain('datenschutz@guetersloh.example');

    // Submitting an incomplete application shows the check page again with its errors, and the same notice.
    const hasty = new Browser(t.app);
    const step = await hasty.get('/guetersloh/leistungen/hund-anmelden/antrag/halter');
    await hasty.post('/guetersloh/leistungen/hund-anmelden/antrag/halter', VALID_STEPS.halter!, step.body);
    const refused = await hasty.post('/guetersloh/leistungen/hund-anmelden/antrag/absenden', {}, step.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Hinweise zum Datenschutz');
    expect(refused.body).toContain('dsb-neu@guetersloh.example');
  });
});
