// The deletion run with a moved clock: nothing goes before the date; after it the case's rows, files and blobs are
// gone and the protocol counts them by class only; a held case stays; a rule that offers to the archive waits.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { fillApplication, submitApplication, VALID_STEPS } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { addDocument, ensureCaseDossier, searchDocuments } from '../records/index.ts';
import { deleteExpiredEverywhere } from './jobs.ts';
import { caseRetention, liftLegalHold, saveRule, setLegalHold } from './retention.ts';

let t: TestApp;
let tenant: string;
let staff: StaffPrincipal;
beforeAll(async () => {
  t = await createTestApp();
  const org = await inRegion(t.app.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow());
  tenant = org.id;
  const user = await inRegion(t.app.db, (tx) =>
    tx.selectFrom('staff_users').select(['id', 'name', 'email']).where('email', '=', 'organisation@guetersloh.example').executeTakeFirstOrThrow(),
  );
  staff = { ...user, sessionId: 'x', role: 'municipality_admin', organizationId: tenant, organizationName: 'Stadt Gütersloh', tenantId: tenant, tenant: null };
});
afterAll(() => t?.close());

const inGt = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(t.app.db, tenant, fn);
const count = (table: string) => inGt(async (tx) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(tx)).rows[0]!.n);

async function decidedCase(decidedAt: string) {
  const citizen = new Browser(t.app);
  await fillApplication(citizen);
  await submitApplication(citizen);
  const row = await inGt((tx) => tx.selectFrom('applications').select(['id', 'reference']).orderBy('submitted_at', 'desc').limit(1).executeTakeFirstOrThrow());
  await t.database.admin.exec(
    `UPDATE applications SET status = 'approved', decided_at = TIMESTAMPTZ '${decidedAt}', submitted_at = TIMESTAMPTZ '${decidedAt}' - interval '10 days' WHERE id = '${row.id}'`,
  );
  await inGt((tx) =>
    sql`INSERT INTO application_messages (tenant_id, id, application_id, author, body, created_at)
    VALUES (${tenant}, gen_random_uuid(), ${row.id}, 'office', 'Bitte Nachweis nachreichen', now())`.execute(tx),
  );
  return row;
}

