// Region admins run the municipalities of their region: add and edit them, choose the portal's colours and
// logo, and switch a municipality off and on again. Every change is written to the region's log and the
// municipality's own.
import { fileTypeFromBuffer } from 'file-type';
import { audit, type AuditEntry } from '../../platform/audit/audit.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { scopeToTenant, type Tx, UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import type { IncomingFile } from '../../platform/blobs/uploads.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './repository.ts';
import type { Organization } from './repository.ts';
import {
  canonicalTimeZone,
  contrastRatio,
  isCurrency,
  isLogoType,
  LOGO_MAX_BYTES,
  MIN_CONTRAST,
  normalizeHex,
  officialKeyProblem,
  type RuleKey,
  shownRatio,
  slugProblem,
  validEmail,
  validPhone,
  validWebsite,
} from './rules.ts';

export type MunicipalityField = 'name' | 'slug' | 'officialKey' | 'prefix' | 'address' | 'email' | 'phone' | 'website' | 'timeZone' | 'currency';
export type ColorField = 'primary' | 'text';
export type LogoField = 'logo';

/** A refused value: the message key, and what the message names (a measured ratio, a size). */
export interface Problem {
  key: RuleKey;
  params?: Record<string, string | number>;
}
export type Errors<F extends string> = Partial<Record<F, Problem>>;

export type MunicipalityValues = Record<MunicipalityField, string>;
export type ColorValues = Record<ColorField, string>;

export type Outcome<F extends string> = { ok: true; id: string } | { ok: false; errors: Errors<F> };

const actorOf = (p: StaffPrincipal) => `staff:${p.id}`;

/** The region a region admin runs; undefined for everyone else. */
export async function regionOf(tx: Tx, principal: StaffPrincipal): Promise<Organization | undefined> {
  if (principal.role !== 'region_admin') return undefined;
  const region = await repo.findById(tx, principal.organizationId);
  return region?.kind === 'region' ? region : undefined;
}

export async function regionMunicipalities(tx: Tx, principal: StaffPrincipal): Promise<Organization[]> {
  const region = await regionOf(tx, principal);
  return region ? repo.municipalitiesOfRegion(tx, region.id) : [];
}

/** A municipality of the admin's own region, with the region; undefined for any other id (the page answers 404). */
export async function municipalityInRegion(tx: Tx, principal: StaffPrincipal, id: string): Promise<{ region: Organization; org: Organization } | undefined> {
  if (!UUID.test(id)) return undefined;
  const region = await regionOf(tx, principal);
  const org = region && (await repo.findById(tx, id));
  return region && org && org.kind === 'municipality' && org.parent_id === region.id ? { region, org } : undefined;
}

/** The form's values of a municipality as it is stored. */
export function valuesOf(org: Organization): MunicipalityValues {
  const contact = (org.contact ?? {}) as Record<string, string>;
  return {
    name: org.name,
    slug: org.slug,
    officialKey: org.official_key,
    prefix: org.reference_prefix,
    address: contact.address ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    website: contact.website ?? '',
    timeZone: org.time_zone,
    currency: org.currency,
  };
}

/** An empty form, with the zone and currency of the region's country. */
export const defaultValues = (region: Organization): MunicipalityValues => ({
  name: '',
  slug: '',
  officialKey: '',
  prefix: '',
  address: '',
  email: '',
  phone: '',
  website: '',
  timeZone: region.time_zone,
  currency: region.currency,
});

// Control characters in a name or address would end up in PDFs and mails: refused like a wrong format.
const hasControl = (s: string) => /[\u0000-\u001f\u007f]/.test(s);

/** Trims what was posted; a field not posted reads as empty. */
export function readValues(input: Partial<Record<string, unknown>>): MunicipalityValues {
  const v = (name: string) => (typeof input[name] === 'string' ? (input[name] as string).trim() : '');
  return {
    name: v('name'),
    slug: v('slug').toLowerCase(),
    officialKey: v('officialKey').replace(/\s+/g, ''),
    prefix: v('prefix').toUpperCase(),
    address: v('address'),
    email: v('email').toLowerCase(),
    phone: v('phone'),
    website: v('website'),
    timeZone: v('timeZone'),
    currency: v('currency'),
  };
}

