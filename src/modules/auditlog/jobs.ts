// The full recomputation of every tenant's audit chain, run with the hourly upkeep: each chain at most once a day,
// so the log viewer's quick check (entries since) always rests on a recent full one.
import { type Db, inRegion, inTenant } from '../../platform/db/database.ts';
import { allOrganizations } from '../organizations/index.ts';
import type { VerifyProblem } from '../../platform/audit/audit.ts';
import { recomputeChain, wholeCheckDue } from './auditlog.ts';

export const WHOLE_CHECK_EVERY_MS = 24 * 3600_000;

/** Checks in full every chain whose last full check is older than a day (or every chain with `all`). */
export async function checkChainsInFull(db: Db, options: { now?: Date; all?: boolean } = {}) {
  const now = options.now ?? new Date();
  const results: Array<{ slug: string; entries: number; problems: VerifyProblem[] }> = [];
  for (const org of await inRegion(db, allOrganizations)) {
    const due = options.all || (await inTenant(db, org.id, (tx) => wholeCheckDue(tx, org.id, now, WHOLE_CHECK_EVERY_MS)));
    if (due) results.push({ slug: org.slug, ...(await inTenant(db, org.id, (tx) => recomputeChain(tx, org.id, now))) });
  }
  return results;
}