describe('the deletion run', () => {
  it('keeps cases until their date, then removes rows, files and blobs and protocols counts only; a held case stays', async () => {
    const hundService = await inGt((tx) => tx.selectFrom('services').select('id').where('slug', '=', 'hund-anmelden').executeTakeFirstOrThrow());
    expect(await inGt((tx) => saveRule(tx, tenant, staff, { service: hundService.id, startEvent: 'decided', years: '2', months: '6' }))).toMatchObject({
      ok: true,
    });
    const kept = await decidedCase('2020-03-15T10:00:00Z');
    const held = await decidedCase('2020-03-15T10:00:00Z');
    expect(await inGt((tx) => setLegalHold(tx, tenant, staff, { reference: held.reference, reason: 'Klageverfahren 3 K 112/26' }))).toMatchObject({ ok: true });
    const files = await inGt((tx) => tx.selectFrom('application_files').select('sha256').where('application_id', '=', kept.id).execute());
    expect(files.length).toBeGreaterThan(0);
    // The case's dossier in the E-Akte with a document of its own bytes and words the search finds.
    const note = await t.app.blobs.put(tenant, Buffer.from('Vermerk: Wurmkur nachgewiesen'));
    await inGt(async (tx) => {
      const dossier = await ensureCaseDossier(tx, { tenantId: tenant, applicationId: kept.id, reference: kept.reference, title: 'Hundeanmeldung' });
      await addDocument(tx, {
        tenantId: tenant,
        dossierId: dossier.id,
        title: 'Vermerk Wurmkur',
        kind: 'vermerk',
        file: { sha256: note, filename: 'vermerk.txt', contentType: 'text/plain', size: 29 },
        text: 'Vermerk: Wurmkur nachgewiesen',
        actor: 'test',
      });
    });
    expect(await inGt((tx) => searchDocuments(tx, tenant, 'Wurmkur'))).toHaveLength(1);
    const before = await count('applications');
    expect(await inGt((tx) => caseRetention(tx, tenant, kept.id, 'Europe/Berlin', '2022-09-15'))).toEqual({
      keepUntil: '2022-09-15',
      legalHold: false,
      disposition: 'keep',
    });
    expect(await inGt((tx) => caseRetention(tx, tenant, held.id, 'Europe/Berlin', '2022-09-16'))).toMatchObject({ disposition: 'held' });

    // Decided 15 March 2020 + 2 years 6 months: kept through 15 September 2022.
    const onLastDay = await deleteExpiredEverywhere(t.app.db, t.app.blobs, new Date('2022-09-15T12:00:00Z'));
    expect(onLastDay.applications).toBe(0);
    expect(await count('applications')).toBe(before);
    expect(await count('deletion_protocol')).toBe(0);

    const nextDay = new Date('2022-09-16T08:00:00Z');
    const result = await deleteExpiredEverywhere(t.app.db, t.app.blobs, nextDay);
    expect(result).toMatchObject({ applications: 1, messages: 1, documents: 1, search_entries: 1, files: 1 });
    expect(await inGt((tx) => searchDocuments(tx, tenant, 'Wurmkur'))).toEqual([]);
    expect(await t.app.blobs.has(tenant, note)).toBe(false);
    expect(await count('applications')).toBe(before - 1);
    expect(await inGt((tx) => tx.selectFrom('applications').select('id').where('id', '=', kept.id).executeTakeFirst())).toBeUndefined();
    expect(await inGt((tx) => tx.selectFrom('application_files').select('id').where('application_id', '=', kept.id).execute())).toEqual([]);
    expect(await inGt((tx) => tx.selectFrom('application_messages').select('id').where('application_id', '=', kept.id).execute())).toEqual([]);
    // The held case's file has the same bytes: the blob stays while it points at it.
    expect(await t.app.blobs.has(tenant, files[0]!.sha256)).toBe(true);

    const protocol = await inGt((tx) => tx.selectFrom('deletion_protocol').selectAll().orderBy('data_class').execute());
    expect(protocol.map((p) => [p.data_class, p.count])).toEqual([
      ['applications', 1],
      ['documents', 1],
      ['files', 1],
      ['messages', 1],
      ['search_entries', 1],
    ]);
    expect(JSON.stringify(protocol)).not.toContain(kept.reference);
    expect(JSON.stringify(protocol)).not.toContain(kept.id);
    expect(JSON.stringify(protocol)).not.toContain(VALID_STEPS.halter!.nachname!);

    // Lifted, the held case goes on the next run, and with it the last reference to the blob.
    expect(await inGt((tx) => liftLegalHold(tx, tenant, staff, held.id, 'Verfahren abgeschlossen'))).toMatchObject({ ok: true });
    const later = await deleteExpiredEverywhere(t.app.db, t.app.blobs, nextDay);
    expect(later).toMatchObject({ applications: 1, files: 1 });
    expect(await t.app.blobs.has(tenant, files[0]!.sha256)).toBe(false);
    const actions = await inGt((tx) =>
      tx.selectFrom('audit_log').select(['action', 'data']).where('action', 'like', 'application.legal_hold%').orderBy('seq').execute(),
    );
    expect(actions.map((a) => a.action)).toEqual(['application.legal_hold_set', 'application.legal_hold_lifted']);
  });

  it('never deletes an open case, and waits for the archive when the rule offers to it', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    await t.database.admin.exec(`UPDATE applications SET retain_until = DATE '2000-01-01', submitted_at = TIMESTAMPTZ '1999-01-01T00:00:00Z'`);
    expect((await deleteExpiredEverywhere(t.app.db, t.app.blobs, new Date('2040-01-01T00:00:00Z'))).applications).toBe(0);

    await inGt((tx) => saveRule(tx, tenant, staff, { service: '', startEvent: 'submitted', years: '1', months: '0', offer: 'ja' }));
    const offered = await decidedCase('2010-01-01T00:00:00Z');
    // Another service has its own rules only for hund-anmelden: this case falls under the default, which offers.
    await t.database.admin.exec(`UPDATE retention_rules SET offer_to_archive = true`);
    expect((await deleteExpiredEverywhere(t.app.db, t.app.blobs, new Date('2040-01-01T00:00:00Z'))).applications).toBe(0);
    expect(await inGt((tx) => tx.selectFrom('applications').select('id').where('id', '=', offered.id).executeTakeFirst())).toBeDefined();
  });
});
