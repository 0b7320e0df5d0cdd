-- Regions and their municipalities. Region-level reference data: every tenant may read it.
CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES organizations (id),
  kind text NOT NULL CHECK (kind IN ('region', 'municipality')),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  official_key text NOT NULL,
  reference_prefix text NOT NULL CHECK (reference_prefix ~ '^[A-Z]{2,4}$'),
  country text NOT NULL CHECK (country IN ('DE', 'CH')),
  time_zone text NOT NULL,
  currency text NOT NULL CHECK (currency IN ('EUR', 'CHF')),
  contact jsonb NOT NULL DEFAULT '{}',
  logo_url text,
  primary_color text NOT NULL DEFAULT '#004b76' CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_parent ON organizations (parent_id);
GRANT SELECT, INSERT, UPDATE ON organizations TO rathaus_app;
