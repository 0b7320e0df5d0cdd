-- Scanning intake: paper that arrives is scanned into a case's file; the text recognition runs as a background job
-- whose progress the back office shows. One row per uploaded scan.
CREATE TABLE intake_jobs (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  -- The case's reference as it was when the scan came in, so the list of intakes needs no join into cases.
  reference text NOT NULL,
  -- The E-Akte's document the scan became; the recognised PDF/A is its next version.
  document_id uuid,
  filename text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/tiff', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  -- A paper case started by this intake (true) or a scan added to a case that was there (false).
  new_case boolean NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  pages_done integer NOT NULL DEFAULT 0 CHECK (pages_done >= 0),
  pages_total integer CHECK (pages_total >= 0),
  -- A message key of the intake catalog: what the page tells about the outcome (no German text in the database).
  message text,
  -- Whether the document's text can be searched: false when OCR is not installed or failed.
  text_searchable boolean NOT NULL DEFAULT false,
  result_sha256 text,
  attempts integer NOT NULL DEFAULT 0,
  -- The form's one-time key: a form sent twice (a double click, a reload) files one scan.
  idempotency_key text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  -- The intake goes with its case: deleting an expired case removes its intake rows too.
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX intake_jobs_recent ON intake_jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX intake_jobs_application ON intake_jobs (tenant_id, application_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON intake_jobs TO rathaus_app;
ALTER TABLE intake_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE intake_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON intake_jobs
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- How an application reached the office: online through the portal, or on paper through the scanning intake.
ALTER TABLE applications ADD COLUMN channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper'));
