// All SQL of the service search and the portal's overview lists. The documents are built by the database
// function service_search_document (migration 0010); their terms and the vocabulary by a trigger on service_search.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

type Json = unknown;

/**
 * A service's document: migration 0010's German document, and the English title, keywords and summary where the
 * organiser gave them, so an English query finds the service too. The English words go through the same German
 * configuration as every query word, so a query is stemmed one way for both languages ("dogs" and "dog" meet).
 */
const DOCUMENT = sql`(service_search_document(title, definition)
  || setweight(to_tsvector('german', coalesce(definition #>> '{title,en}', '')), 'A')
  || setweight(to_tsvector('german', service_search_words(definition -> 'keywordsEn')), 'B')
  || setweight(to_tsvector('german', coalesce(definition #>> '{summary,en}', '')), 'C'))`;

/** (Re)writes the document of a published service; false when the service is missing or not published. */
export async function upsertDocument(tx: Tx, tenantId: string, serviceId: string): Promise<boolean> {
  const r = await sql<{ service_id: string }>`
    INSERT INTO service_search (tenant_id, service_id, document)
    SELECT tenant_id, id, ${DOCUMENT} FROM services
    WHERE tenant_id = ${tenantId} AND id = ${serviceId} AND published
    ON CONFLICT (tenant_id, service_id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()
      WHERE service_search.document IS DISTINCT FROM EXCLUDED.document
    RETURNING service_id`.execute(tx);
  if (r.rows.length > 0) return true;
  // An unchanged document is not rewritten (no RETURNING row): tell it apart from an unpublished service.
  const published = await sql<{ one: number }>`
    SELECT 1 AS one FROM services WHERE tenant_id = ${tenantId} AND id = ${serviceId} AND published`.execute(tx);
  return published.rows.length > 0;
}

export async function deleteDocument(tx: Tx, tenantId: string, serviceId: string): Promise<void> {
  await sql`DELETE FROM service_search WHERE tenant_id = ${tenantId} AND service_id = ${serviceId}`.execute(tx);
}

