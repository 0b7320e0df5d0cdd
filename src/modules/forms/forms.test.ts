import { describe, expect, it } from 'vitest';
import { cleanText, fieldWithRole, finalAnswers, findStep, isValidDate, validateAll, visibleSteps, type ValidationContext } from './forms.ts';
import { normaliseInput, readStep } from './read-step.ts';
import { translator } from '../../platform/i18n/index.ts';
import { checkDefinition } from './definition.ts';
import type { Answers, FieldDefinition, FormDefinition, StepDefinition } from './schema.ts';

const label = { de: 'L' };
const f = (id: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ id, type, label, ...extra });
const de: ValidationContext = { country: 'DE', today: '2026-11-22' };
const ch: ValidationContext = { country: 'CH', today: '2026-11-22' };
const file = { sha256: 'a'.repeat(64), filename: 'x.pdf', contentType: 'application/pdf', size: 10 };
const options = [
  { value: 'a', label },
  { value: 'b', label },
  { value: 'c', label },
];

/** A one-step form with one field; returns the error keys (`path:key`) for the posted body. */
function check(field: FieldDefinition, body: Record<string, unknown>, ctx = de, previous: Answers = {}) {
  const step: StepDefinition = { id: 's', title: label, fields: [field] };
  const result = readStep({ steps: [step] }, step, body, previous, ctx);
  return { ...result, keys: result.errors.map((e) => `${e.field}:${e.key}`) };
}
const keys = (field: FieldDefinition, value: unknown, ctx = de) => check(field, { [field.id]: value }, ctx).keys;
const stored = (field: FieldDefinition, value: unknown) => check(field, { [field.id]: value }).values[field.id];

describe('text fields', () => {
  const text = f('name', 'text', { required: true, maxLength: 10, minLength: 2 });
  it.each([
    ['Anna', []],
    ['', ['name:field.required']],
    ['   ', ['name:field.required']],
    ['A', ['name:field.tooShort']],
    ['x'.repeat(11), ['name:field.tooLong']],
    ['An\u0001na', ['name:validation.controlCharacters']],
    ['An\nna', ['name:validation.singleLine']],
    // Latin-1 bytes sent to a UTF-8 form arrive as U+FFFD.
    ['M\uFFFDller', ['name:validation.encoding']],
  ])('%j → %j', (value, expected) => expect(keys(text, value)).toEqual(expected));

  it('tells the too-long text how long it is, and keeps it', () => {
    const { errors, values } = check(f('name', 'text'), { name: 'x'.repeat(250) });
    expect(errors[0]!.params).toEqual({ max: 200, length: 250 });
    expect(values.name).toBe('x'.repeat(250));
  });
  it('allows 4000 characters and line breaks in long text', () => {
    const area = f('text', 'textarea');
    expect(keys(area, 'Zeile 1\r\nZeile 2')).toEqual([]);
    expect(stored(area, 'Zeile 1\r\nZeile 2')).toBe('Zeile 1\nZeile 2');
    expect(keys(area, 'x'.repeat(4000))).toEqual([]);
    expect(keys(area, 'x'.repeat(4001))).toEqual(['text:validation.tooLong']);
  });
  it('checks a pattern against the whole value', () => {
    const kennzeichen = f('kz', 'text', { pattern: '[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [0-9]{1,4}' });
    expect(keys(kennzeichen, 'GT-AB 123')).toEqual([]);
    expect(keys(kennzeichen, 'xGT-AB 123')).toEqual(['kz:field.pattern']);
  });
  it('does not hold a broken pattern of an unchecked definition against the person', () => {
    expect(keys(f('kz', 'text', { pattern: '([' }), 'egal')).toEqual([]);
  });
  it('never throws on broken Unicode, NUL or odd input shapes', () => {
    expect(stored(f('name', 'text'), 'An\u0000na\ud800')).toBe('Anna\ufffd');
    expect(keys(f('name', 'text'), '\udc00\ud83d')).toEqual(['name:validation.encoding']);
    expect(stored(f('name', 'text'), ['erster', 'zweiter'])).toBe('erster');
    expect(stored(f('name', 'text'), { a: 1 })).toBe('');
    expect(keys(f('n', 'integer', { required: true }), 42)).toEqual(['n:field.required']);
    expect(() => readStep({ steps: [] }, { id: 's', title: label, fields: [f('x', 'text')] }, null as never, {}, de)).not.toThrow();
  });
});

