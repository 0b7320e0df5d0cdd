import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBlobStore } from '../../platform/blobs/store.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { organizationBySlug } from '../organizations/index.ts';
import { caseDossier, searchDocuments } from '../records/index.ts';
import { builtIn } from '../workflows/index.ts';
import { seedDemoCases } from './cases.ts';
import { DEMO_REGIONS } from './demo.ts';

let t: TestApp;
let made: number;
const now = new Date('2026-12-01T09:00:00Z');
const blobs = () => fileBlobStore(path.join(t.dataDir, 'blobs'));

beforeAll(async () => {
  t = await createTestApp();
  made = await seedDemoCases(t.database.db, blobs(), t.config.appSecret, now);
}, 120_000);
afterAll(() => t?.close());

const slugs = DEMO_REGIONS.flatMap((r) => r.municipalities.map((m) => m.slug));

async function casesOf(slug: string) {
  const org = (await inRegion(t.database.db, (tx) => organizationBySlug(tx, slug)))!;
  const rows = await inTenant(t.database.db, org.id, (tx) =>
    tx
      .selectFrom('applications as a')
      .innerJoin('workflows as w', (j) => j.onRef('w.tenant_id', '=', 'a.tenant_id').onRef('w.id', '=', 'a.workflow_id'))
      .select(['a.id', 'a.reference', 'a.workflow_state', 'a.status', 'a.closed_at', 'a.submitted_at', 'w.key'])
      .where('a.tenant_id', '=', org.id)
      .execute(),
  );
  return { org, rows };
}

describe('the demo cases', () => {
  it('puts cases in every state of every workflow the municipality uses', async () => {
    expect(made).toBeGreaterThan(slugs.length * 10);
    for (const slug of slugs) {
      const { rows } = await casesOf(slug);
      for (const key of ['standard', 'vier-augen', 'gebuehr']) {
        const states = new Set(rows.filter((r) => r.key === key).map((r) => r.workflow_state));
        expect([...states].sort(), `${slug} ${key}`).toEqual(
          builtIn(key)!
            .states.map((s) => s.id)
            .sort(),
        );
      }
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['submitted', 'in_review', 'awaiting_applicant', 'approved', 'rejected']));
    }
  });

  it('closes some cases years ago, so their retention has run on', async () => {
    for (const slug of slugs) {
      const { rows } = await casesOf(slug);
      const old = rows.filter((r) => r.closed_at && new Date(r.closed_at).getTime() < now.getTime() - 3 * 365 * 86_400_000);
      expect(old.length, slug).toBeGreaterThanOrEqual(2);
    }
  });

  it('files every case with a document whose text the search finds', async () => {
    const { org, rows } = await casesOf('guetersloh');
    await inTenant(t.database.db, org.id, async (tx) => {
      for (const r of rows) expect(await caseDossier(tx, org.id, r.id), r.reference).toBeTruthy();
      const hits = await searchDocuments(tx, org.id, 'Versicherungsbestätigung Deckungssumme');
      expect(hits.length).toBeGreaterThan(5);
    });
  });

  it('adds nothing when run again', async () => {
    expect(await seedDemoCases(t.database.db, blobs(), t.config.appSecret, now)).toBe(0);
  });
});
