-- Service search ("Was möchten Sie erledigen?"): one weighted German text document per published service, and
-- each municipality's vocabulary of words for correcting typos with trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The words of a JSON array of strings (keywords, synonyms); anything else counts as no words.
CREATE FUNCTION service_search_words(list jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(word, ' '), '')
  FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(list) = 'array' THEN list ELSE '[]'::jsonb END) AS word
$$;

-- The search document of a service: title and synonyms weigh most (A), then keywords (B), summary (C) and
-- description (D); German snowball stemming, so "Umzüge" and "Umzug" meet in one lexeme. Defined here once,
-- for the application and for this migration's first fill alike; a new weighting is a new migration that
-- replaces this function and rebuilds the documents.
CREATE FUNCTION service_search_document(title text, definition jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('german', coalesce(definition #>> '{title,de}', title, '')), 'A')
      || setweight(to_tsvector('german', service_search_words(definition -> 'synonyms')), 'A')
      || setweight(to_tsvector('german', service_search_words(definition -> 'keywords')), 'B')
      || setweight(to_tsvector('german', coalesce(definition #>> '{summary,de}', '')), 'C')
      || setweight(to_tsvector('german', coalesce(definition #>> '{description,de}', '')), 'D')
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
-- A GIN index cannot lead with tenant_id without the btree_gin extension; every query also filters by tenant
-- (and RLS adds the same condition), and on a distributed database each shard holds one tenant's rows anyway.
CREATE INDEX service_search_document ON service_search USING gin (document);

-- Each lexeme of a municipality's documents with the number of documents holding it. Only word lexemes (letters,
-- at least three) are kept: these are what a misspelt query word is compared with. "C" collation, so that a
-- prefix is a range of the primary key on every server.
CREATE TABLE service_search_lexemes (
  tenant_id uuid NOT NULL,
  lexeme text COLLATE "C" NOT NULL,
  documents integer NOT NULL CHECK (documents >= 0),
  PRIMARY KEY (tenant_id, lexeme)
);
CREATE INDEX service_search_lexemes_trgm ON service_search_lexemes USING gin (lexeme gin_trgm_ops);

CREATE FUNCTION service_search_vocabulary(document tsvector) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lexeme FROM unnest(tsvector_to_array(document)) AS lexeme
  WHERE lexeme ~ '^[^0-9[:space:][:punct:]]{3,60}$'
$$;

-- The vocabulary follows the documents in the same transaction, whatever changed them (the application, a
-- cascade from a deleted service, this migration). Writes of one municipality's index queue behind each other
-- (they are rare: a service is saved), so two writers never wait for each other's counts in opposite orders.
CREATE FUNCTION service_search_count_lexemes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('service_search:' || current_setting('app.tenant_id', true)));
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    WITH gone AS (
      SELECT o.tenant_id, w.lexeme, count(*)::int AS n
      FROM old_rows o CROSS JOIN LATERAL service_search_vocabulary(o.document) AS w(lexeme)
      GROUP BY 1, 2
    )
    UPDATE service_search_lexemes v SET documents = v.documents - gone.n
    FROM gone WHERE v.tenant_id = gone.tenant_id AND v.lexeme = gone.lexeme;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO service_search_lexemes (tenant_id, lexeme, documents)
    SELECT n.tenant_id, w.lexeme, count(*)::int
    FROM new_rows n CROSS JOIN LATERAL service_search_vocabulary(n.document) AS w(lexeme)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, lexeme) DO UPDATE SET documents = service_search_lexemes.documents + EXCLUDED.documents;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM service_search_lexemes v
    USING (SELECT DISTINCT o.tenant_id, w.lexeme FROM old_rows o CROSS JOIN LATERAL service_search_vocabulary(o.document) AS w(lexeme)) AS gone
    WHERE v.tenant_id = gone.tenant_id AND v.lexeme = gone.lexeme AND v.documents = 0;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER service_search_inserted AFTER INSERT ON service_search
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_count_lexemes();
CREATE TRIGGER service_search_updated AFTER UPDATE ON service_search
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_count_lexemes();
CREATE TRIGGER service_search_deleted AFTER DELETE ON service_search
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_count_lexemes();

GRANT SELECT, INSERT, UPDATE, DELETE ON service_search, service_search_lexemes TO rathaus_app;

ALTER TABLE service_search ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_search FORCE ROW LEVEL SECURITY;
ALTER TABLE service_search_lexemes ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_search_lexemes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON service_search
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON service_search_lexemes
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

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
