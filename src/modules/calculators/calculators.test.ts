import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { calculateForApi, calculateKitaFee, findBracketIndex, parseCalculatorInput } from './calculators.ts';
import { validateFeeTable } from './fee-table.ts';
import { DEMO_FEE_TABLES } from './demo-tables.ts';
import type { KitaFeeTable } from './schema.ts';

const de = translator('de');
const kreis = DEMO_FEE_TABLES['kreis-guetersloh']!;
const aargau = DEMO_FEE_TABLES['kanton-aargau']!;
/** Intl puts no-break spaces before "€" and "%"; the tests read them as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const explained = (table: KitaFeeTable, input: Parameters<typeof calculateKitaFee>[1]) => {
  const result = calculateKitaFee(table, input);
  return { ...result, lines: result.lines.map((l) => [plain(l.label.de), l.amountMinor] as const) };
};
const messages = (errors: Array<{ field: string; key: string; params?: Record<string, string | number> }>) =>
  Object.fromEntries(errors.map((e) => [e.field, de(e.key as never, e.params)]));

describe('the demo tables', () => {
  it('are valid', () => {
    for (const [slug, table] of Object.entries(DEMO_FEE_TABLES)) expect(validateFeeTable(table), slug).toEqual([]);
  });
});

describe('calculateKitaFee', () => {
  it('explains one child line by line', () => {
    expect(explained(kreis, { income: 5_200_000, hours: 35, children: 1 })).toEqual({
      lines: [['Einkommensstufe 3 (45.001–60.000 €), 35 Stunden', 18_200]],
      totalMinor: 18_200,
      bracket: { number: 3, fromMinor: 4_500_100, toMinor: 6_000_000 },
    });
  });

  it('takes the sibling discounts off the second and every further child', () => {
    const { lines, totalMinor } = explained(kreis, { income: 5_200_000, hours: 35, children: 3 });
    expect(lines).toEqual([
      ['1. Kind: Einkommensstufe 3 (45.001–60.000 €), 35 Stunden', 18_200],
      ['2. Kind: Einkommensstufe 3 (45.001–60.000 €), 35 Stunden', 18_200],
      ['Geschwisterermäßigung 2. Kind −50 %', -9_100],
      ['3. Kind: Einkommensstufe 3 (45.001–60.000 €), 35 Stunden', 18_200],
      ['Geschwisterermäßigung 3. Kind −100 %', -18_200],
    ]);
    expect(totalMinor).toBe(27_300);
  });

  it("gives one child's fee when asked for it", () => {
    const { lines, totalMinor } = explained(kreis, { income: 5_200_000, hours: 45, children: 2, childIndex: 2 });
    expect(lines).toEqual([
      ['2. Kind: Einkommensstufe 3 (45.001–60.000 €), 45 Stunden', 23_400],
      ['Geschwisterermäßigung 2. Kind −50 %', -11_700],
    ]);
    expect(totalMinor).toBe(11_700);
  });

  it('puts an income on a bracket limit into the lower bracket and one unit above it into the next', () => {
    expect(calculateKitaFee(kreis, { income: 4_500_000, hours: 25, children: 1 }).bracket.number).toBe(2);
    expect(calculateKitaFee(kreis, { income: 4_500_050, hours: 25, children: 1 }).bracket.number).toBe(2);
    expect(calculateKitaFee(kreis, { income: 4_500_100, hours: 25, children: 1 }).bracket.number).toBe(3);
    expect(calculateKitaFee(kreis, { income: 0, hours: 25, children: 1 }).bracket.number).toBe(1);
    expect(explained(kreis, { income: 2_000_000, hours: 45, children: 1 }).lines).toEqual([['Einkommensstufe 1 (bis 20.000 €), 45 Stunden', 0]]);
    expect(explained(kreis, { income: 50_000_000, hours: 25, children: 1 }).lines).toEqual([['Einkommensstufe 7 (ab 110.001 €), 25 Stunden', 32_500]]);
  });

  it('writes no discount line where there is nothing to take off', () => {
    const { lines, totalMinor } = calculateKitaFee(kreis, { income: 1_000_000, hours: 35, children: 2 });
    expect(lines).toHaveLength(2);
    expect(totalMinor).toBe(0);
  });

  it('rounds a discount to the nearest cent', () => {
    const table: KitaFeeTable = {
      ...kreis,
      brackets: [{ fromMinor: 0, toMinor: null, feesMinor: [10_001, 10_001, 10_001] }],
      siblingDiscount: { secondPercent: 50, furtherPercent: 33 },
    };
    expect(calculateKitaFee(table, { income: 0, hours: 25, children: 3 }).lines.map((l) => l.amountMinor)).toEqual([10_001, 10_001, -5_001, 10_001, -3_300]);
  });

  it('speaks Swiss francs and English', () => {
    const result = calculateKitaFee(aargau, { income: 7_000_000, hours: 30, children: 2 });
    expect(result.lines.map((l) => plain(l.label.de))).toEqual([
      "1. Kind: Einkommensstufe 3 (CHF 60'001–80'000), 30 Stunden",
      "2. Kind: Einkommensstufe 3 (CHF 60'001–80'000), 30 Stunden",
      'Geschwisterermäßigung 2. Kind −25 %',
    ]);
    expect(plain(result.lines[2]!.label.en!)).toBe('Sibling discount 2nd child −25 %');
    expect(result.totalMinor).toBe(84_000 + 84_000 - 21_000);
  });

  it('refuses input outside the table', () => {
    expect(() => calculateKitaFee(kreis, { income: 100, hours: 30, children: 1 })).toThrow(RangeError);
    expect(() => calculateKitaFee(kreis, { income: 100, hours: 35, children: 0 })).toThrow(RangeError);
    expect(() => calculateKitaFee(kreis, { income: 100, hours: 35, children: 2, childIndex: 3 })).toThrow(RangeError);
    expect(findBracketIndex(kreis, -1)).toBe(-1);
  });
});

describe("the citizen's input", () => {
  it('becomes the calculation input', () => {
    expect(parseCalculatorInput(kreis, { income: '52.000', hours: '35', children: '2' })).toEqual({
      input: { income: 5_200_000, hours: 35, children: 2 },
      errors: [],
    });
  });

  it('says in German what is wrong with each field', () => {
    expect(messages(parseCalculatorInput(kreis, { income: '', hours: '', children: '' }).errors)).toEqual({
      einkommen: 'Bitte füllen Sie dieses Feld aus.',
      stunden: 'Bitte wählen Sie eine Antwort aus.',
      kinder: 'Bitte füllen Sie dieses Feld aus.',
    });
    expect(messages(parseCalculatorInput(kreis, { income: '-100', hours: '30', children: 'zwei' }).errors)).toEqual({
      einkommen: 'Die Zahl darf nicht negativ sein.',
      stunden: 'Bitte wählen Sie eine Antwort aus.',
      kinder: 'Bitte geben Sie eine ganze Zahl ohne Nachkommastellen ein, zum Beispiel 1.',
    });
    expect(messages(parseCalculatorInput(kreis, { income: 'viel', hours: '35', children: '11' }).errors)).toEqual({
      einkommen: 'Bitte geben Sie Ihr Jahreseinkommen als Betrag ein, zum Beispiel 52000.',
      kinder: 'Bitte geben Sie eine ganze Zahl von 1 bis 10 ein.',
    });
    expect(messages(parseCalculatorInput(kreis, { income: '500000000', hours: '35', children: '0' }).errors)).toEqual({
      einkommen: 'Bitte prüfen Sie das Jahreseinkommen: Der Rechner nimmt höchstens 100000000 an.',
      kinder: 'Bitte geben Sie eine ganze Zahl von 1 bis 10 ein.',
    });
    expect(messages(parseCalculatorInput(kreis, { income: '52000\u0007', hours: '35', children: '1'.repeat(25) }).errors)).toEqual({
      einkommen: 'Die Eingabe enthält unzulässige Steuerzeichen. Bitte tippen Sie sie erneut ein.',
      kinder: 'Bitte kürzen Sie Ihre Eingabe auf höchstens 20 Zeichen (jetzt 25).',
    });
  });
});

describe('a calculation sent to the API', () => {
  const table = DEMO_FEE_TABLES['kreis-guetersloh']!;

  it('calculates what fits the table, as the page does', () => {
    expect(calculateForApi(table, { incomeMinor: 5_200_000, hours: 35, children: 2 })).toEqual({
      ok: true,
      result: calculateKitaFee(table, { income: 5_200_000, hours: 35, children: 2 }),
    });
  });

  it('names every field that does not fit at once', () => {
    expect(calculateForApi(table, { incomeMinor: 1.5, hours: 36, children: 0 })).toEqual({
      ok: false,
      invalid: [
        { field: 'incomeMinor', key: 'calc.error.income' },
        { field: 'hours', key: 'validation.choose' },
        { field: 'children', key: 'calc.error.range', params: { min: 1, max: 10 } },
      ],
    });
    for (const body of [undefined, null, 'text', { incomeMinor: '100', hours: '35', children: '1' }]) {
      const outcome = calculateForApi(table, body);
      expect(outcome.ok, JSON.stringify(body)).toBe(false);
      if (!outcome.ok) expect(outcome.invalid.map((e) => e.field)).toEqual(['incomeMinor', 'hours', 'children']);
    }
  });
});
