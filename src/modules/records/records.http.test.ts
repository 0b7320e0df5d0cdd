import { writeFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { accessibilityProblems } from '../../testing/html.ts';
import { Browser } from '../../testing/http.ts';
import { filingJobs } from '../applications/filing.ts';

let t: TestApp;
let clerk: Browser;
let admin: Browser;
const MAX = 1024 * 1024;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const textFile = (text: string, filename = 'brief.txt') => ({ field: 'file', filename, contentType: 'text/plain', data: Buffer.from(text, 'utf8') });

function pdfWith(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

async function newDossier(title: string) {
  const page = await clerk.get('/verwaltung/akten/neu');
  const position = /<option value="([0-9a-f-]{36})"[^>]*>[^<]*6\.1 /.exec(page.body)![1]!;
  const res = await clerk.post('/verwaltung/akten', { title, position }, page.body);
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  return String(res.headers.location).replace('?hinweis=angelegt', '');
}

beforeAll(async () => {
  t = await createTestApp({ config: { uploadMaxBytes: MAX } });
  clerk = new Browser(t.app);
  admin = new Browser(t.app);
  expect((await clerk.login('sachbearbeitung@guetersloh.example')).statusCode).toBe(303);
  expect((await admin.login('organisation@guetersloh.example')).statusCode).toBe(303);
  // The first app of a worker migrates and seeds its database: slow on a busy machine.
}, 180_000);
afterAll(async () => t.close());

describe('filing plan page', () => {
  it('shows the plan to clerks, read-only, and refuses their changes', async () => {
    const page = await clerk.get('/verwaltung/akten/aktenplan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aktenplan – Stadt Gütersloh');
    expect(page.body).toContain('Hundehaltung');
    expect(page.body).not.toContain('name="number"');
    expect(accessibilityProblems(page.body)).toEqual([]);
    const refused = await clerk.post('/verwaltung/akten/aktenplan', { number: '1.9', title: 'Versuch' }, page.body);
    expect(refused.statusCode).toBe(403);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM filing_plan_positions WHERE number = '1.9'`)).n).toBe(0);
  });

  it('lets the admin add and rename positions; a bad number is refused beside its field, the typed values kept', async () => {
    const page = await admin.get('/verwaltung/akten/aktenplan');
    expect(accessibilityProblems(page.body)).toEqual([]);
    const bad = await admin.post('/verwaltung/akten/aktenplan', { number: '1.3.x', title: 'Fundsachen' }, page.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('error-summary');
    expect(bad.body).toContain('Bitte geben Sie die Nummer der Position aus Ziffern und Punkten ein');
    expect(bad.body).toContain('value="1.3.x"');
    expect(bad.body).toContain('value="Fundsachen"');
    const taken = await admin.post('/verwaltung/akten/aktenplan', { number: '1.3.1', title: 'Doppelt' }, page.body);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Diese Nummer gibt es im Aktenplan schon');
    const ok = await admin.post('/verwaltung/akten/aktenplan', { number: '1.3.3', title: 'Fundsachen' }, page.body);
    expect(ok.statusCode).toBe(303);
    const id = (await one<{ id: string }>(`SELECT id FROM filing_plan_positions WHERE number = '1.3.3'`)).id;
    const empty = await admin.post(`/verwaltung/akten/aktenplan/${id}`, { title: '  ' }, page.body);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie die Bezeichnung der Position ein');
    expect((await admin.post(`/verwaltung/akten/aktenplan/${id}`, { title: 'Fundsachen und Fundtiere' }, page.body)).statusCode).toBe(303);
    expect((await admin.get('/verwaltung/akten/aktenplan')).body).toContain('Fundsachen und Fundtiere');
  });
});

describe('dossiers and documents', () => {
  it('creates a general dossier; an empty title is refused with a message', async () => {
    const page = await clerk.get('/verwaltung/akten/neu');
    expect(accessibilityProblems(page.body)).toEqual([]);
    const bad = await clerk.post('/verwaltung/akten', { title: '', position: '' }, page.body);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Bitte geben Sie den Betreff der Akte ein');
    expect(bad.body).toContain('Bitte wählen Sie eine Position des Aktenplans');
    const dossier = await newDossier('Bauvorhaben Kirchstraße 4');
    const shown = await clerk.get(dossier);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toMatch(/Akte 6\.1-\d{4}\/0001: Bauvorhaben Kirchstraße 4/);
    expect(accessibilityProblems(shown.body)).toEqual([]);
  });

  it('refuses bad uploads with clear messages and keeps what was typed; nothing is filed', async () => {
    const dossier = await newDossier('Uploads');
    const url = `${dossier}/dokumente`;
    const noTitle = await clerk.postMultipart(url, { title: '', kind: 'brief', date: '31.02.2026', correspondent: 'Erika Muster' }, [textFile('Hallo')]);
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.body).toContain('Bitte geben Sie den Titel des Dokuments ein');
    expect(noTitle.body).toContain('Bitte wählen Sie die Art des Dokuments aus der Liste');
    expect(noTitle.body).toContain('Bitte geben Sie das Datum des Dokuments als Datum ein');
    expect(noTitle.body).toContain('Bitte wählen Sie die Datei noch einmal aus');
    expect(noTitle.body).toContain('value="Erika Muster"');
    expect(noTitle.body).toContain('value="31.02.2026"');
    const fields = { title: 'Schreiben', kind: 'schreiben', date: '2026-11-03', correspondent: 'Erika Muster' };
    const big = await clerk.postMultipart(url, fields, [textFile('a'.repeat(MAX + 10))]);
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Die Datei ist zu groß. Erlaubt sind höchstens 1 MB.');
    expect(big.body).toContain('value="Schreiben"');
    const binary = await clerk.postMultipart(url, fields, [
      { field: 'file', filename: 'x.zip', contentType: 'application/zip', data: Buffer.from('PK\u0003\u0004\u0000\u0000binary', 'binary') },
    ]);
    expect(binary.statusCode).toBe(422);
    expect(binary.body).toContain('Diese Art von Datei kann nicht zur Akte genommen werden');
    const none = await clerk.postMultipart(url, fields, []);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie die Datei aus');
    const id = dossier.split('/').pop();
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE dossier_id = $1', [id])).n).toBe(0);
    expect((await clerk.postMultipart('/verwaltung/akten/00000000-0000-7000-8000-000000000000/dokumente', fields, [textFile('x')])).statusCode).toBe(404);
    expect((await clerk.get('/verwaltung/akten/keine-akte')).statusCode).toBe(404);
  });

  it('files a PDF with its text, adds a version beside it, downloads each version, and finds it by stem', async () => {
    const dossier = await newDossier('Hundesteuer Familie Muster');
    const pdf = await pdfWith('Hiermit ergeht der Bescheid über die Hundesteuer für den Hund Bello.');
    const added = await clerk.postMultipart(
      `${dossier}/dokumente`,
      { title: 'Bescheid Hundesteuer', kind: 'bescheid', date: '2026-11-03', correspondent: '' },
      [{ field: 'file', filename: 'bescheid.pdf', contentType: 'application/pdf', data: pdf }],
    );
    expect(added.statusCode, added.body.slice(0, 1500)).toBe(303);
    expect(added.headers.location).toBe(`${dossier}?hinweis=dokument`);
    const page = await clerk.get(String(added.headers.location));
    expect(page.body).toContain('Das Dokument wurde zur Akte genommen.');
    const documentPath = /href="(\/verwaltung\/akten\/[0-9a-f-]+\/dokumente\/[0-9a-f-]+)"/.exec(page.body)![1]!;
    const version = await clerk.postMultipart(`${documentPath}/versionen`, {}, [
      textFile('Korrigierter Bescheid: Hundesteuer 2026 ermäßigt.', 'bescheid-neu.txt'),
    ]);
    expect(version.statusCode, version.body.slice(0, 1500)).toBe(303);
    const doc = await clerk.get(`${documentPath}?hinweis=version`);
    expect(doc.body).toContain('Die früheren Versionen bleiben erhalten');
    expect(doc.body).toContain('bescheid.pdf');
    expect(doc.body).toContain('bescheid-neu.txt');
    expect(accessibilityProblems(doc.body)).toEqual([]);
    const v1 = await clerk.get(`${documentPath}/versionen/1/datei`);
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['content-disposition']).toContain('attachment');
    expect(v1.headers['x-content-type-options']).toBe('nosniff');
    expect(v1.rawPayload.equals(pdf)).toBe(true);
    expect((await clerk.get(`${documentPath}/versionen/2/datei`)).body).toBe('Korrigierter Bescheid: Hundesteuer 2026 ermäßigt.');
    expect((await clerk.get(`${documentPath}/versionen/3/datei`)).statusCode).toBe(404);
    const found = await clerk.get('/verwaltung/akten?q=Bescheides%20ermäßigte');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Bescheid Hundesteuer');
    expect(found.body).toMatch(/<mark>Bescheid<\/mark>/);
    // The PDF's text was extracted with the first version.
    const v1Text = await one<{ text: string }>('SELECT text FROM document_versions WHERE version = 1 AND filename = $1', ['bescheid.pdf']);
    expect(v1Text.text).toContain('Hund Bello');
  });

  it('answers a damaged file with a German message and never with its bytes', async () => {
    const dossier = await newDossier('Beschädigte Datei');
    expect((await clerk.postMultipart(`${dossier}/dokumente`, { title: 'Vermerk', kind: 'vermerk' }, [textFile('Originaler Vermerk')])).statusCode).toBe(303);
    const row = await one<{ document_id: string; sha256: string }>(
      `SELECT document_id, sha256 FROM document_versions WHERE filename = 'brief.txt' AND text = 'Originaler Vermerk'`,
    );
    const org = await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`);
    writeFileSync(path.join(t.dataDir, 'blobs', org.id, row.sha256.slice(0, 2), row.sha256.slice(2)), 'Manipulierter Vermerk');
    const res = await clerk.get(`${dossier}/dokumente/${row.document_id}/versionen/1/datei`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Version 1 dieses Dokuments ist beschädigt und wird nicht ausgeliefert.');
    expect(res.body).not.toContain('Manipulierter Vermerk');
    const logged = await one<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq DESC LIMIT 1`, [row.document_id]);
    expect(logged.action).toBe('records.hash_mismatch');
  });

  it('keeps other municipalities out: a dossier of Gütersloh is not found from Rheda-Wiedenbrück', async () => {
    const dossier = await newDossier('Nur Gütersloh');
    const other = new Browser(t.app);
    await other.login('sachbearbeitung@rheda-wiedenbrueck.example');
    expect((await other.get(dossier)).statusCode).toBe(404);
    expect((await other.get('/verwaltung/akten?q=Gütersloh')).body).not.toContain('Nur Gütersloh');
  });
});

describe('filing an application', () => {
  it('files the attachments of a submitted application in its case dossier, once however often the job runs', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    const application = await one<{ id: string; reference: string }>('SELECT id, reference FROM applications ORDER BY submitted_at DESC LIMIT 1');
    const handlers = filingJobs({ db: t.app.db, blobs: t.app.blobs, log: t.app.log });
    await runDueJobs(t.app.db, handlers);
    const dossier = await one<{ id: string; file_number: string; case_reference: string }>(
      'SELECT id, file_number, case_reference FROM dossiers WHERE application_id = $1',
      [application.id],
    );
    expect(dossier.case_reference).toBe(application.reference);
    expect(dossier.file_number).toMatch(/^0\.3-\d{4}\/\d{4}$/);
    const files = await one<{ n: number }>('SELECT count(*)::int AS n FROM application_files WHERE application_id = $1', [application.id]);
    const filed = () => one<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE dossier_id = $1', [dossier.id]);
    expect((await filed()).n).toBe(files.n);
    expect(files.n).toBeGreaterThan(0);
    // At-least-once delivery: the same job again files nothing twice.
    await handlers['records.fileApplication']!(
      { applicationId: application.id },
      { tenantId: (await one<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`)).id, id: 'x', attempts: 2 },
    );
    expect((await filed()).n).toBe(files.n);
    const same = await one<{ a: string; b: string }>(
      'SELECT f.sha256 AS a, v.sha256 AS b FROM application_files f JOIN documents d ON d.source_id = f.id JOIN document_versions v ON v.document_id = d.id WHERE f.application_id = $1 LIMIT 1',
      [application.id],
    );
    expect(same.a).toBe(same.b);
    const page = await clerk.get(`/verwaltung/akten/${dossier.id}`);
    expect(page.body).toContain(application.reference);
    expect(page.body).toContain(`/verwaltung/vorgaenge/${application.id}`);
  });
});
