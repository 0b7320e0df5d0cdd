-- Append-only, hash-chained per tenant. The head row serialises writers and makes a removed last entry detectable.
CREATE TABLE audit_heads (
  tenant_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
CREATE TABLE audit_log (
  tenant_id uuid NOT NULL,
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
GRANT SELECT, INSERT ON audit_log TO rathaus_app;
GRANT SELECT, INSERT, UPDATE ON audit_heads TO rathaus_app;
