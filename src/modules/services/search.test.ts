import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant, type Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { createOrganization } from '../organizations/index.ts';
import {
  byInitial,
  cleanQuery,
  MAX_QUERY_LENGTH,
  portalOverview,
  queryWords,
  reindexMunicipality,
  reindexService,
  removeFromIndex,
  searchServices,
  searchWithDetails,
  topTasks,
} from './search.ts';

let database: Database;
let town: string;
let other: string;
const ids: Record<string, string> = {};

interface TestService {
  slug: string;
  title: string;
  summary?: string;
  description?: string;
  keywords?: string[];
  synonyms?: string[];
  lifeSituations?: string[];
  published?: boolean;
  en?: string;
}

const definitionOf = (s: TestService) =>
  JSON.stringify({
    title: { de: s.title, ...(s.en ? { en: s.en } : {}) },
    summary: { de: s.summary ?? '' },
    description: { de: s.description ?? '' },
    keywords: s.keywords ?? [],
    synonyms: s.synonyms ?? [],
    lifeSituations: s.lifeSituations ?? [],
  });

/** A service row as the catalog writes it, then indexed as the catalog does after every write. */
async function addService(tenantId: string, s: TestService): Promise<string> {
  const id = newId();
  await inTenant(database.db, tenantId, async (tx) => {
    await tx
      .insertInto('services')
      .values({ tenant_id: tenantId, id, slug: s.slug, title: s.title, definition: definitionOf(s), published: s.published ?? true } as never)
      .execute();
    await reindexService(tx, tenantId, id);
  });
  return id;
}

async function updateService(tenantId: string, id: string, s: TestService) {
  await inTenant(database.db, tenantId, async (tx) => {
    await tx
      .updateTable('services')
      .set({ title: s.title, definition: definitionOf(s), published: s.published ?? true } as never)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await reindexService(tx, tenantId, id);
  });
}

const search = (q: string, tenantId = town, limit?: number) => inTenant(database.db, tenantId, (tx) => searchServices(tx, tenantId, q, { limit }));
const titles = async (q: string, tenantId = town) => (await search(q, tenantId)).map((h) => h.title);

const entryCount = (tenantId: string, serviceId: string) =>
  inTenant(
    database.db,
    tenantId,
    async (tx) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_search WHERE tenant_id = ${tenantId} AND service_id = ${serviceId}`.execute(tx)).rows[0]!
        .n,
  );
const termCount = (tenantId: string, serviceId: string) =>
  inTenant(
    database.db,
    tenantId,
    async (tx) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_search_terms WHERE tenant_id = ${tenantId} AND service_id = ${serviceId}`.execute(tx))
        .rows[0]!.n,
  );
const vocabulary = (tenantId: string) =>
  inTenant(database.db, tenantId, async (tx) =>
    (await sql<{ lexeme: string }>`SELECT lexeme FROM service_search_lexemes WHERE tenant_id = ${tenantId} ORDER BY lexeme`.execute(tx)).rows.map(
      (r) => r.lexeme,
    ),
  );

async function municipality(slug: string, prefix: string): Promise<string> {
  const made = await inRegion(database.db, (tx) =>
    createOrganization(tx, {
      kind: 'municipality',
      slug,
      name: `Stadt ${slug}`,
      key: `0575400${prefix.charCodeAt(0)}`,
      country: 'DE',
      prefix,
      parent: 'kreis-guetersloh',
    }),
  );
  if (!made.ok) throw new Error(made.key);
  return made.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  town = await municipality('suchstadt', 'SU');
  other = await municipality('nachbardorf', 'ND');
  const services: TestService[] = [
    { slug: 'hundesteuer', title: 'Hundesteuer', summary: 'Steuer für das Halten eines Hundes.', keywords: ['Hundemarke'], lifeSituations: ['tiere'] },
    { slug: 'hundeanmeldung', title: 'Hundeanmeldung', summary: 'Melden Sie Ihren Hund beim Steueramt an.', lifeSituations: ['tiere'] },
    {
      slug: 'ummeldung',
      title: 'Ummeldung der Wohnung',
      summary: 'Nach einem Wohnungswechsel melden Sie sich innerhalb von zwei Wochen an.',
      keywords: ['Meldebehörde'],
      lifeSituations: ['umzug'],
    },
    { slug: 'umzug-melden', title: 'Umzug innerhalb der Stadt melden', summary: 'Neue Anschrift im Stadtgebiet mitteilen.', lifeSituations: ['umzug'] },
    { slug: 'sperrmuell', title: 'Sperrmüll abholen lassen', summary: 'Große Gegenstände aus dem Haushalt holen wir ab.', lifeSituations: ['abfall'] },
    {
      slug: 'kita',
      title: 'Kita-Platz beantragen',
      summary: 'Einen Platz in einer Kindertagesstätte beantragen.',
      lifeSituations: ['kinderbetreuung', 'familie'],
    },
    { slug: 'gewerbe', title: 'Gewerbe anmelden', summary: 'Anmeldung eines Gewerbebetriebs beim Ordnungsamt.', lifeSituations: ['wirtschaft'] },
    { slug: 'anwohnerparken', title: 'Anwohnerparken beantragen', summary: 'Parken in Ihrer Straße mit Berechtigung.', lifeSituations: ['verkehr'] },
    {
      slug: 'strassenfest',
      title: 'Straßenfest anmelden',
      summary: 'Eine Straße für ein Fest nutzen.',
      synonyms: ['Nachbarschaftsfest'],
      keywords: ['Knöllchenfrei'],
      lifeSituations: ['veranstaltungen'],
    },
    {
      slug: 'fischereischein',
      title: 'Fischereischein',
      summary: 'Angeln in Gewässern.',
      description: 'Auch für Halter eines Hundes nicht nötig.',
      en: 'Fishing licence',
    },
    { slug: 'geheim', title: 'Hundeschule zulassen', summary: 'Noch in Arbeit.', published: false },
  ];
  for (const s of services) ids[s.slug] = await addService(town, s);
  ids.fremd = await addService(other, { slug: 'hundesteuer', title: 'Hundesteuer im Nachbardorf', summary: 'Nur im Nachbardorf.' });
});
afterAll(() => database?.close());

