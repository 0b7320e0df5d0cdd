import { inRegion, type Db, type Tx } from '../../platform/db/database.ts';
import type { Message } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import { RESERVED_SLUGS } from './rules.ts';
import type { Organization } from './repository.ts';

export type { Organization };

export interface RegionWithMunicipalities {
  region: Organization;
  municipalities: Organization[];
}

export async function portalDirectory(tx: Tx): Promise<RegionWithMunicipalities[]> {
  const all = await repo.listAll(tx);
  return all.filter((o) => o.kind === 'region').map((region) => ({ region, municipalities: all.filter((o) => o.parent_id === region.id && o.active) }));
}

/** An active municipality by its slug: a deactivated one has no portal any more. */
export async function municipalityBySlug(tx: Tx, slug: string): Promise<Organization | undefined> {
  const org = await repo.findBySlug(tx, slug);
  return org?.kind === 'municipality' && org.active ? org : undefined;
}

export const organizationById = (tx: Tx, id: string) => repo.findById(tx, id);
export const organizationBySlug = (tx: Tx, slug: string) => repo.findBySlug(tx, slug);

export async function municipalitiesOf(tx: Tx, org: Organization): Promise<Organization[]> {
  if (org.kind === 'municipality') return [org];
  return (await repo.listAll(tx)).filter((o) => o.parent_id === org.id);
}

/**
 * The portal's colours as CSS custom properties, so the page itself needs no inline style: the primary colour
 * for the header and KERN's action colour, the text colour on it for the header and the buttons. Both are
 * hex colours checked by the database, and their contrast by the administration.
 */
export function themeCss(org: Organization): string {
  const primary = org.primary_color;
  const text = org.primary_text_color;
  return [
    `:root{--tenant-primary:${primary};--tenant-on-primary:${text};--kern-color-action-default:${primary};--kern-color-action-on-default:${text};}`,
    `.site-header,.site-header a,.site-header .kern-body--small,.site-header .kern-label{color:${text};}`,
    `.site-header a:focus-visible,.site-header button:focus-visible{outline-color:${text};}`,
    '.site-header__name img{width:auto;height:2.5rem;max-width:12rem;object-fit:contain;}',
    '',
  ].join('\n');
}

export const insertOrganization = repo.insert;

export const allOrganizations = (tx: Tx) => repo.listAll(tx);

export async function allMunicipalities(tx: Tx): Promise<Organization[]> {
  return (await repo.listAll(tx)).filter((o) => o.kind === 'municipality');
}

/** One transaction for a portal request: finds the municipality by its slug, then works scoped to it. */
export async function inMunicipality<T>(db: Db, slug: string, fn: (tx: Tx, org: Organization) => Promise<T>): Promise<T | undefined> {
  return inRegion(db, async (tx) => {
    const org = await repo.findMunicipalityAndScope(tx, slug);
    return org && fn(tx, org);
  });
}

export interface NewOrganization {
  kind?: string;
  slug?: string;
  name?: string;
  key?: string;
  country?: string;
  prefix?: string;
  parent?: string;
}

/** Creates a region or a municipality (with its region as parent); says what is wrong otherwise (for the command line). */
export async function createOrganization(tx: Tx, input: NewOrganization): Promise<{ ok: true; id: string } | ({ ok: false } & Message)> {
  const { kind, slug, name, key, country, prefix, parent } = input;
  if (kind !== 'region' && kind !== 'municipality') return { ok: false, key: 'organizations.cli.kind' };
  if (!slug || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return { ok: false, key: 'organizations.cli.slug' };
  if (RESERVED_SLUGS.has(slug)) return { ok: false, key: 'organizations.cli.slugReserved', params: { slug } };
  if (!name || !key) return { ok: false, key: 'organizations.cli.nameKey' };
  if (country !== 'DE' && country !== 'CH') return { ok: false, key: 'organizations.cli.country' };
  if (!prefix || !/^[A-Z]{2,4}$/.test(prefix)) return { ok: false, key: 'organizations.cli.prefix' };
  const region = parent ? await repo.findBySlug(tx, parent) : undefined;
  if (kind === 'municipality' && region?.kind !== 'region') return { ok: false, key: 'organizations.cli.parent' };
  if (await repo.findBySlug(tx, slug)) return { ok: false, key: 'organizations.cli.slugTaken', params: { slug } };
  const id = newId();
  await repo.insert(tx, {
    id,
    parent_id: region?.id ?? null,
    kind,
    slug,
    name,
    official_key: key,
    reference_prefix: prefix,
    country,
    time_zone: country === 'CH' ? 'Europe/Zurich' : 'Europe/Berlin',
    currency: country === 'CH' ? 'CHF' : 'EUR',
    contact: '{}',
  });
  return { ok: true, id };
}
