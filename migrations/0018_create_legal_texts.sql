-- Each organization's legal texts: Impressum, Datenschutzerklärung (with the controller's data protection officer
-- and supervisory authority), Erklärung zur Barrierefreiheit (BITV 2.0 § 7: state of conformity, content that is
-- not accessible, feedback contact, enforcement body) and the page in Leichte Sprache. Until an organiser saves
-- them, the app shows defaults made from the organization's data; a row exists once they were edited.
CREATE TABLE legal_texts (
  tenant_id uuid PRIMARY KEY REFERENCES organizations (id),
  texts jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
GRANT SELECT, INSERT, UPDATE ON legal_texts TO rathaus_app;
ALTER TABLE legal_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_texts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON legal_texts
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
