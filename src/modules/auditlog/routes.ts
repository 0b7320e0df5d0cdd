import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { inTenant } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { requireAdmin } from '../accounts/index.ts';
import { organizationById } from '../organizations/index.ts';
import { checkChain, logTenantOf, pageNumber, parseFilter, readLog } from './auditlog.ts';
import { type FilterValues, schemas } from './schema.ts';
import { AuditLogPage, LOG_PATH } from './views/AuditLog.tsx';

export async function auditLogRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav({ href: LOG_PATH, label: 'auditlog.nav', roles: ['region_admin', 'municipality_admin'] });

  app.get(LOG_PATH, { schema: schemas.log, preHandler: requireAdmin }, async (req, reply) => {
    const tenantId = logTenantOf(req.staff!);
    const { objekttyp, objekt, person, von, bis } = req.query;
    const values: FilterValues = { objekttyp, objekt, person, von, bis };
    const found = await inTenant(app.db, tenantId, async (tx) => {
      const org = await organizationById(tx, tenantId);
      if (!org) return undefined;
      const parsed = parseFilter(values, org.time_zone);
      const chain = await checkChain(tx, tenantId);
      const log = parsed.ok ? await readLog(tx, tenantId, parsed.filter, pageNumber(req.query.seite)) : undefined;
      return { org, chain, log, errors: parsed.ok ? {} : parsed.errors };
    });
    if (!found) throw notFound();
    const { org, chain, log, errors } = found;
    const page = AuditLogPage({ ctx: req.pageContext(), tenantName: org.name, timeZone: org.time_zone, country: org.country, chain, values, errors, log });
    return sendPage(reply, page, log ? 200 : 422);
  });
}
