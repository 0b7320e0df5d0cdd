// The remedy (Rechtsbehelf) a decision names: which one, where to lodge it and by when. A municipality sets it for
// all its services and may differ for one service; without a setting the built-in default for its region applies.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { RemediesTable } from '../../platform/db/tables.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import type { Message, MessageKey } from '../../platform/i18n/index.ts';
import { hasControlCharacters } from '../forms/index.ts';
import * as repo from './repository.ts';

export type RemedyKind = RemediesTable['kind'];
export const REMEDY_KINDS: Record<'DE' | 'CH', RemedyKind[]> = { DE: ['klage', 'widerspruch'], CH: ['beschwerde', 'einsprache'] };
export const MUNICIPALITY_SCOPE = 'municipality';

export interface Remedy {
  kind: RemedyKind;
  authority: string;
  address: string;
  deadline: string;
  /** Where it comes from: the service's own setting, the municipality's, or the built-in default. */
  source: 'service' | 'municipality' | 'default';
}

/** What the decisions module needs to know of a municipality. */
export interface RemedyOrg {
  id: string;
  name: string;
  country: 'DE' | 'CH';
  official_key: string;
}

/**
 * The built-in default. In North Rhine-Westphalia the Widerspruch is abolished for most decisions (§ 110 JustG NRW):
 * the remedy is the action at the administrative court; for the Regierungsbezirk Detmold (AGS 057…) that is the
 * Verwaltungsgericht Minden. In Aargau (BFS numbers 4001–4323) a municipal council's ruling is contested by
 * Beschwerde at the Departement Volkswirtschaft und Inneres. Elsewhere the Widerspruch or Einsprache at the
 * municipality itself, which it should confirm here.
 */
export function builtInRemedy(org: RemedyOrg): Remedy {
  if (org.country === 'DE') {
    if (org.official_key.startsWith('057')) {
      return {
        kind: 'klage',
        authority: 'Verwaltungsgericht Minden',
        address: 'Königswall 8, 32423 Minden',
        deadline: 'innerhalb eines Monats nach Bekanntgabe',
        source: 'default',
      };
    }
    return { kind: 'widerspruch', authority: org.name, address: org.name, deadline: 'innerhalb eines Monats nach Bekanntgabe', source: 'default' };
  }
  const bfs = Number(org.official_key);
  if (bfs >= 4001 && bfs <= 4323) {
    return {
      kind: 'beschwerde',
      authority: 'Departement Volkswirtschaft und Inneres des Kantons Aargau, Rechtsdienst',
      address: 'Frey-Herosé-Strasse 12, 5001 Aarau',
      deadline: 'innert 30 Tagen seit Zustellung',
      source: 'default',
    };
  }
  return { kind: 'einsprache', authority: org.name, address: org.name, deadline: 'innert 30 Tagen seit Zustellung', source: 'default' };
}

const fromRow = (row: repo.RemedyRow, source: Remedy['source']): Remedy => ({
  kind: row.kind,
  authority: row.authority,
  address: row.address,
  deadline: row.deadline,
  source,
});

/** The remedy a decision of this service names: the service's own, else the municipality's, else the default. */
export async function remedyFor(tx: Tx, org: RemedyOrg, serviceId?: string): Promise<Remedy> {
  const rows = await repo.remediesFor(tx, org.id, serviceId);
  const own = serviceId ? rows.find((r) => r.scope === serviceId) : undefined;
  if (own) return fromRow(own, 'service');
  const municipality = rows.find((r) => r.scope === MUNICIPALITY_SCOPE);
  return municipality ? fromRow(municipality, 'municipality') : builtInRemedy(org);
}

/** The settings page's overview: the municipality's remedy and, per service, the one that applies to it. */
export async function remedySettings(tx: Tx, org: RemedyOrg, services: Array<{ id: string; title: string }>) {
  const rows = await repo.allRemedies(tx, org.id);
  const own = rows.find((r) => r.scope === MUNICIPALITY_SCOPE);
  const municipality = own ? fromRow(own, 'municipality') : builtInRemedy(org);
  return {
    municipality,
    services: services.map((s) => {
      const row = rows.find((r) => r.scope === s.id);
      return { id: s.id, title: s.title, remedy: row ? fromRow(row, 'service') : municipality };
    }),
  };
}

