import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, type Database } from '../../platform/db/database.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { checkTexts, defaultTexts, legalTextsOf, type OrgFacts, saveLegalTexts } from './legal.ts';
import { FIELDS, LEGAL_FIELDS, type LegalTexts } from './schema.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const orgs = () => database.admin.query<OrgFacts>('SELECT * FROM organizations ORDER BY created_at, name');
const bySlug = async (slug: string) => (await orgs()).find((o) => o.slug === slug)!;
const staffOf = async (slug: string) =>
  (await database.admin.query<{ id: string }>('SELECT id FROM staff_users WHERE email = $1', [`organisation@${slug}.example`]))[0]!;
const auditCount = async (tenantId: string) =>
  Number(
    (await database.admin.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND action = 'legal.texts_saved'", [tenantId]))[0]!.n,
  );

describe('defaults', () => {
  it('fill every required field for every demo municipality, with the address its services give', async () => {
    const municipalities = (await orgs()).filter((o) => o.kind === 'municipality' && o.is_demo);
    expect(municipalities).toHaveLength(6);
    for (const org of municipalities) {
      const texts = defaultTexts(org, 'Marktplatz 1, 12345 Musterstadt');
      const { errors } = checkTexts(texts);
      expect(errors, org.slug).toEqual({});
      for (const field of LEGAL_FIELDS) if (FIELDS[field].required) expect(texts[field], `${org.slug} ${field}`).not.toBe('');
      expect(texts.address).toBe('Marktplatz 1, 12345 Musterstadt');
    }
  });

  it("name the Land's or the canton's authorities", async () => {
    const gt = defaultTexts(await bySlug('guetersloh'));
    expect(gt.supervisoryAuthority).toContain('Nordrhein-Westfalen');
    expect(gt.enforcementName).toContain('Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen');
    expect(gt.enforcementUrl).toMatch(/^https:\/\//);
    const aarau = defaultTexts(await bySlug('aarau'));
    expect(aarau.supervisoryAuthority).toContain('Kanton');
    expect(aarau.supervisoryAuthority).toContain('Aargau');
    expect(aarau.enforcementName).toContain('EBGB');
    const elsewhere = defaultTexts({ ...(await bySlug('guetersloh')), official_key: '091620000000' });
    expect(elsewhere.enforcementName).toContain('Schlichtungsstelle nach dem Behindertengleichstellungsgesetz');
  });

  it('write the Leichte Sprache text as one short statement per line', async () => {
    const lines = defaultTexts(await bySlug('baden')).easyLanguage.split('\n');
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(line.split(' ').length, line).toBeLessThanOrEqual(10);
  });
});

describe('checking an edit', () => {
  const valid = async (): Promise<LegalTexts> => defaultTexts(await bySlug('guetersloh'), 'Berliner Straße 70, 33330 Gütersloh');

  it('takes valid texts, line ends made \\n', async () => {
    const { values, errors } = checkTexts({ ...(await valid()), easyLanguage: 'Eins.\r\nZwei.\rDrei.' });
    expect(errors).toEqual({});
    expect(values.easyLanguage).toBe('Eins.\nZwei.\nDrei.');
  });

  it('names the field of each refusal: empty, too long, control characters, several lines, e-mail, web address, choice', async () => {
    const { errors } = checkTexts({
      ...(await valid()),
      address: '   ',
      representative: 'a\u0000b',
      privacyText: 'p'.repeat(8001),
      phone: '1\n2',
      feedbackEmail: 'ohne-at',
      enforcementUrl: 'javascript:alert(1)',
      conformity: 'maybe',
    });
    expect(errors.address).toEqual({ key: 'legal.required.address' });
    expect(errors.representative).toEqual({ key: 'legal.error.control', params: { label: 'legal.field.representative' } });
    expect(errors.privacyText).toEqual({ key: 'legal.error.tooLong', params: { label: 'legal.field.privacyText', max: 8000, length: 8001 } });
    expect(errors.phone?.key).toBe('legal.error.singleLine');
    expect(errors.feedbackEmail?.key).toBe('legal.error.email');
    expect(errors.enforcementUrl?.key).toBe('legal.error.url');
    expect(errors.conformity?.key).toBe('legal.required.conformity');
  });

  it('asks for the content that is not accessible unless the site is fully compliant', async () => {
    expect(checkTexts({ ...(await valid()), conformity: 'partial', nonAccessible: '' }).errors.nonAccessible?.key).toBe('legal.required.nonAccessible');
    expect(checkTexts({ ...(await valid()), conformity: 'full', nonAccessible: '' }).errors).toEqual({});
  });
});

describe('saving', () => {
  it('stores the texts and audits the changed fields; a refusal stores and audits nothing', async () => {
    const org = await bySlug('wettingen');
    const actor = await staffOf('wettingen');
    const texts = defaultTexts(org, 'Alberich Zwyssigstrasse 76, 5430 Wettingen');
    await inTenant(database.db, org.id, async (tx) => {
      expect((await legalTextsOf(tx, org)).saved).toBe(false);
      const refused = await saveLegalTexts(tx, actor, org, { ...texts, dpoEmail: '' });
      expect(refused.ok).toBe(false);
      expect((await legalTextsOf(tx, org)).saved).toBe(false);
    });
    expect(await auditCount(org.id)).toBe(0);

    await inTenant(database.db, org.id, async (tx) => {
      expect(await saveLegalTexts(tx, actor, org, texts)).toEqual({ ok: true });
      expect(await saveLegalTexts(tx, actor, org, { ...texts, dpoName: 'Datenschutz Wettingen' })).toEqual({ ok: true });
      const state = await legalTextsOf(tx, org);
      expect(state.saved).toBe(true);
      expect(state.texts.dpoName).toBe('Datenschutz Wettingen');
      expect(state.preparedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
    const entries = await database.admin.query<{ data: { changed: string[]; first: boolean } }>(
      "SELECT data FROM audit_log WHERE tenant_id = $1 AND action = 'legal.texts_saved' ORDER BY seq",
      [org.id],
    );
    expect(entries.map((e) => e.data)).toEqual([
      { changed: LEGAL_FIELDS, first: true },
      { changed: ['dpoName'], first: false },
    ]);
  });

  it("keeps one municipality's texts from another's (row-level security)", async () => {
    const baden = await bySlug('baden');
    const wettingen = await bySlug('wettingen');
    await inTenant(database.db, baden.id, async (tx) => {
      // Wettingen saved its texts above; in Baden's scope they are not visible.
      expect((await legalTextsOf(tx, wettingen)).saved).toBe(false);
    });
  });
});
