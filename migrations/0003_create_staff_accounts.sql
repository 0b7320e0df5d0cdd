-- Staff accounts sign in before a tenant is known, so accounts and sessions are looked up by e-mail or token.
CREATE TABLE staff_users (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('region_admin', 'municipality_admin', 'clerk')),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_users_organization ON staff_users (organization_id);

CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  -- The municipality a region admin is working on; clerks always work on their own.
  active_tenant_id uuid REFERENCES organizations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON staff_users, staff_sessions TO rathaus_app;