/** Rebuilds every document of a municipality in two statements; returns the number of indexed services. */
export async function rebuildDocuments(tx: Tx, tenantId: string): Promise<number> {
  await sql`
    DELETE FROM service_search x WHERE x.tenant_id = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM services s WHERE s.tenant_id = x.tenant_id AND s.id = x.service_id AND s.published)`.execute(tx);
  await sql`
    INSERT INTO service_search (tenant_id, service_id, document)
    SELECT tenant_id, id, ${DOCUMENT} FROM services WHERE tenant_id = ${tenantId} AND published
    ON CONFLICT (tenant_id, service_id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()
      WHERE service_search.document IS DISTINCT FROM EXCLUDED.document`.execute(tx);
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_search WHERE tenant_id = ${tenantId}`.execute(tx);
  return r.rows[0]!.n;
}

/** German stems of each term, as the documents are stemmed. */
export async function stems(tx: Tx, terms: string[]): Promise<Array<{ term: string; stems: string[] }>> {
  const r = await sql<{ term: string; stems: string[] }>`
    SELECT t.term, tsvector_to_array(to_tsvector('german', t.term)) AS stems FROM unnest(${terms}::text[]) AS t(term)`.execute(tx);
  return r.rows;
}

export interface WordAnalysis {
  /** 1-based position of the word in the query. */
  ord: number;
  stem: string;
  /** Some lexeme of the municipality's documents starts with the stem. */
  known: boolean;
  /** Lexemes of the vocabulary that hold the stem inside, not at their start: "anmeld" in "hundeanmeld". */
  infixes: string[];
  /** For a stem found nowhere: the most similar lexeme with the same initial, if similar enough. */
  correction: string | null;
}

export interface WordLimits {
  /** Shortest stem that is corrected, shortest looked for inside compounds, most compounds per word. */
  minCorrect: number;
  minInfix: number;
  maxInfixes: number;
  /** Least pg_trgm similarity of a correction. */
  minSimilarity: number;
}

/**
 * Stems each query word and checks it against the municipality's vocabulary. German compounds put the matter
 * last as often as first ("Hundeanmeldung" for "anmelden"), so lexemes holding the stem inside count too. A
 * stem found nowhere is compared by trigram similarity with the lexemes of the same initial (a btree range, a
 * twentieth of the vocabulary; typos in the first letter stay uncorrected), as stemmed and as typed (`folded`:
 * umlauts folded as the German stemmer does), since a misspelt word stems unpredictably ("Hundestuer" → "hundestur").
 */
export async function analyseWords(tx: Tx, tenantId: string, words: string[], folded: string[], limits: WordLimits): Promise<WordAnalysis[]> {
  const r = await sql<WordAnalysis>`
    WITH x AS MATERIALIZED (
      SELECT w.ord::int AS ord, s.stem, w.folded COLLATE "C" AS folded, left(s.stem, 1) AS initial,
        EXISTS (SELECT 1 FROM service_search_lexemes l
                WHERE l.tenant_id = ${tenantId} AND l.lexeme >= s.stem AND l.lexeme < (s.stem || chr(1114111)) COLLATE "C") AS known,
        CASE WHEN length(s.stem) < ${limits.minInfix}::int THEN '{}'::text[] ELSE ARRAY(
          SELECT l.lexeme FROM service_search_lexemes l
          WHERE l.tenant_id = ${tenantId} AND strpos(l.lexeme, s.stem) > 1
          ORDER BY l.documents DESC, l.lexeme LIMIT ${limits.maxInfixes}::int) END AS infixes
      FROM unnest(${words}::text[], ${folded}::text[]) WITH ORDINALITY AS w(word, folded, ord)
      CROSS JOIN LATERAL (SELECT stem COLLATE "C" AS stem FROM unnest(tsvector_to_array(to_tsvector('german', w.word))) AS stem) AS s
    )
    SELECT x.ord, x.stem, x.known, x.infixes,
      CASE WHEN x.known OR cardinality(x.infixes) > 0 OR length(x.stem) < ${limits.minCorrect}::int THEN NULL ELSE (
        SELECT l.lexeme FROM service_search_lexemes l
        WHERE l.tenant_id = ${tenantId} AND l.lexeme >= x.initial AND l.lexeme < (x.initial || chr(1114111)) COLLATE "C"
          AND greatest(similarity(l.lexeme, x.stem), similarity(l.lexeme, x.folded)) >= ${limits.minSimilarity}::real
        ORDER BY greatest(similarity(l.lexeme, x.stem), similarity(l.lexeme, x.folded)) DESC, l.documents DESC, l.lexeme
        LIMIT 1) END AS correction
    FROM x
    ORDER BY x.ord, x.stem`.execute(tx);
  return r.rows;
}

export interface MatchRow {
  id: string;
  slug: string;
  title: string;
  title_text: Json;
  summary_text: Json;
  score: number;
  /** How many services match in all, of which the best `limit` are returned. */
  total: number;
}

/** At most this many words per query. */
export const MAX_WORDS = 8;

/** One word of a query as it is looked up: its lexeme, whether as a prefix, and whether the person typed it. */
export interface QueryTerm {
  /** The query word (0-based) the term stands for. */
  word: number;
  lexeme: string;
  prefix: boolean;
  /** The word as typed (stemmed), inside a compound, or corrected; false for a synonym, which counts half. */
  typed: boolean;
}

// The range of lexemes a term matches. Computed here, not in SQL: under RLS an index condition may hold only
// leakproof operators, and || is not one.
const lowerBound = (t: QueryTerm) => t.lexeme;
const upperBound = (t: QueryTerm) => t.lexeme + (t.prefix ? '\u{10FFFF}' : '\u0001');

/**
 * Published services holding the terms, best first. The score is the share of query words a service answers,
 * plus for each word the best place it was found (title and synonyms 1, keywords 0.4, summary 0.2, description
 * 0.1; half for a synonym), plus 0.05 for each lexeme found (more mentions, slightly more relevant). Each term is
 * a range of the terms' primary key: an index lookup that row-level security allows (see migration 0010). Only
 * the best `limit` are joined with their services, which the index holds published only (the join checks it again).
 */
export async function findMatches(tx: Tx, tenantId: string, terms: QueryTerm[], words: number, limit: number): Promise<MatchRow[]> {
  if (words < 1 || words > MAX_WORDS) throw new Error(`a search takes 1 to ${MAX_WORDS} words`);
  // One aggregate per word: its best place in the service. The statement has one shape per number of words.
  const bests = Array.from({ length: words }, (_, i) => sql.ref(`best${i}`));
  const r = await sql<MatchRow>`
    WITH q AS (
      SELECT * FROM unnest(${terms.map((t) => t.word)}::int[], ${terms.map(lowerBound)}::text[], ${terms.map(upperBound)}::text[],
                           ${terms.map((t) => t.typed)}::bool[]) AS q(word, low, high, typed)
    ),
    hits AS (
      SELECT e.service_id, count(*) AS lexemes,
        ${sql.join(Array.from({ length: words }, (_, i) => sql`max(CASE WHEN q.typed THEN e.weight ELSE e.weight / 2 END) FILTER (WHERE q.word = ${i}::int)`))}
      FROM q JOIN service_search_terms e ON e.tenant_id = ${tenantId} AND e.lexeme >= q.low COLLATE "C" AND e.lexeme < q.high COLLATE "C"
      GROUP BY e.service_id
    ),
    best AS (
      SELECT h.service_id, (${sql.join(
        bests.map((c) => sql`(h.${c} IS NOT NULL)::int`),
        sql` + `,
      )})::float8 / ${words}::int
        + ${sql.join(
          bests.map((c) => sql`coalesce(h.${c}, 0)`),
          sql` + `,
        )} + 0.05::float8 * h.lexemes AS score
      FROM hits AS h(service_id, lexemes, ${sql.join(bests)})
      ORDER BY score DESC, h.service_id
      LIMIT ${limit}::int
    )
    SELECT s.id, s.slug, s.title, s.definition -> 'title' AS title_text, s.definition -> 'summary' AS summary_text, b.score::float8 AS score,
      (SELECT count(*)::int FROM hits) AS total
    FROM best b JOIN services s ON s.tenant_id = ${tenantId} AND s.id = b.service_id
    WHERE s.published
    ORDER BY b.score DESC, coalesce(s.definition #>> '{title,de}', s.title) COLLATE "und-x-icu", s.id`.execute(tx);
  return r.rows;
}

export interface ListedRow {
  id: string;
  slug: string;
  title: string;
  title_text: Json;
  summary_text: Json;
  life_situations: Json;
}

/** Every published service of a municipality. */
export async function publishedServices(tx: Tx, tenantId: string): Promise<ListedRow[]> {
  const r = await sql<ListedRow>`
    SELECT id, slug, title, definition -> 'title' AS title_text, definition -> 'summary' AS summary_text,
      definition -> 'lifeSituations' AS life_situations
    FROM services WHERE tenant_id = ${tenantId} AND published
    ORDER BY coalesce(definition #>> '{title,de}', title) COLLATE "und-x-icu", id`.execute(tx);
  return r.rows;
}

/** The published services with the most applications in the last 365 days; ties (and none) in title order. */
export async function mostUsedServices(tx: Tx, tenantId: string, limit: number): Promise<Array<ListedRow & { applications: number }>> {
  const r = await sql<ListedRow & { applications: number }>`
    SELECT s.id, s.slug, s.title, s.definition -> 'title' AS title_text, s.definition -> 'summary' AS summary_text,
      s.definition -> 'lifeSituations' AS life_situations,
      (SELECT count(*)::int FROM applications a
       WHERE a.tenant_id = s.tenant_id AND a.service_id = s.id AND a.submitted_at > now() - interval '365 days') AS applications
    FROM services s
    WHERE s.tenant_id = ${tenantId} AND s.published
    ORDER BY applications DESC, coalesce(s.definition #>> '{title,de}', s.title) COLLATE "und-x-icu", s.id
    LIMIT ${limit}::int`.execute(tx);
  return r.rows;
}
