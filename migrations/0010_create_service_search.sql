-- Service search ("Was möchten Sie erledigen?"): one weighted German text document per published service, its
-- lexemes as rows of a btree (the terms), and each municipality's vocabulary for finding compounds and typos.
--
-- Why terms in a btree rather than a GIN index on the documents: with row-level security forced, PostgreSQL
-- evaluates a query's own conditions after the policy and uses an index for them only when their operator is
-- leakproof. @@, pg_trgm's % and LIKE are not (checked with EXPLAIN as the application role), so a GIN index would
-- never be used and every search would test all of a municipality's documents. Text and uuid comparisons are
-- leakproof: a search looks its words up as ranges of (tenant_id, lexeme).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words of a JSON array of strings (keywords, synonyms); anything else counts as no words.
CREATE FUNCTION service_search_words(list jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(word, ' '), '')
  FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(list) = 'array' THEN list ELSE '[]'::jsonb END) AS word
$$;

-- The search document of a service: title and synonyms weigh most (A), then keywords (B), summary (C) and
-- description (D); German snowball stemming, so "Umzüge" and "Umzug" meet in one lexeme. Defined here once, for
-- the application and for this migration's first fill alike; a new weighting is a new migration that replaces
-- this function and rebuilds the documents.
CREATE FUNCTION service_search_document(title text, definition jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('german', coalesce(definition #>> '{title,de}', title, '')), 'A')
      || setweight(to_tsvector('german', service_search_words(definition -> 'synonyms')), 'A')
      || setweight(to_tsvector('german', service_search_words(definition -> 'keywords')), 'B')
      || setweight(to_tsvector('german', coalesce(definition #>> '{summary,de}', '')), 'C')
      || setweight(to_tsvector('german', coalesce(definition #>> '{description,de}', '')), 'D')
$$;

-- What a lexeme found in a document counts for ranking: its best weight, as ts_rank weighs them by default.
CREATE FUNCTION service_search_weight(weights text[]) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE (SELECT min(w) FROM unnest(weights) AS w) WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END::real
$$;

CREATE TABLE service_search (
  tenant_id uuid NOT NULL,
  service_id uuid NOT NULL,
  document tsvector NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, service_id),
  -- A deleted service takes its search entry with it, even when nobody asked the index first.
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);

-- Each lexeme of each document. "C" collation, so that a prefix is a range of the primary key on every server.
CREATE TABLE service_search_terms (
  tenant_id uuid NOT NULL,
  lexeme text COLLATE "C" NOT NULL,
  service_id uuid NOT NULL,
  weight real NOT NULL,
  PRIMARY KEY (tenant_id, lexeme, service_id)
);
CREATE INDEX service_search_terms_service ON service_search_terms (tenant_id, service_id);

-- Each lexeme of a municipality's documents with the number of documents holding it: where a query word is
-- looked for inside compounds and compared with for typos (a few thousand rows rather than the terms' many).
CREATE TABLE service_search_lexemes (
  tenant_id uuid NOT NULL,
  lexeme text COLLATE "C" NOT NULL,
  documents integer NOT NULL CHECK (documents >= 0),
  PRIMARY KEY (tenant_id, lexeme)
);

-- Terms and vocabulary follow the documents in the same transaction, whatever changed them (the application, a
-- cascade from a deleted service, this migration). Writes of one municipality's index queue behind each other
-- (they are rare: a service is saved), so two writers never wait for each other's counts in opposite orders.
CREATE FUNCTION service_search_follow_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('service_search:' || current_setting('app.tenant_id', true)));
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM service_search_terms t USING old_rows o WHERE t.tenant_id = o.tenant_id AND t.service_id = o.service_id;
    UPDATE service_search_lexemes v SET documents = v.documents - gone.n
    FROM (SELECT o.tenant_id, u.lexeme, count(*)::int AS n FROM old_rows o CROSS JOIN LATERAL unnest(o.document) AS u GROUP BY 1, 2) AS gone
    WHERE v.tenant_id = gone.tenant_id AND v.lexeme = gone.lexeme;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO service_search_terms (tenant_id, lexeme, service_id, weight)
    SELECT n.tenant_id, u.lexeme, n.service_id, service_search_weight(u.weights) FROM new_rows n CROSS JOIN LATERAL unnest(n.document) AS u;
    INSERT INTO service_search_lexemes (tenant_id, lexeme, documents)
    SELECT n.tenant_id, u.lexeme, count(*)::int FROM new_rows n CROSS JOIN LATERAL unnest(n.document) AS u
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, lexeme) DO UPDATE SET documents = service_search_lexemes.documents + EXCLUDED.documents;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM service_search_lexemes v
    USING (SELECT DISTINCT o.tenant_id, u.lexeme FROM old_rows o CROSS JOIN LATERAL unnest(o.document) AS u) AS gone
    WHERE v.tenant_id = gone.tenant_id AND v.lexeme = gone.lexeme AND v.documents = 0;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER service_search_inserted AFTER INSERT ON service_search
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_follow_documents();
CREATE TRIGGER service_search_updated AFTER UPDATE ON service_search
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_follow_documents();
CREATE TRIGGER service_search_deleted AFTER DELETE ON service_search
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_follow_documents();

GRANT SELECT, INSERT, UPDATE, DELETE ON service_search, service_search_terms, service_search_lexemes TO rathaus_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_search', 'service_search_terms', 'service_search_lexemes']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

-- The portal's top tasks count each service's applications of the last year.
CREATE INDEX applications_service_submitted ON applications (tenant_id, service_id, submitted_at);

-- Services that exist already get their documents, one municipality at a time: under forced RLS even the
-- tables' owner sees only the tenant set for the transaction.
DO $$
DECLARE
  org record;
BEGIN
  FOR org IN SELECT id FROM organizations WHERE kind = 'municipality' LOOP
    PERFORM set_config('app.tenant_id', org.id::text, true);
    INSERT INTO service_search (tenant_id, service_id, document)
      SELECT tenant_id, id, service_search_document(title, definition) FROM services WHERE tenant_id = org.id AND published;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;