async function checkValues(tx: Tx, region: Organization, values: MunicipalityValues, exceptId?: string): Promise<Errors<MunicipalityField>> {
  const errors: Errors<MunicipalityField> = {};
  if (values.name === '') errors.name = { key: 'organizations.error.nameMissing' };
  else if (values.name.length > 200 || hasControl(values.name)) errors.name = { key: 'organizations.error.nameFormat' };
  const slug = slugProblem(values.slug);
  if (slug) errors.slug = { key: slug };
  else {
    const taken = await repo.findBySlug(tx, values.slug);
    if (taken && taken.id !== exceptId) errors.slug = { key: 'organizations.error.slugTaken', params: { slug: values.slug } };
  }
  const key = officialKeyProblem(values.officialKey, region.country, region.official_key);
  if (key) errors.officialKey = { key, params: { region: region.official_key } };
  else {
    const other = await repo.findByOfficialKey(tx, region.country, values.officialKey, exceptId);
    if (other) errors.officialKey = { key: 'organizations.error.keyTaken', params: { name: other.name } };
  }
  if (!/^[A-Z]{2,4}$/.test(values.prefix)) errors.prefix = { key: 'organizations.error.prefixFormat' };
  if (values.address.length > 300 || hasControl(values.address)) errors.address = { key: 'organizations.error.addressFormat' };
  if (values.email !== '' && !validEmail(values.email)) errors.email = { key: 'organizations.error.emailFormat' };
  if (values.phone !== '' && !validPhone(values.phone)) errors.phone = { key: 'organizations.error.phoneFormat' };
  if (values.website !== '' && !validWebsite(values.website)) errors.website = { key: 'organizations.error.websiteFormat' };
  if (values.timeZone === '') errors.timeZone = { key: 'organizations.error.timeZoneMissing' };
  else if (!canonicalTimeZone(values.timeZone)) errors.timeZone = { key: 'organizations.error.timeZoneUnknown', params: { zone: values.timeZone } };
  if (!isCurrency(values.currency)) errors.currency = { key: 'organizations.error.currency' };
  return errors;
}

const contactOf = (values: MunicipalityValues) =>
  JSON.stringify(Object.fromEntries((['address', 'email', 'phone', 'website'] as const).filter((f) => values[f] !== '').map((f) => [f, values[f]])));

/** The same entry in the region's log and in the municipality's own. */
async function auditBoth(tx: Tx, region: Organization, municipalityId: string, entry: AuditEntry) {
  await scopeToTenant(tx, region.id);
  await audit(tx, region.id, entry);
  await scopeToTenant(tx, municipalityId);
  await audit(tx, municipalityId, entry);
}

