// npx tsx bench/search.ts — "Was möchten Sie erledigen?" over one municipality with 5,000 services: latency of
// searchServices for a mix of 600 queries (exact, stemmed, prefix, synonym, typo, no hit), on PGlite and on a
// throwaway PostgreSQL 15, each against a primary-key SELECT in the same kind of transaction as the baseline.
import { sql } from 'kysely';
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { inTenant, openPglite, openPostgres, createPglite, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { reindexMunicipality, reindexService, searchServices } from '../src/modules/services/search.ts';
import { environment, header, loadAverage, main, ms, percentile, startPostgres, verdict } from './lib.ts';

const SERVICES = 5_000;
const QUERIES_PER_KIND = 100;
const WARMUP_QUERIES = 100;
const TARGET_P95_MS = 20;
const BASELINE_SAMPLES = 600;

// ----- generated, realistic catalogue -----

/** A small deterministic generator, so every run searches the same catalogue with the same queries. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

const SUBJECTS: Array<[string, string[], string]> = [
  ['Hundesteuer', ['Hund', 'Hundemarke', 'Haustier'], 'tiere'],
  ['Hundeanmeldung', ['Hund', 'Steueramt'], 'tiere'],
  ['Wohnsitz', ['Meldebehörde', 'Wohnung', 'Einwohnermeldeamt'], 'umzug'],
  ['Nebenwohnung', ['Zweitwohnung', 'Meldebehörde'], 'umzug'],
  ['Gewerbe', ['Gewerbeamt', 'Unternehmen', 'Betrieb'], 'wirtschaft'],
  ['Gaststättenerlaubnis', ['Gastronomie', 'Ausschank'], 'wirtschaft'],
  ['Kita-Platz', ['Kindertagesstätte', 'Betreuung'], 'kinderbetreuung'],
  ['Kindertagespflege', ['Tagesmutter', 'Betreuung'], 'kinderbetreuung'],
  ['Elternbeitrag', ['Kita', 'Gebühr', 'Ermäßigung'], 'kinderbetreuung'],
  ['Ferienbetreuung', ['Schulferien', 'Kinder'], 'schule'],
  ['Sperrmüll', ['Abfall', 'Abholung', 'Möbel'], 'abfall'],
  ['Biotonne', ['Abfall', 'Kompost'], 'abfall'],
  ['Elektroschrott', ['Abfall', 'Geräte'], 'abfall'],
  ['Grünschnitt', ['Garten', 'Abfall'], 'abfall'],
  ['Anwohnerparkausweis', ['Parken', 'Parkzone'], 'verkehr'],
  ['Schwerbehindertenparkausweis', ['Parken', 'Behinderung'], 'verkehr'],
  ['Halteverbot', ['Umzugswagen', 'Straße'], 'verkehr'],
  ['Bauvoranfrage', ['Bauamt', 'Bauvorhaben', 'Grundstück'], 'bauen'],
  ['Baugenehmigung', ['Bauantrag', 'Bauamt'], 'bauen'],
  ['Hausnummer', ['Grundstück', 'Adresse'], 'bauen'],
  ['Baumfällung', ['Baumschutzsatzung', 'Garten'], 'bauen'],
  ['Schülerfahrkarte', ['Schulweg', 'Bus', 'Schülerbeförderung'], 'schule'],
  ['Schulanmeldung', ['Grundschule', 'Einschulung'], 'schule'],
  ['Straßenfest', ['Veranstaltung', 'Sondernutzung'], 'veranstaltungen'],
  ['Marktstand', ['Wochenmarkt', 'Händler'], 'veranstaltungen'],
  ['Plakatierung', ['Werbung', 'Plakat'], 'veranstaltungen'],
  ['Feuerwerk', ['Silvester', 'Veranstaltung'], 'veranstaltungen'],
  ['Meldebescheinigung', ['Bescheinigung', 'Wohnsitz'], 'dokumente'],
  ['Führungszeugnis', ['Bundeszentralregister', 'Zeugnis'], 'dokumente'],
  ['Personalausweis', ['Ausweis', 'Bürgerbüro'], 'dokumente'],
  ['Reisepass', ['Pass', 'Reise'], 'dokumente'],
  ['Geburtsurkunde', ['Standesamt', 'Geburt'], 'familie'],
  ['Eheschließung', ['Standesamt', 'Hochzeit'], 'familie'],
  ['Sterbeurkunde', ['Standesamt', 'Todesfall'], 'familie'],
  ['Namensänderung', ['Name', 'Standesamt'], 'familie'],
  ['Grabstelle', ['Friedhof', 'Bestattung'], 'familie'],
  ['Wohngeld', ['Mietzuschuss', 'Sozialamt'], 'umzug'],
  ['Fischereischein', ['Angeln', 'Gewässer'], 'dokumente'],
  ['Waffenbesitzkarte', ['Waffe', 'Ordnungsamt'], 'dokumente'],
  ['Fundsache', ['Fundbüro', 'verloren'], 'dokumente'],
  ['Wahlschein', ['Briefwahl', 'Wahl'], 'dokumente'],
  ['Grundsteuer', ['Grundbesitz', 'Steuer'], 'bauen'],
  ['Zweitwohnungsteuer', ['Steuer', 'Nebenwohnung'], 'umzug'],
  ['Vergnügungssteuer', ['Spielgerät', 'Steuer'], 'wirtschaft'],
  ['Straßenreinigung', ['Gebühr', 'Winterdienst'], 'abfall'],
  ['Kleinkläranlage', ['Abwasser', 'Grundstück'], 'bauen'],
  ['Regenwassernutzung', ['Abwasser', 'Zisterne'], 'bauen'],
  ['Einbürgerung', ['Staatsangehörigkeit', 'Ausländerbehörde'], 'dokumente'],
  ['Aufenthaltstitel', ['Ausländerbehörde', 'Visum'], 'dokumente'],
  ['Ehrenamtskarte', ['Ehrenamt', 'Vergünstigung'], 'familie'],
  ['Jugendleiterkarte', ['Jugendarbeit', 'Verein'], 'familie'],
  ['Bibliotheksausweis', ['Bücherei', 'Medien'], 'schule'],
  ['Musikschulplatz', ['Musikschule', 'Unterricht'], 'schule'],
  ['Volkshochschulkurs', ['Weiterbildung', 'Kurs'], 'schule'],
  ['Lärmschutz', ['Lärm', 'Ruhestörung'], 'umzug'],
  ['Containerstellplatz', ['Container', 'Straße'], 'verkehr'],
  ['Taxikonzession', ['Taxi', 'Personenbeförderung'], 'verkehr'],
];
const ACTIONS = [
  'beantragen',
  'anmelden',
  'abmelden',
  'ummelden',
  'verlängern',
  'ändern',
  'kündigen',
  'melden',
  'ersetzen lassen',
  'erstatten lassen',
  'Befreiung beantragen',
  'Ermäßigung beantragen',
  'Auskunft erhalten',
  'reservieren',
  'genehmigen lassen',
];
const QUALIFIERS = [
  '',
  'für Vereine',
  'für Unternehmen',
  'für Privatpersonen',
  'im Stadtgebiet',
  'in Ausnahmefällen',
  'für Minderjährige',
  'bei Verlust',
  'für Senioren',
  'für Studierende',
  'für Landwirte',
  'im Eilverfahren',
];
const SENTENCES = [
  'Den Antrag können Sie online stellen oder im Bürgerbüro abgeben.',
  'Bitte halten Sie Ihren Personalausweis und die nötigen Nachweise bereit.',
  'Die Bearbeitung dauert in der Regel zwei bis vier Wochen.',
  'Für die Entscheidung erheben wir eine Verwaltungsgebühr nach der Gebührensatzung.',
  'Über das Ergebnis erhalten Sie einen schriftlichen Bescheid.',
  'Bei Fragen hilft Ihnen das zuständige Fachamt gern weiter.',
  'Eine Vertretung ist mit schriftlicher Vollmacht möglich.',
  'Unvollständige Unterlagen verzögern die Bearbeitung.',
  'Die Zahlung ist per Überweisung oder Lastschrift möglich.',
  'Gegen den Bescheid können Sie innerhalb eines Monats Widerspruch einlegen.',
];

// Compound words as German administration writes them, for a vocabulary of realistic size (several thousand lexemes).
const FIRST = [
  'Abfall',
  'Abwasser',
  'Anwohner',
  'Arbeits',
  'Bau',
  'Bürger',
  'Eltern',
  'Familien',
  'Feuerwehr',
  'Friedhofs',
  'Garten',
  'Gebühren',
  'Gemeinde',
  'Gewerbe',
  'Grund',
  'Hunde',
  'Jugend',
  'Kinder',
  'Kita',
  'Kultur',
  'Land',
  'Markt',
  'Melde',
  'Miet',
  'Müll',
  'Park',
  'Personen',
  'Rad',
  'Rats',
  'Schul',
  'Senioren',
  'Sozial',
  'Sport',
  'Stadt',
  'Steuer',
  'Straßen',
  'Umwelt',
  'Vereins',
  'Verkehrs',
  'Wahl',
  'Wasser',
  'Wohn',
  'Bestattungs',
  'Denkmal',
  'Energie',
  'Fahrrad',
  'Forst',
  'Gesundheits',
  'Hafen',
  'Integrations',
  'Jagd',
  'Kanal',
  'Klima',
  'Lärm',
  'Natur',
  'Ordnungs',
  'Pflege',
  'Quartiers',
  'Rettungs',
  'Spiel',
  'Tier',
  'Touristen',
  'Wald',
  'Zivil',
];
const SECOND = [
  'amt',
  'antrag',
  'ausweis',
  'beitrag',
  'bescheid',
  'bescheinigung',
  'erlaubnis',
  'förderung',
  'gebühr',
  'genehmigung',
  'karte',
  'meldung',
  'ordnung',
  'platz',
  'recht',
  'satzung',
  'schein',
  'stelle',
  'verfahren',
  'verordnung',
  'vertrag',
  'zuschuss',
  'zulage',
  'anlage',
  'fläche',
  'gebiet',
  'haus',
  'hof',
  'weg',
  'zone',
  'zentrum',
  'dienst',
  'beratung',
  'hilfe',
  'kurs',
  'plan',
  'prüfung',
  'register',
  'schutz',
  'termin',
  'urkunde',
  'zeugnis',
  'konzept',
  'kontrolle',
  'nachweis',
  'pauschale',
  'richtlinie',
  'sprechstunde',
  'verwaltung',
  'wesen',
];

interface Generated {
  id: string;
  slug: string;
  title: string;
  definition: string;
}

export function catalogue(): Generated[] {
  const r = random(20260322);
  const seen = new Set<string>();
  const out: Generated[] = [];
  while (out.length < SERVICES) {
    const [subject, keywords, situation] = r.pick(SUBJECTS);
    const title = [subject, r.pick(ACTIONS), r.pick(QUALIFIERS)].filter(Boolean).join(' ');
    if (seen.has(title)) continue;
    seen.add(title);
    const slug = `leistung-${out.length + 1}`;
    const compound = () => r.pick(FIRST) + r.pick(SECOND);
    const description = [
      ...Array.from({ length: 3 }, () => r.pick(SENTENCES)),
      `Zuständig sind ${compound()} und ${compound()}; beachten Sie auch ${compound()}, ${compound()} und ${compound()}.`,
    ].join(' ');
    out.push({
      id: newId(),
      slug,
      title,
      definition: JSON.stringify({
        title: { de: title },
        summary: { de: `Hier können Sie ${title.toLowerCase().startsWith(subject.toLowerCase()) ? title : subject}. ${r.pick(SENTENCES)}` },
        description: { de: description },
        keywords: [...keywords, compound(), compound()],
        synonyms: [],
        lifeSituations: [situation],
      }),
    });
  }
  return out;
}

// ----- the query mix -----

const typo = (word: string, r: ReturnType<typeof random>) => {
  const i = 1 + Math.floor(r.next() * (word.length - 2));
  return r.next() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
};

export function queryMix(services: Generated[]): Array<{ kind: string; q: string }> {
  const r = random(7);
  const subjects = SUBJECTS.map(([s]) => s.replace('-', ''));
  const inflected = [
    'Hunde',
    'Umzüge',
    'Gewerbes',
    'Anträge',
    'Gebühren',
    'Bescheide',
    'Urkunden',
    'Ausweise',
    'Genehmigungen',
    'Steuern',
    'Plätze',
    'Fahrkarten',
  ];
  const synonyms = [
    'Umzug',
    'Firma',
    'Kindergarten',
    'Müll',
    'Parkausweis',
    'Auto',
    'Hochzeit',
    'Pass',
    'Bauantrag',
    'Schulweg',
    'Veranstaltung',
    'Baby',
    'Fundbüro',
  ];
  const nothing = ['Raumfahrt', 'Quantenphysik', 'Xylophon', 'Zeppelinlandeplatz', 'Vulkanausbruch', 'Kryptowährung', 'Tiefseetauchen', 'Marsmission'];
  const kinds: Record<string, () => string> = {
    exact: () => [() => r.pick(services).title, () => r.pick(subjects), () => r.pick(FIRST) + r.pick(SECOND)][Math.floor(r.next() * 3)]!(),
    stemmed: () => `${r.pick(inflected)}${r.next() < 0.3 ? ` ${r.pick(ACTIONS)}` : ''}`,
    prefix: () => (r.next() < 0.5 ? r.pick(subjects) : r.pick(FIRST) + r.pick(SECOND)).slice(0, 4 + Math.floor(r.next() * 3)),
    synonym: () => r.pick(synonyms),
    typo: () => typo(r.next() < 0.5 ? r.pick(subjects) : r.pick(FIRST) + r.pick(SECOND), r),
    'no hit': () => `${r.pick(nothing)}${r.next() < 0.5 ? ` ${Math.floor(r.next() * 1000)}` : ''}`,
  };
  const mix = Object.entries(kinds).flatMap(([kind, make]) => Array.from({ length: QUERIES_PER_KIND }, () => ({ kind, q: make() })));
  // Shuffled, so no kind profits from a cache warmed by the one before.
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

// ----- measuring -----

export async function setUp(database: Database, services: Generated[]): Promise<{ tenantId: string; loadS: number; indexS: number }> {
  await migrate(database.admin);
  const regionId = newId();
  const tenantId = newId();
  await database.admin.query(
    `INSERT INTO organizations (id, parent_id, kind, slug, name, official_key, reference_prefix, country, time_zone, currency, contact, is_demo)
    VALUES ($1, NULL, 'region', 'kreis-bench', 'Kreis Benchmark', '05999', 'KB', 'DE', 'Europe/Berlin', 'EUR', '{}', true),
           ($2, $1, 'municipality', 'bench-stadt', 'Stadt Benchmark', '059990001001', 'BS', 'DE', 'Europe/Berlin', 'EUR', '{}', true)`,
    [regionId, tenantId],
  );
  let started = performance.now();
  // The rows go in as the catalog writes them (as the application role, RLS on), in batches of 500.
  for (let i = 0; i < services.length; i += 500) {
    const batch = services.slice(i, i + 500).map((s) => ({ tenant_id: tenantId, ...s }));
    await inTenant(database.db, tenantId, (tx) =>
      tx
        .insertInto('services')
        .values(batch as never)
        .execute(),
    );
  }
  const loadS = (performance.now() - started) / 1000;
  started = performance.now();
  const indexed = await inTenant(database.db, tenantId, (tx) => reindexMunicipality(tx, tenantId));
  if (indexed !== services.length) throw new Error(`indexed ${indexed} of ${services.length} services`);
  await database.admin.exec('ANALYZE');
  return { tenantId, loadS, indexS: (performance.now() - started) / 1000 };
}

interface Figures {
  p50: number;
  p95: number;
  max: number;
  n: number;
}
const figures = (samples: number[]): Figures => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), n: samples.length });

async function measure(name: string, database: Database, services: Generated[]) {
  console.log(`\n${name}`);
  const { tenantId, loadS, indexS } = await setUp(database, services);
  console.log(
    `  ${services.length.toLocaleString('en')} services inserted in ${loadS.toFixed(1)} s; reindexMunicipality (documents + vocabulary) ${indexS.toFixed(1)} s`,
  );
  const vocabulary = await inTenant(
    database.db,
    tenantId,
    async (tx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_search_lexemes`.execute(tx)).rows[0]!.n,
  );
  console.log(`  vocabulary: ${vocabulary.toLocaleString('en')} word lexemes`);

  const mix = queryMix(services);
  const run = (q: string) => inTenant(database.db, tenantId, (tx) => searchServices(tx, tenantId, q));
  for (const { q } of mix.slice(0, WARMUP_QUERIES)) await run(q);

  const byKind = new Map<string, { samples: number[]; hits: number[] }>();
  const all: number[] = [];
  for (const { kind, q } of mix) {
    const t0 = performance.now();
    const hits = await run(q);
    const elapsed = performance.now() - t0;
    all.push(elapsed);
    const entry = byKind.get(kind) ?? { samples: [], hits: [] };
    entry.samples.push(elapsed);
    entry.hits.push(hits.length);
    byKind.set(kind, entry);
  }

  // The baseline: one primary-key SELECT in the same kind of tenant transaction a search runs in.
  const ids = services.map((s) => s.id);
  const baseline: number[] = [];
  for (let i = 0; i < BASELINE_SAMPLES + WARMUP_QUERIES; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    const t0 = performance.now();
    await inTenant(database.db, tenantId, (tx) =>
      tx.selectFrom('services').select(['id', 'slug', 'title']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    );
    if (i >= WARMUP_QUERIES) baseline.push(performance.now() - t0);
  }

  // Reindexing one service, as the catalog does after every save.
  const reindex: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = ids[(i * 104729) % ids.length]!;
    const t0 = performance.now();
    await inTenant(database.db, tenantId, (tx) => reindexService(tx, tenantId, id));
    reindex.push(performance.now() - t0);
  }

  const total = figures(all);
  const base = figures(baseline);
  console.log(`  ${'kind'.padEnd(8)}  ${'queries'.padStart(7)}  ${'p50'.padStart(8)}  ${'p95'.padStart(8)}  ${'max'.padStart(8)}  hits (mean)`);
  for (const [kind, { samples, hits }] of byKind) {
    const f = figures(samples);
    const zero = hits.filter((h) => h === 0).length;
    console.log(
      `  ${kind.padEnd(8)}  ${String(f.n).padStart(7)}  ${ms(f.p50).padStart(8)}  ${ms(f.p95).padStart(8)}  ${ms(f.max).padStart(8)}  ${(hits.reduce((a, b) => a + b, 0) / hits.length).toFixed(1)}${zero ? ` (${zero} without hit)` : ''}`,
    );
  }
  console.log(
    `  ${'all'.padEnd(8)}  ${String(total.n).padStart(7)}  ${ms(total.p50).padStart(8)}  ${ms(total.p95).padStart(8)}  ${ms(total.max).padStart(8)}   target p95 ≤ ${TARGET_P95_MS} ms   ${verdict(total.p95 <= TARGET_P95_MS)}`,
  );
  console.log(
    `  baseline: primary-key SELECT in a tenant transaction  p50 ${ms(base.p50)}  p95 ${ms(base.p95)}  → search p95 / baseline p95 = ${(total.p95 / base.p95).toFixed(1)}`,
  );
  console.log(`  reindexService of one service (after a save): p50 ${ms(percentile(reindex, 50))}  p95 ${ms(percentile(reindex, 95))}`);
  return { name, total, base };
}

/**
 * A fresh database on DATABASE_URL's server (created and dropped here, the database named there stays untouched),
 * else a throwaway PostgreSQL 15 started by scripts/pg-temp.mjs; undefined (and said why) when neither is usable.
 */
async function postgresServer(): Promise<{ url: string; what: string; stop(): Promise<void> } | undefined> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `rathaus_bench_search_${process.pid}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      what: `database ${name} on DATABASE_URL's server`,
      stop: async () => {
        const c = new pg.Client({ connectionString: given });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  try {
    const postgres = await startPostgres();
    return { url: postgres.url, what: 'throwaway server, fsync=on', stop: postgres.stop };
  } catch (e) {
    console.log(`\nPostgreSQL: not measured (${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

// Run as a script; the generator and set-up are also imported by ad-hoc plan inspections.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main(async () => {
    header('Rathaus benchmark: service search ("Was möchten Sie erledigen?")');
    console.log(environment());
    const services = catalogue();
    console.log(
      `Data: one municipality with ${SERVICES.toLocaleString('en')} generated services (${SUBJECTS.length} subjects × ${ACTIONS.length} actions × ${QUALIFIERS.length} qualifiers; summaries, descriptions and keywords with compounds of ${FIRST.length} × ${SECOND.length} word parts).`,
    );
    console.log(
      `Load: ${QUERIES_PER_KIND * 6} queries one after another (${QUERIES_PER_KIND} each: exact, stemmed, prefix, synonym, typo, no hit), after ${WARMUP_QUERIES} warm-up queries; searchServices in a tenant transaction, in process.`,
    );

    const results = [];
    {
      const database = await openPglite(await createPglite(), true);
      try {
        results.push(await measure('PGlite (embedded, in memory)', database, services));
      } finally {
        await database.close();
      }
    }
    if (process.env.BENCH_SKIP_POSTGRES !== '1') {
      const server = await postgresServer();
      if (server) {
        const database = await openPostgres(server.url, 2);
        try {
          const [version] = await database.admin.query<{ server_version: string }>('SHOW server_version');
          results.push(await measure(`PostgreSQL ${version!.server_version} (${server.what})`, database, services));
        } finally {
          await database.close();
          await server.stop();
        }
      }
    }

    console.log(`\nSummary (searchServices over ${SERVICES.toLocaleString('en')} services, ${QUERIES_PER_KIND * 6} mixed queries)`);
    for (const r of results) {
      console.log(
        `  ${r.name.split(' (')[0]!.padEnd(16)}  p50 ${ms(r.total.p50)}  p95 ${ms(r.total.p95)}  target p95 ≤ ${TARGET_P95_MS} ms  ${verdict(r.total.p95 <= TARGET_P95_MS)}   baseline p95 ${ms(r.base.p95)}, ratio ${(r.total.p95 / r.base.p95).toFixed(1)}`,
      );
    }
    console.log(`  (${loadAverage()} at the end; other work on this 2-core machine skews all figures)`);
  });
