-- Service templates (Standardleistungen): written once by a region, adopted by its municipalities.
CREATE TABLE service_templates (
  tenant_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  slug text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, slug)
);

-- Every version of a template; the highest published one is current, at most one draft is being edited.
CREATE TABLE service_template_versions (
  tenant_id uuid NOT NULL,
  template_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  content jsonb NOT NULL,
  published_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, template_id, version),
  FOREIGN KEY (tenant_id, template_id) REFERENCES service_templates (tenant_id, id) ON DELETE CASCADE
);

-- A municipality's service either adopts a template (template_id, the version it accepted, its local details)
-- or is its own (own_content). `definition` is what citizens see: the resolved current version.
ALTER TABLE services
  ADD COLUMN template_tenant_id uuid,
  ADD COLUMN template_id uuid,
  ADD COLUMN template_version integer,
  ADD COLUMN own_content jsonb,
  ADD COLUMN local jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN published boolean NOT NULL DEFAULT true,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD FOREIGN KEY (template_tenant_id, template_id) REFERENCES service_templates (tenant_id, id);
CREATE UNIQUE INDEX services_template ON services (tenant_id, template_id) WHERE template_id IS NOT NULL;

-- Each version of a service as published; an application and a draft keep the version they started with.
CREATE TABLE service_versions (
  tenant_id uuid NOT NULL,
  service_id uuid NOT NULL,
  version integer NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, service_id, version),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO service_versions (tenant_id, service_id, version, definition)
  SELECT tenant_id, id, version, definition FROM services;

ALTER TABLE applications ADD COLUMN service_version integer NOT NULL DEFAULT 1;
ALTER TABLE application_drafts ADD COLUMN service_version integer NOT NULL DEFAULT 1;
ALTER TABLE applications ADD COLUMN fees jsonb;

GRANT SELECT, INSERT, UPDATE, DELETE ON service_templates, service_template_versions, service_versions TO rathaus_app;
GRANT DELETE ON services TO rathaus_app;

ALTER TABLE service_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_templates FORCE ROW LEVEL SECURITY;
ALTER TABLE service_template_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_template_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE service_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON service_versions
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
-- Templates are written by their region and read by the region's municipalities (reference data).
CREATE POLICY tenant_isolation ON service_templates
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY read_by_municipalities ON service_templates FOR SELECT
  USING (tenant_id = (SELECT parent_id FROM organizations WHERE id = NULLIF(current_setting('app.tenant_id', true), '')::uuid));
CREATE POLICY tenant_isolation ON service_template_versions
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY read_by_municipalities ON service_template_versions FOR SELECT
  USING (tenant_id = (SELECT parent_id FROM organizations WHERE id = NULLIF(current_setting('app.tenant_id', true), '')::uuid));
