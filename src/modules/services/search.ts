// "Was möchten Sie erledigen?": the municipality's services found in the citizen's own words, and the lists of
// the portal's home page. PostgreSQL's German text search configuration stems, pg_trgm compares for typos; this
// file decides which terms a query looks up, the repository ranks by where in a service's text they stand.
import type { Tx } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import * as repo from './search-repository.ts';
import { LIFE_SITUATIONS, type LifeSituation, MAX_QUERY_LENGTH } from './schema.ts';

export { MAX_QUERY_LENGTH };

const MAX_WORDS = repo.MAX_WORDS;
const MAX_WORD_LENGTH = 60;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Shorter stems match whole lexemes only: "ab" as a prefix would match half the catalogue. */
const MIN_PREFIX_LENGTH = 3;
/** Shorter stems have too few trigrams for a meaningful similarity, and sit inside too many compounds. */
const WORD_LIMITS = { minCorrect: 4, minInfix: 4, maxInfixes: 20, minSimilarity: 0.4 };
export const TOP_TASKS = 6;

/**
 * Words that name the same matter at a municipality. A query word finds the services of every other word of its
 * group as well (ranked below services with the word itself). Each service adds its own `synonyms` and `keywords`
 * to its document.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['Umzug', 'umziehen', 'Ummeldung', 'ummelden', 'Wohnsitz', 'Wohnsitzwechsel', 'Adressänderung', 'Adresse', 'Meldeadresse', 'Zuzug'],
  ['Hund', 'Hundesteuer', 'Hundetaxe', 'Hundeanmeldung', 'Hundehaltung', 'Hundemarke'],
  ['Kita', 'Kitaplatz', 'Kitas', 'Kindergarten', 'Kindertagesstätte', 'Kindertagespflege', 'Tagespflege', 'Betreuung', 'Kinderbetreuung', 'Krippe', 'Hort'],
  ['Elternbeitrag', 'Elternbeiträge', 'Kitagebühr', 'Kitabeitrag', 'Betreuungsgebühr'],
  [
    'Gewerbe',
    'Gewerbeanmeldung',
    'Gewerbeummeldung',
    'Gewerbeabmeldung',
    'Gewerbeschein',
    'Firma',
    'Firmengründung',
    'Unternehmen',
    'Betrieb',
    'Existenzgründung',
    'selbstständig',
  ],
  ['Sperrmüll', 'Sperrgut', 'Abfall', 'Müll', 'Müllabfuhr', 'Entsorgung', 'entsorgen', 'Wertstoffhof'],
  ['Parkausweis', 'Anwohnerparken', 'Bewohnerparken', 'Anwohnerparkausweis', 'Parkberechtigung', 'parken', 'Parkplatz'],
  ['Bauvoranfrage', 'Bauantrag', 'bauen', 'Baugenehmigung', 'Bauvorhaben', 'Hausbau', 'Neubau', 'Anbau', 'Umbau'],
  ['Schülerfahrkarte', 'Schülerticket', 'Schulweg', 'Schulwegticket', 'Schülerbeförderung', 'Busfahrkarte', 'Fahrkarte'],
  ['Sondernutzung', 'Sondernutzungserlaubnis', 'Veranstaltung', 'Straßenfest', 'Straßensperrung', 'Feier'],
  ['Melderegisterauskunft', 'Meldeauskunft', 'Meldebescheinigung', 'Wohnsitzbescheinigung'],
  ['Führungszeugnis', 'Strafregisterauszug', 'Registerauszug', 'Betreibungsregisterauszug'],
  ['Personalausweis', 'Ausweis', 'Reisepass', 'Pass', 'Identitätskarte'],
  ['Geburt', 'Geburtsurkunde', 'Neugeborenes', 'Baby'],
  ['Heirat', 'heiraten', 'Eheschließung', 'Hochzeit', 'Trauung', 'Standesamt'],
  ['Kfz', 'Auto', 'Fahrzeug', 'Zulassung', 'Kennzeichen', 'Wunschkennzeichen'],
  ['Fundsache', 'Fundbüro', 'verloren', 'gefunden'],
  ['Baumfällung', 'Baum', 'fällen', 'Fällgenehmigung', 'Baumschutz'],
  ['Wohngeld', 'Mietzuschuss'],
];

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  summary: string;
  score: number;
}
export interface ServiceSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  lifeSituations: LifeSituation[];
}

interface LocalText {
  de?: unknown;
  en?: unknown;
}

function localText(value: unknown, locale: Locale, fallback = ''): string {
  if (typeof value === 'string') return value;
  const text = (value ?? {}) as LocalText;
  const chosen = locale === 'en' && typeof text.en === 'string' && text.en ? text.en : text.de;
  return typeof chosen === 'string' ? chosen : fallback;
}

// ----- the index -----

/** (Re)builds the search entry of one service from its row; an unpublished or missing service leaves the index. */
export async function reindexService(tx: Tx, tenantId: string, serviceId: string): Promise<void> {
  if (!(await repo.upsertDocument(tx, tenantId, serviceId))) await repo.deleteDocument(tx, tenantId, serviceId);
}