describe("finding a service in the citizen's words", () => {
  it('stems German words: plural and umlaut find the singular', async () => {
    expect(await titles('Umzüge')).toContain('Umzug innerhalb der Stadt melden');
    expect(await titles('Gewerbes')).toContain('Gewerbe anmelden');
  });

  it('matches prefixes, so a word finds its compounds', async () => {
    const found = await titles('Hund');
    expect(found).toEqual(expect.arrayContaining(['Hundesteuer', 'Hundeanmeldung']));
    expect(found.slice(0, 2).sort()).toEqual(['Hundeanmeldung', 'Hundesteuer']);
  });

  it('finds a word inside compounds, also at their end', async () => {
    expect(await titles('Steuer')).toContain('Hundesteuer');
    expect(await titles('Anmeldung')).toEqual(expect.arrayContaining(['Hundeanmeldung', 'Gewerbe anmelden']));
  });

  it('finds services through the built-in synonyms, ranked below services with the word itself', async () => {
    const found = await titles('Umzug');
    expect(found).toContain('Ummeldung der Wohnung');
    expect(found.indexOf('Umzug innerhalb der Stadt melden')).toBeLessThan(found.indexOf('Ummeldung der Wohnung'));
    expect(await titles('Firma')).toEqual(['Gewerbe anmelden']);
    expect(await titles('Parkausweis')).toEqual(['Anwohnerparken beantragen']);
    expect(await titles('Kindergarten')).toEqual(['Kita-Platz beantragen']);
    expect(await titles('Müll')).toEqual(['Sperrmüll abholen lassen']);
  });

  it('finds services through their own synonyms and keywords', async () => {
    expect(await titles('Nachbarschaftsfest')).toEqual(['Straßenfest anmelden']);
    expect(await titles('Knöllchenfrei')).toEqual(['Straßenfest anmelden']);
    expect((await titles('Hundemarke'))[0]).toBe('Hundesteuer');
  });

  it('tolerates typos', async () => {
    expect(await titles('Hundestuer')).toContain('Hundesteuer');
    expect(await titles('Ummeldnug')).toContain('Ummeldung der Wohnung');
    expect(await titles('Sperrmül')).toEqual(['Sperrmüll abholen lassen']);
    expect(await titles('Fischreischein')).toEqual(['Fischereischein']);
    const outcome = await inTenant(database.db, town, (tx) => searchWithDetails(tx, town, 'Gewrbe'));
    expect(outcome.hits.map((h) => h.title)).toEqual(['Gewerbe anmelden']);
    expect(outcome.corrections).toEqual([{ word: 'gewrbe', lexeme: 'gewerb' }]);
  });

  it('ranks a title above a mention in the description, and answers with slug, summary and score', async () => {
    const hits = await search('Hund');
    const fishing = hits.findIndex((h) => h.slug === 'fischereischein');
    expect(fishing).toBeGreaterThan(hits.findIndex((h) => h.slug === 'hundesteuer'));
    expect(hits[0]).toEqual({
      id: expect.any(String),
      slug: expect.any(String),
      title: expect.any(String),
      summary: expect.any(String),
      score: expect.any(Number),
    });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('ranks services answering every word first', async () => {
    const hits = await titles('Hund anmelden');
    expect(hits[0]).toBe('Hundeanmeldung');
  });

  it('keeps to the limit and counts every match', async () => {
    expect(await search('anmelden', town, 2)).toHaveLength(2);
    const outcome = await inTenant(database.db, town, (tx) => searchWithDetails(tx, town, 'anmelden', { limit: 2 }));
    expect(outcome.total).toBe((await search('anmelden')).length);
    expect(outcome.total).toBeGreaterThan(2);
  });

  it("never shows unpublished services, nor another municipality's", async () => {
    expect(await titles('Hundeschule')).not.toContain('Hundeschule zulassen');
    expect(await titles('Hundesteuer')).not.toContain('Hundesteuer im Nachbardorf');
    expect(await titles('Nachbardorf', other)).toEqual(['Hundesteuer im Nachbardorf']);
    expect(await titles('Nachbardorf')).toEqual([]);
    // Row-level security: a municipality's transaction sees none of another's index rows.
    const foreign = await inTenant(
      database.db,
      town,
      async (tx) =>
        (
          await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM service_search WHERE tenant_id = ${other}) + (SELECT count(*) FROM service_search_terms WHERE tenant_id = ${other})
        + (SELECT count(*) FROM service_search_lexemes WHERE tenant_id = ${other}) AS n`.execute(tx)
        ).rows[0]!.n,
    );
    expect(Number(foreign)).toBe(0);
    expect(await vocabulary(other)).toContain('nachbardorf');
  });

  it('answers odd input without an error', async () => {
    for (const q of [
      '',
      '   ',
      '\t\n',
      'ich',
      'x',
      "'; DROP TABLE services; --",
      'a & b | !c :* <-> (',
      '\u0000Hund\u0007',
      'Hund\uD800',
      '🐕',
      'ß'.repeat(5000),
      'Hund '.repeat(300),
    ]) {
      await expect(search(q)).resolves.toBeInstanceOf(Array);
    }
    expect(await titles('\u0000Hundesteuer\u001b')).toContain('Hundesteuer');
    expect(await titles('  Sperrmüll  ')).toEqual(['Sperrmüll abholen lassen']);
    expect(await titles("Sperrmüll' | 'hund")).toContain('Sperrmüll abholen lassen');
  });

  it('cleans and cuts the query', () => {
    expect(cleanQuery('  Hund\u0000 anmelden\u200b  ')).toEqual({ text: 'Hund anmelden', truncated: false });
    expect(cleanQuery(['Hund'])).toEqual({ text: '', truncated: false });
    const long = cleanQuery('ä'.repeat(MAX_QUERY_LENGTH + 5));
    expect(long).toEqual({ text: 'ä'.repeat(MAX_QUERY_LENGTH), truncated: true });
    expect(queryWords('Hund, HUND und Kita-Platz!')).toEqual(['hund', 'und', 'kita', 'platz']);
    expect(queryWords(Array.from({ length: 20 }, (_, i) => `wort${i}`).join(' '))).toHaveLength(8);
  });
});

describe('keeping the index current', () => {
  it('follows a changed service: old words no longer find it, new ones do', async () => {
    const id = await addService(town, { slug: 'baumfaellung', title: 'Baumfällung beantragen', summary: 'Genehmigung zum Fällen eines Baumes.' });
    expect(await titles('Baumfällung')).toEqual(['Baumfällung beantragen']);
    await updateService(town, id, { slug: 'baumfaellung', title: 'Gehölzschnitt anzeigen', summary: 'Rückschnitt von Hecken melden.' });
    expect(await titles('Gehölzschnitt')).toEqual(['Gehölzschnitt anzeigen']);
    expect(await titles('Hecken')).toEqual(['Gehölzschnitt anzeigen']);
    expect(await vocabulary(town)).not.toContain('baumfall');
    await updateService(town, id, { slug: 'baumfaellung', title: 'Gehölzschnitt anzeigen', published: false });
    expect(await titles('Gehölzschnitt')).toEqual([]);
    expect(await entryCount(town, id)).toBe(0);
    expect(await vocabulary(town)).not.toContain('gehölzschnitt');
  });

  it("removes a service's entry and the words only it had", async () => {
    const id = await addService(town, { slug: 'drohne', title: 'Drohnenflug genehmigen', summary: 'Aufstiegserlaubnis für Multikopter.' });
    expect(await entryCount(town, id)).toBe(1);
    expect(await termCount(town, id)).toBeGreaterThan(3);
    expect(await vocabulary(town)).toContain('multikopt');
    await inTenant(database.db, town, (tx) => removeFromIndex(tx, town, id));
    expect(await entryCount(town, id)).toBe(0);
    expect(await termCount(town, id)).toBe(0);
    expect(await vocabulary(town)).not.toContain('multikopt');
    expect(await vocabulary(town)).toContain('beantrag'); // still used by other services
    expect(await titles('Drohnenflug')).toEqual([]);
    await inTenant(database.db, town, (tx) => tx.deleteFrom('services').where('tenant_id', '=', town).where('id', '=', id).execute());
  });

  it('removes the entry when the service row is deleted', async () => {
    const id = await addService(town, { slug: 'segway', title: 'Segwayverleih erlauben', summary: 'Verleih auf Gehwegen.' });
    await inTenant(database.db, town, (tx) => tx.deleteFrom('services').where('tenant_id', '=', town).where('id', '=', id).execute());
    expect(await entryCount(town, id)).toBe(0);
    expect(await termCount(town, id)).toBe(0);
    expect(await vocabulary(town)).not.toContain('segwayverleih');
    expect(await titles('Segwayverleih')).toEqual([]);
  });

  it('rebuilds a whole municipality, leaving unpublished services out', async () => {
    const count = await inTenant(database.db, town, (tx) => reindexMunicipality(tx, town));
    const published = await inTenant(
      database.db,
      town,
      async (tx) => (await tx.selectFrom('services').select('id').where('tenant_id', '=', town).where('published', '=', true).execute()).length,
    );
    expect(count).toBe(published);
    expect(await titles('Hund')).toEqual(expect.arrayContaining(['Hundesteuer', 'Hundeanmeldung']));
    expect(await titles('Hundeschule')).not.toContain('Hundeschule zulassen');
  });
});

describe("the portal's lists", () => {
  async function addApplications(serviceId: string, count: number, daysAgo: number) {
    await inTenant(database.db, town, async (tx) => {
      for (let i = 0; i < count; i++) {
        const id = newId();
        const at = new Date(Date.now() - daysAgo * 86_400_000);
        await tx
          .insertInto('applications')
          .values({
            tenant_id: town,
            id,
            reference: `SU-${id}`,
            service_id: serviceId,
            status: 'submitted',
            answers: '{}',
            applicant_name: 'Erika Muster',
            applicant_email: 'erika@example.org',
            status_token_hash: id,
            idempotency_key: id,
            submitted_at: at,
            updated_at: at,
            retain_until: '2099-01-01',
          } as never)
          .execute();
      }
    });
  }

  it('lists the most used services of the last year first, then by title, at most six', async () => {
    await addApplications(ids.sperrmuell!, 3, 10);
    await addApplications(ids.kita!, 2, 100);
    await addApplications(ids.gewerbe!, 5, 400); // older than a year: does not count
    const top = await inTenant(database.db, town, (tx) => topTasks(tx, town));
    expect(top.map((s) => s.title)).toEqual([
      'Sperrmüll abholen lassen',
      'Kita-Platz beantragen',
      'Anwohnerparken beantragen',
      'Fischereischein',
      'Gewerbe anmelden',
      'Hundeanmeldung',
    ]);
  });

  it('groups by life situation and lists every published service A–Z', async () => {
    const overview = await inTenant(database.db, town, (tx) => portalOverview(tx, town));
    expect(overview.lifeSituations.map((g) => g.situation)).toEqual([
      'umzug',
      'familie',
      'kinderbetreuung',
      'tiere',
      'wirtschaft',
      'verkehr',
      'abfall',
      'veranstaltungen',
    ]);
    expect(overview.lifeSituations.find((g) => g.situation === 'tiere')!.services.map((s) => s.title)).toEqual(['Hundeanmeldung', 'Hundesteuer']);
    const all = overview.all.map((s) => s.title);
    expect(all).not.toContain('Hundeschule zulassen');
    expect(all.indexOf('Straßenfest anmelden')).toBeLessThan(all.indexOf('Umzug innerhalb der Stadt melden'));
    expect(all.indexOf('Sperrmüll abholen lassen')).toBeLessThan(all.indexOf('Straßenfest anmelden'));
    expect(byInitial(overview.all).map((g) => g.letter)).toEqual(['A', 'F', 'G', 'H', 'K', 'S', 'U']);
  });

  it('uses the English title where there is one', async () => {
    const overview = await inTenant(database.db, town, (tx) => portalOverview(tx, town, 'en'));
    expect(overview.all.map((s) => s.title)).toContain('Fishing licence');
    const hits = await inTenant(database.db, town, (tx) => searchServices(tx, town, 'Fischereischein', { locale: 'en' }));
    expect(hits[0]!.title).toBe('Fishing licence');
  });
});
