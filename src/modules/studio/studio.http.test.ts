import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { organizationBySlug } from '../organizations/index.ts';
import { parkingContent } from '../../testing/catalog.ts';
import { saveTemplateDraft, publishTemplate } from '../services/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const idFrom = (location: unknown, prefix: string) => String(location).replace(prefix, '').split(/[/?]/)[0]!;

async function regionAdmin(municipality?: string) {
  const admin = new Browser(t.app);
  expect((await admin.login('admin@kreis-guetersloh.example')).statusCode).toBe(303);
  if (municipality) {
    const org = await inRegion(t.app.db, (tx) => organizationBySlug(tx, municipality));
    const home = await admin.get('/verwaltung/');
    expect((await admin.post('/verwaltung/kommune', { municipality: org!.id }, home.body)).statusCode).toBe(303);
  }
  return admin;
}

describe('studio access', () => {
  it('sends visitors to the login and refuses clerks', async () => {
    expect((await new Browser(t.app).get('/studio/')).headers.location).toBe('/verwaltung/anmelden?weiter=/studio/');
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/studio/vorlagen')).statusCode).toBe(403);
    expect((await clerk.get('/studio/leistungen')).statusCode).toBe(403);
  });

  it('keeps another region out of a template', async () => {
    const admin = await regionAdmin();
    const created = await admin.post(
      '/studio/vorlagen',
      { title: 'Nur für den Kreis', slug: 'nur-fuer-den-kreis' },
      (await admin.get('/studio/vorlagen')).body,
    );
    const id = idFrom(created.headers.location, '/studio/vorlagen/');
    const other = new Browser(t.app);
    await other.login('admin@kanton-aargau.example');
    expect((await other.get(`/studio/vorlagen/${id}`)).statusCode).toBe(404);
    expect((await other.get('/studio/vorlagen/keine-uuid')).statusCode).toBe(404);
  });
});

