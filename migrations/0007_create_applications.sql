CREATE TABLE applications (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  reference text NOT NULL,
  service_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'in_review', 'awaiting_applicant', 'approved', 'rejected')),
  answers jsonb NOT NULL,
  applicant_name text NOT NULL,
  applicant_email text NOT NULL,
  status_token_hash text NOT NULL,
  idempotency_key text NOT NULL,
  assigned_to uuid,
  decision_reason text,
  decided_at timestamptz,
  decided_by uuid,
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  retain_until date NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reference),
  UNIQUE (tenant_id, idempotency_key),
  UNIQUE (tenant_id, status_token_hash),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
CREATE INDEX applications_inbox ON applications (tenant_id, status, submitted_at DESC, id DESC);
CREATE INDEX applications_inbox_all ON applications (tenant_id, submitted_at DESC, id DESC);

CREATE TABLE application_messages (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  author text NOT NULL CHECK (author IN ('office', 'applicant')),
  author_user_id uuid,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX application_messages_application ON application_messages (tenant_id, application_id, created_at);

CREATE TABLE application_files (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  message_id uuid,
  field text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX application_files_application ON application_files (tenant_id, application_id);

-- An unfinished application between steps; the browser holds the token, the row holds its hash.
CREATE TABLE application_drafts (
  tenant_id uuid NOT NULL,
  token_hash text NOT NULL,
  service_id uuid NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  files jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token_hash)
);

CREATE TABLE reference_counters (
  tenant_id uuid NOT NULL,
  prefix text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (tenant_id, prefix, year)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON applications, application_messages, application_files,
  application_drafts, reference_counters TO rathaus_app;
