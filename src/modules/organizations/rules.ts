// The rules a municipality's data must meet: official keys, the address segment, time zone, colours and logo.
// Pure functions; each answers with the message key of the first rule broken, or undefined.
import type { MessageKey } from '../../platform/i18n/index.ts';

export type RuleKey = Extract<MessageKey, `organizations.error.${string}`>;

/**
 * First path segments the app itself uses (pages, API, assets, operations) or keeps for the areas the design
 * names; a municipality with such a slug would hide them or be hidden by them.
 */
export const RESERVED_SLUGS = new Set([
  'verwaltung',
  'studio',
  'steuerung',
  'api',
  'assets',
  'metrics',
  'health',
  'open311',
  'opendata',
  'static',
  'favicon',
  'robots',
  'admin',
  'login',
]);

export const SLUG_RULE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;

export function slugProblem(slug: string): RuleKey | undefined {
  if (slug === '') return 'organizations.error.slugMissing';
  if (!SLUG_RULE.test(slug) || slug.includes('--')) return 'organizations.error.slugFormat';
  if (RESERVED_SLUGS.has(slug)) return 'organizations.error.slugReserved';
  return undefined;
}

/**
 * Germany: the Amtlicher Gemeindeschlüssel (8 digits) or the Amtlicher Regionalschlüssel (12 digits), which begins
 * with the region's own key when the region is a Land or Kreis with a numeric key. Switzerland: the
 * BFS-Gemeindenummer, 1 to 4 digits, without leading zero.
 */
export function officialKeyProblem(key: string, country: 'DE' | 'CH', regionKey?: string): RuleKey | undefined {
  if (key === '') return 'organizations.error.keyMissing';
  if (country === 'CH') return /^[1-9][0-9]{0,3}$/.test(key) ? undefined : 'organizations.error.keyBfs';
  if (!/^(?:[0-9]{8}|[0-9]{12})$/.test(key)) return 'organizations.error.keyAgs';
  if (regionKey && /^[0-9]{2,5}$/.test(regionKey) && !key.startsWith(regionKey)) return 'organizations.error.keyRegion';
  return undefined;
}

/** An IANA time zone name that this Node.js knows, written as Intl writes it ("europe/berlin" becomes "Europe/Berlin"). */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const CURRENCIES = ['EUR', 'CHF'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const isCurrency = (value: unknown): value is Currency => CURRENCIES.includes(value as Currency);

export const validEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
export const validPhone = (phone: string) => /^\+?[0-9 ()/.-]{3,40}$/.test(phone) && /[0-9]{3}/.test(phone.replace(/\D/g, ''));

export function validWebsite(url: string): boolean {
  if (url.length > 300) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.') && !u.username && !u.password;
  } catch {
    return false;
  }
}

// ----- colours (WCAG 2.x) -----

/** "#abc" or "#aabbcc", case-insensitive, as "#aabbcc"; undefined for anything else. */
export function normalizeHex(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return undefined;
}

/** Relative luminance of an sRGB colour, as WCAG 2.x defines it. */
export function relativeLuminance(hex: string): number {
  const rgb = normalizeHex(hex);
  if (!rgb) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(rgb.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** A ratio as the message shows it: cut, not rounded, so a ratio just below the need never reads as enough. */
export const shownRatio = (ratio: number) => Math.floor(ratio * 100) / 100;

// ----- logo -----

export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const isLogoType = (mime: string | undefined): mime is LogoType => LOGO_TYPES.includes(mime as LogoType);