/** Removes the search entry of a service (deleting the service row removes it too). */
export async function removeFromIndex(tx: Tx, tenantId: string, serviceId: string): Promise<void> {
  await repo.deleteDocument(tx, tenantId, serviceId);
}

/** Rebuilds the entries of all services of a municipality; returns how many are searchable. */
export const reindexMunicipality = (tx: Tx, tenantId: string): Promise<number> => repo.rebuildDocuments(tx, tenantId);

// ----- the query -----

/** What is left of a query after cleaning: control and format characters and broken Unicode become spaces. */
export function cleanQuery(raw: unknown): { text: string; truncated: boolean } {
  if (typeof raw !== 'string') return { text: '', truncated: false };
  const text = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = Array.from(text);
  if (chars.length <= MAX_QUERY_LENGTH) return { text, truncated: false };
  return { text: chars.slice(0, MAX_QUERY_LENGTH).join('').trim(), truncated: true };
}

/** The distinct words of a cleaned query, lower case, at most MAX_WORDS. */
export function queryWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2).map((w) => Array.from(w).slice(0, MAX_WORD_LENGTH).join('')))].slice(0, MAX_WORDS);
}

/** Umlauts and ß folded as the German stemmer folds them, so a typed word compares with lexemes. */
export const foldUmlauts = (word: string) => word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');

/** Lexemes are looked up as given; anything else a stemmer might return (signs, very long tokens) is dropped. */
const LEXEME = /^[\p{L}\p{N}]{1,60}$/u;

type SynonymIndex = Array<{ stem: string; group: Set<string> }>;
let synonymIndex: Promise<SynonymIndex> | undefined;

/** The built-in groups as stems; computed by the database once per process (the list is a constant). */
function synonymStems(tx: Tx): Promise<SynonymIndex> {
  synonymIndex ??= (async () => {
    const rows = await repo.stems(tx, SYNONYM_GROUPS.flat());
    const byTerm = new Map(rows.map((r) => [r.term, r.stems.filter((s) => LEXEME.test(s))]));
    const index: SynonymIndex = [];
    for (const group of SYNONYM_GROUPS) {
      const stems = new Set(group.flatMap((t) => byTerm.get(t) ?? []));
      for (const stem of stems) index.push({ stem, group: stems });
    }
    return index;
  })().catch((e) => {
    synonymIndex = undefined;
    throw e;
  });
  return synonymIndex;
}

/**
 * Stems of the groups a stem belongs to: the same stem, a compound starting with a group word ("hundesteuerbescheid"),
 * or a word being typed that a group word starts with ("sperrm").
 */
function synonymsOf(stem: string, index: SynonymIndex): Set<string> {
  const found = new Set<string>();
  for (const entry of index) {
    const same = entry.stem === stem;
    const compound = entry.stem.length >= 4 && stem.startsWith(entry.stem);
    const typing = stem.length >= 5 && entry.stem.startsWith(stem);
    if (same || compound || typing) for (const s of entry.group) found.add(s);
  }
  return found;
}

export interface PreparedQuery {
  terms: repo.QueryTerm[];
  /** How many query words are left to be answered. */
  words: number;
  /** Words that matched nothing and were read as another word of the municipality's vocabulary. */
  corrections: Array<{ word: string; lexeme: string }>;
  /** Some term is in the vocabulary or is a synonym; when not, no service can match. */
  promising: boolean;
}

/**
 * The terms each word is looked up by: its stem as a prefix ("hund" finds "hundesteu"), the compounds holding it
 * ("hundeanmeld" for "anmelden"), the closest word of the vocabulary when it is found nowhere (a typo), and the
 * words of its synonym groups. Undefined if no word is left (stop words only).
 */
export async function prepareQuery(tx: Tx, tenantId: string, words: string[]): Promise<PreparedQuery | undefined> {
  if (words.length === 0) return undefined;
  const [analysis, synonyms] = await Promise.all([repo.analyseWords(tx, tenantId, words, words.map(foldUmlauts), WORD_LIMITS), synonymStems(tx)]);
  const terms: repo.QueryTerm[] = [];
  const corrections: PreparedQuery['corrections'] = [];
  let promising = false;
  let answered = 0;
  words.forEach((word, i) => {
    const add = (lexeme: string, prefix: boolean, typed: boolean) => {
      if (LEXEME.test(lexeme)) terms.push({ word: answered, lexeme, prefix: prefix && lexeme.length >= MIN_PREFIX_LENGTH, typed });
    };
    const before = terms.length;
    for (const a of analysis.filter((x) => x.ord === i + 1)) {
      if (!LEXEME.test(a.stem)) continue;
      add(a.stem, true, true);
      for (const compound of a.infixes) add(compound, false, true);
      const alike = synonymsOf(a.stem, synonyms);
      // A word of the synonym list is a real word, not a typo: its group finds the services.
      if (a.correction && alike.size === 0) {
        add(a.correction, true, true);
        corrections.push({ word, lexeme: a.correction });
        for (const s of synonymsOf(a.correction, synonyms)) add(s, true, false);
      }
      for (const s of alike) if (s !== a.stem) add(s, true, false);
      promising ||= a.known || a.infixes.length > 0 || Boolean(a.correction) || alike.size > 0;
    }
    if (terms.length > before) answered++;
  });
  if (answered === 0) return undefined;
  return { terms: withoutOverlaps(terms), words: answered, corrections, promising };
}