export type RemedyField = 'kind' | 'authority' | 'address' | 'deadline';
export type RemedyErrors = Partial<Record<RemedyField, Message>>;
export interface RemedyInput {
  kind?: string;
  authority?: string;
  address?: string;
  deadline?: string;
}

const LIMITS: Record<Exclude<RemedyField, 'kind'>, number> = { authority: 200, address: 300, deadline: 200 };
const ERROR_KEYS: Record<RemedyField, MessageKey> = {
  kind: 'decisions.settings.error.kind',
  authority: 'decisions.settings.error.authority',
  address: 'decisions.settings.error.address',
  deadline: 'decisions.settings.error.deadline',
};

const clean = (value: string | undefined) => (value ?? '').toWellFormed().replace(/\s+/g, ' ').normalize('NFC').trim();

/** Checks the input: a remedy of the municipality's country, and each text present, short enough, without control characters. */
export function checkRemedy(country: 'DE' | 'CH', input: RemedyInput): { ok: true; value: Omit<Remedy, 'source'> } | { ok: false; errors: RemedyErrors } {
  const errors: RemedyErrors = {};
  const kind = REMEDY_KINDS[country].find((k) => k === input.kind);
  if (!kind) errors.kind = { key: ERROR_KEYS.kind };
  const texts = {} as Record<Exclude<RemedyField, 'kind'>, string>;
  for (const field of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
    const raw = input[field] ?? '';
    const text = clean(raw);
    if (hasControlCharacters(raw.replace(/[\r\n\t]/g, ' '))) errors[field] = { key: 'decisions.settings.error.controlCharacters' };
    else if (!text || text.length > LIMITS[field]) errors[field] = { key: ERROR_KEYS[field] };
    texts[field] = text;
  }
  if (!kind || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind, ...texts } };
}

/**
 * Saves the remedy of the municipality (scope 'municipality') or of one of its services, audited with what it
 * was and what it is now. Bad input changes nothing and answers with a message per field.
 */
export async function saveRemedy(
  tx: Tx,
  org: RemedyOrg,
  staff: StaffPrincipal,
  scope: { serviceId?: string },
  input: RemedyInput,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; errors: RemedyErrors }> {
  const checked = checkRemedy(org.country, input);
  if (!checked.ok) return checked;
  const before = await remedyFor(tx, org, scope.serviceId);
  const key = scope.serviceId ?? MUNICIPALITY_SCOPE;
  await repo.upsertRemedy(tx, {
    tenant_id: org.id,
    scope: key,
    service_id: scope.serviceId ?? null,
    ...checked.value,
    updated_by: staff.id,
    updated_at: now,
  });
  await audit(tx, org.id, {
    actor: `staff:${staff.id}`,
    action: 'remedy.saved',
    objectType: scope.serviceId ? 'service' : 'organization',
    objectId: scope.serviceId ?? org.id,
    data: { before: { ...before }, after: checked.value },
  });
  return { ok: true };
}

/** Removes a service's own remedy, so the municipality's applies again; audited. False when there was none. */
export async function removeServiceRemedy(tx: Tx, org: RemedyOrg, staff: StaffPrincipal, serviceId: string): Promise<boolean> {
  const before = await remedyFor(tx, org, serviceId);
  if (before.source !== 'service') return false;
  await repo.deleteRemedy(tx, org.id, serviceId);
  await audit(tx, org.id, {
    actor: `staff:${staff.id}`,
    action: 'remedy.removed',
    objectType: 'service',
    objectId: serviceId,
    data: { before: { ...before } },
  });
  return true;
}

/** The Rechtsbehelfsbelehrung's text as a message: the remedy with its deadline, authority and address. */
export const remedyMessage = (remedy: Remedy): Message => ({
  key: `decisions.remedy.text.${remedy.kind}` as MessageKey,
  params: { deadline: remedy.deadline, authority: remedy.authority, address: remedy.address },
});
