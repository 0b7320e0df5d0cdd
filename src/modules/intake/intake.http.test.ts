// The scanning intake through HTTP: upload into a new paper case and into an existing one, real OCR by the outbox
// job, the progress page, OCR not installed, damaged and oversize files, bad input, a form sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { scannedImage, scannedPdf } from '../../platform/ocr/test-scans.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { readVersion, searchDocuments } from '../records/index.ts';
import { beginRecognition } from './intake.ts';
import { intakeJobs } from './jobs.ts';

let t: TestApp;
let gt: string;
let clerk: Browser;
let serviceId: string;
let scan: Buffer;

const quiet = { error: () => undefined, info: () => undefined };
const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).n;
/** A page's text without tags, to look for messages as people read them. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const runJobs = (ocrCommand = 'ocrmypdf') => runDueJobs(t.database.db, intakeJobs({ db: t.database.db, blobs: t.app.blobs, ocrCommand, log: quiet }));
const job = (id: string) =>
  one<{
    state: string;
    pages_done: number;
    pages_total: number | null;
    message: string | null;
    text_searchable: boolean;
    document_id: string;
    application_id: string;
  }>(`SELECT * FROM intake_jobs WHERE id = $1`, [id]);
const idFrom = (location: string | undefined) => /\/verwaltung\/posteingang\/([0-9a-f-]{36})$/.exec(location ?? '')![1]!;

const PAPER = (over: Record<string, string> = {}) => ({
  ziel: 'neu',
  leistung: serviceId,
  name: 'Jürgen Großmann',
  email: '',
  anschrift: 'Kirchstraße 3\n33330 Gütersloh',
  titel: 'Antrag vom 3. Dezember',
  ...over,
});
const upload = (fields: Record<string, string>, file?: { data: Buffer; filename: string; contentType: string }, browser = clerk) =>
  browser.postMultipart('/verwaltung/posteingang', fields, file ? [{ field: 'datei', ...file }] : []);
const pdfFile = (data: Buffer, filename = 'brief.pdf') => ({ data, filename, contentType: 'application/pdf' });

beforeAll(async () => {
  t = await createTestApp({ config: { scanMaxBytes: 400 * 1024 }, logger: { level: 'error' } });
  gt = (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id;
  serviceId = (await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 AND published ORDER BY slug LIMIT 1`, [gt])).id;
  scan = await scannedPdf([['Antrag auf Baugenehmigung', 'Grundstück Kirchstraße'], ['Anlage Lageplan Gütersloh']]);
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
});
afterAll(() => t?.close());

describe('the intake page', () => {
  it('offers the upload form, says OCR is installed by not warning, and lists no intakes yet', async () => {
    const res = await clerk.get('/verwaltung/posteingang');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Posteingang (Scanstelle)</h1>');
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/name="schluessel" value="[A-Za-z0-9_-]{43}"/);
    expect(text(res.body)).toContain('Höchstens 400 KB.');
    expect(text(res.body)).not.toContain('Texterkennung nicht installiert');
    expect(text(res.body)).toContain('Noch keine Eingänge.');
  });

  it('speaks English when asked', async () => {
    const english = new Browser(t.app);
    await english.login('sachbearbeitung@guetersloh.example');
    const res = await english.get('/verwaltung/posteingang?lang=en');
    expect(res.body).toContain('<h1 class="kern-heading-large">Incoming mail (scanning)</h1>');
    expect(text(res.body)).toContain('At most 400 KB.');
  });

  it('asks a region admin to choose a municipality first, and a visitor to sign in', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin@kreis-guetersloh.example');
    expect(text((await admin.get('/verwaltung/posteingang')).body)).toContain('Bitte wählen Sie zuerst');
    const visitor = await new Browser(t.app).get('/verwaltung/posteingang');
    expect(visitor.statusCode).toBe(303);
  });
});

describe('a new paper application with a scanned PDF', () => {
  let id: string;
  let reference: string;

  it('starts a case with channel paper, a reference and a workflow, and files the scan before any OCR', async () => {
    const res = await upload(PAPER(), pdfFile(scan));
    expect(res.statusCode).toBe(303);
    id = idFrom(res.headers.location as string);
    const row = await job(id);
    expect(row.state).toBe('queued');
    const application = await one<{
      reference: string;
      channel: string;
      applicant_name: string;
      workflow_id: string | null;
      workflow_state: string | null;
      answers: Record<string, string>;
    }>(`SELECT * FROM applications WHERE id = $1`, [row.application_id]);
    reference = application.reference;
    expect(reference).toMatch(/^GT-\d{4}-\d{6}$/);
    expect(application.channel).toBe('paper');
    expect(application.applicant_name).toBe('Jürgen Großmann');
    expect(application.workflow_id).not.toBeNull();
    expect(application.workflow_state).not.toBeNull();
    expect(application.answers['papier.anschrift']).toBe('Kirchstraße 3\n33330 Gütersloh');
    const doc = await one<{ kind: string; title: string; versions: number }>(
      `SELECT d.kind, d.title, (SELECT count(*)::int FROM document_versions v WHERE v.tenant_id = d.tenant_id AND v.document_id = d.id) AS versions
       FROM documents d WHERE d.id = $1`,
      [row.document_id],
    );
    expect(doc).toEqual({ kind: 'scan', title: 'Antrag vom 3. Dezember', versions: 1 });
    expect(await count('audit_log', `tenant_id = $1 AND action = 'intake.received' AND object_id = $2`, [gt, id])).toBe(1);
  });

  it('shows the waiting state with a refresh that can be stopped, announced in a live region', async () => {
    const res = await clerk.get(`/verwaltung/posteingang/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.refresh).toBe('3');
    expect(res.body).toContain('aria-live="polite"');
    expect(text(res.body)).toContain('Wartet auf die Texterkennung');
    expect(res.body).toContain(`href="/verwaltung/posteingang/${id}?aktualisieren=aus"`);
    const stopped = await clerk.get(`/verwaltung/posteingang/${id}?aktualisieren=aus`);
    expect(stopped.headers.refresh).toBeUndefined();
    expect(text(stopped.body)).toContain('Die automatische Aktualisierung ist angehalten.');
    expect(text(stopped.body)).toContain(reference);
  });

  it('recognises the German text in the job: two pages, a PDF/A as the second version, searchable', async () => {
    await runJobs();
    const row = await job(id);
    expect(row).toMatchObject({ state: 'done', pages_done: 2, pages_total: 2, message: 'intake.outcome.searchable', text_searchable: true });
    const versions = await t.database.admin.query<{ version: number; content_type: string; filename: string; text: string | null }>(
      `SELECT version, content_type, filename, text FROM document_versions WHERE document_id = $1 ORDER BY version`,
      [row.document_id],
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.filename).toBe('brief-ocr.pdf');
    expect(versions[1]!.text).toContain('Baugenehmigung');
    expect(versions[1]!.text).toContain('Lageplan');
    const hits = await inTenant(t.database.db, gt, (tx) => searchDocuments(tx, gt, 'Baugenehmigung', 10));
    expect(hits.some((h) => h.documentId === row.document_id)).toBe(true);
    // The original is kept unchanged beside the recognised copy.
    const original = await inTenant(t.database.db, gt, (tx) =>
      readVersion(tx, t.app.blobs, { tenantId: gt, documentId: row.document_id, version: 1, actor: 'test' }),
    );
    expect(original.ok && original.bytes.equals(scan)).toBe(true);
    const audit = await one<{ data: { pages: number; pdfa: boolean } }>(`SELECT data FROM audit_log WHERE action = 'intake.ocr_done' AND object_id = $1`, [id]);
    expect(audit.data).toMatchObject({ pages: 2, pdfa: true });
  });

  it('shows the finished state without refreshing, and lists the intake with its case', async () => {
    const res = await clerk.get(`/verwaltung/posteingang/${id}`);
    expect(res.headers.refresh).toBeUndefined();
    expect(text(res.body)).toContain('Der Text ist erkannt und durchsuchbar');
    expect(res.body).toMatch(/<progress id="intake-progress" max="2" value="2">/);
    const list = await clerk.get('/verwaltung/posteingang');
    expect(text(list.body)).toContain(`${reference} (neuer Antrag)`);
    expect(text(list.body)).toContain('2 / 2');
  });

  it('opens the paper case on the case page like any other', async () => {
    const row = await job(id);
    const page = await clerk.get(`/verwaltung/vorgaenge/${row.application_id}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain(reference);
    expect(text(page.body)).toContain('Jürgen Großmann');
  });

  it('files a TIFF into the same case by its reference, typed in lower case', async () => {
    const tiff = await scannedImage(['Nachreichung Statik'], 'tiff');
    const res = await upload({ ziel: 'vorhanden', aktenzeichen: reference.toLowerCase() }, { data: tiff, filename: 'statik.tif', contentType: 'image/tiff' });
    expect(res.statusCode).toBe(303);
    const added = await job(idFrom(res.headers.location as string));
    expect(added.application_id).toBe((await job(id)).application_id);
    await runJobs();
    expect(await job(idFrom(res.headers.location as string))).toMatchObject({ state: 'done', text_searchable: true });
    expect(await count('dossiers', 'application_id = $1', [added.application_id])).toBe(1);
  });
});

describe('progress while the recognition runs', () => {
  it('shows the running state with the pages done of the pages in all', async () => {
    const res = await upload(PAPER({ name: 'Petra Lauf' }), pdfFile(scan, 'lauf.pdf'));
    const id = idFrom(res.headers.location as string);
    await inTenant(t.database.db, gt, (tx) => beginRecognition(tx, gt, id));
    await t.database.admin.query(`UPDATE intake_jobs SET pages_done = 1, pages_total = 2 WHERE id = $1`, [id]);
    const page = await clerk.get(`/verwaltung/posteingang/${id}`);
    expect(page.headers.refresh).toBe('3');
    expect(page.body).toMatch(/<progress id="intake-progress" max="2" value="1">/);
    expect(text(page.body)).toContain('1 von 2 Seiten erkannt');
    expect(page.body).toContain('<title>Texterkennung läuft (1 von 2 Seiten): lauf.pdf');
    // The job runs on from where it stood (a worker that died mid-way) and finishes it.
    await t.database.admin.query(`UPDATE outbox SET available_at = now() WHERE topic = 'intake.ocr' AND payload->>'intakeId' = $1`, [id]);
    await runJobs();
    expect(await job(id)).toMatchObject({ state: 'done', pages_done: 2 });
  });
});

describe('without OCR installed', () => {
  it('files the scan as it is and says its text is not searchable', async () => {
    const res = await upload(PAPER({ name: 'Otto Ohne' }), pdfFile(scan, 'ohne.pdf'));
    const id = idFrom(res.headers.location as string);
    await runJobs('/nonexistent/ocrmypdf');
    const row = await job(id);
    expect(row).toMatchObject({ state: 'done', message: 'intake.outcome.noOcr', text_searchable: false });
    expect(await count('document_versions', 'document_id = $1', [row.document_id])).toBe(1);
    expect(await count('audit_log', `action = 'intake.ocr_unavailable' AND object_id = $1`, [id])).toBe(1);
    const page = await clerk.get(`/verwaltung/posteingang/${id}`);
    expect(text(page.body)).toContain('Die Texterkennung ist auf diesem Server nicht installiert');
    expect(text(page.body)).toContain('sein Text ist nicht durchsuchbar');
    expect(text(page.body)).toContain('Abgelegt, ohne Texterkennung');
    // Once OCR is there, a clerk starts it again and the text becomes searchable.
    expect(page.body).toContain(`action="/verwaltung/posteingang/${id}/wiederholen"`);
    expect((await clerk.post(`/verwaltung/posteingang/${id}/wiederholen`, {}, page.body)).statusCode).toBe(303);
    await runJobs();
    expect(await job(id)).toMatchObject({ state: 'done', message: 'intake.outcome.searchable', text_searchable: true });
  });

  it('warns on the intake page when the configured command is missing', async () => {
    const other = await createTestApp({ config: { ocrCommand: '/nonexistent/ocrmypdf' } });
    try {
      const b = new Browser(other.app);
      await b.login('sachbearbeitung@guetersloh.example');
      const page = await b.get('/verwaltung/posteingang');
      expect(text(page.body)).toContain('Texterkennung nicht installiert');
      expect(text(page.body)).toContain('ihr Text ist nicht durchsuchbar');
    } finally {
      await other.close();
    }
  });
});

describe('damaged, oversize and wrong files', () => {
  it('refuses a "PDF" that is none with a German message, files nothing and keeps what was typed', async () => {
    const before = await count('applications', 'tenant_id = $1', [gt]);
    const res = await upload(PAPER({ name: 'Fritz Falsch' }), pdfFile(Buffer.from('Das ist kein PDF, nur Text.'), 'falsch.pdf'));
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Die Datei „falsch.pdf“ ist kein PDF, TIFF oder JPEG, oder sie ist beschädigt. Es wurde nichts abgelegt.');
    expect(res.body).toContain('value="Fritz Falsch"');
    expect(res.body).toContain('Kirchstraße 3\n33330 Gütersloh</textarea>');
    expect(res.body).toContain('href="#intake-datei"');
    expect(await count('applications', 'tenant_id = $1', [gt])).toBe(before);
  });

  it('refuses a file over the configured size with the limit named', async () => {
    const big = Buffer.concat([scan, Buffer.alloc(400 * 1024)]);
    const res = await upload(PAPER({ name: 'Gerda Groß' }), pdfFile(big, 'gross.pdf'));
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toMatch(/Die Datei „gross.pdf“ ist größer als 400 KB und wurde nicht abgelegt/);
    expect(await count('intake_jobs', `filename = 'gross.pdf'`)).toBe(0);
  });

  it('files a truncated TIFF, keeps the original when OCR cannot read it, and says so', async () => {
    const tiff = await scannedImage(['Gewerbeanmeldung'], 'tiff');
    // Cut before its directory (at the end of the file): not recognisable as a TIFF, refused, nothing filed.
    const headless = await upload(PAPER({ name: 'Tina Teil' }), { data: tiff.subarray(0, 3000), filename: 'teil.tif', contentType: 'image/tiff' });
    expect(headless.statusCode).toBe(422);
    expect(text(headless.body)).toContain('Die Datei „teil.tif“ ist kein PDF, TIFF oder JPEG, oder sie ist beschädigt.');
    // Cut inside its directory: a TIFF by its bytes, but its page cannot be read.
    const cut = tiff.subarray(0, tiff.length - 100);
    const res = await upload(PAPER({ name: 'Tina Teil' }), { data: cut, filename: 'teil.tif', contentType: 'image/tiff' });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location as string);
    await runJobs();
    const row = await job(id);
    expect(row).toMatchObject({ state: 'failed', message: 'intake.outcome.damaged', text_searchable: false });
    const original = await inTenant(t.database.db, gt, (tx) =>
      readVersion(tx, t.app.blobs, { tenantId: gt, documentId: row.document_id, version: 1, actor: 'test' }),
    );
    expect(original.ok && original.bytes.equals(cut)).toBe(true);
    const page = await clerk.get(`/verwaltung/posteingang/${id}`);
    expect(text(page.body)).toContain('Die Datei ist beschädigt oder unvollständig');
    expect(text(page.body)).toContain('Das Original ist unverändert in der E-Akte abgelegt');
    expect(page.body).toContain(`action="/verwaltung/posteingang/${id}/wiederholen"`);
    expect(page.headers.refresh).toBeUndefined();
    expect(await count('audit_log', `action = 'intake.ocr_failed' AND object_id = $1`, [id])).toBe(1);
  });
});

describe('bad input', () => {
  it('names each missing or wrong field beside it and in the summary', async () => {
    const res = await upload({ ziel: 'neu', leistung: '', name: '', email: 'kein-at', anschrift: '' }, pdfFile(scan));
    expect(res.statusCode).toBe(422);
    const page = text(res.body);
    expect(page).toContain('Bitte wählen Sie die Leistung, die beantragt wird.');
    expect(page).toContain('Bitte geben Sie den Namen der antragstellenden Person ein');
    expect(page).toContain('Bitte geben Sie eine E-Mail-Adresse wie name@example.de ein');
    expect(page).toContain('Bitte geben Sie die Anschrift der antragstellenden Person ein');
    expect(res.body).toContain('value="kein-at"');
    const none = await upload({}, undefined);
    expect(text(none.body)).toContain('Bitte wählen Sie die Datei mit dem Scan.');
    expect(text(none.body)).toContain('Bitte wählen Sie, ob das Schreiben zu einem vorhandenen Vorgang gehört');
  });

  it('refuses an unknown reference and one of another municipality', async () => {
    const res = await upload({ ziel: 'vorhanden', aktenzeichen: 'GT-2026-999999' }, pdfFile(scan));
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Einen Vorgang mit dem Aktenzeichen „GT-2026-999999“ gibt es in dieser Kommune nicht.');
    const rheda = new Browser(t.app);
    await rheda.login('sachbearbeitung@rheda-wiedenbrueck.example');
    const ours = await one<{ reference: string }>(`SELECT reference FROM intake_jobs WHERE tenant_id = $1 LIMIT 1`, [gt]);
    const foreign = await upload({ ziel: 'vorhanden', aktenzeichen: ours.reference }, pdfFile(scan), rheda);
    expect(foreign.statusCode).toBe(422);
    expect((await rheda.get(`/verwaltung/posteingang/${(await one<{ id: string }>(`SELECT id FROM intake_jobs LIMIT 1`)).id}`)).statusCode).toBe(404);
  });

  it('files a form sent twice once', async () => {
    const key = 'A'.repeat(43);
    const first = await upload(PAPER({ name: 'Doppel Klick', schluessel: key }), pdfFile(scan, 'doppelt.pdf'));
    const second = await upload(PAPER({ name: 'Doppel Klick', schluessel: key }), pdfFile(scan, 'doppelt.pdf'));
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count('intake_jobs', `filename = 'doppelt.pdf'`)).toBe(1);
    expect(await count('applications', `applicant_name = 'Doppel Klick'`)).toBe(1);
  });
});
