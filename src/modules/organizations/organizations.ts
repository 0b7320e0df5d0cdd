import { inRegion, type Db, type Tx } from '../../platform/db/database.ts';
import * as repo from './repository.ts';
import type { Organization } from './repository.ts';

export type { Organization };

export interface RegionWithMunicipalities { region: Organization; municipalities: Organization[] }

export async function portalDirectory(tx: Tx): Promise<RegionWithMunicipalities[]> {
  const all = await repo.listAll(tx);
  return all
    .filter((o) => o.kind === 'region')
    .map((region) => ({ region, municipalities: all.filter((o) => o.parent_id === region.id) }));
}

export async function municipalityBySlug(tx: Tx, slug: string): Promise<Organization | undefined> {
  const org = await repo.findBySlug(tx, slug);
  return org?.kind === 'municipality' ? org : undefined;
}

export const organizationById = (tx: Tx, id: string) => repo.findById(tx, id);
export const organizationBySlug = (tx: Tx, slug: string) => repo.findBySlug(tx, slug);

export async function municipalitiesOf(tx: Tx, org: Organization): Promise<Organization[]> {
  if (org.kind === 'municipality') return [org];
  return (await repo.listAll(tx)).filter((o) => o.parent_id === org.id);
}

/** The portal's colours as CSS custom properties, so the page itself needs no inline style. */
export function themeCss(org: Organization): string {
  return `:root{--tenant-primary:${org.primary_color};--kern-color-action-default:${org.primary_color};}\n`;
}

// An Intl formatter costs about 100 µs and native memory to build and 2 µs to use: build each once.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const tag = locale === 'en' ? 'en-GB' : currency === 'CHF' ? 'de-CH' : 'de-DE';
  return cached(`money:${tag}:${currency}`, () => new Intl.NumberFormat(tag, { style: 'currency', currency })).format(minor / 100);
}

export function formatDateTime(date: Date, timeZone: string, locale: string): string {
  const tag = locale === 'en' ? 'en-GB' : 'de-DE';
  return cached(`datetime:${tag}:${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(date);
}

export function todayIn(timeZone: string, now = new Date()): string {
  return cached(`day:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(now);
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
