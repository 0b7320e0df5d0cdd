import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { expectMatchesOpenApi } from '../../testing/openapi.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const BASE = '/verwaltung/organisationen';
/** The smallest PNG there is: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const idOf = async (slug: string) => (await t.database.admin.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]))[0]!.id;
const orgRow = async (slug: string) =>
  (await t.database.admin.query<Record<string, unknown>>(`SELECT * FROM organizations WHERE slug = $1`, [slug]))[0] as Record<string, unknown> | undefined;
const countOrgs = async () => (await t.database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations`))[0]!.n;
const auditActions = async (tenantId: string) =>
  (
    await t.database.admin.query<{ action: string }>(`SELECT action FROM audit_log WHERE tenant_id = $1 AND object_type = 'organization' ORDER BY seq`, [
      tenantId,
    ])
  ).map((r) => r.action);
const decoded = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

async function signedIn(email: string) {
  const b = new Browser(t.app);
  expect((await b.login(email)).statusCode).toBe(303);
  return b;
}

const NEW_DE = {
  name: 'Gemeinde Herzebrock-Clarholz',
  slug: 'herzebrock-clarholz',
  officialKey: '05754012',
  prefix: 'HC',
  address: 'Am Rathaus 1, 33442 Herzebrock-Clarholz',
  email: 'Info@Herzebrock-Clarholz.example',
  phone: '+49 5245 444-0',
  website: 'https://www.herzebrock-clarholz.example',
  timeZone: 'europe/berlin',
  currency: 'EUR',
};

describe('the municipalities API', () => {
  it('answers as its schemas in the OpenAPI document say', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities' });
    expect(list.statusCode).toBe(200);
    const all = (await expectMatchesOpenApi(t.app, list)) as Array<{ slug: string; region: string }>;
    expect(all.find((m) => m.slug === 'aarau')).toMatchObject({ region: 'Kanton Aargau', country: 'CH', currency: 'CHF', portalUrl: '/aarau/' });
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/guetersloh' });
    expect(await expectMatchesOpenApi(t.app, one)).toMatchObject({
      slug: 'guetersloh',
      officialKey: '057540008008',
      contact: { email: 'info@guetersloh.example' },
    });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/gibt-es-nicht' });
    expect(missing.statusCode).toBe(404);
    expect(await expectMatchesOpenApi(t.app, missing)).toMatchObject({ code: 'not_found' });
    // A region is no municipality.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/kreis-guetersloh' })).statusCode).toBe(404);
  });
});

describe('who may administer municipalities', () => {
  it('sends a person who is not signed in to the login page', async () => {
    const res = await new Browser(t.app).get(BASE);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/verwaltung/anmelden?weiter=${BASE}`);
  });

  it('refuses municipality admins and clerks with 403, and shows them no navigation entry', async () => {
    for (const email of ['organisation@guetersloh.example', 'sachbearbeitung@guetersloh.example']) {
      const b = await signedIn(email);
      expect((await b.get(BASE)).statusCode).toBe(403);
      expect((await b.get(`${BASE}/neu`)).statusCode).toBe(403);
      const before = await countOrgs();
      const post = await b.post(`${BASE}/neu`, NEW_DE);
      expect(post.statusCode).toBe(403);
      expect(await countOrgs()).toBe(before);
      expect((await b.post(`${BASE}/${await idOf('guetersloh')}/deaktivieren`, {})).statusCode).toBe(403);
      expect((await b.get('/verwaltung/konto')).body).not.toContain(`href="${BASE}"`);
    }
    expect((await orgRow('guetersloh'))!.active).toBe(true);
  });

  it('lists only the own region, with the status, and links it in the navigation', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const res = await admin.get(BASE);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${BASE}"`);
    expect(res.body).toContain('Stadt Harsewinkel');
    expect(res.body).toContain('057540016016');
    expect(res.body).toContain('aktiv');
    expect(res.body).not.toContain('Stadt Aarau');
  });

  it('answers 404 for a municipality of another region, and changes nothing there', async () => {
    const admin = await signedIn('admin@kanton-aargau.example');
    const guetersloh = await idOf('guetersloh');
    expect((await admin.get(`${BASE}/${guetersloh}`)).statusCode).toBe(404);
    expect((await admin.get(`${BASE}/kein-uuid`)).statusCode).toBe(404);
    expect((await admin.get(`${BASE}/${await idOf('kreis-guetersloh')}`)).statusCode).toBe(404);
    expect((await admin.post(`${BASE}/${guetersloh}/deaktivieren`, {})).statusCode).toBe(404);
    expect((await admin.post(`${BASE}/${guetersloh}/farben`, { primary: '#000000', text: '#ffffff' })).statusCode).toBe(404);
    expect((await admin.post(`${BASE}/${guetersloh}`, { ...NEW_DE, slug: 'guetersloh', officialKey: '057540008008' })).statusCode).toBe(404);
    const row = (await orgRow('guetersloh'))!;
    expect(row).toMatchObject({ active: true, primary_color: '#005a8c', name: 'Stadt Gütersloh' });
  });
});

describe('adding a municipality', () => {
  it('adds one with its contact data, writes both logs, and opens its portal and API entry', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const form = await admin.get(`${BASE}/neu`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Amtlicher Gemeindeschlüssel (AGS) oder Regionalschlüssel (ARS)');
    expect(form.body).toContain('value="Europe/Berlin"');
    const res = await admin.post(`${BASE}/neu`, NEW_DE, form.body);
    expect(res.statusCode).toBe(303);
    const row = (await orgRow('herzebrock-clarholz'))!;
    expect(res.headers.location).toBe(`${BASE}/${row.id}?angelegt=1`);
    expect(row).toMatchObject({
      kind: 'municipality',
      parent_id: await idOf('kreis-guetersloh'),
      official_key: '05754012',
      reference_prefix: 'HC',
      country: 'DE',
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      active: true,
      contact: {
        address: 'Am Rathaus 1, 33442 Herzebrock-Clarholz',
        email: 'info@herzebrock-clarholz.example',
        phone: '+49 5245 444-0',
        website: 'https://www.herzebrock-clarholz.example',
      },
    });
    const page = await admin.get(res.headers.location as string);
    expect(page.body).toContain('Die Kommune ist angelegt.');
    expect(await auditActions(row.id as string)).toEqual(['organization.created']);
    expect(await auditActions(await idOf('kreis-guetersloh'))).toContain('organization.created');

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/herzebrock-clarholz' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({
      slug: 'herzebrock-clarholz',
      name: 'Gemeinde Herzebrock-Clarholz',
      officialKey: '05754012',
      country: 'DE',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      contact: row.contact,
      logoUrl: null,
    });
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('href="/herzebrock-clarholz/"');
    expect((await t.app.inject({ method: 'GET', url: '/herzebrock-clarholz/' })).statusCode).toBe(200);
  });

  it('refuses a taken slug, a reserved slug and a wrong key in clear German, keeps what was typed, and adds nothing', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const before = await countOrgs();
    const taken = await admin.post(`${BASE}/neu`, { ...NEW_DE, slug: 'guetersloh', officialKey: '05754099', name: 'Doppelt' });
    expect(taken.statusCode).toBe(422);
    expect(decoded(taken.body)).toContain('Die Adresse „guetersloh“ ist schon vergeben. Bitte wählen Sie eine andere.');
    expect(taken.body).toContain('value="Doppelt"');
    expect(taken.body).toContain('href="#f-slug"');

    const reserved = await admin.post(`${BASE}/neu`, { ...NEW_DE, slug: 'verwaltung', officialKey: '05754098' });
    expect(reserved.statusCode).toBe(422);
    expect(reserved.body).toContain('Diese Adresse ist für Seiten der Plattform reserviert');

    const bad = await admin.post(`${BASE}/neu`, {
      ...NEW_DE,
      slug: 'Verl Stadt',
      officialKey: '0575401',
      timeZone: 'Europe/Gütersloh',
      email: 'kein-at',
      website: 'javascript:alert(1)',
      currency: 'USD',
      prefix: 'v',
    });
    expect(bad.statusCode).toBe(422);
    const text = decoded(bad.body);
    expect(text).toContain('Der Schlüssel muss aus 8 Ziffern (AGS) oder 12 Ziffern (ARS) bestehen.');
    expect(text).toContain('Die Zeitzone „Europe/Gütersloh“ ist unbekannt.');
    expect(text).toContain('Bitte geben Sie eine E-Mail-Adresse wie info@stadt.de ein.');
    expect(text).toContain('Bitte geben Sie die Website mit https:// ein');
    expect(text).toContain('Bitte wählen Sie Euro oder Franken.');
    expect(text).toContain('Bitte geben Sie 2 bis 4 Großbuchstaben ein');
    expect(text).toContain('Die Adresse darf nur Kleinbuchstaben a–z');
    expect(bad.body).toContain('value="0575401"');
    expect(bad.body).toContain('value="Europe/Gütersloh"');

    const otherRegion = await admin.post(`${BASE}/neu`, { ...NEW_DE, slug: 'fremd', officialKey: '05758004' });
    expect(otherRegion.statusCode).toBe(422);
    expect(otherRegion.body).toContain('Der Schlüssel muss mit dem Schlüssel der Region 05754 beginnen.');

    const sameKey = await admin.post(`${BASE}/neu`, { ...NEW_DE, slug: 'zweimal', officialKey: '057540016016' });
    expect(sameKey.statusCode).toBe(422);
    expect(decoded(sameKey.body)).toContain('Dieser Schlüssel ist schon für „Stadt Harsewinkel“ eingetragen.');
    expect(await countOrgs()).toBe(before);
  });

  it('checks a Swiss key as a BFS-Gemeindenummer', async () => {
    const admin = await signedIn('admin@kanton-aargau.example');
    const swiss = { ...NEW_DE, name: 'Gemeinde Suhr', slug: 'suhr', prefix: 'SU', timeZone: 'Europe/Zurich', currency: 'CHF' };
    const form = await admin.get(`${BASE}/neu`);
    expect(form.body).toContain('BFS-Gemeindenummer');
    const bad = await admin.post(`${BASE}/neu`, { ...swiss, officialKey: '05754012' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Die BFS-Gemeindenummer besteht aus 1 bis 4 Ziffern und beginnt nicht mit 0.');
    expect(await orgRow('suhr')).toBeUndefined();
    const ok = await admin.post(`${BASE}/neu`, { ...swiss, officialKey: '4012' });
    expect(ok.statusCode).toBe(303);
    expect(await orgRow('suhr')).toMatchObject({
      country: 'CH',
      official_key: '4012',
      currency: 'CHF',
      time_zone: 'Europe/Zurich',
      parent_id: await idOf('kanton-aargau'),
    });
  });
});

describe('editing a municipality', () => {
  it('saves changed master data and logs which fields changed', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('rheda-wiedenbrueck');
    const page = await admin.get(`${BASE}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="info@rheda-wiedenbrueck.example"');
    const res = await admin.post(`${BASE}/${id}`, {
      name: 'Stadt Rheda-Wiedenbrück',
      slug: 'rheda-wiedenbrueck',
      officialKey: '057540028028',
      prefix: 'RW',
      address: 'Rathausplatz 13, 33378 Rheda-Wiedenbrück',
      email: 'rathaus@rheda-wiedenbrueck.example',
      phone: '+49 5242 963-0',
      website: '',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/${id}?geaendert=1`);
    expect((await orgRow('rheda-wiedenbrueck'))!.contact).toEqual({
      address: 'Rathausplatz 13, 33378 Rheda-Wiedenbrück',
      email: 'rathaus@rheda-wiedenbrueck.example',
      phone: '+49 5242 963-0',
    });
    const entries = await t.database.admin.query<{ data: { changed: string[] } }>(
      `SELECT data FROM audit_log WHERE tenant_id = $1 AND action = 'organization.updated' ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    expect(entries[0]!.data.changed).toEqual(['address', 'email']);
  });

  it('refuses a bad edit with the typed values kept, and changes nothing', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('harsewinkel');
    const before = await orgRow('harsewinkel');
    const res = await admin.post(`${BASE}/${id}`, { ...NEW_DE, name: '', slug: 'guetersloh', officialKey: '057540016016' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte geben Sie den Namen der Kommune ein.');
    expect(decoded(res.body)).toContain('Die Adresse „guetersloh“ ist schon vergeben.');
    expect(res.body).toContain('value="Am Rathaus 1, 33442 Herzebrock-Clarholz"');
    expect(await orgRow('harsewinkel')).toEqual(before);
  });
});

describe('portal colours', () => {
  it('refuses a pair below 4.5:1, naming the measured ratio and the need, and changes nothing', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('guetersloh');
    const grey = await admin.post(`${BASE}/${id}/farben`, { primary: '#777777', text: '#ffffff' });
    expect(grey.statusCode).toBe(422);
    expect(grey.body).toContain(
      'Die Hauptfarbe #777777 hat auf Weiß nur einen Kontrast von 4,47:1. Nötig sind mindestens 4,5:1 (WCAG 2.1 AA), denn Links und Schaltflächen stehen in dieser Farbe auf weißem Grund.',
    );
    expect(grey.body).toContain('Die Schriftfarbe #ffffff hat auf der Hauptfarbe #777777 nur einen Kontrast von 4,47:1. Nötig sind mindestens 4,5:1');
    expect(grey.body).toContain('value="#777777"');
    const pale = await admin.post(`${BASE}/${id}/farben`, { primary: '#004b76', text: '#336699' });
    expect(pale.statusCode).toBe(422);
    expect(pale.body).toContain('Die Schriftfarbe #336699 hat auf der Hauptfarbe #004b76 nur einen Kontrast von');
    expect(pale.body).not.toContain('Die Hauptfarbe #004b76');
    const word = await admin.post(`${BASE}/${id}/farben`, { primary: 'blau', text: '#fff' });
    expect(word.statusCode).toBe(422);
    expect(word.body).toContain('Bitte geben Sie die Farbe als Hex-Wert mit # und 6 Ziffern');
    expect(await orgRow('guetersloh')).toMatchObject({ primary_color: '#005a8c', primary_text_color: '#ffffff' });
    expect((await t.app.inject({ method: 'GET', url: '/guetersloh/theme.css' })).body).toContain('--tenant-primary:#005a8c');
  });

  it('takes a pair with enough contrast and themes the portal with it', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('guetersloh');
    const res = await admin.post(`${BASE}/${id}/farben`, { primary: '#FFE500', text: '#000' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Die Hauptfarbe #ffe500 hat auf Weiß nur einen Kontrast von');
    const ok = await admin.post(`${BASE}/${id}/farben`, { primary: '#003366', text: '#FFF' });
    expect(ok.statusCode).toBe(303);
    const css = (await t.app.inject({ method: 'GET', url: '/guetersloh/theme.css' })).body;
    expect(css.startsWith(':root{--tenant-primary:#003366;')).toBe(true);
    expect(css).toContain('--tenant-primary:#003366');
    expect(css).toContain('--kern-color-action-on-default:#ffffff');
    expect(await auditActions(id)).toContain('organization.colors_changed');
  });
});

describe('logo', () => {
  it('refuses a text file named .png and a too large image, and changes nothing', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('harsewinkel');
    const text = await admin.postMultipart(`${BASE}/${id}/logo`, {}, [
      { field: 'logo', filename: 'logo.png', contentType: 'image/png', data: Buffer.from('Das ist kein Bild, nur Text.\n') },
    ]);
    expect(text.statusCode).toBe(422);
    expect(text.body).toContain('Diese Datei ist kein PNG-, JPEG- oder WebP-Bild.');
    const svg = await admin.postMultipart(`${BASE}/${id}/logo`, {}, [
      {
        field: 'logo',
        filename: 'logo.svg',
        contentType: 'image/svg+xml',
        data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
    ]);
    expect(svg.statusCode).toBe(422);
    const large = await admin.postMultipart(`${BASE}/${id}/logo`, {}, [
      { field: 'logo', filename: 'logo.png', contentType: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]) },
    ]);
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain('Das Logo ist zu groß. Erlaubt sind höchstens 512 KB.');
    const none = await admin.postMultipart(`${BASE}/${id}/logo`, {}, []);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie eine Bilddatei für das Logo aus.');
    expect(await orgRow('harsewinkel')).toMatchObject({ logo_sha256: null, logo_type: null, logo_url: null });
    expect((await t.app.inject({ method: 'GET', url: '/harsewinkel/logo' })).statusCode).toBe(404);
  });

  it('takes a PNG, serves it with its type and cache headers, and shows it in the portal header', async () => {
    const admin = await signedIn('admin@kreis-guetersloh.example');
    const id = await idOf('harsewinkel');
    // The name and the claimed type say nothing: the bytes decide.
    const res = await admin.postMultipart(`${BASE}/${id}/logo`, {}, [{ field: 'logo', filename: 'wappen.txt', contentType: 'text/plain', data: PNG }]);
    expect(res.statusCode).toBe(303);
    const row = (await orgRow('harsewinkel'))!;
    expect(row.logo_type).toBe('image/png');
    expect(row.logo_url).toBe(`/harsewinkel/logo?v=${String(row.logo_sha256).slice(0, 16)}`);
    const logo = await t.app.inject({ method: 'GET', url: row.logo_url as string });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(logo.rawPayload.equals(PNG)).toBe(true);
    const plain = await t.app.inject({ method: 'GET', url: '/harsewinkel/logo' });
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    const again = await t.app.inject({ method: 'GET', url: '/harsewinkel/logo', headers: { 'if-none-match': plain.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const portal = await t.app.inject({ method: 'GET', url: '/harsewinkel/' });
    expect(portal.body).toContain(`<img src="${String(row.logo_url).replace('&', '&amp;')}"`);
    expect(await auditActions(id)).toContain('organization.logo_changed');

    expect((await admin.post(`${BASE}/${id}/logo/entfernen`, {})).statusCode).toBe(303);
    expect(await orgRow('harsewinkel')).toMatchObject({ logo_sha256: null, logo_url: null });
    expect((await t.app.inject({ method: 'GET', url: '/harsewinkel/logo' })).statusCode).toBe(404);
  });
});

describe('deactivating a municipality', () => {
  it('takes it out of the directory and the API, closes its portal, refuses its staff, and brings all back on reactivation', async () => {
    const admin = await signedIn('admin@kanton-aargau.example');
    const clerk = await signedIn('sachbearbeitung@wettingen.example');
    const id = await idOf('wettingen');
    const regionAtWork = await signedIn('admin@kanton-aargau.example');
    expect((await regionAtWork.post('/verwaltung/kommune', { municipality: id })).statusCode).toBe(303);
    const chooseFirst = 'Teams und Abwesenheiten gehören zu einer Kommune';
    expect((await regionAtWork.get('/verwaltung/teams')).body).not.toContain(chooseFirst);
    const res = await admin.post(`${BASE}/${id}/deaktivieren`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/${id}?deaktiviert=1`);
    expect((await admin.get(BASE)).body).toContain('deaktiviert');

    expect((await t.app.inject({ method: 'GET', url: '/' })).body).not.toContain('href="/wettingen/"');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/municipalities' })).json() as Array<{ slug: string }>;
    expect(list.map((m) => m.slug)).not.toContain('wettingen');
    expect(list.map((m) => m.slug)).toContain('baden');
    const detail = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities/wettingen' });
    expect(detail.statusCode).toBe(404);
    expect(detail.headers['content-type']).toContain('application/problem+json');
    expect(detail.json()).toMatchObject({ status: 404, code: 'not_found' });
    expect((await t.app.inject({ method: 'GET', url: '/wettingen/' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/wettingen/theme.css' })).statusCode).toBe(404);

    const signIn = await new Browser(t.app).login('organisation@wettingen.example');
    expect(signIn.statusCode).toBe(422);
    expect(signIn.body).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    // The open session ends too, once the few seconds of the session cache are over.
    await new Promise((r) => setTimeout(r, 5200));
    expect((await clerk.get('/verwaltung/')).statusCode).toBe(303);
    // A region admin who had chosen it keeps their session but no longer works in it, and cannot choose it again.
    expect((await regionAtWork.get('/verwaltung/teams')).body).toContain(chooseFirst);
    expect((await regionAtWork.post('/verwaltung/kommune', { municipality: id })).statusCode).toBe(303);
    expect((await regionAtWork.get('/verwaltung/teams')).body).toContain(chooseFirst);
    expect(await auditActions(id)).toContain('organization.deactivated');

    expect((await admin.post(`${BASE}/${id}/aktivieren`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/wettingen/' })).statusCode).toBe(200);
    expect((await new Browser(t.app).login('organisation@wettingen.example')).statusCode).toBe(303);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['organization.deactivated', 'organization.reactivated']));
  }, 20_000);
});
