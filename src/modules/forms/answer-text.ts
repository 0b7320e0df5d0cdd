// How an answer reads once given: on the check page, the case page and in PDFs. Figures are written by the
// platform's one rule (platform/i18n/format.ts), so an amount reads the same here as on the fee table.
import { type Currency, decimalSeparator, formatDate, formatMoneyValue } from '../../platform/i18n/format.ts';
import type { Locale, Translate } from '../../platform/i18n/index.ts';
import type { AddressAnswer, AnswerValue, FieldDefinition, FileAnswer, GroupItem, Text } from './schema.ts';

export type { Currency };

export const textIn = (text: Text | undefined, locale: Locale): string => (text ? (locale === 'en' && text.en) || text.de : '');

const NORMALISED_NUMBER = /^-?\d+(\.\d+)?$/;

/** A normalised number ("12.50") as the person would type it ("12,50"); anything else is shown as it was typed. */
export function localNumber(value: string, locale: Locale, currency?: Currency): string {
  return NORMALISED_NUMBER.test(value) ? value.replace('.', decimalSeparator(locale, { currency })) : value;
}

/** A normalised amount ("12.50") with its currency ("12,50 €"); anything else is shown as it was typed. */
function moneyText(value: string, locale: Locale, currency: Currency = 'EUR'): string {
  return NORMALISED_NUMBER.test(value) ? formatMoneyValue(Number(value), currency, locale) : value;
}

/** "Kind 2", or "Eintrag 2" where the group names no entry label. */
export function entryLabel(field: FieldDefinition, index: number, ctx: { t: Translate; locale: Locale }): string {
  const item = textIn(field.itemLabel, ctx.locale);
  return item ? `${item} ${index + 1}` : ctx.t('form.groupItem', { index: index + 1 });
}

export const isAnswered = (value: unknown): boolean =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => v === '' || v === undefined));

const optionLabel = (field: FieldDefinition, value: string, locale: Locale) => textIn(field.options?.find((o) => o.value === value)?.label, locale) || value;

const addressLine = (a: Partial<AddressAnswer>) =>
  [[a.street, a.number].filter(Boolean).join(' '), [a.postalCode, a.place].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** Each group entry on one line: "Kind 1: Vorname: Anna, Geburtsdatum: 01.02.2020". */
export function groupEntryTexts(field: FieldDefinition, items: GroupItem[], t: Translate, locale: Locale, currency: Currency = 'EUR'): string[] {
  return items.map((item, i) => {
    const parts = (field.fields ?? [])
      .filter((child) => child.type !== 'info' && isAnswered(item?.[child.id]))
      .map((child) => `${textIn(child.label, locale)}: ${answerText(child, item[child.id], t, locale, currency)}`);
    return `${entryLabel(field, i, { t, locale })}: ${parts.join(', ') || '–'}`;
  });
}

/** How an answer reads on the check page, the case page and in PDFs. */
export function answerText(field: FieldDefinition, value: AnswerValue | undefined, t: Translate, locale: Locale, currency: Currency = 'EUR'): string {
  if (field.type === 'info') return '';
  if (!isAnswered(value)) return '–';
  switch (field.type) {
    case 'file':
      return Array.isArray(value) ? (value as FileAnswer[]).map((f) => f.filename).join(', ') : '–';
    case 'group':
      return Array.isArray(value) ? groupEntryTexts(field, value as GroupItem[], t, locale, currency).join('; ') : '–';
    case 'address':
      return typeof value === 'object' ? addressLine(value as Partial<AddressAnswer>) : String(value);
    case 'checkboxes':
      return (Array.isArray(value) ? (value as string[]) : [String(value)]).map((v) => optionLabel(field, v, locale)).join(', ');
    default:
      break;
  }
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? '' : String(value);
  switch (field.type) {
    case 'yesno':
      return text === 'ja' || text === 'true' ? t('common.yes') : text === 'nein' || text === 'false' ? t('common.no') : text;
    case 'select':
    case 'radio':
      return optionLabel(field, text, locale);
    case 'date': {
      // A date of birth typed in parts but incomplete ("1985-4-", kept for the person to finish) reads as typed: "–.4.1985".
      const parts = /^(\d{0,4})-(\d{0,2})-(\d{0,2})$/.exec(text);
      if (parts && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${parts[3] || '–'}.${parts[2] || '–'}.${parts[1] || '–'}`;
      return formatDate(text, locale, { currency });
    }
    case 'money':
      return moneyText(text, locale, currency);
    case 'decimal':
      return localNumber(text, locale, currency);
    case 'iban':
      return text.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
    default:
      return text;
  }
}
