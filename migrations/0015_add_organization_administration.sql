-- Region admins run their municipalities: switch a portal off and on again, choose its colours (the text
-- colour on the primary colour is checked for contrast by the app) and upload its logo (a blob of the
-- municipality, named by its sha-256; only PNG, JPEG or WebP, judged by the bytes).
ALTER TABLE organizations ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE organizations ADD COLUMN primary_text_color text NOT NULL DEFAULT '#ffffff' CHECK (primary_text_color ~ '^#[0-9a-fA-F]{6}$');
ALTER TABLE organizations ADD COLUMN logo_sha256 text CHECK (logo_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE organizations ADD COLUMN logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp'));
ALTER TABLE organizations ADD CONSTRAINT organizations_logo_complete CHECK ((logo_sha256 IS NULL) = (logo_type IS NULL));
