// How money, numbers and dates are written: one rule for every page, PDF and message. The page's language
// chooses the words, the tenant's country the writing of figures, so a Swiss municipality's pages read
// "CHF 1'250.50" in German and English alike, a German one's "1.250,50 €" and "€1,250.50":
//
//   language  Germany (EUR)  Switzerland (CHF)
//   de        de-DE          de-CH
//   en        en-GB          en-CH
//
// The currency is the tenant's; where only the currency is known, CHF stands for Switzerland.
import type { Locale } from './index.ts';

export type Country = 'DE' | 'CH';
export type Currency = 'EUR' | 'CHF';

/** What decides the writing of figures: the tenant's country, or failing that its currency. */
export interface Where {
  country?: Country;
  currency?: Currency;
}

const TAGS: Record<Locale, Record<Country, string>> = {
  de: { DE: 'de-DE', CH: 'de-CH' },
  en: { DE: 'en-GB', CH: 'en-CH' },
};

export const countryOf = (where: Where = {}): Country => where.country ?? (where.currency === 'CHF' ? 'CH' : 'DE');

/** The BCP 47 tag Intl formats with, by the rule above. */
export const intlLocale = (locale: Locale, where: Where = {}): string => TAGS[locale][countryOf(where)];

// An Intl formatter costs about 100 µs and native memory to build and 2 µs to use: each is built once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

const moneyFormat = (tag: string, currency: Currency) => cached(`money:${tag}:${currency}`, () => new Intl.NumberFormat(tag, { style: 'currency', currency }));

const wholeMoneyFormat = (tag: string, currency: Currency) =>
  cached(`whole:${tag}:${currency}`, () => new Intl.NumberFormat(tag, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }));

/** An amount in minor units (cents, Rappen) with its currency: "1.250,50 €", "CHF 1'250.50". */
export function formatMoney(minor: number, currency: Currency, locale: Locale, country?: Country): string {
  return formatMoneyValue(minor / 100, currency, locale, country);
}

/** An amount in major units as a decimal string ("12.50"), as forms store it. */
export function formatMoneyValue(value: number, currency: Currency, locale: Locale, country?: Country): string {
  return moneyFormat(intlLocale(locale, { country, currency }), currency).format(value);
}

/** Whole currency units, for limits where cents would only clutter: "45.001 €", "CHF 45'001". */
export function formatWholeMoney(minor: number, currency: Currency, locale: Locale, country?: Country): string {
  return wholeMoneyFormat(intlLocale(locale, { country, currency }), currency).format(minor / 100);
}

/** A range of whole currency units: "45.001–60.000 €". */
export function formatWholeMoneyRange(fromMinor: number, toMinor: number, currency: Currency, locale: Locale, country?: Country): string {
  return wholeMoneyFormat(intlLocale(locale, { country, currency }), currency).formatRange(fromMinor / 100, toMinor / 100);
}

const numberFormat = (locale: Locale, where: Where, min = 0, max = 2) => {
  const tag = intlLocale(locale, where);
  return cached(`number:${tag}:${min}:${max}`, () => new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max }));
};

/** A number with at most `maxDigits` decimals (default 2), or exactly `digits` where given: "1.234,5", "1'234.5". */
export function formatNumber(n: number, locale: Locale, where: Where = {}, digits?: { min?: number; max?: number }): string {
  const min = digits?.min ?? 0;
  return numberFormat(locale, where, min, Math.max(min, digits?.max ?? 2)).format(n);
}

/** The decimal separator of the writing: "," in de-DE, "." in de-CH and English. */
export function decimalSeparator(locale: Locale, where: Where = {}): string {
  return numberFormat(locale, where)
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')!.value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day written "2026-11-22" as people read it: "22.11.2026", "22/11/2026"; anything else as it is. */
export function formatDate(iso: string, locale: Locale, where: Where = {}): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const tag = intlLocale(locale, where);
  // A calendar day has no zone: read and written in UTC it stays the day it was.
  const f = cached(`date:${tag}`, () => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }));
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A moment in the tenant's zone: "22.11.2026, 11:05". */
export function formatDateTime(date: Date, timeZone: string, locale: Locale, where: Where = {}): string {
  const tag = intlLocale(locale, where);
  return cached(`datetime:${tag}:${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(date);
}

/** Today's calendar day in a zone, as "2026-11-22". */
export function todayIn(timeZone: string, now = new Date()): string {
  return cached(`day:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(now);
}
