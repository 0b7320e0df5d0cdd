// BPMN import and export through HTTP: download, upload with its report, saving the result, and bad files.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, csrfToken } from '../../testing/http.ts';
import { importBpmn } from './bpmn-import.ts';
import { STANDARD } from './builtins.ts';

let t: TestApp;
let gt: string;
let admin: Browser;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const carried = (html: string) => unescapeHtml(/name="ergebnis" value="([^"]*)"/.exec(html)![1]!);
const checked = (html: string) =>
  [...html.matchAll(/<input[^>]*name="entscheidet"[^>]*>/g)]
    .map((m) => m[0])
    .filter((i) => / checked/.test(i))
    .map((i) => /value="([^"]+)"/.exec(i)![1]!);
const upload = (browser: Browser, data: Buffer, filename = 'prozess.bpmn') =>
  browser.postMultipart('/studio/ablaeufe/import', {}, [{ field: 'datei', filename, contentType: 'application/octet-stream', data }]);

/** Posts the accept form of a result page, with the fields a person changed. */
async function accept(browser: Browser, page: string, fields: { key?: string; name?: string; entscheidet?: string[] } = {}) {
  const body = new URLSearchParams({ _csrf: csrfToken(page), ergebnis: carried(page) });
  body.set('key', fields.key ?? unescapeHtml(/name="key"[^>]*value="([^"]*)"/.exec(page)?.[1] ?? ''));
  body.set('name', fields.name ?? unescapeHtml(/name="name"[^>]*value="([^"]*)"/.exec(page)?.[1] ?? ''));
  for (const d of fields.entscheidet ?? checked(page)) body.append('entscheidet', d);
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url: '/studio/ablaeufe/import/uebernehmen',
    payload: body.toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const latest = async (key: string) =>
  (
    await t.database.admin.query<{ version: number; definition: typeof STANDARD }>(
      `SELECT version, definition FROM workflows WHERE tenant_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1`,
      [gt, key],
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  gt = (await t.database.admin.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`))[0]!.id;
  admin = new Browser(t.app);
  await admin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('who may use the BPMN pages', () => {
  it('sends a stranger to the login and refuses clerks, as the rest of the studio', async () => {
    expect((await new Browser(t.app).get('/studio/ablaeufe/import')).statusCode).toBe(303);
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/studio/ablaeufe/import')).statusCode).toBe(403);
    expect((await clerk.get('/studio/ablaeufe/standard/bpmn')).statusCode).toBe(403);
  });
});

describe('download', () => {
  it('sends a workflow as a BPMN 2.0 attachment that imports back unchanged', async () => {
    const res = await admin.get('/studio/ablaeufe/standard/bpmn');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ablauf-standard-v1.bpmn"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(await importBpmn(res.body)).toEqual({ ok: true, definition: STANDARD, unmapped: [] });
  });

  it('is linked from the workflow page (the version shown) and the import from the list of workflows', async () => {
    expect((await admin.get('/studio/ablaeufe/gebuehr')).body).toContain('href="/studio/ablaeufe/gebuehr/bpmn?version=1"');
    expect((await admin.get('/studio/ablaeufe')).body).toContain('href="/studio/ablaeufe/import"');
  });

  it('answers 404 for an unknown workflow, a key of the wrong shape or a version that does not exist', async () => {
    expect((await admin.get('/studio/ablaeufe/gibt-es-nicht/bpmn')).statusCode).toBe(404);
    expect((await admin.get('/studio/ablaeufe/A..B/bpmn')).statusCode).toBe(404);
    expect((await admin.get('/studio/ablaeufe/standard/bpmn?version=7')).statusCode).toBe(404);
    expect((await admin.get('/studio/ablaeufe/standard/bpmn?version=x')).statusCode).toBe(404);
  });
});

describe('import', () => {
  it('shows the upload form', async () => {
    const res = await admin.get('/studio/ablaeufe/import');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('name="_csrf"');
  });

  it('reports a Camunda file with what was not taken over, saves nothing before "Übernehmen", then saves it', async () => {
    const res = await upload(admin, fixture('camunda-sondernutzung.bpmn'), 'sondernutzung.bpmn');
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toContain('Ergebnis: „Sondernutzungserlaubnis Straßenraum“');
    expect(body).toContain('Über Antrag entscheiden');
    // Each element that was not mapped: its id, its type in German, its name, and what happened to it.
    expect(body).toContain('Gateway_Split');
    expect(body).toContain('Parallele Verzweigung (UND)');
    expect(body).toContain('Serviceaufgabe Gebühr berechnen');
    expect(body).toContain(`Bedingung „\${!vollstaendig}“ am Fluss: nicht übernommen.`);
    expect(await latest('sondernutzungserlaubnis-strassenraum')).toBeUndefined();

    // The transitions out of "Über Antrag entscheiden" are offered as the decision, checked.
    expect(checked(res.body).sort()).toEqual(['genehmigt-ja', 'genehmigt-nein']);
    const saved = await accept(admin, res.body);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/studio/ablaeufe/sondernutzungserlaubnis-strassenraum?hinweis=gespeichert');
    const row = await latest('sondernutzungserlaubnis-strassenraum');
    expect(row?.version).toBe(1);
    expect(row!.definition.transitions.filter((tr) => tr.effect === 'decide').map((tr) => tr.id)).toEqual(['genehmigt-nein', 'genehmigt-ja']);
    const logged = await t.database.admin.query(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'workflow.created'`, [gt]);
    expect(logged.length).toBeGreaterThan(0);
    expect((await admin.get('/studio/ablaeufe/sondernutzungserlaubnis-strassenraum')).statusCode).toBe(200);
  });

  it('refuses to save without a deciding transition or with a bad key: 422, the messages beside their fields, the typed values kept', async () => {
    const res = await upload(admin, fixture('signavio-hundesteuer.bpmn'));
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('Prozess (Pool) Halterin / Halter');

    const badKey = await accept(admin, res.body, { key: 'Hunde Steuer!', name: 'Hundesteuer neu' });
    expect(badKey.statusCode).toBe(422);
    expect(badKey.body).toContain('href="#bpmn-key"');
    expect(badKey.body).toContain('value="Hunde Steuer!"');
    expect(badKey.body).toContain('value="Hundesteuer neu"');
    expect(text(badKey.body)).toContain('Bitte geben Sie einen Schlüssel aus Kleinbuchstaben');

    const reserved = await accept(admin, res.body, { key: 'import' });
    expect(reserved.statusCode).toBe(422);
    expect(text(reserved.body)).toContain('Der Schlüssel „import“ ist für diese Seite vergeben.');

    const noDecision = await accept(admin, res.body, { key: 'hundesteuer', entscheidet: [] });
    expect(noDecision.statusCode).toBe(422);
    expect(noDecision.body).toContain('value="hundesteuer"');
    expect(noDecision.body).toContain('href="#bpmn-decide"');
    expect(await latest('hundesteuer')).toBeUndefined();

    const saved = await accept(admin, noDecision.body, { key: 'hundesteuer', entscheidet: ['steuerbescheid-erstellen'] });
    expect(saved.statusCode).toBe(303);
    expect((await latest('hundesteuer'))?.definition.roles.map((r) => r.id)).toEqual(['sachbearbeitung-hundesteuer', 'stadtkasse']);
  });

  it('imports an export of an existing workflow as its next version, with nothing unmapped and no decision to choose', async () => {
    const file = await admin.get('/studio/ablaeufe/vier-augen/bpmn');
    const res = await upload(admin, Buffer.from(file.body));
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('Alle Elemente der Datei wurden übernommen.');
    expect(res.body).not.toContain('name="entscheidet"');
    const saved = await accept(admin, res.body);
    expect(saved.headers.location).toBe('/studio/ablaeufe/vier-augen?hinweis=gespeichert');
    // The built-in version becomes version 1, the import version 2.
    expect((await latest('vier-augen'))?.version).toBe(2);
  });

  it.each([
    ['no file at all', undefined, 'Bitte wählen Sie eine BPMN-Datei aus.'],
    ['a text file', Buffer.from('Ablauf: erst prüfen, dann entscheiden.'), 'Die Datei ist kein wohlgeformtes XML'],
    ['another XML format', Buffer.from('<?xml version="1.0"?><xdf:nachricht xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3"/>'), 'kein BPMN 2.0'],
    ['a file in Latin-1', Buffer.from('<?xml version="1.0"?><definitions name="Prüfung"/>', 'latin1'), 'nicht in UTF-8 kodiert'],
    ['an empty file', Buffer.alloc(0), 'Die Datei ist leer.'],
  ])('refuses %s with a clear German message beside the file field', async (_what, data, message) => {
    const res = data ? await upload(admin, data) : await admin.postMultipart('/studio/ablaeufe/import', {}, []);
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain(message);
    expect(res.body).toContain('href="#bpmn-datei"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('refuses an accept form whose carried result was tampered with, and asks for the file again', async () => {
    const page = (await admin.get('/studio/ablaeufe/import')).body;
    const body = new URLSearchParams({ _csrf: csrfToken(page), ergebnis: '{"definition": "kaputt"', key: 'x', name: 'x' });
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: '/studio/ablaeufe/import/uebernehmen',
      payload: body.toString(),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Bitte laden Sie sie erneut hoch.');
  });
});
