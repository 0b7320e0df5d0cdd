-- The remedy a decision (Bescheid) names in its Rechtsbehelfsbelehrung: which remedy (Widerspruch, Klage;
-- in Switzerland Einsprache, Beschwerde), the court or authority with its address, and the deadline. One row per
-- municipality (scope 'municipality') and optionally one per service (scope = the service's id), which overrides it.
-- A municipality without a row uses the built-in default for its region.
CREATE TABLE remedies (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  scope text NOT NULL,
  service_id uuid,
  kind text NOT NULL CHECK (kind IN ('widerspruch', 'klage', 'einsprache', 'beschwerde')),
  authority text NOT NULL CHECK (length(authority) BETWEEN 1 AND 200),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
  deadline text NOT NULL CHECK (length(deadline) BETWEEN 1 AND 200),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (tenant_id, scope),
  CHECK ((scope = 'municipality' AND service_id IS NULL) OR scope = service_id::text),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON remedies TO rathaus_app;
ALTER TABLE remedies ENABLE ROW LEVEL SECURITY;
ALTER TABLE remedies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON remedies
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The day a decision takes effect, when the clerk names one (otherwise from its notification); the Bescheid's
-- operative part states it. A calendar day as text ("2027-01-01"): it has no zone and is never shifted by one.
ALTER TABLE applications ADD COLUMN decision_effective_from text CHECK (decision_effective_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');

-- The remedy as the Bescheid named it when it was issued: a later change of the settings does not rewrite a
-- decision already made.
ALTER TABLE applications ADD COLUMN decision_remedy jsonb;
