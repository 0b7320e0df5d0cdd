import { describe, expect, it } from 'vitest';
import { cleanText, isValidDate, validateAll, validateStep, type FormDefinition, type StepDefinition, type ValidationContext } from './index.ts';

const step: StepDefinition = {
  id: 's',
  title: { de: 'S' },
  fields: [
    { id: 'name', type: 'text', label: { de: 'Name' }, required: true, maxLength: 10 },
    { id: 'mail', type: 'email', label: { de: 'E-Mail' }, required: true },
    { id: 'tel', type: 'phone', label: { de: 'Telefon' } },
    { id: 'plz', type: 'postalCode', label: { de: 'PLZ' }, required: true },
    { id: 'geb', type: 'date', label: { de: 'Geburt' }, dateRange: 'past' },
    { id: 'termin', type: 'date', label: { de: 'Termin' }, dateRange: 'future' },
    { id: 'art', type: 'radio', label: { de: 'Art' }, required: true, options: [{ value: 'a', label: { de: 'A' } }] },
    { id: 'ok', type: 'yesno', label: { de: 'OK' }, required: true },
    { id: 'text', type: 'textarea', label: { de: 'Text' } },
    { id: 'datei', type: 'file', label: { de: 'Datei' }, required: true },
  ],
};
const de: ValidationContext = { country: 'DE', today: '2026-11-22' };
const valid = { name: 'Anna', mail: 'a@b.de', tel: '+49 5241 1', plz: '33330', geb: '1990-01-31', termin: '2026-11-22', art: 'a', ok: 'ja', text: 'Zeile 1\nZeile 2' };
const file = [{ sha256: 'a'.repeat(64), filename: 'x.pdf', contentType: 'application/pdf', size: 10 }];
const keys = (input: Record<string, unknown>, ctx = de) => validateStep(step, input, { datei: file }, ctx).errors.map((e) => `${e.field}:${e.key}`);

describe('validating a step', () => {
  it('accepts valid answers and keeps them', () => {
    const { values, errors } = validateStep(step, valid, { datei: file }, de);
    expect(errors).toEqual([]);
    expect(values).toMatchObject({ ...valid, datei: file });
  });

  it('names each missing required field', () => {
    expect(validateStep(step, {}, {}, de).errors.map((e) => `${e.field}:${e.key}`)).toEqual([
      'name:validation.required', 'mail:validation.required', 'plz:validation.required', 'art:validation.choose', 'ok:validation.choose', 'datei:validation.fileRequired',
    ]);
  });

  it.each([
    [{ name: 'x'.repeat(11) }, 'name:validation.tooLong'],
    [{ name: 'An\u0001na' }, 'name:validation.controlCharacters'],
    [{ name: 'An\nna' }, 'name:validation.singleLine'],
    [{ mail: 'a@b' }, 'mail:validation.email'],
    [{ tel: 'abc' }, 'tel:validation.phone'],
    [{ plz: '3333' }, 'plz:validation.postalCodeDE'],
    [{ geb: '2026-02-30' }, 'geb:validation.date'],
    [{ geb: '2026-11-23' }, 'geb:validation.dateNotFuture'],
    [{ termin: '2026-11-21' }, 'termin:validation.dateNotPast'],
    [{ art: 'b' }, 'art:validation.choose'],
    [{ ok: 'vielleicht' }, 'ok:validation.choose'],
    [{ text: 'x'.repeat(4001) }, 'text:validation.tooLong'],
  ])('refuses %o', (change, expected) => {
    expect(keys({ ...valid, ...change })).toEqual([expected]);
  });

  it('checks Swiss postal codes for Swiss municipalities', () => {
    expect(keys({ ...valid, plz: '5000' }, { country: 'CH', today: de.today })).toEqual([]);
    expect(keys({ ...valid, plz: '33330' }, { country: 'CH', today: de.today })).toEqual(['plz:validation.postalCodeCH']);
  });

  it('tells the too-long text how long it is', () => {
    const error = validateStep(step, { ...valid, name: 'x'.repeat(12) }, { datei: file }, de).errors[0]!;
    expect(error.params).toEqual({ max: 10, length: 12 });
  });
});

describe('text and dates', () => {
  it('trims, unifies line breaks and composes Unicode', () => {
    expect(cleanText('  Mu\u0308ller\r\n ')).toBe('Müller');
    expect(cleanText(42)).toBe('');
    // PostgreSQL cannot store NUL, so it is dropped rather than failing the save.
    expect(cleanText('An\u0000na')).toBe('Anna');
    expect(cleanText('\ud83d')).toBe('\ufffd');
  });
  it('knows real calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('22.11.2026')).toBe(false);
  });
});

describe('validating the whole form', () => {
  it('reports the step of each error, so the check page can link to it', () => {
    const form: FormDefinition = { steps: [step, { id: 't', title: { de: 'T' }, fields: [{ id: 'z', type: 'text', label: { de: 'Z' }, required: true }] }] };
    const errors = validateAll(form, { ...valid, datei: file }, de);
    expect(errors).toEqual([{ field: 'z', key: 'validation.required', params: undefined, step: 't' }]);
  });
});
