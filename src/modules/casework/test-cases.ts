// Cases for the casework tests, written as the schema's owner: an application row (with files) as a submission
// leaves it, without going through the portal's steps each time.
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { Database } from '../../platform/db/database.ts';
import { derivedToken, newId, sha256Hex } from '../../platform/ids.ts';

export interface TestCase {
  id: string;
  reference: string;
  tenantId: string;
  serviceId: string;
}

const one = async <T>(db: Database, sql: string, params: unknown[] = []) => (await db.admin.query<T>(sql, params))[0]!;

export const orgId = async (db: Database, slug: string) => (await one<{ id: string }>(db, `SELECT id FROM organizations WHERE slug = $1`, [slug])).id;

// Numbers far above what the demo's counters reach, so a case made here never takes a reference the app gives.
let counter = 800_000 + Math.floor(Math.random() * 100_000);

/** A submitted dog registration (or the given service) of the municipality, with optional files stored as blobs. */
export async function insertCase(
  db: Database,
  slug: string,
  opts: {
    service?: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    birthDate?: string;
    status?: string;
    submittedAt?: Date;
    dueAt?: Date | null;
    closedAt?: Date | null;
    extra?: Record<string, unknown>;
    files?: Array<{ filename: string; bytes: Buffer }>;
    blobs?: BlobStore;
    /** The app's secret: the case gets the status link the portal would give it (see statusLinkOf). */
    secret?: string;
  } = {},
): Promise<TestCase> {
  const tenantId = await orgId(db, slug);
  const org = await one<{ reference_prefix: string }>(db, `SELECT reference_prefix FROM organizations WHERE id = $1`, [tenantId]);
  const service = await one<{ id: string; version: number }>(db, `SELECT id, version FROM services WHERE tenant_id = $1 AND slug = $2`, [
    tenantId,
    opts.service ?? 'hund-anmelden',
  ]);
  const id = newId();
  counter += 1;
  const reference = `${org.reference_prefix}-2026-${counter}`;
  const first = opts.firstName ?? 'Erika';
  const last = opts.lastName ?? 'Mustermann';
  const email = opts.email ?? `${id}@example.org`;
  const answers = { vorname: first, nachname: last, email, ...(opts.birthDate ? { geburtsdatum: opts.birthDate } : {}), ...opts.extra };
  const at = opts.submittedAt ?? new Date();
  await db.admin.query(
    `INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email, status_token_hash,
       idempotency_key, submitted_at, updated_at, retain_until, service_version, due_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, '2036-01-01', $12, $13, $14)`,
    [
      tenantId,
      id,
      reference,
      service.id,
      opts.status ?? 'submitted',
      JSON.stringify(answers),
      `${first} ${last}`,
      email,
      sha256Hex(opts.secret ? derivedToken(opts.secret, 'status', id) : `status-${id}`),
      sha256Hex(`key-${id}`),
      at,
      service.version,
      opts.dueAt ?? null,
      opts.closedAt ?? null,
    ],
  );
  for (const f of opts.files ?? []) {
    const sha256 = await opts.blobs!.put(tenantId, f.bytes);
    await db.admin.query(
      `INSERT INTO application_files (tenant_id, id, application_id, field, filename, content_type, size_bytes, sha256, created_at)
       VALUES ($1, $2, $3, 'versicherung', $4, 'application/pdf', $5, $6, now())`,
      [tenantId, newId(), id, f.filename, f.bytes.length, sha256],
    );
  }
  return { id, reference, tenantId, serviceId: service.id };
}

/** The applicant's status page of a case made with the app's secret. */
export const statusLinkOf = (slug: string, secret: string, id: string) => `/${slug}/antraege/${derivedToken(secret, 'status', id)}`;
