-- Retention rules per municipality (DIN 66398 style): a start event plus a period, for one service or, without a
-- service, as the municipality's default; with a document type, for that kind of document of the case.
CREATE TABLE retention_rules (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  service_id uuid,
  document_type text,
  start_event text NOT NULL CHECK (start_event IN ('submitted', 'decided', 'closed')),
  years integer NOT NULL CHECK (years BETWEEN 0 AND 100),
  months integer NOT NULL CHECK (months BETWEEN 0 AND 11),
  -- Offered to the archive before deletion (Anbietungspflicht); otherwise deleted when due.
  offer_to_archive boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE NULLS NOT DISTINCT (tenant_id, service_id, document_type)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON retention_rules TO rathaus_app;
ALTER TABLE retention_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retention_rules
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- What a deletion run removed, by class of data and count only: no names, no references, nothing personal.
CREATE TABLE deletion_protocol (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  run_at timestamptz NOT NULL,
  data_class text NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX deletion_protocol_run ON deletion_protocol (tenant_id, run_at DESC, id);
GRANT SELECT, INSERT ON deletion_protocol TO rathaus_app;
ALTER TABLE deletion_protocol ENABLE ROW LEVEL SECURITY;
ALTER TABLE deletion_protocol FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deletion_protocol
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The archive's evaluation of an offered case (xdomea 0502: A archive it, V destroy it), and when it was offered
-- and transferred. Goes with the case when the case is deleted.
CREATE TABLE archive_marks (
  tenant_id uuid NOT NULL,
  application_id uuid NOT NULL,
  offered_at timestamptz,
  offer_process_id uuid,
  mark text CHECK (mark IN ('A', 'V')),
  marked_at timestamptz,
  transferred_at timestamptz,
  PRIMARY KEY (tenant_id, application_id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
GRANT SELECT, INSERT, UPDATE, DELETE ON archive_marks TO rathaus_app;
ALTER TABLE archive_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_marks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_marks
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- The reason a legal hold was set or lifted is in the audit log; the case keeps who set it and when.
ALTER TABLE applications ADD COLUMN legal_hold_reason text;
ALTER TABLE applications ADD COLUMN legal_hold_at timestamptz;
