-- The last check of each tenant's audit chain: how far it was found whole, when it was last recomputed in full,
-- and what that check found. The log viewer then recomputes only the entries added since.
CREATE TABLE audit_checks (
  tenant_id uuid PRIMARY KEY,
  verified_seq bigint NOT NULL,
  verified_hash text NOT NULL,
  full_check_at timestamptz NOT NULL,
  problems jsonb NOT NULL DEFAULT '[]'
);
GRANT SELECT, INSERT, UPDATE ON audit_checks TO rathaus_app;
ALTER TABLE audit_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checks
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