describe('numbers and money', () => {
  it.each([
    ['integer', '3', '3'],
    ['integer', ' 1.000 ', '1000'],
    ['integer', "1'000", '1000'],
    ['integer', '1 000 000', '1000000'],
    ['integer', '007', '7'],
    ['integer', '+5', '5'],
    ['integer', '-0', '0'],
    ['integer', '3,5', '3,5'],
    ['integer', 'drei', 'drei'],
    ['decimal', '12,5', '12.50'],
    ['decimal', '1.234,5', '1234.50'],
    ['decimal', '12.5', '12.50'],
    ['decimal', "1'234.5", '1234.50'],
    ['decimal', ',5', '0.50'],
    ['decimal', '-3', '-3.00'],
    ['decimal', '1,234', '1.234'],
    ['decimal', '1.500', '1500.00'],
    ['money', '1.234,50 €', '1234.50'],
    ['money', 'EUR 12', '12.00'],
    ['money', '12,5', '12.50'],
    ['money', 'CHF 12.–', '12.00'],
    ['money', "Fr. 1'250.50", '1250.50'],
    ['money', '12,505', '12.505'],
    ['money', 'zwölf', 'zwölf'],
    ['iban', 'de89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['postalCode', '33 330', '33330'],
    ['date', '1.2.2026', '2026-02-01'],
  ] as const)('%s: %j is stored as %j', (type, typed, expected) => {
    expect(normaliseInput(f('x', type), typed)).toBe(expected);
  });
  it('reads a dot as the decimal point in Switzerland, as thousands in Germany', () => {
    expect(normaliseInput(f('x', 'decimal'), '1.5', 'CH')).toBe('1.50');
    expect(normaliseInput(f('x', 'decimal', { fractionDigits: 3 }), '1.500', 'CH')).toBe('1.500');
    expect(normaliseInput(f('x', 'decimal', { fractionDigits: 3 }), '1.500', 'DE')).toBe('1500.000');
    expect(normaliseInput(f('x', 'money'), '1.234.567', 'CH')).toBe('1234567.00');
    expect(normaliseInput(f('x', 'money'), "Fr. 1'234.50", 'CH')).toBe('1234.50');
    expect(check(f('m', 'money'), { m: '12.50' }, ch).values.m).toBe('12.50');
  });
  it('pads decimals to their digits', () => {
    expect(normaliseInput(f('x', 'decimal', { fractionDigits: 3 }), '2,5')).toBe('2.500');
    expect(normaliseInput(f('x', 'decimal', { fractionDigits: 0 }), '2')).toBe('2');
  });

  it.each([
    [f('n', 'integer', { min: 1, max: 10 }), '3', []],
    [f('n', 'integer'), '3,5', ['n:field.integer']],
    [f('n', 'integer'), 'drei', ['n:field.integer']],
    [f('n', 'integer', { min: 1 }), '0', ['n:field.numberMin']],
    [f('n', 'integer', { max: 10 }), '11', ['n:field.numberMax']],
    [f('n', 'integer'), '9'.repeat(20), ['n:validation.numberTooLarge']],
    [f('d', 'decimal'), '12,34', []],
    [f('d', 'decimal'), '12,345', ['d:field.decimalDigits']],
    [f('d', 'decimal', { fractionDigits: 0 }), '12,5', ['d:field.integer']],
    [f('d', 'decimal'), 'abc', ['d:field.decimal']],
    [f('d', 'decimal', { min: 0.5 }), '0,4', ['d:field.numberMin']],
    [f('m', 'money'), '12,50 €', []],
    [f('m', 'money'), '-5', ['m:field.moneyNegative']],
    [f('m', 'money', { min: -100 }), '-5', []],
    [f('m', 'money'), '12,505', ['m:field.moneyCents']],
    [f('m', 'money'), 'zwölf Euro', ['m:field.money']],
    [f('m', 'money', { max: 1000 }), '1.000,01', ['m:field.moneyMax']],
  ] as const)('%o with %j → %j', (field, value, expected) => expect(keys(field, value)).toEqual(expected));

  it('names limits in German and English writing', () => {
    expect(check(f('m', 'money', { min: 1234.5 }), { m: '5' }).errors[0]!.params).toMatchObject({ min: '1.234,50', minEn: '1,234.50' });
    expect(check(f('d', 'decimal', { fractionDigits: 1 }), { d: '1,25' }).errors[0]!.params).toMatchObject({ digits: 1 });
  });
});

describe('dates, contact data, IBAN, postal codes', () => {
  it.each([
    [f('d', 'date'), '2026-02-28', []],
    [f('d', 'date'), '2026-02-30', ['d:field.dateReal']],
    [f('d', 'date'), '22.11.2026', []],
    [f('d', 'date', { dateRange: 'past' }), '2026-11-22', []],
    [f('d', 'date', { dateRange: 'past' }), '2026-11-23', ['d:field.datePast']],
    [f('d', 'date', { dateRange: 'future' }), '2026-11-21', ['d:field.dateFuture']],
    [f('e', 'email'), 'anna@example.org', []],
    [f('e', 'email'), 'anna@example', ['e:field.email']],
    [f('t', 'phone'), '+49 5241 82-0', []],
    [f('t', 'phone'), 'abc', ['t:field.phone']],
    [f('i', 'iban'), 'DE89 3704 0044 0532 0130 00', []],
    [f('i', 'iban'), 'CH93 0076 2011 6238 5295 7', []],
    [f('i', 'iban'), 'DE89 3704 0044 0532 0130 01', ['i:validation.ibanChecksum']],
    [f('i', 'iban'), 'DE89 3704 0044 0532 0130 0', ['i:validation.ibanLength']],
    [f('i', 'iban'), 'XX89 3704 0044 0532 0130 00', ['i:validation.ibanCountry']],
    [f('i', 'iban'), '1234', ['i:validation.ibanCountry']],
    [f('i', 'iban'), 'DE!!', ['i:validation.iban']],
    [f('p', 'postalCode'), '33330', []],
    [f('p', 'postalCode'), '3333', ['p:validation.postalCodeDE']],
    [f('p', 'postalCode', { country: 'CH' }), '5000', []],
  ] as const)('%o with %j → %j', (field, value, expected) => expect(keys(field, value)).toEqual(expected));

  it('says how long an IBAN of that country is', () => {
    expect(check(f('i', 'iban'), { i: 'DE8937040044053201300' }).errors[0]!.params).toEqual({ country: 'DE', length: 22, actual: 21 });
  });

  it('checks Swiss postal codes (1000–9699) for Swiss municipalities', () => {
    const plz = f('p', 'postalCode');
    expect(keys(plz, '5000', ch)).toEqual([]);
    expect(keys(plz, '33330', ch)).toEqual(['p:validation.postalCodeCH']);
    expect(keys(plz, '0999', ch)).toEqual(['p:validation.postalCodeCH']);
    expect(keys(plz, '9700', ch)).toEqual(['p:validation.postalCodeCH']);
    expect(keys(f('p', 'postalCode', { country: 'DE' }), '33330', ch)).toEqual([]);
  });
});

describe('choices', () => {
  it.each([
    [f('s', 'select', { options, required: true }), 'a', []],
    [f('s', 'select', { options, required: true }), '', ['s:field.choose']],
    [f('s', 'select', { options }), 'z', ['s:validation.choose']],
    [f('r', 'radio', { options }), 'b', []],
    [f('r', 'radio', { options }), 'z', ['r:validation.choose']],
    [f('y', 'yesno', { required: true }), 'ja', []],
    [f('y', 'yesno'), 'nein', []],
    [f('y', 'yesno'), 'vielleicht', ['y:validation.choose']],
    [f('y', 'yesno', { required: true }), undefined, ['y:field.yesno']],
  ] as const)('%o with %j → %j', (field, value, expected) => expect(keys(field, value)).toEqual(expected));

  it('reads repeated checkbox values as a list and checks them', () => {
    const box = f('c', 'checkboxes', { options, minSelected: 2, maxSelected: 2 });
    expect(check(box, { c: ['a', 'b', 'a'] })).toMatchObject({ values: { c: ['a', 'b'] }, keys: [] });
    expect(check(box, { c: 'a' })).toMatchObject({ values: { c: ['a'] }, keys: ['c:validation.minSelected'] });
    expect(keys(box, ['a', 'b', 'c'])).toEqual(['c:validation.maxSelected']);
    expect(keys(box, ['a', 'z'])).toEqual(['c:validation.choose']);
    expect(check(box, {})).toMatchObject({ values: { c: [] }, keys: [] });
    expect(keys(f('c', 'checkboxes', { options, required: true }), undefined)).toEqual(['c:field.choose']);
    expect(keys(f('c', 'checkboxes', { options, required: true, minSelected: 2 }), undefined)).toEqual(['c:validation.minSelected']);
  });
});

describe('addresses', () => {
  const address = f('anschrift', 'address', { required: true });
  const body = { 'anschrift.street': ' Berliner Straße ', 'anschrift.number': '70a', 'anschrift.postalCode': '33 330', 'anschrift.place': 'Gütersloh' };

  it('reads the four parts', () => {
    expect(check(address, body)).toMatchObject({
      values: { anschrift: { street: 'Berliner Straße', number: '70a', postalCode: '33330', place: 'Gütersloh' } },
      keys: [],
    });
  });
  it('names each missing part when required', () => {
    expect(check(address, {}).keys).toEqual([
      'anschrift.street:validation.addressStreet',
      'anschrift.number:validation.addressNumber',
      'anschrift.postalCode:validation.addressPostalCode',
      'anschrift.place:validation.addressPlace',
    ]);
  });
  it('asks for the rest once part of an optional address is typed', () => {
    expect(check(f('a', 'address'), {}).keys).toEqual([]);
    expect(check(f('a', 'address'), { 'a.street': 'Hauptstraße' }).keys).toEqual([
      'a.number:validation.addressNumber',
      'a.postalCode:validation.addressPostalCode',
      'a.place:validation.addressPlace',
    ]);
  });
  it("checks the postal code of the municipality's country, and each part's text", () => {
    expect(check(address, body, ch).keys).toEqual(['anschrift.postalCode:validation.postalCodeCH']);
    expect(check(address, { ...body, 'anschrift.place': 'Gü\u0007tersloh', 'anschrift.street': 'x'.repeat(151) }).keys).toEqual([
      'anschrift.street:validation.tooLong',
      'anschrift.place:validation.controlCharacters',
    ]);
  });
});

describe('files', () => {
  it('keeps the uploaded files, which are not part of the body', () => {
    const upload = f('nachweis', 'file', { required: true });
    expect(check(upload, { nachweis: 'ignored' }, de, { nachweis: [file] })).toMatchObject({ values: { nachweis: [file] }, keys: [] });
    expect(check(upload, {}).keys).toEqual(['nachweis:field.fileRequired']);
  });
  it('checks count, type and size of what is stored', () => {
    const upload = f('plaene', 'file', { maxFiles: 2, accept: ['application/pdf', 'image/*'], maxBytes: 1024 * 1024 });
    expect(check(upload, {}, de, { plaene: [file, { ...file, contentType: 'image/png' }] }).keys).toEqual([]);
    expect(check(upload, {}, de, { plaene: [file, file, file] }).keys).toEqual(['plaene:validation.tooManyFiles']);
    expect(check(upload, {}, de, { plaene: [{ ...file, contentType: 'text/html' }] }).keys).toEqual(['plaene:validation.fileTypeOf']);
    expect(check(upload, {}, de, { plaene: [{ ...file, size: 2 * 1024 * 1024 }] }).errors[0]).toMatchObject({
      key: 'validation.fileTooLarge',
      params: { mb: 1 },
    });
    expect(check(f('x', 'file'), {}, de, { x: [file, file] }).keys).toEqual(['x:validation.tooManyFiles']);
  });
});

describe('groups', () => {
  const kinder = f('kinder', 'group', {
    minItems: 1,
    maxItems: 3,
    fields: [
      f('vorname', 'text', { required: true }),
      f('geburtsdatum', 'date', { required: true, dateRange: 'past' }),
      f('betreuung', 'checkboxes', { options }),
      f('schule', 'text', { showIf: { '<': [{ var: 'geburtsdatum' }, '2020-08-01'] }, required: true }),
      f('hinweis', 'info', { text: label }),
    ],
  });
  const step: StepDefinition = { id: 'kinder', title: label, fields: [kinder] };
  const form: FormDefinition = { steps: [step] };
  const post = (body: Record<string, unknown>, previous: Answers = {}) => readStep(form, step, body, previous, de);

  it('reads entries by index, children validated with their paths', () => {
    const result = post({
      'kinder.0.vorname': 'Mia',
      'kinder.0.geburtsdatum': '2022-03-01',
      'kinder.0.betreuung': ['a', 'b'],
      'kinder.1.vorname': '',
      'kinder.1.geburtsdatum': '2018-01-01',
      'kinder.1.schule': '',
    });
    expect(result.values.kinder).toEqual([
      { vorname: 'Mia', geburtsdatum: '2022-03-01', betreuung: ['a', 'b'], schule: '' },
      { vorname: '', geburtsdatum: '2018-01-01', betreuung: [], schule: '' },
    ]);
    expect(result.errors.map((e) => `${e.field}:${e.key}`)).toEqual(['kinder.1.vorname:field.required', 'kinder.1.schule:field.required']);
    expect(result.groupAction).toBe(false);
  });

  it('checks the number of entries', () => {
    expect(post({}).errors.map((e) => `${e.field}:${e.key}`)).toEqual([]);
    const required = { ...kinder, required: true };
    const s = { ...step, fields: [required] };
    expect(readStep({ steps: [s] }, s, {}, {}, de).errors).toEqual([
      { field: 'kinder', key: 'field.groupRequired', params: expect.objectContaining({ label: kinder.label.de }) },
    ]);
    expect(translator('de')('field.groupRequired', { label: kinder.label.de })).toBe(`Fügen Sie mindestens einen Eintrag zu „${kinder.label.de}“ hinzu.`);
    const tooMany = Array.from({ length: 4 }, () => ({ vorname: 'A', geburtsdatum: '2022-01-01' }));
    expect(validateAll(form, { kinder: tooMany }, de).map((e) => e.key)).toEqual(['field.groupMax']);
    const two = { ...kinder, minItems: 2 };
    expect(validateAll({ steps: [{ ...step, fields: [two] }] }, { kinder: [tooMany[0]!] }, de)).toEqual([
      { field: 'kinder', key: 'field.groupMin', params: expect.objectContaining({ min: 2, label: kinder.label.de }), step: 'kinder' },
    ]);
  });

  it('adds an entry, keeping what was typed, without errors', () => {
    const result = post({ 'kinder.0.vorname': 'Mia', _aktion: 'hinzufuegen:kinder' });
    expect(result.groupAction).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.values.kinder).toEqual([{ vorname: 'Mia', geburtsdatum: '', betreuung: [], schule: '' }, {}]);
  });

  it('removes the named entry', () => {
    const previous = { kinder: [{ vorname: 'A' }, { vorname: 'B' }, { vorname: 'C' }] };
    const result = post({ 'kinder.0.vorname': 'A', 'kinder.1.vorname': 'B2', 'kinder.2.vorname': 'C', _aktion: 'entfernen:kinder:1' }, previous);
    expect(result.groupAction).toBe(true);
    expect((result.values.kinder as Array<Record<string, unknown>>).map((k) => k.vorname)).toEqual(['A', 'C']);
  });

  it('adds no entry beyond maxItems, and ignores actions for other fields', () => {
    const full = { kinder: [{}, {}, {}] };
    expect((post({ _aktion: 'hinzufuegen:kinder' }, full).values.kinder as unknown[]).length).toBe(3);
    expect(post({ _aktion: 'hinzufuegen:unbekannt' }).groupAction).toBe(false);
    expect(post({ _aktion: 'entfernen:kinder' }).groupAction).toBe(false);
  });

  it('keeps entries a previous post made even when none of their fields come back', () => {
    const result = post({ 'kinder.0.vorname': 'Mia' }, { kinder: [{ vorname: 'Mia' }, {}] });
    expect((result.values.kinder as unknown[]).length).toBe(2);
  });

  it('does not let a body grow a group without bound', () => {
    expect((post({ 'kinder.9999.vorname': 'x' }).values.kinder as unknown[]).length).toBe(3);
    expect((post({ 'kinder.99999.vorname': 'x', 'kinder.01.vorname': 'y' }).values.kinder as unknown[]).length).toBe(0);
  });
});

