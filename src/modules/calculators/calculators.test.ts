import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import {
  applyEdit,
  calculateForApi,
  calculateKitaFee,
  draftFromTable,
  findBracketIndex,
  parseAmount,
  parseCalculatorInput,
  parseEdit,
  readTableDraft,
  tableFromDraft,
  validateFeeTable,
} from './calculators.ts';
import { DEMO_FEE_TABLES } from './demo-tables.ts';
import type { FeeTableDraft, KitaFeeTable } from './schema.ts';

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

describe("the studio's table", () => {
  const draft = (): FeeTableDraft => draftFromTable(kreis);

  it('goes to the form and back unchanged', () => {
    expect(draft().brackets[2]).toEqual({ from: '45001', to: '60000', fees: ['130,00', '182,00', '234,00'] });
    expect(tableFromDraft(draft(), 'EUR')).toEqual({ table: kreis, errors: [] });
    expect(tableFromDraft(draftFromTable(aargau), 'CHF')).toEqual({ table: aargau, errors: [] });
  });

  it('reads the form fields, capped in number', () => {
    const body: Record<string, string> = {
      hoursCount: '2',
      bracketCount: '999',
      validFrom: '2026-08-01',
      'hours-0': ' 25 ',
      'hours-1': '35',
      'b0-from': '0',
      'b0-fee1': '10,00',
    };
    const read = readTableDraft(body);
    expect(read.hours).toEqual(['25', '35']);
    expect(read.brackets).toHaveLength(30);
    expect(read.brackets[0]).toEqual({ from: '0', to: '', fees: ['', '10,00'] });
    expect(readTableDraft({ hoursCount: 'x', bracketCount: '-3' }).brackets).toHaveLength(1);
  });

  it('finds gaps, overlaps and open brackets, with a message beside each cell', () => {
    const d = draft();
    d.brackets[0]!.from = '100';
    d.brackets[2]!.from = '45002';
    d.brackets[3]!.from = '59000';
    d.brackets[4]!.to = '';
    d.brackets[6]!.to = '200000';
    d.brackets[5]!.to = '70000';
    expect(messages(tableFromDraft(d, 'EUR').errors)).toEqual({
      'b0-from': 'Die erste Einkommensstufe muss bei 0 beginnen.',
      'b2-from': 'Zwischen dieser und der vorigen Stufe ist eine Lücke: Die Stufe muss bei 45001 beginnen, eins über der Obergrenze der Stufe davor.',
      'b3-from': 'Diese Stufe überschneidet sich mit der vorigen: Sie muss bei 60001 beginnen, eins über der Obergrenze der Stufe davor.',
      'b4-to': 'Bitte geben Sie eine Obergrenze ein. Nur die letzte Stufe bleibt nach oben offen.',
      'b5-to': 'Die Obergrenze darf nicht unter der Untergrenze liegen.',
      'b6-from': 'Zwischen dieser und der vorigen Stufe ist eine Lücke: Die Stufe muss bei 70001 beginnen, eins über der Obergrenze der Stufe davor.',
      'b6-to': 'Die letzte Stufe gilt nach oben offen: Bitte lassen Sie „bis“ leer.',
    });
  });

  it('refuses negative, unreadable and missing amounts, duplicate hours and bad percentages', () => {
    const d = draft();
    d.validFrom = '2026-02-30';
    d.hours[2] = '35';
    d.brackets[1]!.fees[0] = '-52,00';
    d.brackets[1]!.fees[1] = 'viel';
    d.brackets[1]!.fees[2] = '';
    d.brackets[2]!.to = '60000,50';
    d.secondPercent = '150';
    d.furtherPercent = '';
    d.noteDe = 'x\u0001';
    expect(messages(tableFromDraft(d, 'EUR').errors)).toEqual({
      validFrom: 'Bitte geben Sie ein gültiges Datum ein.',
      'hours-2': 'Die Betreuungszeit 35 Stunden gibt es schon. Jede Stundenzahl darf nur einmal vorkommen.',
      'b1-fee0': 'Die Zahl darf nicht negativ sein.',
      'b1-fee1': 'Bitte geben Sie eine Zahl ein, zum Beispiel 182,00.',
      'b1-fee2': 'Bitte füllen Sie dieses Feld aus.',
      'b2-to': 'Bitte geben Sie eine ganze Zahl ohne Nachkommastellen ein, zum Beispiel 45000.',
      secondPercent: 'Bitte geben Sie eine ganze Zahl von 0 bis 100 ein.',
      furtherPercent: 'Bitte füllen Sie dieses Feld aus.',
      noteDe: 'Die Eingabe enthält unzulässige Steuerzeichen. Bitte tippen Sie sie erneut ein.',
    });
  });

  it('lists the errors in the order of the page', () => {
    const d = draft();
    d.secondPercent = 'x';
    d.brackets[3]!.fees[1] = '';
    d.validFrom = '';
    expect(tableFromDraft(d, 'EUR').errors.map((e) => e.field)).toEqual(['validFrom', 'b3-fee1', 'secondPercent']);
  });

  it('validates a table given as data', () => {
    const broken: KitaFeeTable = {
      ...kreis,
      hoursOptions: [25, 25, 80],
      brackets: [
        { fromMinor: 0, toMinor: 1_000_050, feesMinor: [1.5, -1] },
        { fromMinor: 1_000_100, toMinor: null, feesMinor: [0, 0, 0] },
      ],
      siblingDiscount: { secondPercent: 50.5, furtherPercent: -1 },
    };
    expect(messages(validateFeeTable(broken))).toEqual({
      'hours-1': 'Die Betreuungszeit 25 Stunden gibt es schon. Jede Stundenzahl darf nur einmal vorkommen.',
      'hours-2': 'Bitte geben Sie eine ganze Zahl von 1 bis 70 ein.',
      'b0-to': 'Bitte geben Sie eine ganze Zahl ohne Nachkommastellen ein, zum Beispiel 60000.',
      'b0-fee0': 'Bitte geben Sie eine Zahl ein, zum Beispiel 182,00.',
      'b0-fee1': 'Die Zahl darf nicht negativ sein.',
      'b0-fee2': 'Bitte füllen Sie dieses Feld aus.',
      secondPercent: 'Bitte geben Sie eine ganze Zahl von 0 bis 100 ein.',
      furtherPercent: 'Bitte geben Sie eine ganze Zahl von 0 bis 100 ein.',
    });
    expect(messages(validateFeeTable({ ...kreis, brackets: [] }))).toEqual({ 'b0-from': 'Bitte legen Sie eine bis 30 Einkommensstufen an.' });
  });

  it('adds and removes brackets and hours options, keeping what was typed', () => {
    const d = draft();
    d.brackets[6]!.to = '130000';
    const added = applyEdit(d, parseEdit('add-bracket')!);
    expect(added.brackets).toHaveLength(8);
    expect(added.brackets[7]).toEqual({ from: '130001', to: '', fees: ['', '', ''] });
    expect(added.brackets[6]!.to).toBe('130000');
    const removed = applyEdit(added, parseEdit('remove-bracket:1')!);
    expect(removed.brackets.map((b) => b.from)).toEqual(['0', '45001', '60001', '75001', '90001', '110001', '130001']);
    const withHours = applyEdit(removed, parseEdit('add-hours')!);
    expect(withHours.hours).toEqual(['25', '35', '45', '']);
    expect(withHours.brackets[1]!.fees).toEqual(['130,00', '182,00', '234,00', '']);
    const without = applyEdit(withHours, parseEdit('remove-hours:0')!);
    expect(without.hours).toEqual(['35', '45', '']);
    expect(without.brackets[1]!.fees).toEqual(['182,00', '234,00', '']);
    // The last bracket and the last hours option stay.
    const single = { ...d, hours: ['25'], brackets: [{ from: '0', to: '', fees: ['0'] }] };
    expect(applyEdit(single, parseEdit('remove-bracket:0')!)).toEqual(single);
    expect(applyEdit(single, parseEdit('remove-hours:0')!)).toEqual(single);
    expect(d.brackets).toHaveLength(7);
  });

  it('knows only its own buttons', () => {
    for (const bad of ['remove-bracket', 'add-bracket:1', 'drop', 'remove-hours:x', 'remove-bracket:123', 42])
      expect(parseEdit(bad), String(bad)).toBeUndefined();
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
