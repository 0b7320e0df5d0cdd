-- The application connects through this role: it neither owns the tables nor bypasses row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rathaus_app') THEN
    CREATE ROLE rathaus_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
GRANT rathaus_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO rathaus_app;
