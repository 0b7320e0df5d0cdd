import { inRegion, type Db, type Tx } from '../../platform/db/database.ts';
import type { Message } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import { contrastRatio, MIN_CONTRAST, RESERVED_SLUGS } from './rules.ts';
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

/** The focus ring needs 3:1 against what lies beside it (WCAG 2.2, 1.4.11 and 2.4.13). */
export const MIN_FOCUS_CONTRAST = 3;
const PAGE_BACKGROUND = '#ffffff';
const DARK = '#0b0c0c';
const LIGHT = '#ffffff';

/** Of the candidates, the first with `min` contrast against `background`, else the one with the most. */
function firstReaching(background: string, min: number, candidates: string[]): string {
  const found = candidates.find((c) => contrastRatio(c, background) >= min);
  return found ?? [...candidates].sort((a, b) => contrastRatio(b, background) - contrastRatio(a, background))[0]!;
}

export interface PortalColours {
  /** The header's text, links and the language switch: the tenant's text colour when readable (4.5:1), else dark or light. */
  headerText: string;
  /** The focus ring in the header (3:1 against the header background) and the halo around it (3:1 against the ring). */
  headerFocus: string;
  headerHalo: string;
  /** The focus ring on the page (3:1 against the white page): the primary colour when it reaches it, else dark. */
  pageFocus: string;
}

/** The colours a portal derives from its primary and text colour, each with enough contrast whatever the tenant chose. */
export function portalColours(primary: string, text: string): PortalColours {
  const headerText = firstReaching(primary, MIN_CONTRAST, [text, LIGHT, DARK]);
  const headerFocus = firstReaching(primary, MIN_FOCUS_CONTRAST, [headerText, LIGHT, DARK]);
  const headerHalo = firstReaching(headerFocus, MIN_FOCUS_CONTRAST, [primary, DARK, LIGHT]);
  const pageFocus = firstReaching(PAGE_BACKGROUND, MIN_FOCUS_CONTRAST, [primary, DARK]);
  return { headerText, headerFocus, headerHalo, pageFocus };
}

/**
 * The portal's colours as CSS custom properties, so the page itself needs no inline style: the primary colour
 * for the header and KERN's action colour, the text colour on it for the header and the buttons. Both are
 * hex colours checked by the database, and their contrast by the administration; the focus rings and the header's
 * links are derived here with enough contrast on the header and on the page (a double ring: ring and halo).
 */
export function themeCss(org: Organization): string {
  const primary = org.primary_color;
  const text = org.primary_text_color;
  const c = portalColours(primary, text);
  return [
    `:root{--tenant-primary:${primary};--tenant-on-primary:${text};--kern-color-action-default:${primary};--kern-color-action-on-default:${text};` +
      `--kern-color-action-focus-default:${c.pageFocus};--tenant-focus:${c.pageFocus};--tenant-header-text:${c.headerText};--tenant-header-focus:${c.headerFocus};--tenant-header-halo:${c.headerHalo};}`,
    `.site-header,.site-header a,.site-header a.kern-link:is(:link,:visited,:hover,:active),.site-header .kern-body--small,.site-header .kern-label{color:${c.headerText};}`,
    // KERN draws its rings in --kern-color-action-focus-default(-contextual): in the header that is the header's ring.
    `.site-header{--kern-color-action-focus-default:${c.headerFocus};--kern-color-action-focus-default-contextual:${c.headerFocus};}`,
    `.site-header a:focus-visible,.site-header button:focus-visible,.site-header .kern-link:focus-visible{outline:3px solid ${c.headerFocus};outline-offset:0;box-shadow:0 0 0 6px ${c.headerHalo};}`,
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
