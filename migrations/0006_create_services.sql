CREATE TABLE services (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  slug text NOT NULL,
  title text NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, slug)
);
GRANT SELECT, INSERT, UPDATE ON services TO rathaus_app;
