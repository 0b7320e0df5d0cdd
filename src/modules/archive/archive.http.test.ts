// The archive page over HTTP: the due cases, the ZIP download (a POST: it records the offer), and the evaluation
// upload with a damaged file refused on the same page.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';

const EXAMPLE_0502 = readFileSync('/work/shared/standards/xdomea/examples-3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml', 'utf8');

let t: TestApp;
let admin: Browser;
let tenant: string;
let reference: string;
let caseId: string;
beforeAll(async () => {
  t = await createTestApp();
  tenant = (await inRegion(t.app.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow())).id;
  const citizen = new Browser(t.app);
  await fillApplication(citizen);
  await submitApplication(citizen);
  await t.database.admin.exec(`UPDATE applications SET status = 'rejected', decided_at = TIMESTAMPTZ '2001-02-03T10:00:00Z'`);
  await t.database.admin.exec(
    `INSERT INTO retention_rules (tenant_id, id, service_id, document_type, start_event, years, months, offer_to_archive, updated_at)
     VALUES ('${tenant}', gen_random_uuid(), NULL, NULL, 'decided', 5, 0, true, now())`,
  );
  const row = await inTenant(t.app.db, tenant, (tx) => tx.selectFrom('applications').select(['id', 'reference']).executeTakeFirstOrThrow());
  reference = row.reference;
  caseId = row.id;
  admin = new Browser(t.app);
  expect((await admin.login('organisation@guetersloh.example')).statusCode).toBe(303);
});
afterAll(() => t?.close());

const upload = (data: string) =>
  admin.postMultipart('/verwaltung/archiv/bewertung', {}, [
    { field: 'datei', filename: 'bewertung.xml', contentType: 'application/xml', data: Buffer.from(data) },
  ]);

describe('the archive page', () => {
  it('lists the case due for offer and downloads the package as a ZIP', async () => {
    const page = await admin.get('/verwaltung/archiv');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(reference);
    expect(page.body).toContain('<h1 class="kern-heading-large">Aussonderung an das Archiv: Stadt Gütersloh</h1>');
    const zip = await admin.post('/verwaltung/archiv/export', {}, page.body);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="xdomea-aussonderung-guetersloh-\d{4}-\d{2}-\d{2}\.zip"$/);
    const names = Object.keys(unzipSync(new Uint8Array(zip.rawPayload)));
    expect(names).toEqual([expect.stringMatching(/_Aussonderung\.Anbieteverzeichnis\.0501\.xml$/)]);
    const after = await admin.get('/verwaltung/archiv');
    expect(after.body).toContain('Angeboten, Bewertung des Archivs steht aus');
    const again = await admin.post('/verwaltung/archiv/export', {}, after.body);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Zurzeit ist kein Vorgang anzubieten oder zu übergeben.');
  });

  it('refuses a missing, a damaged and a foreign evaluation on the page, and reads a good one', async () => {
    const missing = await admin.postMultipart('/verwaltung/archiv/bewertung', {}, []);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte wählen Sie die XML-Datei mit der Bewertung des Archivs.');
    const damaged = await upload(EXAMPLE_0502.slice(0, 900));
    expect(damaged.statusCode).toBe(422);
    expect(damaged.body).toContain('Die Datei ist kein lesbares XML. Es wurde nichts geändert.');
    expect(damaged.body).toContain('href="#f-datei"');
    const foreign = await upload(EXAMPLE_0502);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('1 von 1 bewerteten Einträgen sind keine dem Archiv angebotenen Vorgänge dieser Kommune.');
    expect(await inTenant(t.app.db, tenant, (tx) => tx.selectFrom('archive_marks').select('mark').executeTakeFirstOrThrow())).toEqual({ mark: null });

    const good = await upload(EXAMPLE_0502.replace('cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9', caseId));
    expect(good.statusCode).toBe(303);
    const page = await admin.get(String(good.headers.location));
    expect(page.body).toContain('Die Bewertung ist eingelesen: 1 zu übergeben, 0 zu vernichten, 0 noch offen.');
    expect(page.body).toContain('Zu übergeben (vom Archiv als archivwürdig bewertet)');
    const zip = await admin.post('/verwaltung/archiv/export', {}, page.body);
    expect(Object.keys(unzipSync(new Uint8Array(zip.rawPayload))).some((n) => n.endsWith('_Aussonderung.Aussonderung.0503.xml'))).toBe(true);
  });

  it('is the admin’s: a clerk gets no access', async () => {
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get('/verwaltung/archiv')).statusCode).toBe(403);
  });
});
