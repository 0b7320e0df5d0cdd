-- Services written before the catalog get the catalog's shape and their first version. Done per municipality:
-- with row-level security forced, even the tables' owner sees a tenant's rows only with that tenant set.
CREATE FUNCTION pg_temp.catalog_shape(def jsonb, title text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN def ? 'local' THEN def ELSE
    (def - 'contact' - 'fees') || jsonb_build_object(
      'title', coalesce(def->'title', jsonb_build_object('de', title)),
      'local', coalesce(def->'contact', '{}'::jsonb),
      'feeRules', coalesce((SELECT jsonb_agg(jsonb_build_object('id', 'gebuehr_' || ord, 'label', f->'label', 'unitMinor', f->'amountMinor') ORDER BY ord)
                            FROM jsonb_array_elements(coalesce(def->'fees', '[]'::jsonb)) WITH ORDINALITY AS x(f, ord)), '[]'::jsonb),
      'lifeSituations', coalesce(def->'lifeSituations', '[]'::jsonb),
      'keywords', coalesce(def->'keywords', '[]'::jsonb),
      'synonyms', coalesce(def->'synonyms', '[]'::jsonb),
      'workflow', 'approval')
  END
$$;

DO $$
DECLARE
  org record;
BEGIN
  FOR org IN SELECT id FROM organizations WHERE kind = 'municipality' LOOP
    PERFORM set_config('app.tenant_id', org.id::text, true);
    UPDATE services SET definition = pg_temp.catalog_shape(definition, title) WHERE tenant_id = org.id AND NOT definition ? 'local';
    -- A service that came from no template is the municipality's own.
    UPDATE services SET own_content = definition - 'local' WHERE tenant_id = org.id AND template_id IS NULL AND own_content IS NULL;
    UPDATE service_versions SET definition = pg_temp.catalog_shape(definition, '') WHERE tenant_id = org.id AND NOT definition ? 'local';
    INSERT INTO service_versions (tenant_id, service_id, version, definition)
      SELECT tenant_id, id, version, definition FROM services WHERE tenant_id = org.id
      ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;

-- Municipalities read only the published versions of their region's templates, never a draft being written.
DROP POLICY read_by_municipalities ON service_template_versions;
CREATE POLICY read_published_by_municipalities ON service_template_versions FOR SELECT
  USING (published_at IS NOT NULL
         AND tenant_id = (SELECT parent_id FROM organizations WHERE id = NULLIF(current_setting('app.tenant_id', true), '')::uuid));
