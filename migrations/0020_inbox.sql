-- The inbox shows "Antwort eingegangen" while an applicant's answer is newer than the last time staff opened or
-- worked the case: two times on the application, so the inbox reads the badge from the row it lists anyway.
ALTER TABLE applications ADD COLUMN answered_at timestamptz;
ALTER TABLE applications ADD COLUMN staff_seen_at timestamptz;

-- Cases that exist already: the applicant's last answer, and the office's last question as the last look; one
-- municipality at a time, as under forced RLS even the tables' owner sees only the tenant set for the transaction.
DO $$
DECLARE
  org record;
BEGIN
  FOR org IN SELECT id FROM organizations WHERE kind = 'municipality' LOOP
    PERFORM set_config('app.tenant_id', org.id::text, true);
    UPDATE applications a SET
      answered_at = (SELECT max(m.created_at) FROM application_messages m
                     WHERE m.tenant_id = a.tenant_id AND m.application_id = a.id AND m.author = 'applicant'),
      staff_seen_at = (SELECT max(m.created_at) FROM application_messages m
                       WHERE m.tenant_id = a.tenant_id AND m.application_id = a.id AND m.author = 'office')
    WHERE a.tenant_id = org.id AND EXISTS (SELECT 1 FROM application_messages m WHERE m.tenant_id = a.tenant_id AND m.application_id = a.id);
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;

-- Sorting the inbox by applicant name pages through an index instead of sorting a municipality's applications.
CREATE INDEX applications_inbox_name ON applications (tenant_id, applicant_name, id);

-- The case page's history reads one case's entries of the audit log.
CREATE INDEX audit_log_object ON audit_log (tenant_id, object_type, object_id, seq);
