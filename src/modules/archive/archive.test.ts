// The Aussonderung from real cases: the offer and the transfer validate against the xdomea 3.0.0 schemas (xmllint),
// carry no applicant's name, the archive's evaluation marks the cases, a damaged one changes nothing, and the command
// line's export writes the same package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { fillApplication, submitApplication, VALID_STEPS } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { addDocument, ensureCaseDossier } from '../records/index.ts';
import { deleteExpiredEverywhere } from '../retention/index.ts';
import { archiveOverview, exportPackage, importEvaluation } from './archive.ts';
import { exportToFile } from './jobs.ts';

const STANDARDS = '/work/shared/standards/xdomea';
const SCHEMA = `${STANDARDS}/3.0.0/xdomea.xsd`;
const EXAMPLE_0502 = readFileSync(`${STANDARDS}/examples-3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml`, 'utf8');
const EXAMPLE_ID = 'cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9';
const dir = mkdtempSync(path.join(os.tmpdir(), 'rathaus-xdomea-'));

/** xmllint's verdict on one message; throws with its report when the message does not validate. */
function validate(name: string, xml: Uint8Array) {
  const file = path.join(dir, path.basename(name));
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let t: TestApp;
let org: { id: string; name: string; slug: string; time_zone: string };
let staff: StaffPrincipal;
const ids: string[] = [];
const NOW = new Date('2040-01-02T10:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  org = await inRegion(t.app.db, (tx) =>
    tx.selectFrom('organizations').select(['id', 'name', 'slug', 'time_zone']).where('slug', '=', 'guetersloh').executeTakeFirstOrThrow(),
  );
  const user = await inRegion(t.app.db, (tx) =>
    tx.selectFrom('staff_users').select(['id', 'name', 'email']).where('email', '=', 'organisation@guetersloh.example').executeTakeFirstOrThrow(),
  );
  staff = { ...user, sessionId: 'x', role: 'municipality_admin', organizationId: org.id, organizationName: org.name, tenantId: org.id, tenant: null };
  for (let i = 0; i < 2; i++) {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
  }
  await t.database.admin.exec(
    `UPDATE applications SET status = 'approved', decided_at = TIMESTAMPTZ '2020-05-04T10:00:00Z', closed_at = TIMESTAMPTZ '2020-05-10T10:00:00Z'`,
  );
  await t.database.admin.exec(
    `INSERT INTO retention_rules (tenant_id, id, service_id, document_type, start_event, years, months, offer_to_archive, updated_at)
     VALUES ('${org.id}', gen_random_uuid(), NULL, NULL, 'closed', 10, 0, true, now())`,
  );
  ids.push(...(await inTenant(t.app.db, org.id, (tx) => tx.selectFrom('applications').select('id').orderBy('reference').execute())).map((r) => r.id));
});
afterAll(() => t?.close());

const exportNow = () =>
  inTenant(t.app.db, org.id, (tx) => exportPackage(tx, t.app.blobs, { org, actor: 'test', recipient: 'Kreisarchiv Gütersloh', now: NOW }));
const evaluate = (xml: string) => inTenant(t.app.db, org.id, (tx) => importEvaluation(tx, org.id, staff, xml, NOW));
const evaluation = (marks: Array<[string, string]>) =>
  EXAMPLE_0502.replace(
    /<xdomea:BewertetesObjekt>[\s\S]*<\/xdomea:BewertetesObjekt>/,
    marks
      .map(
        ([id, mark]) =>
          `<xdomea:BewertetesObjekt><xdomea:ID>${id}</xdomea:ID><xdomea:Aussonderungsart><xdomea:Aussonderungsart><code>${mark}</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart></xdomea:BewertetesObjekt>`,
      )
      .join(''),
  );

