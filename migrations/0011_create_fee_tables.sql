-- Fee tables of the stand-alone calculators (Kita parent fees first): a region's default, a municipality's own.
CREATE TABLE fee_tables (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  calculator text NOT NULL CHECK (calculator ~ '^[a-z0-9-]{1,40}$'),
  content jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, calculator)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON fee_tables TO rathaus_app;

ALTER TABLE fee_tables ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_tables FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fee_tables
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
-- A municipality without a table of its own calculates with its region's: it may read, never write, that row.
CREATE POLICY read_by_municipalities ON fee_tables FOR SELECT
  USING (tenant_id = (SELECT parent_id FROM organizations WHERE id = NULLIF(current_setting('app.tenant_id', true), '')::uuid));
