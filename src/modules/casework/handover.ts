// Handing a case to another municipality of the region or to the region itself. Each tenant's rows are written in
// its own transaction (row-level security): first the sending side closes the case and records the handover with an
// outbox job in one transaction; then the receiving side makes its new case, and the sending side notes where it
// went. When the second step fails, the job repeats it; every step finds what an earlier attempt already did.
import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type Db, inRegion, inTenant, type Tx, UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { translator } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue, type JobHandlers } from '../../platform/jobs/outbox.ts';
import { applicationById, caseFiles, closeAsHandedOver, HandoverRefused, isOpenCase, receiveHandedOverCase, tellApplicant } from '../applications/index.ts';
import { hasControlCharacters } from '../forms/index.ts';
import { allOrganizations, type Organization, organizationById } from '../organizations/index.ts';
import { allServicesOf, type Service, serviceById } from '../services/index.ts';
import * as repo from './repository.ts';
import type { CaseworkErrorKey, HandoverErrors, HandoverInput } from './schema.ts';

export const HANDOVER_TOPIC = 'casework.handover';
const NOTE_MAX = 4000;

/** Where a municipality may hand a case: the other active municipalities of its region, and the region. */
export async function handoverTargets(tx: Tx, from: Pick<Organization, 'id' | 'parent_id'>): Promise<Organization[]> {
  if (!from.parent_id) return [];
  const all = await allOrganizations(tx);
  const region = all.filter((o) => o.id === from.parent_id);
  const siblings = all
    .filter((o) => o.kind === 'municipality' && o.parent_id === from.parent_id && o.id !== from.id && o.active)
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return [...siblings, ...region];
}

/** The receiving organisation's published service for the case: adopted from the same template, or of the same slug. */
async function matchingService(tx: Tx, orgId: string, source: Pick<Service, 'slug' | 'templateId'>) {
  const services = (await allServicesOf(tx, orgId)).filter((s) => s.published);
  return services.find((s) => source.templateId && s.templateId === source.templateId) ?? services.find((s) => s.slug === source.slug);
}

export type HandoverOutcome = { ok: true; handoverId: string; delivered: boolean } | { ok: false; errors: HandoverErrors; params?: Record<string, string> };

function checkNote(raw: string | undefined): { text: string } | { error: CaseworkErrorKey } {
  const text = (raw ?? '').toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!text) return { error: 'casework.error.handoverNoteEmpty' };
  if (text.length > NOTE_MAX) return { error: 'casework.error.noteTooLong' };
  if (hasControlCharacters(text.replace(/[\n\t]/g, ' '))) return { error: 'casework.error.controlCharacters' };
  return { text };
}