export async function createMunicipality(tx: Tx, principal: StaffPrincipal, input: MunicipalityValues): Promise<Outcome<MunicipalityField>> {
  const region = await regionOf(tx, principal);
  if (!region) return { ok: false, errors: { name: { key: 'organizations.error.notAllowed' } } };
  const errors = await checkValues(tx, region, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const id = newId();
  const inserted = await repo.insertNew(tx, {
    id,
    parent_id: region.id,
    kind: 'municipality',
    slug: input.slug,
    name: input.name,
    official_key: input.officialKey,
    reference_prefix: input.prefix,
    country: region.country,
    time_zone: canonicalTimeZone(input.timeZone)!,
    currency: input.currency as Organization['currency'],
    contact: contactOf(input),
  });
  if (!inserted) return { ok: false, errors: { slug: { key: 'organizations.error.slugTaken', params: { slug: input.slug } } } };
  await auditBoth(tx, region, id, {
    actor: actorOf(principal),
    action: 'organization.created',
    objectType: 'organization',
    objectId: id,
    data: { slug: input.slug, officialKey: input.officialKey },
  });
  return { ok: true, id };
}

export async function updateMunicipality(tx: Tx, principal: StaffPrincipal, id: string, input: MunicipalityValues): Promise<Outcome<MunicipalityField>> {
  const found = await municipalityInRegion(tx, principal, id);
  if (!found) return { ok: false, errors: { name: { key: 'organizations.error.unknown' } } };
  const { region, org } = found;
  const errors = await checkValues(tx, region, input, org.id);
  if (Object.keys(errors).length) return { ok: false, errors };
  const before = valuesOf(org);
  const after = { ...input, timeZone: canonicalTimeZone(input.timeZone)! };
  const changed = (Object.keys(after) as MunicipalityField[]).filter((f) => after[f] !== before[f]);
  if (changed.length === 0) return { ok: true, id };
  await repo.update(tx, org.id, {
    name: after.name,
    slug: after.slug,
    official_key: after.officialKey,
    reference_prefix: after.prefix,
    time_zone: after.timeZone,
    currency: after.currency as Organization['currency'],
    contact: contactOf(after),
    // The logo's address carries the slug.
    ...(org.logo_sha256 && after.slug !== org.slug ? { logo_url: logoUrl(after.slug, org.logo_sha256) } : {}),
  });
  // Field names only: contact details of an office are not needed in the append-only log.
  await auditBoth(tx, region, org.id, {
    actor: actorOf(principal),
    action: 'organization.updated',
    objectType: 'organization',
    objectId: org.id,
    data: { changed },
  });
  return { ok: true, id };
}

export interface ContrastCheck {
  /** Text colour on the primary colour (header, buttons). */
  textOnPrimary: number;
  /** The primary colour on white (links, focus, action colour on the page). */
  primaryOnWhite: number;
}

export const contrastOf = (primary: string, text: string): ContrastCheck => ({
  textOnPrimary: contrastRatio(text, primary),
  primaryOnWhite: contrastRatio(primary, '#ffffff'),
});

/** Checks two colours; the messages name the measured ratio and the one needed (WCAG 2.1 AA, 4.5:1). */
export function checkColors(input: Partial<Record<string, unknown>>): { values: ColorValues; errors: Errors<ColorField>; colors?: ColorValues } {
  const values = { primary: String(input.primary ?? '').trim(), text: String(input.text ?? '').trim() };
  const primary = normalizeHex(values.primary);
  const text = normalizeHex(values.text);
  const errors: Errors<ColorField> = {};
  if (!primary) errors.primary = { key: 'organizations.error.colorFormat', params: { value: values.primary } };
  if (!text) errors.text = { key: 'organizations.error.colorFormat', params: { value: values.text } };
  if (!primary || !text) return { values, errors };
  const ratios = contrastOf(primary, text);
  if (ratios.primaryOnWhite < MIN_CONTRAST) {
    errors.primary = { key: 'organizations.error.contrastOnWhite', params: { ratio: shownRatio(ratios.primaryOnWhite), need: MIN_CONTRAST, color: primary } };
  }
  if (ratios.textOnPrimary < MIN_CONTRAST) {
    errors.text = { key: 'organizations.error.contrastText', params: { ratio: shownRatio(ratios.textOnPrimary), need: MIN_CONTRAST, color: text, primary } };
  }
  return Object.keys(errors).length ? { values, errors } : { values, errors, colors: { primary, text } };
}

export async function setMunicipalityColors(
  tx: Tx,
  principal: StaffPrincipal,
  id: string,
  input: Partial<Record<string, unknown>>,
): Promise<Outcome<ColorField> | undefined> {
  const found = await municipalityInRegion(tx, principal, id);
  if (!found) return undefined;
  const { region, org } = found;
  const { errors, colors } = checkColors(input);
  if (!colors) return { ok: false, errors };
  if (colors.primary === org.primary_color.toLowerCase() && colors.text === org.primary_text_color.toLowerCase()) return { ok: true, id };
  await repo.update(tx, org.id, { primary_color: colors.primary, primary_text_color: colors.text });
  await auditBoth(tx, region, org.id, {
    actor: actorOf(principal),
    action: 'organization.colors_changed',
    objectType: 'organization',
    objectId: org.id,
    data: { from: { primary: org.primary_color, text: org.primary_text_color }, to: colors },
  });
  return { ok: true, id };
}

/** The logo's address; the hash in it makes a new logo a new address, so browsers may keep each one long. */
export const logoUrl = (slug: string, sha256: string) => `/${slug}/logo?v=${sha256.slice(0, 16)}`;

/**
 * A new logo: PNG, JPEG or WebP as the bytes say (not the name, not the browser's claim), at most 512 KB.
 * Anything else is refused and nothing is stored or changed.
 */
export async function setMunicipalityLogo(
  tx: Tx,
  blobs: BlobStore,
  principal: StaffPrincipal,
  id: string,
  files: IncomingFile[],
): Promise<Outcome<LogoField> | undefined> {
  const found = await municipalityInRegion(tx, principal, id);
  if (!found) return undefined;
  const { region, org } = found;
  const file = files[0];
  if (!file || file.data.length === 0)
    return { ok: false, errors: { logo: { key: file ? 'organizations.error.logoEmpty' : 'organizations.error.logoMissing' } } };
  if (files.length > 1) return { ok: false, errors: { logo: { key: 'organizations.error.logoOne' } } };
  if (file.truncated || file.data.length > LOGO_MAX_BYTES) {
    return { ok: false, errors: { logo: { key: 'organizations.error.logoTooLarge', params: { max: LOGO_MAX_BYTES / 1024 } } } };
  }
  const detected = await fileTypeFromBuffer(file.data);
  if (!isLogoType(detected?.mime)) return { ok: false, errors: { logo: { key: 'organizations.error.logoType' } } };
  const sha256 = await blobs.put(org.id, file.data);
  await repo.update(tx, org.id, { logo_sha256: sha256, logo_type: detected.mime, logo_url: logoUrl(org.slug, sha256) });
  await auditBoth(tx, region, org.id, {
    actor: actorOf(principal),
    action: 'organization.logo_changed',
    objectType: 'organization',
    objectId: org.id,
    data: { sha256, type: detected.mime, size: file.data.length },
  });
  return { ok: true, id };
}

/** The portal shows the name only again; the blob stays until the retention run, as every blob does. */
export async function removeMunicipalityLogo(tx: Tx, principal: StaffPrincipal, id: string): Promise<boolean> {
  const found = await municipalityInRegion(tx, principal, id);
  if (!found) return false;
  const { region, org } = found;
  if (!org.logo_sha256) return true;
  await repo.update(tx, org.id, { logo_sha256: null, logo_type: null, logo_url: null });
  await auditBoth(tx, region, org.id, { actor: actorOf(principal), action: 'organization.logo_removed', objectType: 'organization', objectId: org.id });
  return true;
}

/**
 * A deactivated municipality leaves the public directory, its portal answers 404, and its staff can no longer
 * sign in (the accounts module refuses accounts of an inactive organization). Nothing is deleted.
 */
export async function setMunicipalityActive(tx: Tx, principal: StaffPrincipal, id: string, active: boolean): Promise<boolean> {
  const found = await municipalityInRegion(tx, principal, id);
  if (!found) return false;
  const { region, org } = found;
  if (org.active === active) return true;
  await repo.update(tx, org.id, { active });
  await auditBoth(tx, region, org.id, {
    actor: actorOf(principal),
    action: active ? 'organization.reactivated' : 'organization.deactivated',
    objectType: 'organization',
    objectId: org.id,
  });
  return true;
}

/** The logo of an active municipality, for the portal header. */
export async function logoOf(tx: Tx, blobs: BlobStore, slug: string): Promise<{ data: Buffer; type: string; sha256: string } | undefined> {
  const org = await repo.findBySlug(tx, slug);
  if (!org || org.kind !== 'municipality' || !org.active || !org.logo_sha256 || !org.logo_type) return undefined;
  const data = await blobs.get(org.id, org.logo_sha256).catch(() => undefined);
  return data && { data, type: org.logo_type, sha256: org.logo_sha256 };
}
