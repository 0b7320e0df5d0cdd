import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';

export type Locale = 'de' | 'en';
export const LOCALES: Locale[] = ['de', 'en'];
const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const text = catalog[key] ?? de[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`)) : text;
  };
}

export const isLocale = (value: unknown): value is Locale => value === 'de' || value === 'en';

/** What a domain function answers instead of text: a catalog key and its parameters, translated by the view. */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}