const covers = (a: repo.QueryTerm, b: repo.QueryTerm) =>
  a.word === b.word && (a.typed || !b.typed) && (a.lexeme === b.lexeme ? a.prefix || !b.prefix : a.prefix && b.lexeme.startsWith(a.lexeme));

/** Terms another term of the same word already finds at least as well ("hundesteu" besides "hund"), so no lexeme counts twice. */
export function withoutOverlaps(terms: repo.QueryTerm[]): repo.QueryTerm[] {
  return terms.filter((t, i) => !terms.some((o, j) => j !== i && covers(o, t) && (!covers(t, o) || j < i)));
}

export interface SearchOptions {
  limit?: number;
  locale?: Locale;
}

export interface SearchOutcome {
  query: string;
  truncated: boolean;
  corrections: PreparedQuery['corrections'];
  hits: SearchHit[];
  /** How many services match in all (hits holds the best of them). */
  total: number;
}

/** The search with what the results page explains: the cleaned query, whether it was cut, corrected words. */
export async function searchWithDetails(tx: Tx, tenantId: string, q: unknown, opts: SearchOptions = {}): Promise<SearchOutcome> {
  const { text, truncated } = cleanQuery(q);
  const prepared = await prepareQuery(tx, tenantId, queryWords(text));
  if (!prepared?.promising) return { query: text, truncated, corrections: [], hits: [], total: 0 };
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(opts.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
  const rows = await repo.findMatches(tx, tenantId, prepared.terms, prepared.words, limit);
  const locale = opts.locale ?? 'de';
  const hits = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: localText(r.title_text, locale, r.title),
    summary: localText(r.summary_text, locale),
    score: Math.round(r.score * 10000) / 10000,
  }));
  return { query: text, truncated, corrections: prepared.corrections, hits, total: Math.max(rows[0]?.total ?? 0, hits.length) };
}

/** The municipality's published services matching q, best first. */
export async function searchServices(tx: Tx, tenantId: string, q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  return (await searchWithDetails(tx, tenantId, q, opts)).hits;
}

// ----- the portal's lists -----

const collators = new Map<Locale, Intl.Collator>();
const collator = (locale: Locale) => {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale === 'en' ? 'en' : 'de', { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
};

const isLifeSituation = (v: unknown): v is LifeSituation => (LIFE_SITUATIONS as readonly unknown[]).includes(v);

function toSummary(r: repo.ListedRow, locale: Locale): ServiceSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: localText(r.title_text, locale, r.title),
    summary: localText(r.summary_text, locale),
    lifeSituations: Array.isArray(r.life_situations) ? r.life_situations.filter(isLifeSituation) : [],
  };
}

/** All published services, A–Z in the reader's language. */
export async function servicesAtoZ(tx: Tx, tenantId: string, locale: Locale = 'de'): Promise<ServiceSummary[]> {
  const list = (await repo.publishedServices(tx, tenantId)).map((r) => toSummary(r, locale));
  return list.sort((a, b) => collator(locale).compare(a.title, b.title));
}

/** Up to `limit` services with the most applications in the last 365 days, then in title order. */
export async function topTasks(tx: Tx, tenantId: string, locale: Locale = 'de', limit = TOP_TASKS): Promise<ServiceSummary[]> {
  return (await repo.mostUsedServices(tx, tenantId, limit)).map((r) => toSummary(r, locale));
}

/** The life situations that have services, in the catalogue's order, each with its services A–Z. */
export function byLifeSituation(services: ServiceSummary[]): Array<{ situation: LifeSituation; services: ServiceSummary[] }> {
  return LIFE_SITUATIONS.map((situation) => ({ situation, services: services.filter((s) => s.lifeSituations.includes(situation)) })).filter(
    (g) => g.services.length > 0,
  );
}

/** Services grouped by the first letter of their title (umlauts under their base letter, digits and signs under #). */
export function byInitial(services: ServiceSummary[]): Array<{ letter: string; services: ServiceSummary[] }> {
  const groups = new Map<string, ServiceSummary[]>();
  for (const s of services) {
    const first = s.title.trim().charAt(0).normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const letter = /^[A-Z]$/.test(first) ? first : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), s]);
  }
  return [...groups].map(([letter, list]) => ({ letter, services: list }));
}

export interface PortalOverview {
  topTasks: ServiceSummary[];
  lifeSituations: ReturnType<typeof byLifeSituation>;
  all: ServiceSummary[];
}

/** What the portal's home page lists. */
export async function portalOverview(tx: Tx, tenantId: string, locale: Locale = 'de'): Promise<PortalOverview> {
  const all = await servicesAtoZ(tx, tenantId, locale);
  return { topTasks: await topTasks(tx, tenantId, locale), lifeSituations: byLifeSituation(all), all };
}
