import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { BASE, fillApplication, VALID_STEPS } from '../../testing/flows.ts';
import { TINY_PDF } from '../../testing/http.ts';
import { sha256Hex } from '../../platform/ids.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { purgeAllTenants } from './jobs.ts';

let t: TestApp;
let tenant: string;
beforeAll(async () => {
  t = await createTestApp();
  tenant = (await inRegion(t.app.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow())).id;
});
afterAll(() => t?.close());

const count = (table: 'application_drafts') =>
  inTenant(t.app.db, tenant, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(tx)).rows[0]!.n);

// Cases themselves are deleted by the retention module (src/modules/retention/deletion.test.ts).
describe('drafts and stray files', () => {
  it('removes files no row points at once they are a few hours old', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    const replaced = Buffer.concat([TINY_PDF, Buffer.from('% zweite Fassung\n')]);
    expect(
      (await citizen.postMultipart(`${BASE}/nachweis`, {}, [{ field: 'versicherung', filename: 'neu.pdf', contentType: 'application/pdf', data: replaced }]))
        .statusCode,
    ).toBe(303);
    const stored = (await t.app.blobs.list(tenant)).map((b) => b.sha256);
    const current = sha256Hex(replaced);
    const first = sha256Hex(TINY_PDF);
    expect(stored).toEqual(expect.arrayContaining([first, current]));
    // Right away nothing goes: an upload is written a moment before the row that records it.
    expect((await purgeAllTenants(t.app.db, t.app.blobs)).blobs).toBe(0);
    const later = await purgeAllTenants(t.app.db, t.app.blobs, new Date(Date.now() + 7 * 3600_000));
    expect(later.blobs).toBeGreaterThanOrEqual(1);
    expect(await t.app.blobs.has(tenant, current)).toBe(true);
    expect(await t.app.blobs.has(tenant, first)).toBe(false);
    await t.database.admin.exec(`DELETE FROM application_drafts`);
  });

  it("keeps the municipality's logo, and removes a logo once it is replaced", async () => {
    const png = (n: number) =>
      Buffer.concat([
        Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
        Buffer.from([n]),
      ]);
    const admin = new Browser(t.app);
    expect((await admin.login('admin@kreis-guetersloh.example')).statusCode).toBe(303);
    const upload = (bytes: Buffer) =>
      admin.postMultipart(`/verwaltung/organisationen/${tenant}/logo`, {}, [{ field: 'logo', filename: 'logo.png', contentType: 'image/png', data: bytes }]);
    expect((await upload(png(1))).statusCode).toBe(303);
    const nextDay = new Date(Date.now() + 25 * 3600_000);
    await purgeAllTenants(t.app.db, t.app.blobs, nextDay);
    expect(await t.app.blobs.has(tenant, sha256Hex(png(1)))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/guetersloh/logo' })).statusCode).toBe(200);

    expect((await upload(png(2))).statusCode).toBe(303);
    await purgeAllTenants(t.app.db, t.app.blobs, nextDay);
    expect(await t.app.blobs.has(tenant, sha256Hex(png(1)))).toBe(false);
    expect(await t.app.blobs.has(tenant, sha256Hex(png(2)))).toBe(true);
  });

  it('deletes expired drafts with their uploads, but not a file another draft still uses', async () => {
    const a = new Browser(t.app);
    const b = new Browser(t.app);
    await fillApplication(a);
    await fillApplication(b);
    expect(await count('application_drafts')).toBe(2);
    await t.database.admin.exec(`UPDATE application_drafts SET expires_at = now() - interval '1 minute'
      WHERE token_hash = (SELECT token_hash FROM application_drafts ORDER BY created_at LIMIT 1)`);
    const result = await purgeAllTenants(t.app.db, t.app.blobs);
    expect(result.drafts).toBe(1);
    // Both drafts uploaded the same bytes: the blob stays for the draft that is still alive.
    expect(result.blobs).toBe(0);
    const page = await b.get(`${BASE}/pruefen`);
    expect(page.body).toContain(VALID_STEPS.halter!.nachname!);
  });
});
