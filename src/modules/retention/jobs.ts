// The daily deletion run over every municipality: rows first, in one transaction per municipality, then the blobs
// nothing points at any more (a crash between the two leaves stray blobs, which the applications' sweep removes).
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type Db, inRegion, inTenant } from '../../platform/db/database.ts';
import { allMunicipalities } from '../organizations/index.ts';
import { deleteExpired } from './retention.ts';
import { DATA_CLASSES, type DataClass } from './schema.ts';

export async function deleteExpiredEverywhere(db: Db, blobs: BlobStore, now = new Date()) {
  const municipalities = await inRegion(db, (tx) => allMunicipalities(tx));
  const totals = Object.fromEntries(DATA_CLASSES.map((c) => [c, 0])) as Record<DataClass, number>;
  for (const org of municipalities) {
    const result = await inTenant(db, org.id, (tx) => deleteExpired(tx, org.id, org.time_zone, now));
    for (const sha256 of result.blobs) await blobs.remove(org.id, sha256);
    for (const c of DATA_CLASSES) totals[c] += result.counts[c];
  }
  return totals;
}
