// The back office's inbox: the municipality's applications, searched, filtered and sorted; a region admin first chooses the municipality.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { sendPage } from '../../platform/views/render.ts';
import { requireStaff, staffNames } from '../accounts/index.ts';
import { municipalitiesOf, organizationById } from '../organizations/index.ts';
import { inbox } from './applications.ts';
import { schemas } from './schema.ts';
import { ChooseMunicipalityPage, InboxPage } from './views/Inbox.tsx';

export async function inboxRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/verwaltung/', { schema: schemas.inbox, preHandler: requireStaff }, async (req, reply) => {
    const staff = req.staff!;
    const org = staff.tenant;
    const municipalities =
      staff.role === 'region_admin'
        ? await inRegion(app.db, async (tx) => {
            const home = await organizationById(tx, staff.organizationId);
            return home ? municipalitiesOf(tx, home) : [];
          })
        : undefined;
    if (!org) return sendPage(reply, ChooseMunicipalityPage({ ctx: req.pageContext(), municipalities: municipalities ?? [] }));
    const { result, assignees } = await inTenant(app.db, org.id, async (tx) => {
      const result = await inbox(tx, org.id, {
        status: req.query.status,
        service: req.query.leistung,
        q: req.query.q,
        sort: req.query.sort,
        dir: req.query.dir,
        page: Number(req.query.seite ?? 1),
      });
      return {
        result,
        assignees: await staffNames(
          tx,
          result.rows.map((r) => r.assigned_to).filter((x): x is string => !!x),
        ),
      };
    });
    return sendPage(reply, InboxPage({ ctx: req.pageContext(), org, result, assignees, municipalities }));
  });
}
