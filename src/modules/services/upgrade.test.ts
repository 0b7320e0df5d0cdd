// An installation from before the catalog: its services are brought into the catalog's shape by migration 0012.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite, inTenant, openPglite, type Database } from '../../platform/db/database.ts';
import { migrate, migrationFiles } from '../../platform/db/migrate.ts';
import { serviceAtVersion, serviceBySlug } from './index.ts';
import { computeFees } from './fees.ts';

let database: Database;
const MUNICIPALITY = '01900000-0000-7000-8000-000000000001';
const SERVICE = '01900000-0000-7000-8000-000000000002';

beforeAll(async () => {
  database = await openPglite(await createPglite(), true);
  const dir = path.resolve(import.meta.dirname, '../../../migrations');
  const before = migrationFiles().filter((name) => name < '0009');
  await database.admin.exec('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const name of before) {
    await database.admin.exec(`BEGIN; ${readFileSync(path.join(dir, name), 'utf8')}; INSERT INTO schema_migrations (name) VALUES ('${name}'); COMMIT;`);
  }
  await database.admin.exec(`INSERT INTO organizations (id, parent_id, kind, slug, name, official_key, reference_prefix, country, time_zone, currency, contact)
    VALUES ('${MUNICIPALITY}', NULL, 'municipality', 'altstadt', 'Altstadt', '059990001001', 'AS', 'DE', 'Europe/Berlin', 'EUR', '{}')`);
  const old = {
    summary: { de: 'Hund anmelden' },
    description: { de: 'Beschreibung' },
    eligibility: { de: 'Alle' },
    documents: [],
    processingTime: { de: 'Eine Woche' },
    legalBasis: { de: 'Hundesteuersatzung' },
    retentionYears: 5,
    fees: [
      { label: { de: 'Hundesteuer je Jahr' }, amountMinor: 9600 },
      { label: { de: 'Hundemarke' }, amountMinor: 500 },
    ],
    contact: { office: { de: 'Steueramt' }, email: 'steuer@altstadt.example', phone: '0123', address: 'Markt 1', hours: { de: 'Mo–Fr' } },
    form: { steps: [{ id: 'halter', title: { de: 'Halter' }, fields: [{ id: 'name', type: 'text', label: { de: 'Name' }, required: true }] }] },
  };
  await database.admin.exec(
    `INSERT INTO services (tenant_id, id, slug, title, definition) VALUES ('${MUNICIPALITY}', '${SERVICE}', 'hund', 'Hund anmelden', '${JSON.stringify(old)}')`,
  );
  await migrate(database.admin);
});
afterAll(() => database?.close());

describe('upgrading services written before the catalog', () => {
  it('gives them the catalog shape, a first version and makes them the municipality’s own', async () => {
    const service = (await inTenant(database.db, MUNICIPALITY, (tx) => serviceBySlug(tx, MUNICIPALITY, 'hund')))!;
    expect(service.definition.local).toMatchObject({ office: { de: 'Steueramt' }, email: 'steuer@altstadt.example' });
    expect(service.definition.title).toEqual({ de: 'Hund anmelden' });
    expect(service.definition.feeRules).toEqual([
      { id: 'gebuehr_1', label: { de: 'Hundesteuer je Jahr' }, unitMinor: 9600 },
      { id: 'gebuehr_2', label: { de: 'Hundemarke' }, unitMinor: 500 },
    ]);
    expect(computeFees(service.definition, {}).totalMinor).toBe(10100);
    expect(await inTenant(database.db, MUNICIPALITY, (tx) => serviceAtVersion(tx, MUNICIPALITY, SERVICE, 1))).toMatchObject({ version: 1 });
    const [row] = await database.admin.query<{ own: boolean }>(`SELECT own_content IS NOT NULL AS own FROM services WHERE id = '${SERVICE}'`);
    expect(row!.own).toBe(true);
  });
});