describe('a template written, published and adopted in the studio', () => {
  it('goes from a new template to a service in the portal, refusing bad input with the place and reason', async () => {
    const admin = await regionAdmin('guetersloh');
    const list = await admin.get('/studio/vorlagen');
    expect(list.statusCode).toBe(200);

    const empty = await admin.post('/studio/vorlagen', { title: '', slug: 'x' }, list.body);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie einen Titel ein.');

    const created = await admin.post('/studio/vorlagen', { title: 'Baumfällung anzeigen', slug: 'baumfaellung' }, list.body);
    expect(created.statusCode).toBe(303);
    const id = idFrom(created.headers.location, '/studio/vorlagen/');
    const page = await admin.get(`/studio/vorlagen/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Entwurf Fassung 1');

    const fields = {
      title_de: 'Baumfällung anzeigen',
      title_en: 'Report felling a tree',
      summary_de: 'Bäume auf Privatgrund fällen.',
      summary_en: '',
      description_de: 'Geschützte Bäume dürfen nur mit Genehmigung gefällt werden.',
      description_en: '',
      eligibility_de: 'Eigentümerinnen und Eigentümer.',
      eligibility_en: '',
      legalBasis_de: 'Baumschutzsatzung',
      legalBasis_en: '',
      processingTime_de: 'Zwei Wochen',
      processingTime_en: '',
      feeNotes_de: '',
      feeNotes_en: '',
      documents: 'Lageplan\nFoto des Baumes',
      keywords: 'Baum, fällen',
      synonyms: 'Baumfällgenehmigung',
      lifeSituations: 'bauen',
      leikaKey: '123',
      retentionYears: '3',
      feeRules: '[{"id": "grund", "label": {"de": "Verwaltungsgebühr"}, "unitMinor": 4000}]',
    };
    const bad = await admin.post(`/studio/vorlagen/${id}`, fields, page.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Der LeiKa-Schlüssel hat genau 14 Ziffern.');
    expect(bad.body).toContain('Foto des Baumes');

    const badJson = await admin.post(`/studio/vorlagen/${id}`, { ...fields, leikaKey: '', feeRules: '[{"id": ' }, page.body);
    expect(badJson.statusCode).toBe(422);
    expect(badJson.body).toContain('Die Gebührenregeln sind kein gültiges JSON');
    expect(badJson.body).toContain('[{&quot;id&quot;: ');

    expect((await admin.post(`/studio/vorlagen/${id}`, { ...fields, leikaKey: '' }, page.body)).statusCode).toBe(303);
    const published = await admin.post(`/studio/vorlagen/${id}/veroeffentlichen`, {}, page.body);
    expect(published.statusCode).toBe(303);
    expect((await admin.get(`/studio/vorlagen/${id}`)).body).toContain('Veröffentlicht: Fassung 1');
    expect((await admin.get(`/studio/vorlagen/${id}/vorschau`)).body).toContain('Geschützte Bäume');
    // The form editor the page links to is part of the studio.
    expect((await admin.get(`/studio/vorlagen/${id}/formular`)).statusCode).toBe(200);

    // Gütersloh adopts it with its local details.
    const services = await admin.get('/studio/leistungen');
    expect(services.statusCode).toBe(200);
    expect(services.body).toContain('Baumfällung anzeigen');
    const adopted = await admin.post('/studio/leistungen/uebernehmen', { template: id }, services.body);
    expect(adopted.statusCode).toBe(303);
    const serviceId = idFrom(adopted.headers.location, '/studio/leistungen/');
    // The adopted service is a draft: not in the portal, and the list says what it still lacks.
    const draftList = await admin.get('/studio/leistungen');
    expect(draftList.body).toMatch(/Baumfällung anzeigen<\/td>/);
    expect(draftList.body).toContain('Entwurf');
    expect(draftList.body).toContain('Die zuständige Stelle fehlt.');
    expect(draftList.body).toContain('Die Öffnungszeiten fehlen.');
    expect((await new Browser(t.app).get('/guetersloh/leistungen/baumfaellung')).statusCode).toBe(404);
    const localPage = await admin.get(`/studio/leistungen/${serviceId}`);
    expect(localPage.body).toContain('Noch nicht veröffentlicht');
    // Publishing is refused while details are missing, each named in German; nothing changes.
    const refused = await admin.post(`/studio/leistungen/${serviceId}/veroeffentlichen`, {}, localPage.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('kern-alert--danger');
    expect(refused.body).toContain('Die zuständige Stelle fehlt.');
    expect(refused.body).toContain('Die Öffnungszeiten fehlen.');
    expect(refused.body).toMatch(/href="#in-office_de"/);
    expect((await new Browser(t.app).get('/guetersloh/leistungen/baumfaellung')).statusCode).toBe(404);
    const local = {
      office_de: 'Fachbereich Grünflächen',
      office_en: '',
      email: 'kein-mail',
      phone: '05241 82-0',
      address: 'Berliner Straße 70',
      hours_de: 'Mo–Fr 8–12 Uhr',
      hours_en: '',
      notes_de: '',
      notes_en: '',
    };
    const badLocal = await admin.post(`/studio/leistungen/${serviceId}`, local, localPage.body);
    expect(badLocal.statusCode).toBe(422);
    expect(badLocal.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
    expect(badLocal.body).toContain('Fachbereich Grünflächen');
    expect((await admin.post(`/studio/leistungen/${serviceId}`, { ...local, email: 'gruen@guetersloh.example' }, localPage.body)).statusCode).toBe(303);
    const saved = await admin.get(`/studio/leistungen/${serviceId}?hinweis=gespeichert`);
    expect(saved.body).toContain('Die Leistung ist noch ein Entwurf.');
    expect(saved.body).toContain('Vollständig: kann veröffentlicht werden.');
    expect((await new Browser(t.app).get('/guetersloh/leistungen/baumfaellung')).statusCode).toBe(404);
    const publish = await admin.post(`/studio/leistungen/${serviceId}/veroeffentlichen`, {}, saved.body);
    expect(publish.statusCode).toBe(303);
    expect(publish.headers.location).toBe(`/studio/leistungen/${serviceId}?hinweis=veroeffentlicht`);
    expect((await admin.get('/studio/leistungen')).body).not.toContain('Die zuständige Stelle fehlt.');

    const portal = await new Browser(t.app).get('/guetersloh/leistungen/baumfaellung');
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('Fachbereich Grünflächen');
    expect(portal.body).toContain('40,00');
  });

  it('shows a municipality what a new template version changes and lets it accept', async () => {
    const admin = await regionAdmin('rheda-wiedenbrueck');
    const list = await admin.get('/studio/vorlagen');
    const id = idFrom((await admin.post('/studio/vorlagen', { title: 'Parken', slug: 'parken-neu' }, list.body)).headers.location, '/studio/vorlagen/');
    const region = await inRegion(t.app.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh'));
    await inTenant(t.app.db, region!.id, async (tx) => {
      expect(await saveTemplateDraft(tx, region!.id, id, parkingContent())).toMatchObject({ ok: true });
      expect(await publishTemplate(tx, region!.id, id)).toMatchObject({ ok: true, version: 1 });
    });
    const services = await admin.get('/studio/leistungen');
    const serviceId = idFrom((await admin.post('/studio/leistungen/uebernehmen', { template: id }, services.body)).headers.location, '/studio/leistungen/');

    const changed = parkingContent();
    changed.summary = { de: 'Parken in der eigenen Straße.' };
    changed.feeRules[1]!.unitMinor = 2000;
    await inTenant(t.app.db, region!.id, async (tx) => {
      await saveTemplateDraft(tx, region!.id, id, changed);
      await publishTemplate(tx, region!.id, id);
    });
    const overview = await admin.get('/studio/leistungen');
    expect(overview.body).toContain(`${serviceId}/aktualisierung`);
    const diff = await admin.get(`/studio/leistungen/${serviceId}/aktualisierung`);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('Kurzbeschreibung');
    expect(diff.body).toContain('Parken in der eigenen Straße.');
    expect(diff.body).toContain('Gebühr „Zuschlag Zweitfahrzeug“');
    expect(diff.body).toMatch(/<ins>Zuschlag Zweitfahrzeug; 20,00\s€ je Einheit/);
    const english = await admin.get(`/studio/leistungen/${serviceId}/aktualisierung?lang=en`);
    expect(english.body).toContain('Short description');
    expect(english.body).toMatch(/<ins>Zuschlag Zweitfahrzeug; €20\.00 per unit/);
    const accepted = await admin.post(`/studio/leistungen/${serviceId}/aktualisierung`, {}, diff.body);
    expect(accepted.statusCode).toBe(303);
    expect((await admin.get('/studio/leistungen')).body).not.toContain(`${serviceId}/aktualisierung`);
    const localPage = await admin.get(`/studio/leistungen/${serviceId}`);
    const local = { office_de: 'Ordnungsamt', email: 'ordnung@rheda-wiedenbrueck.example', phone: '05242 963-0', hours_de: 'Mo–Fr 8–12 Uhr' };
    expect((await admin.post(`/studio/leistungen/${serviceId}`, local, localPage.body)).statusCode).toBe(303);
    expect((await admin.post(`/studio/leistungen/${serviceId}/veroeffentlichen`, {}, localPage.body)).statusCode).toBe(303);
    expect((await new Browser(t.app).get('/rheda-wiedenbrueck/leistungen/parken-neu')).body).toContain('Parken in der eigenen Straße.');
  });
});

describe('importing a FIM XDatenfelder schema in the studio', () => {
  const sample = (path: string) => readFileSync(`/work/shared/standards/xdatenfelder/${path}`);
  const xml = (data: Buffer) => [{ field: 'datei', filename: 'schema.xml', contentType: 'application/xml', data }];

  it('makes a draft template from a valid file and lists what it could not take over', async () => {
    const admin = await regionAdmin();
    expect((await admin.get('/studio/vorlagen/import')).statusCode).toBe(200);
    const res = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-import-v3' }, xml(sample('v3/simple.xml')));
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(200);
    expect(res.body).toContain('XDatenfelder 3.0');
    expect(res.body).toMatch(/Hinweise zum Import \(\d+\)/);
    const link = /href="(\/studio\/vorlagen\/[0-9a-f-]{36})"/.exec(res.body)?.[1];
    expect((await admin.get(`${link}`)).statusCode).toBe(200);
  });

  it('refuses broken files, other encodings and missing files with the reason, keeping the typed address', async () => {
    const admin = await regionAdmin();
    const broken = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-kaputt' }, xml(Buffer.from('<xdf:Datenschema><nicht geschlossen')));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('value="fim-kaputt"');
    expect(broken.body).toContain('Die Datei ist kein wohlgeformtes XML (Zeile 1, Spalte 25): Das Attribut „geschlossen“ hat keinen Wert.');
    const notFim = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-html' }, xml(Buffer.from('<html><body/></html>')));
    expect(notFim.statusCode).toBe(422);
    expect(notFim.body).toContain(
      'Das ist keine XDatenfelder-Nachricht: Das Wurzelelement ist &lt;html> (Zeile 1, Spalte 1), erwartet wird z. B. &lt;xdatenfelder.stammdatenschema.0102>.',
    );
    const latin = await admin.postMultipart(
      '/studio/vorlagen/import',
      { slug: 'fim-kodierung' },
      xml(Buffer.from([0x3c, 0x61, 0x3e, 0xfc, 0x3c, 0x2f, 0x61, 0x3e])),
    );
    expect(latin.statusCode).toBe(422);
    expect(latin.body).toContain('UTF-8');
    const none = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-leer' }, []);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie eine XML-Datei aus.');
  });

  const corrected = () => readFileSync(new URL('../forms/testdata/xdatenfelder/v3-input-corrected.xml', import.meta.url));

  it('lists each note in German as the organiser reads it, a field type’s name within the sentence', async () => {
    const admin = await regionAdmin();
    const res = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-hinweise' }, xml(corrected()));
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(200);
    expect(res.body).toContain('Hinweise zum Import (5)');
    for (const note of [
      'Die Auswahl „Straße“ hat weder eine Werteliste noch eine Codeliste; das Feld wurde als Textfeld übernommen.',
      'Die Präzisierung „Constraints“ von „Straße“ ist nicht auswertbar und wurde nicht übernommen.',
      'Die Präzisierung minValue/maxValue gilt nicht für „Straße“ (Textfeld) und wurde nicht übernommen.',
      'Die Vorbelegung „Some Content“ (Inhalt) des Feldes „Straße“ wurde nicht übernommen; das Formular kennt keine Vorbelegung.',
      'Dateigröße und Dateitypen (maxSize, mediaType) gelten nur für Datei-Uploads; bei „Straße“ (Textfeld) wurden sie nicht übernommen.',
    ]) {
      expect(res.body).toContain(`<strong>F60000000243</strong>: ${note}`);
    }
  });

  it('gives the notes and refusals in English on the English page', async () => {
    const admin = await regionAdmin();
    admin.cookies.set('lang', 'en');
    const res = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-notes-en' }, xml(corrected()));
    expect(res.statusCode, res.body.slice(0, 3000)).toBe(200);
    expect(res.body).toContain(
      '<strong>F60000000243</strong>: The Präzisierung minValue/maxValue does not apply to “Straße” (text field) and was not taken over.',
    );
    expect(res.body).not.toContain('wurde nicht übernommen');
    const broken = await admin.postMultipart('/studio/vorlagen/import', { slug: 'fim-broken-en' }, xml(Buffer.from('<xdf:Datenschema><nicht geschlossen')));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('The file is not well-formed XML (line 1, column 25): the attribute “geschlossen” has no value.');
  });
});

describe('characters PostgreSQL cannot store', () => {
  it('are refused with a message in every studio form, never a server error', async () => {
    const admin = await regionAdmin('guetersloh');
    const list = await admin.get('/studio/vorlagen');
    const titled = await admin.post('/studio/vorlagen', { title: 'Test\u0000Titel', slug: 'nullzeichen' }, list.body);
    expect(titled.statusCode).toBe(422);
    expect(titled.body).toContain('unzulässige Zeichen');
    const id = idFrom((await admin.post('/studio/vorlagen', { title: 'Zeichen', slug: 'zeichen' }, list.body)).headers.location, '/studio/vorlagen/');
    const page = await admin.get(`/studio/vorlagen/${id}`);
    const fees = await admin.post(
      `/studio/vorlagen/${id}`,
      {
        title_de: 'Zeichen',
        summary_de: 'a',
        description_de: 'b',
        eligibility_de: 'c',
        legalBasis_de: 'd',
        processingTime_de: 'e',
        retentionYears: '3',
        feeRules: '[{"id": "x", "label": {"de": "kaputt \\ud800"}, "unitMinor": 100}]',
      },
      page.body,
    );
    expect(fees.statusCode).toBe(422);
    expect(fees.body).toContain('Gebührenregel 1: Der Text enthält unzulässige Zeichen');
    expect(fees.body).not.toContain('/feeRules/0/label/de');
    const services = await admin.get('/studio/leistungen');
    const own = await admin.post('/studio/leistungen/eigene', { title: 'Eigene', slug: 'eigene-zeichen' }, services.body);
    const serviceId = idFrom(own.headers.location, '/studio/leistungen/');
    const local = await admin.get(`/studio/leistungen/${serviceId}`);
    const bad = await admin.post(`/studio/leistungen/${serviceId}`, { office_de: 'Amt\u0000', email: 'amt@guetersloh.example' }, local.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('unzulässige Zeichen');
    // The own service's unpublished content can be seen as citizens will see it.
    const preview = await admin.get(`/studio/leistungen/${serviceId}/vorschau`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h1 class="kern-heading-large">Eigene</h1>');
    expect(preview.body).not.toContain('Antrag online stellen');
  });
});

describe('adopting a template whose address is taken', () => {
  it('says so beside the address and adopts under another', async () => {
    const admin = await regionAdmin('harsewinkel');
    const region = await inRegion(t.app.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh'));
    const list = await admin.get('/studio/vorlagen');
    const id = idFrom((await admin.post('/studio/vorlagen', { title: 'Doppelt', slug: 'doppelt' }, list.body)).headers.location, '/studio/vorlagen/');
    await inTenant(t.app.db, region!.id, (tx) => publishTemplate(tx, region!.id, id));
    const services = await admin.get('/studio/leistungen');
    expect((await admin.post('/studio/leistungen/eigene', { title: 'Doppelt, eigene', slug: 'doppelt' }, services.body)).statusCode).toBe(303);
    const taken = await admin.post('/studio/leistungen/uebernehmen', { template: id }, services.body);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toMatch(/id="f-adoptSlug-error"[^>]*>[^<]*<[^>]*><\/span>Die Adresse „doppelt“ ist schon vergeben/);
    const adopted = await admin.post('/studio/leistungen/uebernehmen', { template: id, adoptSlug: 'doppelt-kreis' }, services.body);
    expect(adopted.statusCode).toBe(303);
    // Adopted under the other address, as a draft until its local details are complete.
    expect((await admin.get(adopted.headers.location as string)).body).toContain('Noch nicht veröffentlicht');
    expect((await new Browser(t.app).get('/harsewinkel/leistungen/doppelt-kreis')).statusCode).toBe(404);
  });
});
