import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import type { FieldError } from '../../forms/index.ts';

export const errorText = (t: Translate, e: FieldError): string => t(e.key as never, e.params);

export function dateText(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-');
  return locale === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
}
