import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { applyEdit, draftFromTable, parseEdit, readTableDraft, tableFromDraft, validateFeeTable } from './fee-table.ts';
import { DEMO_FEE_TABLES } from './demo-tables.ts';
import type { FeeTableDraft, KitaFeeTable } from './schema.ts';

const de = translator('de');
const kreis = DEMO_FEE_TABLES['kreis-guetersloh']!;
const aargau = DEMO_FEE_TABLES['kanton-aargau']!;
const messages = (errors: Array<{ field: string; key: string; params?: Record<string, string | number> }>) =>
  Object.fromEntries(errors.map((e) => [e.field, de(e.key as never, e.params)]));

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