export interface HandoverDeps {
  db: Db;
  blobs: BlobStore;
  secret: string;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Hands the case over: checks the input, closes the case here and records the handover with its job, then tries to
 * deliver it at once. A delivery that fails is left to the job; the case is handed over either way.
 */
export async function handOver(
  deps: HandoverDeps,
  input: { org: Organization; staff: Pick<StaffPrincipal, 'id'>; applicationId: string } & HandoverInput,
  now = new Date(),
): Promise<HandoverOutcome> {
  const errors: HandoverErrors = {};
  const note = checkNote(input.note);
  if ('error' in note) errors.note = note.error;
  const targets = await inRegion(deps.db, (tx) => handoverTargets(tx, input.org));
  const target = UUID.test(input.target ?? '') ? targets.find((o) => o.id === input.target) : undefined;
  if (!input.target) errors.target = 'casework.error.targetMissing';
  else if (!target) errors.target = 'casework.error.targetUnknown';
  const source = await inTenant(deps.db, input.org.id, async (tx) => {
    const a = await applicationById(tx, input.org.id, input.applicationId);
    return a && { a, service: await serviceById(tx, input.org.id, a.service_id) };
  });
  if (!source?.service) return { ok: false, errors: { ...errors, target: errors.target ?? 'casework.error.targetUnknown' } };
  let params: Record<string, string> | undefined;
  if (target && !(await inTenant(deps.db, target.id, (tx) => matchingService(tx, target.id, source.service!)))) {
    errors.target = 'casework.error.targetNoService';
    params = { organization: target.name, service: source.service.title };
  }
  if (!isOpenCase(source.a)) errors.target = 'casework.error.notOpen';
  if (Object.keys(errors).length || !target || 'error' in note) return { ok: false, errors, params };

  const handoverId = newId();
  try {
    await inTenant(deps.db, input.org.id, async (tx) => {
      await closeAsHandedOver(tx, input.org.id, input.applicationId, `staff:${input.staff.id}`, { handover: handoverId, to: target.id }, now);
      await repo.insertHandover(tx, {
        tenant_id: input.org.id,
        id: handoverId,
        direction: 'out',
        application_id: input.applicationId,
        other_org_id: target.id,
        note: note.text,
        created_by: input.staff.id,
        created_at: now,
      });
      await enqueue(tx, input.org.id, HANDOVER_TOPIC, { handoverId });
      await audit(tx, input.org.id, {
        actor: `staff:${input.staff.id}`,
        action: 'case.handover_started',
        objectType: 'application',
        objectId: input.applicationId,
        data: { handover: handoverId, to: target.id },
      });
    });
  } catch (e) {
    if (e instanceof HandoverRefused) return { ok: false, errors: { target: 'casework.error.notOpen' } };
    throw e;
  }
  let delivered = false;
  try {
    delivered = await deliverHandover(deps, input.org.id, handoverId);
  } catch (err) {
    deps.log?.warn({ err, handover: handoverId }, 'handover not delivered yet: the outbox job retries it');
  }
  return { ok: true, handoverId, delivered };
}

/**
 * The second half, run right after the first and by the outbox job until it succeeds: the receiving case (made once,
 * found again by the handover's id), then the sending side's link to it and the message on the applicant's status
 * page. True when the handover is complete.
 */
export async function deliverHandover(deps: HandoverDeps, fromTenantId: string, handoverId: string): Promise<boolean> {
  if (!UUID.test(handoverId)) return false;
  const from = await inRegion(deps.db, (tx) => organizationById(tx, fromTenantId));
  if (!from) return false;
  const loaded = await inTenant(deps.db, from.id, async (tx) => {
    const h = await repo.handoverById(tx, from.id, handoverId);
    if (!h || h.completed_at) return undefined;
    const a = await applicationById(tx, from.id, h.application_id);
    const service = a && (await serviceById(tx, from.id, a.service_id));
    return a && service ? { h, a, service, files: await caseFiles(tx, from.id, a.id) } : undefined;
  });
  if (!loaded) return true;
  const { h, a, service, files } = loaded;
  const target = await inRegion(deps.db, (tx) => organizationById(tx, h.other_org_id));
  if (!target) throw new Error('receiving organisation not found');
  // Blobs are content-addressed per tenant: the receiving tenant gets its own copy of each file, written before the
  // rows that point at it (writing one twice is harmless).
  for (const sha256 of new Set(files.map((f) => f.sha256))) {
    if (!(await deps.blobs.has(target.id, sha256))) await deps.blobs.put(target.id, await deps.blobs.get(from.id, sha256));
  }
  const received = await inTenant(deps.db, target.id, async (tx) => {
    const targetService = await matchingService(tx, target.id, service);
    if (!targetService) throw new Error('receiving organisation no longer offers the service');
    const made = await receiveHandedOverCase(tx, {
      org: target,
      service: targetService,
      handoverId,
      source: a,
      files,
      from: { orgId: from.id, reference: a.reference },
      secret: deps.secret,
      today: todayIn(target.time_zone),
    });
    if (made.created) {
      await repo.insertHandover(tx, {
        tenant_id: target.id,
        id: handoverId,
        direction: 'in',
        application_id: made.id,
        other_org_id: from.id,
        other_application_id: a.id,
        other_reference: a.reference,
        note: h.note,
        created_by: null,
        created_at: new Date(h.created_at),
        completed_at: new Date(),
      });
    }
    return made;
  });
  await inTenant(deps.db, from.id, async (tx) => {
    const locked = await repo.lockHandover(tx, from.id, handoverId);
    if (!locked || locked.completed_at) return;
    const now = new Date();
    await repo.completeHandover(tx, from.id, handoverId, { other_application_id: received.id, other_reference: received.reference, completed_at: now });
    const t = translator('de');
    await tellApplicant(
      tx,
      from.id,
      a.id,
      h.created_by,
      t('casework.handover.applicantMessage', { organization: target.name, reference: received.reference }),
      now,
    );
    await audit(tx, from.id, {
      actor: 'system:handover',
      action: 'case.handed_over',
      objectType: 'application',
      objectId: a.id,
      data: { handover: handoverId, to: target.id, reference: received.reference },
    });
  });
  return true;
}

/** What the case page says about a handover: where the case went, or where it came from. */
export interface HandoverView {
  direction: 'out' | 'in';
  organization: { name: string; slug: string };
  reference: string | null;
  note: string;
  at: Date;
  complete: boolean;
}

export async function handoverOf(tx: Tx, tenantId: string, applicationId: string): Promise<HandoverView[]> {
  const rows = await repo.handoverOfCase(tx, tenantId, applicationId);
  if (!rows.length) return [];
  const orgs = await allOrganizations(tx);
  return rows.map((r) => {
    const o = orgs.find((x) => x.id === r.other_org_id);
    return {
      direction: r.direction,
      organization: { name: o?.name ?? '–', slug: o?.slug ?? '' },
      reference: r.other_reference,
      note: r.note,
      at: new Date(r.created_at),
      complete: !!r.completed_at,
    };
  });
}

export function handoverJobs(deps: HandoverDeps): JobHandlers {
  return {
    [HANDOVER_TOPIC]: async (payload, job) => {
      await deliverHandover(deps, job.tenantId, String(payload.handoverId ?? ''));
    },
  };
}
