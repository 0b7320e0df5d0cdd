-- The electronic file (E-Akte): each municipality's filing plan (Aktenplan), dossiers (Akten) with their file
-- number (Aktenzeichen), documents with metadata and versions, and the full-text search over their text.

-- A position of the filing plan. Its place in the hierarchy is its number: "1.3.2" lies under "1.3". A retired
-- position keeps its number (file numbers already given name it), it only takes no new dossiers.
CREATE TABLE filing_plan_positions (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  number text NOT NULL CHECK (number ~ '^[0-9]{1,4}(\.[0-9]{1,4}){0,5}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number)
);

-- The running number of dossiers per position and year: "022.30-2026/0004".
CREATE TABLE dossier_counters (
  tenant_id uuid NOT NULL,
  position_id uuid NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (tenant_id, position_id, year)
);

-- A case's dossier names its application; a general dossier has none. No foreign key to applications: a case's
-- records are deleted by the retention run, which first takes their blobs' hashes (deleteCaseRecords).
CREATE TABLE dossiers (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  file_number text NOT NULL,
  position_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  application_id uuid,
  case_reference text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, file_number),
  UNIQUE (tenant_id, application_id),
  FOREIGN KEY (tenant_id, position_id) REFERENCES filing_plan_positions (tenant_id, id)
);
CREATE INDEX dossiers_recent ON dossiers (tenant_id, created_at DESC, id);

CREATE TABLE documents (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  dossier_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (kind IN ('antrag', 'anlage', 'bescheid', 'schreiben', 'scan', 'vermerk', 'sonstiges')),
  -- A calendar day as text ("2026-11-03"): it has no zone and is never shifted by one.
  document_date text CHECK (document_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  correspondent text CHECK (length(correspondent) <= 300),
  position_id uuid NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  -- Where a filed document came from (an application's file), so filing it twice files it once.
  source_id uuid,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_id),
  FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, position_id) REFERENCES filing_plan_positions (tenant_id, id)
);
CREATE INDEX documents_dossier ON documents (tenant_id, dossier_id, created_at);

-- A version is written once and never changed, except for its text, which OCR may deliver later.
CREATE TABLE document_versions (
  tenant_id uuid NOT NULL,
  document_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  text text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (tenant_id, document_id, version),
  FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX document_versions_blob ON document_versions (tenant_id, sha256);

GRANT SELECT, INSERT, UPDATE, DELETE ON filing_plan_positions, dossier_counters, dossiers, documents, document_versions TO rathaus_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['filing_plan_positions', 'dossier_counters', 'dossiers', 'documents', 'document_versions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

-- The search entries: one per document, of its newest version (title weighs more than the text).
--
-- Why this table has no grant to the application and no row-level security: under forced RLS, PostgreSQL applies
-- the policy before a query's own conditions and uses an index for those only when their operator is leakproof.
-- @@ is not, so a GIN index on an RLS table is never used by the application role and every search reads all of a
-- municipality's documents. Here the index is used, and the tenant is enforced by the only two ways in: the
-- function below, which reads the tenant of the transaction itself, and the triggers on document_versions, whose
-- rows row-level security has already checked. btree_gin puts the tenant into the same index as the words.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE document_search (
  tenant_id uuid NOT NULL,
  document_id uuid NOT NULL,
  version integer NOT NULL,
  words tsvector NOT NULL,
  PRIMARY KEY (tenant_id, document_id)
);
CREATE INDEX document_search_words ON document_search USING gin (tenant_id, words);
REVOKE ALL ON document_search FROM PUBLIC;

-- The text of a version as the search sees it: tsvector has a size limit, and the first 200,000 characters of a
-- document are what a search needs to find it.
CREATE FUNCTION document_search_words(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('german', coalesce(title, '')), 'A') || setweight(to_tsvector('german', left(coalesce(body, ''), 200000)), 'D')
$$;

CREATE FUNCTION document_search_follow_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM document_search WHERE tenant_id = OLD.tenant_id AND document_id = OLD.document_id AND version = OLD.version;
    RETURN NULL;
  END IF;
  -- The newest version is the one searched; text delivered later for an older version changes nothing.
  INSERT INTO document_search (tenant_id, document_id, version, words)
  SELECT NEW.tenant_id, NEW.document_id, NEW.version, document_search_words(d.title, NEW.text)
  FROM documents d WHERE d.tenant_id = NEW.tenant_id AND d.id = NEW.document_id
  ON CONFLICT (tenant_id, document_id) DO UPDATE SET version = EXCLUDED.version, words = EXCLUDED.words
  WHERE document_search.version <= EXCLUDED.version;
  RETURN NULL;
END
$$;
CREATE TRIGGER document_versions_search AFTER INSERT OR UPDATE OF text OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_search_follow_versions();

-- The search: the municipality is the transaction's own (SET LOCAL app.tenant_id), never a parameter, so the
-- application cannot ask for another's documents; without a tenant it finds nothing. Ranked are the first 250
-- matches the index yields: a word found in most of a municipality's documents would otherwise fetch and rank all
-- of them (measured: 1,000 candidates cost 20 ms of heap reads alone), and a query that broad is narrowed by another
-- word rather than read to its thousandth hit.
CREATE FUNCTION search_documents(query text, max_hits integer)
RETURNS TABLE (document_id uuid, version integer, rank real)
-- ROWS: what a call returns, for the planner of the query that joins the hits to their documents (without it, the
-- default of 1,000 rows made it hash-join the municipality's whole documents table instead of looking up 20 rows).
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
  WITH q AS (SELECT websearch_to_tsquery('german', query) AS q),
  candidates AS (
    SELECT s.document_id, s.version, s.words
    FROM document_search s, q
    WHERE s.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid AND s.words @@ q.q
    LIMIT 250
  )
  SELECT c.document_id, c.version, ts_rank(c.words, q.q) AS rank
  FROM candidates c, q
  ORDER BY rank DESC, c.document_id
  LIMIT least(greatest(max_hits, 1), 200)
$$;
REVOKE ALL ON FUNCTION search_documents(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_documents(text, integer) TO rathaus_app;
REVOKE ALL ON FUNCTION document_search_follow_versions() FROM PUBLIC;
