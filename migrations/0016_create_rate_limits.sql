-- Requests counted per client and route for rate limits, so the limit holds across every app process on this
-- database. Infrastructure, not tenant data: a row names no tenant, and the client only as a keyed hash.
CREATE TABLE rate_limit_hits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_ends);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_hits TO rathaus_app;
