import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, fileBlobStore } from '../../platform/blobs/store.ts';
import { type Database, inRegion, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { extractText } from './extract.ts';
import {
  addDocument,
  addPosition,
  addVersion,
  caseDossier,
  compareNumbers,
  createDossier,
  deleteCaseRecords,
  dossierDocuments,
  dossierForExport,
  ensureCaseDossier,
  fileNumber,
  filingPlan,
  readVersion,
  renamePosition,
  retirePosition,
  searchDocuments,
  setVersionText,
  snippetParts,
} from './records.ts';

let database: Database;
let blobs: BlobStore;
let blobDir: string;
let gt: string;
let rheda: string;
const admin = { id: newId() };
const TODAY = '2026-11-03';

const one = async <T>(sql: string, params: unknown[] = []) => (await database.admin.query<T>(sql, params))[0]!;
const org = async (slug: string) => (await one<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [slug])).id;

async function stored(tenantId: string, text: string) {
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = await blobs.put(tenantId, bytes);
  return { file: { sha256, filename: 'schreiben.txt', contentType: 'text/plain', size: bytes.length }, text: await extractText(bytes, 'text/plain') };
}

async function generalDossier(tenantId: string, title: string) {
  const made = await inTenant(database.db, tenantId, (tx) => createDossier(tx, tenantId, admin, { title, position: '1.3.1' }, TODAY));
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  return made.id;
}

async function fileText(tenantId: string, dossierId: string, title: string, text: string) {
  const { file, text: extracted } = await stored(tenantId, text);
  const added = await inTenant(database.db, tenantId, (tx) =>
    addDocument(tx, { tenantId, dossierId, title, kind: 'schreiben', file, text: extracted, actor: 'staff:test' }),
  );
  return added!.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  blobDir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-records-'));
  blobs = fileBlobStore(blobDir);
  gt = await org('guetersloh');
  rheda = await org('rheda-wiedenbrueck');
});
afterAll(async () => {
  await database.close();
  rmSync(blobDir, { recursive: true, force: true });
});

