// The scanning intake's domain: a paper case like any other, a born-digital PDF searchable at once, a job delivered
// twice doing its work once, a retry only where it makes sense.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { textPdf } from '../../platform/ocr/test-scans.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { applicationByReference, createPaperApplication } from '../applications/index.ts';
import type { Organization } from '../organizations/index.ts';
import { serviceById } from '../services/index.ts';
import { beginRecognition, receiveScan, recognitionDone, retryRecognition, sizeText } from './intake.ts';
import { recogniseIntake } from './jobs.ts';

let t: TestApp;
let org: Organization;
let staff: StaffPrincipal;
let serviceId: string;

const quiet = { error: () => undefined, info: () => undefined };
const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.admin.query<T>(sql, params))[0]!;
const count = async (table: string, where: string, params: unknown[] = []) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).n;
const deps = () => ({ db: t.database.db, blobs: t.app.blobs, ocrCommand: 'ocrmypdf', log: quiet });

beforeAll(async () => {
  t = await createTestApp();
  org = await one<Organization>(`SELECT * FROM organizations WHERE slug = 'guetersloh'`);
  serviceId = (await one<{ id: string }>(`SELECT id FROM services WHERE tenant_id = $1 AND published ORDER BY slug LIMIT 1`, [org.id])).id;
  const user = await one<{ id: string; name: string; email: string }>(
    `SELECT id, name, email FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`,
  );
  staff = { ...user, sessionId: 'test', role: 'clerk', organizationId: org.id, organizationName: org.name, tenantId: org.id, tenant: org };
});
afterAll(() => t?.close());

const paper = (key: string, email = '') =>
  inTenant(t.database.db, org.id, async (tx) =>
    createPaperApplication(tx, {
      org,
      service: (await serviceById(tx, org.id, serviceId))!,
      applicant: { name: 'Maria Papier', email, address: 'Marktplatz 1\n33330 Gütersloh' },
      actor: `staff:${staff.id}`,
      secret: t.config.appSecret,
      idempotencyKey: key,
      today: '2026-12-06',
    }),
  );

describe('a paper application', () => {
  it('gets a reference of the year, channel paper and the first state of its workflow; the same key makes one case', async () => {
    const first = await paper('k'.repeat(43));
    const again = await paper('k'.repeat(43));
    expect(first.reference).toMatch(/^GT-2026-\d{6}$/);
    expect(again).toEqual({ ...first, created: false });
    const row = await one<{ channel: string; status: string; workflow_state: string; state_entered_at: Date | null }>(
      `SELECT * FROM applications WHERE id = $1`,
      [first.applicationId],
    );
    expect(row).toMatchObject({ channel: 'paper', status: 'submitted' });
    expect(row.workflow_state).toBeTruthy();
    expect(row.state_entered_at).not.toBeNull();
    expect(await count('audit_log', `action = 'application.received_on_paper' AND object_id = $1`, [first.applicationId])).toBe(1);
  });

  it('sends the confirmation only when the letter names an e-mail address', async () => {
    const without = await paper('w'.repeat(43));
    const withMail = await paper('m'.repeat(43), 'maria@example.org');
    const mails = (id: string) => count('outbox', `topic = 'application.submitted' AND payload->>'applicationId' = $1`, [id]);
    expect(await mails(without.applicationId)).toBe(0);
    expect(await mails(withMail.applicationId)).toBe(1);
  });

  it('is found by its reference typed in any case, and nothing is looked up for a malformed one', async () => {
    const { reference, applicationId } = await paper('r'.repeat(43));
    const found = await inTenant(t.database.db, org.id, (tx) => applicationByReference(tx, org.id, ` ${reference.toLowerCase()} `));
    expect(found?.id).toBe(applicationId);
    expect(await inTenant(t.database.db, org.id, (tx) => applicationByReference(tx, org.id, "GT-2026-0001' OR 1=1"))).toBeUndefined();
  });
});

describe('the recognition job', () => {
  it('keeps the text of a born-digital PDF from the start, and runs once when delivered twice', async () => {
    const pdf = await textPdf([['Schreiben zur Hundesteuer', 'Widerspruch']]);
    const outcome = await inTenant(t.database.db, org.id, (tx) =>
      receiveScan(
        tx,
        { blobs: t.app.blobs, scanMaxBytes: 1024 * 1024, secret: t.config.appSecret },
        {
          org,
          staff,
          values: { target: 'neu', service: serviceId, name: 'Digital Dora', email: '', address: 'Weg 2' },
          files: [{ filename: 'digital.pdf', mimetype: 'application/pdf', data: pdf, truncated: false }],
        },
      ),
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const before = await one<{ text_searchable: boolean; document_id: string }>(`SELECT * FROM intake_jobs WHERE id = $1`, [outcome.id]);
    expect(before.text_searchable).toBe(true);
    const v1 = await one<{ text: string }>(`SELECT text FROM document_versions WHERE document_id = $1 AND version = 1`, [before.document_id]);
    expect(v1.text).toContain('Hundesteuer');

    await recogniseIntake(deps(), org.id, outcome.id);
    await recogniseIntake(deps(), org.id, outcome.id);
    expect(await count('document_versions', 'document_id = $1', [before.document_id])).toBe(2);
    expect(await count('audit_log', `action = 'intake.ocr_done' AND object_id = $1`, [outcome.id])).toBe(1);
    const v2 = await one<{ text: string }>(`SELECT text FROM document_versions WHERE document_id = $1 AND version = 2`, [before.document_id]);
    // --skip-text: the page's own text layer is kept, not recognised over.
    expect(v2.text).toContain('Hundesteuer');

    // A finished intake with OCR is not queued again.
    expect(await inTenant(t.database.db, org.id, (tx) => retryRecognition(tx, org.id, staff, outcome.id))).toBe(false);
    expect(await inTenant(t.database.db, org.id, (tx) => retryRecognition(tx, org.id, staff, '00000000-0000-0000-0000-000000000000'))).toBeUndefined();
  });

  it('names sizes as the limits are configured', () => {
    expect(sizeText(25 * 1024 * 1024)).toBe('25 MB');
    expect(sizeText(400 * 1024)).toBe('400 KB');
  });
});

describe('a run that lost its lease', () => {
  it('records nothing once a newer attempt owns the job', async () => {
    const pdf = await textPdf([['Zweiter Versuch']]);
    const outcome = await inTenant(t.database.db, org.id, (tx) =>
      receiveScan(
        tx,
        { blobs: t.app.blobs, scanMaxBytes: 1024 * 1024, secret: t.config.appSecret },
        {
          org,
          staff,
          values: { target: 'neu', service: serviceId, name: 'Lena Lease', email: '', address: 'Weg 3' },
          files: [{ filename: 'lease.pdf', mimetype: 'application/pdf', data: pdf, truncated: false }],
        },
      ),
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const stale = (await inTenant(t.database.db, org.id, (tx) => beginRecognition(tx, org.id, outcome.id)))!;
    // The lease ran out; another worker took the job up and finished it.
    await recogniseIntake(deps(), org.id, outcome.id);
    const late = await inTenant(t.database.db, org.id, (tx) =>
      recognitionDone(tx, org.id, stale, { sha256: 'a'.repeat(64), size: 1, text: 'spät', pages: 1, pdfa: true }),
    );
    expect(late).toBe(false);
    const job = await one<{ document_id: string; state: string }>(`SELECT * FROM intake_jobs WHERE id = $1`, [outcome.id]);
    expect(job.state).toBe('done');
    expect(await count('document_versions', 'document_id = $1', [job.document_id])).toBe(2);
  });
});
