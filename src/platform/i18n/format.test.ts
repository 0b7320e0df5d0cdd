import { describe, expect, it } from 'vitest';
import {
  countryOf,
  decimalSeparator,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyValue,
  formatNumber,
  formatWholeMoney,
  formatWholeMoneyRange,
  intlLocale,
  todayIn,
} from './format.ts';

// Intl writes a narrow or plain no-break space between amount and sign; the tests read them as spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the rule: language by the page, writing of figures by the tenant’s country', () => {
  it('German de-DE or de-CH, English en-GB or en-CH', () => {
    expect(intlLocale('de', { country: 'DE' })).toBe('de-DE');
    expect(intlLocale('de', { country: 'CH' })).toBe('de-CH');
    expect(intlLocale('en', { country: 'DE' })).toBe('en-GB');
    expect(intlLocale('en', { country: 'CH' })).toBe('en-CH');
  });

  it('the country comes from the currency where only that is known, Germany by default', () => {
    expect(countryOf({ currency: 'CHF' })).toBe('CH');
    expect(countryOf({ currency: 'EUR' })).toBe('DE');
    expect(countryOf({})).toBe('DE');
    expect(countryOf({ country: 'CH', currency: 'EUR' })).toBe('CH');
  });
});

describe('money', () => {
  it('German tenants: 1.250,50 € and €1,250.50', () => {
    expect(plain(formatMoney(125050, 'EUR', 'de'))).toBe('1.250,50 €');
    expect(plain(formatMoney(125050, 'EUR', 'en'))).toBe('€1,250.50');
  });

  it('Swiss tenants write the same figures in both languages', () => {
    expect(plain(formatMoney(125050, 'CHF', 'de'))).toBe("CHF 1'250.50");
    expect(plain(formatMoney(125050, 'CHF', 'en'))).toBe(plain(formatMoney(125050, 'CHF', 'de')));
  });

  it('negative amounts, values in major units, whole units and ranges', () => {
    expect(plain(formatMoney(-1250, 'EUR', 'de'))).toBe('-12,50 €');
    expect(plain(formatMoneyValue(12.5, 'CHF', 'en'))).toBe('CHF 12.50');
    expect(plain(formatWholeMoney(4500100, 'EUR', 'de'))).toBe('45.001 €');
    expect(plain(formatWholeMoney(4500100, 'CHF', 'de'))).toBe("CHF 45'001");
    expect(plain(formatWholeMoneyRange(4500100, 6000000, 'EUR', 'de'))).toBe('45.001–60.000 €');
    expect(plain(formatWholeMoneyRange(4500100, 6000000, 'EUR', 'en'))).toBe('€45,001 – €60,000');
  });
});

describe('numbers', () => {
  it('at most two decimals by default, or the digits asked for', () => {
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'de', { country: 'CH' })).toBe("1'234.5");
    expect(formatNumber(2.345, 'de', {}, { max: 1 })).toBe('2,3');
    expect(formatNumber(3, 'de', {}, { min: 2, max: 2 })).toBe('3,00');
  });

  it('the decimal separator people type', () => {
    expect(decimalSeparator('de')).toBe(',');
    expect(decimalSeparator('de', { currency: 'CHF' })).toBe('.');
    expect(decimalSeparator('en')).toBe('.');
  });
});

describe('dates', () => {
  it('a calendar day, the same day in every zone', () => {
    expect(formatDate('2026-11-02', 'de')).toBe('02.11.2026');
    expect(formatDate('2026-11-02', 'en')).toBe('02/11/2026');
    expect(formatDate('2026-11-02', 'en', { country: 'CH' })).toBe('02.11.2026');
    expect(formatDate('2026-01-01', 'de', { country: 'CH' })).toBe('01.01.2026');
  });

  it('leaves anything that is not a day as it was', () => {
    expect(formatDate('morgen', 'de')).toBe('morgen');
    expect(formatDate('2026-1-2', 'en')).toBe('2026-1-2');
  });

  it('a moment in the tenant’s zone', () => {
    const moment = new Date('2026-11-22T10:05:00Z');
    expect(formatDateTime(moment, 'Europe/Berlin', 'de')).toBe('22.11.2026, 11:05');
    expect(formatDateTime(moment, 'Europe/Zurich', 'en', { country: 'CH' })).toBe('22 Nov 2026, 11:05');
  });

  it('today in a zone: the day after midnight there, not in UTC', () => {
    expect(todayIn('Europe/Berlin', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayIn('Europe/Zurich', new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});
