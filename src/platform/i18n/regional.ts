// Examples a Swiss reader recognises: the same messages with Swiss addresses, numbers and IBANs. A portal of a
// Swiss municipality translates with these in place of the German examples.
import type { MessageKey, Translate } from './index.ts';

const SWISS: Partial<Record<MessageKey, MessageKey>> = {
  'validation.email': 'journey.ch.validation.email',
  'validation.iban': 'journey.ch.validation.iban',
  'field.email': 'journey.ch.field.email',
  'field.phone': 'journey.ch.field.phone',
  'journey.resumeMail.invalid': 'journey.ch.resumeMail.invalid',
};

/** The translator for a portal in this country: Swiss examples in Switzerland, the catalog's own elsewhere. */
export function regionalTranslator(t: Translate, country: 'DE' | 'CH'): Translate {
  if (country !== 'CH') return t;
  return (key, params) => t(SWISS[key] ?? key, params);
}
