import { describe, expect, it } from 'vitest';
import { parseAmount } from './amounts.ts';

describe('amounts as people type them', () => {
  const read = (s: string, decimals = true) => parseAmount(s, { decimals, example: '1' });
  it('reads German, Swiss and English ways of writing', () => {
    expect(read('52000')).toEqual({ ok: true, minor: 5_200_000 });
    expect(read('52.000')).toEqual({ ok: true, minor: 5_200_000 });
    expect(read('52.000,50 €')).toEqual({ ok: true, minor: 5_200_050 });
    expect(read("CHF 1'250.05")).toEqual({ ok: true, minor: 125_005 });
    expect(read('1 250,5')).toEqual({ ok: true, minor: 125_050 });
    expect(read('182,00')).toEqual({ ok: true, minor: 18_200 });
    expect(read('12.34')).toEqual({ ok: true, minor: 1_234 });
  });
  it('refuses what is not an amount', () => {
    expect(read('-5')).toMatchObject({ ok: false, key: 'calc.error.negative' });
    expect(read('−5,00')).toMatchObject({ ok: false, key: 'calc.error.negative' });
    expect(read('zwölf')).toMatchObject({ ok: false, key: 'calc.error.number' });
    expect(read('1.2.3')).toMatchObject({ ok: false });
    expect(read('1,000,5')).toMatchObject({ ok: false });
    expect(read('1e5')).toMatchObject({ ok: false });
    expect(read('12,5', false)).toMatchObject({ ok: false, key: 'calc.error.wholeNumber' });
    expect(read('9'.repeat(20))).toMatchObject({ ok: false, key: 'calc.error.tooLarge' });
  });
});