describe('rules while reading and before submission', () => {
  const form: FormDefinition = {
    steps: [
      {
        id: 'halter',
        title: label,
        fields: [
          f('haltung', 'radio', {
            required: true,
            options: [
              { value: 'privat', label },
              { value: 'gewerblich', label },
            ],
          }),
          f('firma', 'text', { required: true, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } }),
          f('telefon', 'phone', { requiredIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } }),
          f('hunde', 'integer', { required: true, min: 1 }),
          f('steuer', 'money', { compute: { '*': [{ var: 'hunde' }, 120] } }),
          f('hinweis', 'info', { text: label }),
        ],
      },
      { id: 'gewerbe', title: label, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] }, fields: [f('register', 'text', { required: true })] },
      { id: 'ende', title: label, fields: [f('einverstanden', 'yesno', { required: true })] },
    ],
  };
  const [halter, gewerbe] = form.steps as [StepDefinition, StepDefinition];

  it('validates only visible fields, visibility from this post and earlier answers', () => {
    expect(readStep(form, halter, { haltung: 'privat', hunde: '2' }, {}, de).errors).toEqual([]);
    expect(readStep(form, halter, { haltung: 'gewerblich', hunde: '2' }, {}, de).errors.map((e) => e.field)).toEqual(['firma', 'telefon']);
  });

  it('never reads or validates computed and info fields', () => {
    const { values, errors } = readStep(form, halter, { haltung: 'privat', hunde: '2', steuer: 'frei', hinweis: 'x' }, {}, de);
    expect(values).toEqual({ haltung: 'privat', telefon: '', hunde: '2', firma: '' });
    expect(errors).toEqual([]);
  });

  it('keeps the earlier answer of a field the page did not show', () => {
    const { values } = readStep(form, halter, { haltung: 'privat', hunde: '2' }, { firma: 'Hundepension Müller' }, de);
    expect(values.firma).toBe('Hundepension Müller');
    expect(finalAnswers(form, { ...values }).firma).toBeUndefined();
  });

  it('counts visible steps', () => {
    expect(visibleSteps(form, { haltung: 'privat' }).map((s) => s.id)).toEqual(['halter', 'ende']);
    expect(visibleSteps(form, { haltung: 'gewerblich' }).map((s) => s.id)).toEqual(['halter', 'gewerbe', 'ende']);
  });

  it('validates every visible step before submission', () => {
    expect(validateAll(form, { haltung: 'privat', hunde: '0', register: '' }, de)).toEqual([
      { field: 'hunde', key: 'field.numberMin', params: expect.objectContaining({ min: '1', minEn: '1' }), step: 'halter' },
      { field: 'einverstanden', key: 'field.yesno', params: expect.objectContaining({ label: expect.any(String) }), step: 'ende' },
    ]);
    expect(validateAll(form, { haltung: 'gewerblich', hunde: '1', einverstanden: 'ja' }, de).map((e) => `${e.step}/${e.field}`)).toEqual([
      'halter/firma',
      'halter/telefon',
      'gewerbe/register',
    ]);
  });

  it('submits visible answers and computed values, nothing else', () => {
    const answers = { haltung: 'privat', firma: 'Alt', hunde: '2', steuer: '1.00', register: 'HRB 1', einverstanden: 'ja', fremd: 'x' };
    expect(finalAnswers(form, answers)).toEqual({ haltung: 'privat', hunde: '2', steuer: '240.00', einverstanden: 'ja' });
  });

  it('validates a step that is hidden as nothing to check', () => {
    expect(readStep(form, gewerbe, {}, { haltung: 'privat' }, de).errors).toEqual([]);
    expect(readStep(form, gewerbe, {}, { haltung: 'gewerblich' }, de).errors.map((e) => e.field)).toEqual(['register']);
  });

  it('submits group entries with hidden children removed and computed children set', () => {
    const groupForm: FormDefinition = {
      steps: [
        {
          id: 's',
          title: label,
          fields: [
            f('kinder', 'group', {
              fields: [
                f('alter', 'integer'),
                f('schule', 'text', { showIf: { '>=': [{ var: 'alter' }, 6] } }),
                f('beitrag', 'money', { compute: { if: [{ '<': [{ var: 'alter' }, 6] }, 100, 0] } }),
              ],
            }),
          ],
        },
      ],
    };
    expect(
      finalAnswers(groupForm, {
        kinder: [
          { alter: '4', schule: 'x' },
          { alter: '7', schule: 'GS' },
        ],
      }),
    ).toEqual({
      kinder: [
        { alter: '4', beitrag: '100.00' },
        { alter: '7', schule: 'GS', beitrag: '0.00' },
      ],
    });
  });
});