describe('filing plan', () => {
  it('is seeded on first use, once, in natural order of its numbers', async () => {
    const [a, b] = await Promise.all([inTenant(database.db, gt, (tx) => filingPlan(tx, gt)), inTenant(database.db, gt, (tx) => filingPlan(tx, gt))]);
    expect(a.length).toBeGreaterThan(10);
    expect(b.map((p) => p.number)).toEqual(a.map((p) => p.number));
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM filing_plan_positions WHERE tenant_id = $1', [gt])).n).toBe(a.length);
    expect(a.find((p) => p.number === '1.3.1')).toMatchObject({ depth: 2, parent: '1.3', title: 'Hundehaltung' });
    expect(['1.10', '1.2', '022.30', '022', '1'].sort(compareNumbers)).toEqual(['1', '1.2', '1.10', '022', '022.30']);
  });

  it('names Swiss positions as Swiss municipalities do', async () => {
    const aarau = await org('aarau');
    const plan = await inTenant(database.db, aarau, (tx) => filingPlan(tx, aarau, 'CH'));
    expect(plan.find((p) => p.number === '1.1')!.title).toBe('Einwohnerkontrolle, Pass- und Identitätskarten');
    expect(plan.find((p) => p.number === '6.2')!.title).toBe('Strassen, Wege und Plätze');
  });

  it('adds positions under existing ones, with unique numbers, and refuses bad numbers with a message', async () => {
    const add = (number: string, title: string) => inTenant(database.db, gt, (tx) => addPosition(tx, gt, admin, { number, title }));
    expect(await add('1.3.3', 'Fundsachen')).toMatchObject({ ok: true });
    expect(await add('1.3.3', 'Noch einmal')).toEqual({ ok: false, errors: { number: 'records.error.numberTaken' } });
    expect(await add('7.1', 'Ohne Eltern')).toEqual({ ok: false, errors: { number: 'records.error.parentMissing' } });
    expect(await add('1..3', '')).toEqual({ ok: false, errors: { number: 'records.error.numberInvalid', title: 'records.error.positionTitleMissing' } });
  });

  it('renames and retires positions; a retired position takes no new dossier and keeps its number', async () => {
    const plan = await inTenant(database.db, gt, (tx) => filingPlan(tx, gt));
    const found = plan.find((p) => p.number === '1.3.3')!;
    expect(await inTenant(database.db, gt, (tx) => renamePosition(tx, gt, admin, found.id, { title: '  Fundsachen   und Fundtiere ' }))).toMatchObject({
      ok: true,
    });
    const parent = plan.find((p) => p.number === '1.3')!;
    expect(await inTenant(database.db, gt, (tx) => retirePosition(tx, gt, admin, parent.id))).toEqual({
      ok: false,
      errors: { number: 'records.error.hasActiveChildren' },
    });
    expect(await inTenant(database.db, gt, (tx) => retirePosition(tx, gt, admin, found.id))).toMatchObject({ ok: true });
    const after = await inTenant(database.db, gt, (tx) => filingPlan(tx, gt));
    expect(after.find((p) => p.id === found.id)).toMatchObject({ title: 'Fundsachen und Fundtiere', number: '1.3.3' });
    expect(after.find((p) => p.id === found.id)!.retired_at).not.toBeNull();
    const refused = await inTenant(database.db, gt, (tx) => createDossier(tx, gt, admin, { title: 'Fundfahrrad', position: found.id }, TODAY));
    expect(refused).toEqual({ ok: false, errors: { position: 'records.error.positionUnknown' } });
    const actions = await database.admin.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'records.position%' ORDER BY seq`,
      [gt],
    );
    expect(actions.map((a) => a.action)).toEqual(['records.position_added', 'records.position_renamed', 'records.position_retired']);
  });
});

describe('dossiers and file numbers', () => {
  it('numbers dossiers per position and year: position-year/running number', async () => {
    expect(fileNumber('022.30', 2026, 4)).toBe('022.30-2026/0004');
    const first = await generalDossier(gt, 'Hundehaltung allgemein');
    const second = await generalDossier(gt, 'Gefährliche Hunde 2026');
    const numbers = await inTenant(database.db, gt, async (tx) => [
      (await createDossier(tx, gt, admin, { title: 'Straßenfest', position: '1.3.2' }, '2027-01-02')) as { id: string },
    ]);
    const rows = await database.admin.query<{ id: string; file_number: string }>('SELECT id, file_number FROM dossiers WHERE id = ANY($1)', [
      [first, second, numbers[0]!.id],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r.file_number]));
    expect(byId.get(first)).toBe('1.3.1-2026/0001');
    expect(byId.get(second)).toBe('1.3.1-2026/0002');
    expect(byId.get(numbers[0]!.id)).toBe('1.3.2-2027/0001');
  });

  it('gives each case exactly one dossier, also when asked twice at once', async () => {
    const applicationId = newId();
    const ensure = () =>
      inTenant(database.db, gt, (tx) =>
        ensureCaseDossier(tx, { tenantId: gt, applicationId, reference: 'GT-2026-000777', title: 'Hund anmelden – Erika Muster', today: TODAY }),
      );
    const [a, b] = await Promise.all([ensure(), ensure()]);
    expect(a.id).toBe(b.id);
    expect(a.file_number).toMatch(/^0\.3-2026\/\d{4}$/);
    expect(await inTenant(database.db, gt, (tx) => caseDossier(tx, gt, applicationId))).toMatchObject({ id: a.id, case_reference: 'GT-2026-000777' });
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE application_id = $1', [applicationId])).n).toBe(1);
  });

  it('refuses a dossier without title or with an unknown position', async () => {
    const refused = await inTenant(database.db, gt, (tx) => createDossier(tx, gt, admin, { title: '   ', position: '9.9.9' }, TODAY));
    expect(refused).toEqual({ ok: false, errors: { dossierTitle: 'records.error.dossierTitleMissing', position: 'records.error.positionUnknown' } });
  });
});

describe('documents and versions', () => {
  it('adds a new version beside the old one, never over it', async () => {
    const dossierId = await generalDossier(gt, 'Versionen');
    const documentId = await fileText(gt, dossierId, 'Stellungnahme', 'Erster Entwurf der Stellungnahme zum Bauantrag.');
    const second = await stored(gt, 'Endgültige Stellungnahme zum Bauantrag.');
    const added = await inTenant(database.db, gt, (tx) => addVersion(tx, { tenantId: gt, documentId, ...second, actor: 'staff:test' }));
    expect(added).toEqual({ version: 2 });
    const [doc] = await inTenant(database.db, gt, (tx) => dossierDocuments(tx, gt, dossierId));
    expect(doc!.current_version).toBe(2);
    expect(doc!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(doc!.versions[0]!.sha256).not.toBe(doc!.versions[1]!.sha256);
    const v1 = await inTenant(database.db, gt, (tx) => readVersion(tx, blobs, { tenantId: gt, documentId, version: 1, actor: 'staff:test' }));
    expect(v1.ok && v1.bytes.toString()).toBe('Erster Entwurf der Stellungnahme zum Bauantrag.');
    // The search follows the newest version.
    expect((await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'Entwurf'))).map((h) => h.documentId)).not.toContain(documentId);
    expect((await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'endgültig'))).map((h) => h.documentId)).toContain(documentId);
  });

  it('gives out no bytes whose hash no longer matches, and records the finding', async () => {
    const dossierId = await generalDossier(gt, 'Beschädigt');
    const documentId = await fileText(gt, dossierId, 'Vermerk', 'Ursprünglicher Inhalt des Vermerks.');
    const version = await one<{ sha256: string }>('SELECT sha256 FROM document_versions WHERE document_id = $1', [documentId]);
    writeFileSync(path.join(blobDir, gt, version.sha256.slice(0, 2), version.sha256.slice(2)), 'veränderter Inhalt');
    const read = await inTenant(database.db, gt, (tx) => readVersion(tx, blobs, { tenantId: gt, documentId, version: 1, actor: 'staff:test' }));
    expect(read).toEqual({ ok: false, reason: 'damaged', sha256: version.sha256, found: createHash('sha256').update('veränderter Inhalt').digest('hex') });
    const entry = await one<{ action: string; data: { expected: string } }>(
      `SELECT action, data FROM audit_log WHERE tenant_id = $1 AND object_id = $2 ORDER BY seq DESC LIMIT 1`,
      [gt, documentId],
    );
    expect(entry).toMatchObject({ action: 'records.hash_mismatch', data: { expected: version.sha256 } });
    rmSync(path.join(blobDir, gt, version.sha256.slice(0, 2), version.sha256.slice(2)));
    const gone = await inTenant(database.db, gt, (tx) => readVersion(tx, blobs, { tenantId: gt, documentId, version: 1, actor: 'staff:test' }));
    expect(gone).toMatchObject({ ok: false, reason: 'damaged', found: null });
  });

  it('files a document with a source once, however often it is filed', async () => {
    const dossierId = await generalDossier(gt, 'Einmal');
    const sourceId = newId();
    const { file, text } = await stored(gt, 'Anlage zum Antrag');
    const file1 = () =>
      inTenant(database.db, gt, (tx) => addDocument(tx, { tenantId: gt, dossierId, title: 'Anlage', kind: 'anlage', file, text, actor: 'system', sourceId }));
    const a = await file1();
    const b = await file1();
    expect(a).toMatchObject({ created: true });
    expect(b).toEqual({ id: a!.id, created: false });
  });
});

describe('search', () => {
  it('finds by stem: "Bescheides" finds "Bescheid", with the words marked in the snippet', async () => {
    const dossierId = await generalDossier(gt, 'Hundesteuer Muster');
    const documentId = await fileText(gt, dossierId, 'Schreiben an Frau Muster', 'Hiermit erhalten Sie den Bescheid über die Hundesteuer für das Jahr 2026.');
    const hits = await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'Bescheides'));
    const hit = hits.find((h) => h.documentId === documentId)!;
    expect(hit).toMatchObject({ dossierId, dossierTitle: 'Hundesteuer Muster', applicationId: null });
    expect(hit.snippet).toContainEqual({ text: 'Bescheid', match: true });
    expect((await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, '"Bescheid über" -Gewerbe'))).map((h) => h.documentId)).toContain(documentId);
    expect(await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, '   '))).toEqual([]);
    expect(snippetParts('Der ⟦Bescheid⟧ <b>')).toEqual([
      { text: 'Der ', match: false },
      { text: 'Bescheid', match: true },
      { text: ' <b>', match: false },
    ]);
  });

  it('finds text delivered later (OCR) and keeps municipalities apart', async () => {
    const gtDossier = await generalDossier(gt, 'Scans Gütersloh');
    const scan = await fileText(gt, gtDossier, 'Eingescannter Brief', 'x');
    await inTenant(database.db, gt, (tx) => setVersionText(tx, gt, scan, 1, 'Widerspruch gegen den Gebührenbescheid der Stadtreinigung'));
    const rhedaDossier = await generalDossier(rheda, 'Scans Rheda');
    const foreign = await fileText(rheda, rhedaDossier, 'Brief aus Rheda', 'Widerspruch gegen den Gebührenbescheid der Stadtreinigung');
    const inGt = await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'Widerspruch Stadtreinigung'));
    const inRheda = await inTenant(database.db, rheda, (tx) => searchDocuments(tx, rheda, 'Widerspruch Stadtreinigung'));
    expect(inGt.map((h) => h.documentId)).toEqual([scan]);
    expect(inRheda.map((h) => h.documentId)).toEqual([foreign]);
    // Another tenant's id as parameter changes nothing: the function reads the transaction's own tenant.
    expect((await inTenant(database.db, gt, (tx) => searchDocuments(tx, rheda, 'Widerspruch Stadtreinigung'))).length).toBe(0);
    // Without a tenant the search finds nothing at all.
    expect((await inRegion(database.db, (tx) => searchDocuments(tx, gt, 'Widerspruch'))).length).toBe(0);
  });
});

describe('retention and export', () => {
  it('describes a case dossier for the export and deletes it with its documents, versions and search entries', async () => {
    const applicationId = newId();
    const dossier = await inTenant(database.db, gt, (tx) =>
      ensureCaseDossier(tx, { tenantId: gt, applicationId, reference: 'GT-2026-000888', title: 'Sperrmüll', today: TODAY }),
    );
    const documentId = await fileText(gt, dossier.id, 'Sperrmüllanmeldung', 'Abholung von Sperrmüll am Kirchplatz');
    const exported = await inTenant(database.db, gt, (tx) => dossierForExport(tx, gt, applicationId));
    expect(exported!.dossier.file_number).toBe(dossier.file_number);
    expect(exported!.documents[0]).toMatchObject({ id: documentId, kind: 'schreiben', versions: [{ version: 1, hasText: true }] });
    const sha256 = exported!.documents[0]!.versions[0]!.sha256;
    const deleted = await inTenant(database.db, gt, (tx) => deleteCaseRecords(tx, gt, applicationId));
    expect(deleted).toEqual({ dossiers: 1, documents: 1, versions: 1, blobs: [sha256] });
    expect(await inTenant(database.db, gt, (tx) => searchDocuments(tx, gt, 'Kirchplatz'))).toEqual([]);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM document_search WHERE document_id = $1', [documentId])).n).toBe(0);
    expect(await inTenant(database.db, gt, (tx) => caseDossier(tx, gt, applicationId))).toBeUndefined();
  });
});
