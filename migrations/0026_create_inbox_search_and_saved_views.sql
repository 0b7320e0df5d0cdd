-- The inbox: full-text search over a case's data (reference, applicant, answers), saved views per clerk, and the
-- indexes of "Meine Vorgänge" and the team inboxes.
--
-- The search uses the same design as the service search (0010): each lexeme of a case's German text document is a
-- row of a btree keyed by (tenant_id, lexeme). Under forced row-level security PostgreSQL applies a query's own
-- conditions after the policy and uses an index for them only when their operator is leakproof; @@ is not, so a
-- GIN index on a tsvector would never be used by the application role, and every search would test all of a
-- municipality's cases. Text and uuid comparisons are leakproof: a word is looked up as a prefix range of the
-- primary key, within the tenant.

-- The text a case is found by: its reference, the applicant's name and every string and number among its answers,
-- stemmed the German way ("Anträge" and "Antrag" meet in "antrag"). Defined once, for the trigger and the first fill.
CREATE FUNCTION application_search_document(reference text, applicant_name text, answers jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('german', coalesce(reference, '') || ' ' || coalesce(applicant_name, ''))
      || jsonb_to_tsvector('german', coalesce(answers, '{}'::jsonb), '["string", "numeric"]')
$$;

CREATE TABLE application_search_terms (
  tenant_id uuid NOT NULL,
  lexeme text COLLATE "C" NOT NULL,
  application_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, lexeme, application_id),
  -- Deleting a case (retention) deletes its search entries in the same statement.
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX application_search_terms_application ON application_search_terms (tenant_id, application_id);
GRANT SELECT, INSERT, DELETE ON application_search_terms TO rathaus_app;
ALTER TABLE application_search_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_search_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON application_search_terms
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Kept by a trigger rather than by the application: a case written by any path (submission, an import, a
-- migration, the demo seed) is searchable, and only a change of the searched columns rewrites its terms.
CREATE FUNCTION application_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM application_search_terms WHERE tenant_id = OLD.tenant_id AND application_id = OLD.id;
  END IF;
  INSERT INTO application_search_terms (tenant_id, lexeme, application_id)
  SELECT NEW.tenant_id, t.lexeme, NEW.id
  FROM unnest(application_search_document(NEW.reference, NEW.applicant_name, NEW.answers)) AS t
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER application_search_insert AFTER INSERT ON applications
  FOR EACH ROW EXECUTE FUNCTION application_search_refresh();
CREATE TRIGGER application_search_update AFTER UPDATE OF reference, applicant_name, answers ON applications
  FOR EACH ROW WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.applicant_name IS DISTINCT FROM NEW.applicant_name
                     OR OLD.answers IS DISTINCT FROM NEW.answers)
  EXECUTE FUNCTION application_search_refresh();

-- Cases that exist already, one municipality at a time (under forced RLS the owner too sees only the tenant set).
DO $$
DECLARE
  org record;
BEGIN
  FOR org IN SELECT id FROM organizations WHERE kind = 'municipality' LOOP
    PERFORM set_config('app.tenant_id', org.id::text, true);
    INSERT INTO application_search_terms (tenant_id, lexeme, application_id)
    SELECT a.tenant_id, t.lexeme, a.id
    FROM applications a, unnest(application_search_document(a.reference, a.applicant_name, a.answers)) AS t
    WHERE a.tenant_id = org.id
    ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;

-- A named set of inbox filters of one clerk ("Meine überfälligen Hundeanmeldungen"), listed as links.
CREATE TABLE inbox_views (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  name text NOT NULL,
  filters jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX inbox_views_name ON inbox_views (tenant_id, user_id, lower(name));
GRANT SELECT, INSERT, DELETE ON inbox_views TO rathaus_app;
ALTER TABLE inbox_views ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox_views FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbox_views
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- "Meine Vorgänge" (assigned to me and to the people I cover) sorted by due date pages through an index.
CREATE INDEX applications_assignee_due ON applications (tenant_id, assigned_to, due_at, id);
