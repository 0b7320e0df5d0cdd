-- Case work beside the workflow: internal notes, internal tasks, handing a case to another organisation of the
-- region, and the decision letter's template per municipality. Notes and tasks are never shown to the applicant.
CREATE TABLE case_notes (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  author_id uuid NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX case_notes_application ON case_notes (tenant_id, application_id, created_at);

-- A task's due date is a calendar day: it has no zone and is never shifted by one.
CREATE TABLE case_tasks (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  assignee_id uuid NOT NULL,
  due_on date NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  completed_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX case_tasks_application ON case_tasks (tenant_id, application_id, created_at);
-- "Meine Aufgaben": a clerk's open tasks by due date.
CREATE INDEX case_tasks_assignee ON case_tasks (tenant_id, assignee_id, due_on) WHERE completed_at IS NULL;

-- One handover, written on both sides with the same id, each in its own tenant's transaction: direction 'out' in
-- the sending organisation (the case closed there points at where it went), 'in' in the receiving one (the new
-- case names where it came from). `completed_at` is set on the sending side once the receiving case exists; until
-- then the outbox job retries it.
CREATE TABLE case_handovers (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  application_id uuid NOT NULL,
  other_org_id uuid NOT NULL REFERENCES organizations (id),
  other_application_id uuid,
  other_reference text,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
  created_by uuid,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, application_id, direction),
  FOREIGN KEY (tenant_id, application_id) REFERENCES applications (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX case_handovers_pending ON case_handovers (tenant_id, created_at) WHERE completed_at IS NULL AND direction = 'out';

-- The body of the decision letter (Bescheid) per municipality, with placeholders ({{Aktenzeichen}}, {{Leistung}},
-- answers by field id) checked when saved.
CREATE TABLE decision_templates (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  PRIMARY KEY (tenant_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON case_notes, case_tasks, case_handovers, decision_templates TO rathaus_app;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_notes', 'case_tasks', 'case_handovers', 'decision_templates']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

-- All cases of one applicant: by e-mail, case-insensitive.
CREATE INDEX applications_applicant_email ON applications (tenant_id, lower(applicant_email));

-- The letter parts of a Bescheid as the municipality's template gave them when it was issued (salutation and body
-- paragraphs): a later change of the template does not rewrite a decision already made.
ALTER TABLE applications ADD COLUMN decision_letter jsonb;
