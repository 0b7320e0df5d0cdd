-- Workflows per municipality, one row per saved version: a case points at the version it started with, so saving
-- a workflow changes only the cases that start after it.
CREATE TABLE workflows (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  key text NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, key, version)
);
GRANT SELECT, INSERT ON workflows TO rathaus_app;
ALTER TABLE workflows ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workflows
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Where a case stands in its workflow. Cases from before workflows have none and get the municipality's
-- standard workflow when next worked. `lock_version` refuses the second of two concurrent saves of one case.
ALTER TABLE applications ADD COLUMN workflow_id uuid;
ALTER TABLE applications ADD COLUMN workflow_state text;
ALTER TABLE applications ADD COLUMN state_entered_at timestamptz;
ALTER TABLE applications ADD COLUMN due_at timestamptz;
ALTER TABLE applications ADD COLUMN complete_at timestamptz;
ALTER TABLE applications ADD COLUMN fee_paid_at timestamptz;
ALTER TABLE applications ADD COLUMN closed_at timestamptz;
ALTER TABLE applications ADD COLUMN legal_hold boolean NOT NULL DEFAULT false;
ALTER TABLE applications ADD COLUMN lock_version integer NOT NULL DEFAULT 0;

-- The inbox's first page: filtered by state, sorted by due date.
CREATE INDEX applications_inbox_due ON applications (tenant_id, workflow_state, due_at, id);
CREATE INDEX applications_due ON applications (tenant_id, due_at, id) WHERE closed_at IS NULL;

-- Roles a workflow's transitions name beyond plain case work (`leitung` for a second approval, `kasse` for
-- booking a payment), given to accounts by the municipality's admin.
ALTER TABLE staff_users ADD COLUMN case_roles text[] NOT NULL DEFAULT '{}';