describe('helpers', () => {
  it('trims, unifies line breaks and composes Unicode', () => {
    expect(cleanText('  Mu\u0308ller\r\n ')).toBe('Müller');
    expect(cleanText(42)).toBe('');
    expect(cleanText('An\u0000na')).toBe('Anna');
    expect(cleanText('\ud83d')).toBe('\ufffd');
  });
  it('knows real calendar dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('22.11.2026')).toBe(false);
  });
  it('finds steps and role fields', () => {
    const form: FormDefinition = { steps: [{ id: 'a', title: label, fields: [f('mail', 'email', { role: 'email' })] }] };
    expect(findStep(form, 'a')?.id).toBe('a');
    expect(findStep(form, 'b')).toBeUndefined();
    expect(fieldWithRole(form, 'email')).toBe('mail');
    expect(fieldWithRole(form, 'lastName')).toBeUndefined();
  });
});

describe('messages that name their field (GOV.UK)', () => {
  const tDe = translator('de');
  const tEn = translator('en');
  const said = (field: FieldDefinition, body: Record<string, unknown>, t = tDe) => check(field, body).errors.map((e) => t(e.key as never, e.params));
  const nachname = f('nachname', 'text', { label: { de: 'Nachname', en: 'Last name' }, required: true });
  const geburtsdatum = f('geburtsdatum', 'date', { label: { de: 'Geburtsdatum', en: 'Date of birth' }, required: true, dateRange: 'past' });

  it('an empty required answer says what to enter, from the label', () => {
    expect(said(nachname, { nachname: '' })).toEqual(['Geben Sie Ihren Nachnamen ein.']);
    expect(said(nachname, { nachname: '' }, tEn)).toEqual(['Enter your last name.']);
    expect(said(f('hund', 'text', { label: { de: 'Name des Hundes' }, required: true }), {})).toEqual(['Geben Sie „Name des Hundes“ ein.']);
    expect(said(f('haltung', 'radio', { label: { de: 'Haltung' }, options, required: true }), {})).toEqual(['Wählen Sie eine Antwort zu „Haltung“ aus.']);
    expect(said(f('gefaehrlich', 'yesno', { label: { de: 'Ist der Hund gefährlich?' }, required: true }), {})).toEqual([
      'Wählen Sie „Ja“ oder „Nein“ bei „Ist der Hund gefährlich?“.',
    ]);
  });

  it('inside a group entry the entry is someone else\'s: "den Vornamen", not "Ihren"', () => {
    const group = f('kinder', 'group', { fields: [f('vorname', 'text', { label: { de: 'Vorname' }, required: true })] });
    expect(said(group, { 'kinder.0.vorname': '' })).toEqual(['Geben Sie den Vornamen ein.']);
  });

  it('a pattern field says what its definition says: "Die Chipnummer hat 15 Ziffern", in both languages', () => {
    const chip = f('chip', 'text', {
      label: { de: 'Chipnummer' },
      pattern: '\\d{15}',
      maxLength: 15,
      errorMessage: { de: 'Die Chipnummer hat 15 Ziffern.', en: 'The chip number has 15 digits.' },
    });
    expect(said(chip, { chip: '12345' })).toEqual(['Die Chipnummer hat 15 Ziffern.']);
    expect(said(chip, { chip: '1234567890123456' }, tEn)).toEqual(['The chip number has 15 digits.']);
    expect(said(chip, { chip: '123456789012345' })).toEqual([]);
    expect(said({ ...chip, errorMessage: undefined }, { chip: '12a' })).toEqual([
      '„Chipnummer“ hat nicht das verlangte Format. Beachten Sie den Hinweis zum Feld.',
    ]);
  });

  it('the definition checks errorMessage, width and dateInput like its other properties', () => {
    const form = (field: Record<string, unknown>) => ({
      steps: [{ id: 's', title: { de: 'S' }, fields: [{ id: 'x', type: 'text', label: { de: 'X' }, ...field }] }],
    });
    expect(checkDefinition(form({ errorMessage: { de: 'Die Chipnummer hat 15 Ziffern.' }, width: 20, dateInput: 'parts' })).ok).toBe(true);
    const bad = checkDefinition(form({ errorMessage: { de: '' }, width: 7, dateInput: 'picker' }));
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path} ${p.key}`)).toEqual([
      '/steps/0/fields/0/errorMessage/de forms.schema.emptyText',
      '/steps/0/fields/0/width forms.schema.enum',
      '/steps/0/fields/0/dateInput forms.schema.enum',
    ]);
  });

  it('e-mail, number ranges and dates in GOV.UK wording', () => {
    expect(said(f('mail', 'email', { label: { de: 'E-Mail-Adresse' } }), { mail: 'anna@' })).toEqual([
      'Geben Sie Ihre E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.de.',
    ]);
    const hunde = f('hunde', 'integer', { label: { de: 'Anzahl der Hunde' }, min: 1, max: 10 });
    expect(said(hunde, { hunde: '11' })).toEqual(['„Anzahl der Hunde“ muss zwischen 1 und 10 liegen.']);
    expect(said({ ...hunde, max: undefined }, { hunde: '0' })).toEqual(['„Anzahl der Hunde“ muss 1 oder mehr sein.']);
    expect(said({ ...hunde, min: undefined }, { hunde: '11' }, tEn)).toEqual(['“Anzahl der Hunde” must be 10 or less.']);
    expect(said(f('termin', 'date', { label: { de: 'Wunschtermin' }, dateRange: 'future' }), { termin: '2026-02-30' })).toEqual([
      '„Wunschtermin“ muss ein echtes Datum sein.',
    ]);
  });

  it('a date of birth is read from day, month and year as one ISO date', () => {
    expect(check(geburtsdatum, { 'geburtsdatum.day': '7', 'geburtsdatum.month': '3', 'geburtsdatum.year': '1990' })).toMatchObject({
      values: { geburtsdatum: '1990-03-07' },
      errors: [],
    });
    expect(check(geburtsdatum, { 'geburtsdatum.day': ' 07 ', 'geburtsdatum.month': '03', 'geburtsdatum.year': '1990' }).values.geburtsdatum).toBe('1990-03-07');
    // A single value (an older page, a client of the form) is read as before.
    expect(check(geburtsdatum, { geburtsdatum: '07.03.1990' }).values.geburtsdatum).toBe('1990-03-07');
  });

  it('a date of birth says which part is missing or wrong, keeps what was typed, and must lie in the past', () => {
    const post = (day: string, month: string, year: string) =>
      check(geburtsdatum, { 'geburtsdatum.day': day, 'geburtsdatum.month': month, 'geburtsdatum.year': year });
    const text = (day: string, month: string, year: string) => post(day, month, year).errors.map((e) => tDe(e.key as never, e.params));
    expect(text('', '', '')).toEqual(['Geben Sie Ihr Geburtsdatum ein.']);
    expect(text('', '3', '1990')).toEqual(['Das Geburtsdatum muss einen Tag enthalten.']);
    expect(text('7', '', '')).toEqual(['Das Geburtsdatum muss einen Monat und ein Jahr enthalten.']);
    expect(text('31', '2', '1990')).toEqual(['Das Geburtsdatum muss ein echtes Datum sein.']);
    expect(text('7', '13', '1990')).toEqual(['Das Geburtsdatum muss ein echtes Datum sein.']);
    expect(text('7', '3', '90')).toEqual(['Das Jahr muss aus vier Ziffern bestehen, zum Beispiel 1990.']);
    expect(text('1', '1', '2030')).toEqual(['Das Geburtsdatum muss in der Vergangenheit liegen.']);
    expect(post('', '3', '1990').errors[0]!.params).toMatchObject({ parts: 'day' });
    expect(post('7', '13', '1990').errors[0]!.params).toMatchObject({ parts: 'month' });
    expect(post('', '3', '1990').values.geburtsdatum).toBe('1990-3-');
    expect(post('31', '2', '1990').values.geburtsdatum).toBe('1990-2-31');
    expect(
      check(geburtsdatum, { 'geburtsdatum.day': '', 'geburtsdatum.month': '3', 'geburtsdatum.year': '1990' }).errors.map((e) => tEn(e.key as never, e.params)),
    ).toEqual(['The date of birth must include a day.']);
  });
});
