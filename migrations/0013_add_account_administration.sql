-- Admins invite, deactivate and reset accounts; everyone sees and ends their own sessions.
-- An invited account has no password until its owner follows the link.
ALTER TABLE staff_users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE staff_users ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE staff_users DROP COLUMN failed_logins;
ALTER TABLE staff_users DROP COLUMN locked_until;

-- Sessions get an id of their own: the list of one's sessions must not show the token's hash.
ALTER TABLE staff_sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE staff_sessions ADD COLUMN user_agent text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX staff_sessions_id ON staff_sessions (id);

-- One-time links (invitation, password reset). The link is derived from the id with the app's secret,
-- so neither this table nor the outbox holds anything a reader could sign in with.
CREATE TABLE account_links (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_links_user ON account_links (user_id);

-- Failed sign-ins counted per e-mail address, whether an account has it or not, so the lock
-- tells nobody which addresses exist. Shared by every app process.
CREATE TABLE sign_in_throttle (
  email_hash text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON account_links, sign_in_throttle TO rathaus_app;
