import type { Database, Db } from '../db/database.ts';
import type { BlobStore } from '../blobs/store.ts';
import type { Config } from '../config.ts';
import type { Selectable } from 'kysely';
import type { OrganizationsTable } from '../db/tables.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PageContext } from '../views/layout.tsx';

export interface StaffPrincipal {
  id: string;
  /** The session this request came with: the own-sessions page marks it and keeps it on a password change. */
  sessionId: string;
  name: string;
  email: string;
  role: 'region_admin' | 'municipality_admin' | 'clerk';
  organizationId: string;
  organizationName: string;
  /** The municipality whose cases this account works on; a region admin chooses one. */
  tenantId: string | null;
  /** That municipality, read with the session so a back-office request needs no second look-up. */
  tenant: Selectable<OrganizationsTable> | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
    blobs: BlobStore;
    mailer: Mailer;
  }
  interface FastifyContextConfig {
    /** The route takes uploads; every other route refuses multipart bodies before reading them. */
    multipart?: boolean;
  }
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    staff: StaffPrincipal | null;
    pageContext(): PageContext;
  }
}
