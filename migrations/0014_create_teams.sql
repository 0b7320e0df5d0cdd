-- Teams (Fachbereich, Sachgebiet) with their members and the services they handle, and absences with a
-- substitute (Vertretung): case work routes and hands over cases with them.
CREATE TABLE teams (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('fachbereich', 'sachgebiet')),
  parent_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX teams_name ON teams (tenant_id, lower(name));

CREATE TABLE team_members (
  tenant_id uuid NOT NULL,
  team_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  PRIMARY KEY (tenant_id, team_id, user_id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX team_members_user ON team_members (tenant_id, user_id);

CREATE TABLE team_services (
  tenant_id uuid NOT NULL,
  team_id uuid NOT NULL,
  service_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, team_id, service_id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX team_services_service ON team_services (tenant_id, service_id);

CREATE TABLE absences (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  substitute_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (ends_on >= starts_on),
  CHECK (substitute_id <> user_id)
);
CREATE INDEX absences_user ON absences (tenant_id, user_id, ends_on);

GRANT SELECT, INSERT, UPDATE, DELETE ON teams, team_members, team_services, absences TO rathaus_app;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'team_members', 'team_services', 'absences']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;