describe('the transfer to the archive', () => {
  it('offers the closed cases past their date in a 0501 that validates and names no applicant', async () => {
    const due = await inTenant(t.app.db, org.id, (tx) => archiveOverview(tx, org, NOW));
    expect(due.offer.map((c) => c.id).sort()).toEqual([...ids].sort());
    const result = await exportNow();
    if (!result.ok) throw new Error(result.key);
    const files = unzipSync(result.zip);
    const names = Object.keys(files);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f-]{36}_Aussonderung\.Anbieteverzeichnis\.0501\.xml$/);
    expect(validate(names[0]!, files[names[0]!]!)).toBe('');
    const xml = Buffer.from(files[names[0]!]!).toString('utf8');
    for (const id of ids) expect(xml).toContain(`<xdomea:ID>${id}</xdomea:ID>`);
    expect(xml).not.toContain(VALID_STEPS.halter!.nachname!);
    expect(xml).not.toContain(VALID_STEPS.halter!.email!);
    expect(xml).not.toContain('versicherung.pdf');
    // Offered once: the next export has nothing new.
    expect(await exportNow()).toEqual({ ok: false, key: 'archive.error.nothingDue' });
  });

  it('refuses a damaged evaluation, the example of the standard (a case never offered) and one without objects; nothing changes', async () => {
    expect(await evaluate('<xdomea:Aussonderung.Bewertungsverzeichnis.0502')).toMatchObject({ ok: false, key: 'archive.error.notXml' });
    expect(await evaluate(EXAMPLE_0502)).toMatchObject({ ok: false, key: 'archive.error.notOffered', params: { n: '1', total: '1' } });
    expect(
      await evaluate(
        evaluation([
          [ids[0]!, 'A'],
          [EXAMPLE_ID, 'V'],
        ]),
      ),
    ).toMatchObject({ ok: false, key: 'archive.error.notOffered' });
    expect(await evaluate(evaluation([[ids[0]!, 'X']]))).toMatchObject({ ok: false, key: 'archive.error.badObject', params: { n: '1' } });
    expect(await evaluate('<?xml version="1.0"?><xdomea:Aussonderung.Anbieteverzeichnis.0501 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0"/>')).toMatchObject({
      ok: false,
      key: 'archive.error.notEvaluation',
    });
    const marks = await inTenant(t.app.db, org.id, (tx) => tx.selectFrom('archive_marks').select('mark').execute());
    expect(marks.every((m) => m.mark === null)).toBe(true);
  });

  it('transfers what the archive marked A as a 0503 with its files, deletes what it marked V, then the transferred case', async () => {
    expect(
      await evaluate(
        evaluation([
          [ids[0]!, 'A'],
          [ids[1]!, 'V'],
        ]),
      ),
    ).toEqual({ ok: true, archive: 1, destroy: 1, open: 0 });
    const imported = await inTenant(t.app.db, org.id, (tx) =>
      tx.selectFrom('audit_log').select('data').where('action', '=', 'archive.evaluation_imported').execute(),
    );
    expect(imported).toHaveLength(1);

    const deleted = await deleteExpiredEverywhere(t.app.db, t.app.blobs, NOW);
    expect(deleted.applications).toBe(1);

    // The E-Akte's documents replace the application's files: here a Bescheid in the case's dossier.
    const letter = Buffer.from('Bescheid über die Hundesteuer');
    const sha256 = await t.app.blobs.put(org.id, letter);
    const dossier = await inTenant(t.app.db, org.id, async (tx) => {
      const d = await ensureCaseDossier(tx, { tenantId: org.id, applicationId: ids[0]!, reference: 'GT', title: 'Hundeanmeldung' });
      await addDocument(tx, {
        tenantId: org.id,
        dossierId: d.id,
        title: 'Bescheid Hundesteuer',
        kind: 'bescheid',
        documentDate: '2020-05-04',
        file: { sha256, filename: 'bescheid-mustermann.txt', contentType: 'text/plain', size: letter.length },
        text: letter.toString(),
        actor: 'test',
      });
      return d;
    });

    const out = path.join(dir, 'aussonderung.zip');
    const cli = await exportToFile(t.app.db, t.app.blobs, 'guetersloh', out, NOW);
    expect(cli).toEqual({ code: 0, message: `Geschrieben: ${out} (0 angeboten, 1 übergeben).` });
    const files = unzipSync(readFileSync(out));
    const message = Object.keys(files).find((n) => n.endsWith('_Aussonderung.Aussonderung.0503.xml'))!;
    expect(validate(message, files[message]!)).toBe('');
    const xml = Buffer.from(files[message]!).toString('utf8');
    expect(xml).toContain(`<xdomea:ID>${ids[0]}</xdomea:ID>`);
    expect(xml).not.toContain(ids[1]!);
    expect(xml).not.toContain(VALID_STEPS.halter!.nachname!);
    expect(xml).toContain(`<xdomea:Kennzeichen>${dossier.file_number}</xdomea:Kennzeichen>`);
    expect(xml).toContain('<xdomea:Typ>Bescheid</xdomea:Typ>');
    expect(xml).not.toContain('mustermann');
    const primary = /<xdomea:Dateiname>([^<]+)<\/xdomea:Dateiname>/.exec(xml)![1]!;
    expect(primary).toMatch(/^[0-9a-f-]{36}_1\.txt$/);
    expect(Buffer.from(files[primary]!)).toEqual(letter);

    expect((await deleteExpiredEverywhere(t.app.db, t.app.blobs, NOW)).applications).toBe(1);
    expect(await exportToFile(t.app.db, t.app.blobs, 'guetersloh', out, NOW)).toEqual({
      code: 1,
      message: 'Zurzeit ist kein Vorgang anzubieten oder zu übergeben.',
    });
    expect((await exportToFile(t.app.db, t.app.blobs, 'atlantis', out, NOW)).code).toBe(2);
  });
});
