-- Written in the same transaction as the business change; delivered at least once by the job runner.
CREATE TABLE outbox (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  delivered_at timestamptz,
  dead_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_due ON outbox (available_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO rathaus_app;
