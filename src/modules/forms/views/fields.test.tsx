import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import type { AnswerValue, FieldDefinition, FieldError, GroupItem } from '../schema.ts';
import { answerText } from '../answer-text.ts';
import { Field, fieldAnchor, fieldHint, fieldWidth, type FieldProps } from './fields.tsx';
import { accessibilityProblems, byId, named, tags, textOf } from '../../../testing/html.ts';

const de = translator('de');
const en = translator('en');

function render(field: FieldDefinition, value?: AnswerValue, extra: Partial<FieldProps> = {}): string {
  const html = renderToString(<Field field={field} value={value} t={de} locale="de" maxUploadMb={10} {...extra} />);
  expect(accessibilityProblems(html)).toEqual([]);
  return html;
}

const label = (de: string) => ({ de, en: `${de} (en)` });

const EVERY_TYPE: FieldDefinition[] = [
  { id: 'name', type: 'text', label: label('Name'), hint: label('Wie im Ausweis'), required: true },
  { id: 'notiz', type: 'textarea', label: label('Notiz') },
  { id: 'anzahl', type: 'integer', label: label('Anzahl') },
  { id: 'flaeche', type: 'decimal', label: label('Fläche'), fractionDigits: 1 },
  { id: 'betrag', type: 'money', label: label('Betrag') },
  { id: 'geboren', type: 'date', label: label('Geburtsdatum') },
  { id: 'mail', type: 'email', label: label('E-Mail') },
  { id: 'telefon', type: 'phone', label: label('Telefon') },
  { id: 'iban', type: 'iban', label: label('IBAN') },
  { id: 'plz', type: 'postalCode', label: label('Postleitzahl') },
  {
    id: 'rasse',
    type: 'select',
    label: label('Rasse'),
    options: [
      { value: 'dackel', label: label('Dackel') },
      { value: 'pudel', label: label('Pudel') },
    ],
  },
  {
    id: 'haltung',
    type: 'radio',
    label: label('Haltung'),
    options: [
      { value: 'privat', label: label('Privat') },
      { value: 'gewerblich', label: label('Gewerblich') },
    ],
  },
  {
    id: 'farben',
    type: 'checkboxes',
    label: label('Farben'),
    options: [
      { value: 'rot', label: label('Rot') },
      { value: 'gruen', label: label('Grün') },
      { value: 'blau', label: label('Blau') },
    ],
  },
  { id: 'gefaehrlich', type: 'yesno', label: label('Gefährlicher Hund?') },
  { id: 'anschrift', type: 'address', label: label('Anschrift') },
  { id: 'nachweis', type: 'file', label: label('Nachweis'), accept: ['application/pdf', 'image/png'], maxFiles: 3, maxBytes: 5 * 1048576 },
  {
    id: 'kinder',
    type: 'group',
    label: label('Kinder'),
    itemLabel: label('Kind'),
    minItems: 1,
    maxItems: 3,
    fields: [
      { id: 'vorname', type: 'text', label: label('Vorname'), required: true },
      { id: 'geburt', type: 'date', label: label('Geburtsdatum') },
      {
        id: 'betreuung',
        type: 'radio',
        label: label('Betreuung'),
        options: [
          { value: 'halb', label: label('Halbtags') },
          { value: 'ganz', label: label('Ganztags') },
        ],
      },
      { id: 'wohnort', type: 'address', label: label('Wohnort') },
    ],
  },
  { id: 'hinweis', type: 'info', label: label('Gut zu wissen'), text: label('Die Steuer wird jährlich fällig.\n\nSie erhalten einen Bescheid.') },
  { id: 'summe', type: 'money', label: label('Summe'), compute: { '*': [{ var: 'anzahl' }, 12] } },
];

const byType = (id: string) => EVERY_TYPE.find((f) => f.id === id)!;

describe('Field renders every type accessibly', () => {
  it.each(EVERY_TYPE.map((f) => [f.type + (f.compute ? ' (computed)' : ''), f] as const))('%s: labels, ids and references fit together', (_type, field) => {
    render(field);
    // With an error the message sits beside the field, tied to it, and the control says it is invalid.
    const html = render(field, undefined, { errors: [{ field: field.id, key: 'validation.required' }] });
    if (field.type === 'info' || field.compute) return;
    const anchor = byId(html, fieldAnchor(field));
    expect(anchor, `anchor ${fieldAnchor(field)}`).toBeDefined();
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    const error = tags(html).find((t) => t.name === 'p' && t.attrs.class === 'kern-error')!;
    const describers = tags(html).filter((t) => (t.attrs['aria-describedby'] ?? '').split(' ').includes(error.attrs.id!));
    expect(describers.length).toBeGreaterThan(0);
    if (field.type !== 'group') expect(tags(html).some((t) => t.attrs['aria-invalid'] === 'true')).toBe(true);
  });

  it('text: label for the input, hint tied to it, value kept, optional marked', () => {
    const html = render(
      { id: 'name', type: 'text', label: label('Name'), hint: label('Wie im Ausweis'), maxLength: 80, autocomplete: 'family-name' },
      'Müller <b>',
    );
    const input = byId(html, 'f-name')!;
    expect(input.attrs).toMatchObject({
      name: 'name',
      type: 'text',
      value: 'Müller <b>',
      maxlength: '80',
      autocomplete: 'family-name',
      'aria-describedby': 'f-name-hint',
    });
    expect(input.attrs['aria-invalid']).toBeUndefined();
    expect(html).toContain('<label class="kern-label" for="f-name">Name<span class="kern-label__optional"> (optional)</span></label>');
    expect(textOf(html, 'f-name-hint')).toBe('Wie im Ausweis');
    expect(html).not.toContain('<b>');
  });

  it('required fields carry no optional marker; rule-dependent ones neither', () => {
    expect(render(byType('name'))).not.toContain('optional');
    expect(render({ id: 'x', type: 'text', label: label('X'), requiredIf: { '==': [{ var: 'a' }, 1] } })).not.toContain('optional');
  });

  it('textarea keeps line breaks', () => {
    const html = render(byType('notiz'), 'Zeile 1\nZeile 2');
    expect(html).toContain('>Zeile 1\nZeile 2</textarea>');
  });

  it('numbers are text inputs with a numeric keyboard; decimals show the comma in German', () => {
    expect(byId(render(byType('anzahl'), '3'), 'f-anzahl')!.attrs).toMatchObject({ type: 'text', inputmode: 'numeric', value: '3' });
    expect(byId(render(byType('flaeche'), '12.5'), 'f-flaeche')!.attrs).toMatchObject({ type: 'text', inputmode: 'decimal', value: '12,5' });
    const english = renderToString(<Field field={byType('flaeche')} value="12.5" t={en} locale="en" maxUploadMb={10} />);
    expect(byId(english, 'f-flaeche')!.attrs.value).toBe('12.5');
    // What a person typed wrongly comes back exactly as typed.
    expect(byId(render(byType('flaeche'), '12,5 qm'), 'f-flaeche')!.attrs.value).toBe('12,5 qm');
  });

  it('money shows the currency beside the amount and ties it to the input', () => {
    const euro = render(byType('betrag'), '12.50');
    expect(byId(euro, 'f-betrag')!.attrs).toMatchObject({ value: '12,50', inputmode: 'decimal', 'aria-describedby': 'f-betrag-unit' });
    expect(textOf(euro, 'f-betrag-unit')).toBe('€');
    expect(euro.indexOf('id="f-betrag-unit"')).toBeGreaterThan(euro.indexOf('id="f-betrag"'));
    const franc = render(byType('betrag'), '12.50', { currency: 'CHF' });
    expect(byId(franc, 'f-betrag')!.attrs.value).toBe('12.50');
    expect(textOf(franc, 'f-betrag-unit')).toBe('CHF');
    expect(franc.indexOf('id="f-betrag-unit"')).toBeLessThan(franc.indexOf('id="f-betrag"'));
  });

  it('date, e-mail, phone, IBAN and postal code get their input types and keyboards', () => {
    const termin: FieldDefinition = { id: 'termin', type: 'date', label: label('Wunschtermin') };
    expect(byId(render(termin, '2020-02-29'), 'f-termin')!.attrs).toMatchObject({ type: 'date', value: '2020-02-29' });
    expect(byId(render(byType('mail'), 'a@b.de'), 'f-mail')!.attrs).toMatchObject({ type: 'email', spellcheck: 'false' });
    expect(byId(render(byType('telefon')), 'f-telefon')!.attrs).toMatchObject({ type: 'tel', inputmode: 'tel' });
    expect(byId(render(byType('iban'), 'DE89370400440532013000'), 'f-iban')!.attrs).toMatchObject({
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      value: 'DE89370400440532013000',
    });
    expect(byId(render(byType('plz'), '33330'), 'f-plz')!.attrs).toMatchObject({ inputmode: 'numeric', value: '33330' });
  });

  it('select has an empty "Bitte wählen" option first and keeps the choice', () => {
    const html = render(byType('rasse'), 'pudel');
    const options = tags(html).filter((t) => t.name === 'option');
    expect(options[0]!.attrs.value).toBe('');
    expect(html).toContain('>Bitte wählen</option>');
    expect(html).toContain('<option value="pudel" selected>Pudel</option>');
    expect(html).toContain('<option value="dackel">Dackel</option>');
    expect(byId(html, 'f-rasse')!.name).toBe('select');
  });

  it('radio buttons sit in a fieldset with a legend; the error is tied to the group', () => {
    const html = render(byType('haltung'), 'gewerblich', { error: { field: 'haltung', key: 'validation.choose' } });
    expect(html).toMatch(/<fieldset class="kern-fieldset kern-fieldset--error" aria-describedby="f-haltung-error"><legend class="kern-label">Haltung/);
    expect(named(html, 'haltung').map((t) => [t.attrs.id, t.attrs.type, t.attrs.value, 'checked' in t.attrs])).toEqual([
      ['f-haltung-0', 'radio', 'privat', false],
      ['f-haltung-1', 'radio', 'gewerblich', true],
    ]);
    expect(textOf(html, 'f-haltung-error')).toBe('Bitte wählen Sie eine Antwort aus.');
    expect(fieldAnchor(byType('haltung'))).toBe('f-haltung-0');
  });

  it('checkboxes post their values under one repeated name and keep every choice', () => {
    const html = render(byType('farben'), ['rot', 'blau']);
    expect(named(html, 'farben').map((t) => [t.attrs.type, t.attrs.value, 'checked' in t.attrs])).toEqual([
      ['checkbox', 'rot', true],
      ['checkbox', 'gruen', false],
      ['checkbox', 'blau', true],
    ]);
    expect(html).toContain('<legend class="kern-label">Farben');
  });

  it('yes/no is a pair of radio buttons ja/nein, labelled in the page language', () => {
    const html = render(byType('gefaehrlich'), 'nein');
    expect(named(html, 'gefaehrlich').map((t) => [t.attrs.value, 'checked' in t.attrs])).toEqual([
      ['ja', false],
      ['nein', true],
    ]);
    expect(html).toContain('<label class="kern-label" for="f-gefaehrlich-0">Ja</label>');
    const english = renderToString(<Field field={byType('gefaehrlich')} value="ja" t={en} locale="en" maxUploadMb={10} />);
    expect(english).toContain('for="f-gefaehrlich-0">Yes</label>');
    expect(english).toContain('Gefährlicher Hund? (en)');
  });

  it('address: four labelled inputs with autocomplete, each with its own error', () => {
    const errors: FieldError[] = [{ field: 'anschrift.postalCode', key: 'validation.postalCodeDE' }];
    const html = render(byType('anschrift'), { street: 'Berliner Straße', number: '70', postalCode: '3333', place: 'Gütersloh' }, { errors });
    expect(named(html, 'anschrift.street')[0]!.attrs).toMatchObject({ id: 'f-anschrift-street', value: 'Berliner Straße', autocomplete: 'address-line1' });
    expect(named(html, 'anschrift.number')[0]!.attrs).toMatchObject({ id: 'f-anschrift-number', value: '70' });
    expect(named(html, 'anschrift.postalCode')[0]!.attrs).toMatchObject({
      id: 'f-anschrift-postalCode',
      value: '3333',
      autocomplete: 'postal-code',
      inputmode: 'numeric',
      'aria-invalid': 'true',
      'aria-describedby': 'f-anschrift-postalCode-error',
    });
    expect(named(html, 'anschrift.place')[0]!.attrs).toMatchObject({ autocomplete: 'address-level2', value: 'Gütersloh' });
    expect(named(html, 'anschrift.place')[0]!.attrs['aria-invalid']).toBeUndefined();
    expect(textOf(html, 'f-anschrift-postalCode-error')).toBe('Bitte geben Sie eine fünfstellige Postleitzahl ein.');
    for (const part of ['Straße', 'Hausnummer', 'Postleitzahl', 'Ort']) expect(html).toContain(`>${part}</label>`);
    expect(html).toContain('<legend class="kern-label">Anschrift');
    expect(fieldAnchor(byType('anschrift'), 'anschrift.postalCode')).toBe('f-anschrift-postalCode');
    expect(fieldAnchor(byType('anschrift'))).toBe('f-anschrift-street');
  });

  it('file: several files allowed, types and size in the hint, current files listed', () => {
    const files = [{ sha256: 'a'.repeat(64), filename: 'impfpass.pdf', contentType: 'application/pdf', size: 1000 }];
    const html = render(byType('nachweis'), files);
    const input = byId(html, 'f-nachweis')!;
    expect(input.attrs).toMatchObject({
      type: 'file',
      name: 'nachweis',
      multiple: '',
      accept: 'application/pdf,image/png',
      'aria-describedby': 'f-nachweis-hint f-nachweis-current',
    });
    expect(textOf(html, 'f-nachweis-hint')).toBe('Erlaubte Dateitypen: PDF, PNG. Höchstens 3 Dateien. Höchstens 5 MB je Datei.');
    expect(textOf(html, 'f-nachweis-current')).toContain('impfpass.pdf');
    const single = render({ id: 'foto', type: 'file', label: label('Foto') }, undefined, { maxUploadMb: 2.5 });
    expect('multiple' in byId(single, 'f-foto')!.attrs).toBe(false);
    expect(textOf(single, 'f-foto-hint')).toBe('Höchstens 2,5 MB je Datei.');
  });

  it('group: a fieldset per entry with its legend, children named by entry, add and remove buttons', () => {
    const value: GroupItem[] = [
      { vorname: 'Anna', geburt: '2020-01-01', betreuung: 'ganz' },
      { vorname: '', wohnort: { street: 'Weg', number: '1', postalCode: '', place: '' } },
    ];
    const errors: FieldError[] = [{ field: 'kinder.1.vorname', key: 'validation.required' }];
    const html = render(byType('kinder'), value, { errors });
    expect(html).toContain('<legend class="kern-label">Kind 1</legend>');
    expect(html).toContain('<legend class="kern-label">Kind 2</legend>');
    expect(named(html, 'kinder.0.vorname')[0]!.attrs).toMatchObject({ id: 'f-kinder-0-vorname', value: 'Anna' });
    expect(named(html, 'kinder.0.betreuung').find((t) => 'checked' in t.attrs)!.attrs.value).toBe('ganz');
    expect(named(html, 'kinder.1.wohnort.street')[0]!.attrs.value).toBe('Weg');
    // The applicant's own address must not be filled into a child's.
    expect(named(html, 'kinder.1.wohnort.street')[0]!.attrs.autocomplete).toBeUndefined();
    expect(byId(html, 'f-kinder-1-vorname')!.attrs).toMatchObject({ 'aria-invalid': 'true', 'aria-describedby': 'f-kinder-1-vorname-error' });
    expect(fieldAnchor(byType('kinder'), 'kinder.1.vorname')).toBe('f-kinder-1-vorname');
    expect(fieldAnchor(byType('kinder'), 'kinder.0.betreuung')).toBe('f-kinder-0-betreuung-0');
    expect(fieldAnchor(byType('kinder'), 'kinder.1.wohnort.place')).toBe('f-kinder-1-wohnort-place');
    expect(fieldAnchor(byType('kinder'))).toBe('f-kinder');
    const buttons = tags(html).filter((t) => t.name === 'button');
    expect(buttons.map((b) => [b.attrs.type, b.attrs.name, b.attrs.value])).toEqual([
      ['submit', '_aktion', 'entfernen:kinder:0'],
      ['submit', '_aktion', 'entfernen:kinder:1'],
      ['submit', '_aktion', 'hinzufuegen:kinder'],
    ]);
    expect(html).toContain('Eintrag entfernen<span class="kern-sr-only">: Kind 2</span>');
    expect(html).toContain('Eintrag hinzufügen');
    expect(textOf(html, 'f-kinder-hint')).toBe('Höchstens 3 Einträge.');
  });

  it('group: as many entries as minItems, no removing below it, no adding above maxItems', () => {
    const group = byType('kinder');
    const empty = render({ ...group, minItems: 2 }, undefined);
    expect(named(empty, 'kinder.1.vorname')).toHaveLength(1);
    expect(empty).not.toContain('entfernen:');
    expect(empty).toContain('hinzufuegen:kinder');
    const full = render(group, [{ vorname: 'A' }, { vorname: 'B' }, { vorname: 'C' }]);
    expect(full).not.toContain('hinzufuegen:kinder');
    expect(full).toContain('entfernen:kinder:2');
    const none = render({ ...group, minItems: 0, itemLabel: undefined }, []);
    expect(none).toContain('Noch keine Einträge.');
    expect(render({ ...group, minItems: 0, itemLabel: undefined }, [{ vorname: 'A' }])).toContain('<legend class="kern-label">Eintrag 1</legend>');
  });

  it('info: a notice with its paragraphs and no input', () => {
    const html = render(byType('hinweis'));
    expect(html).toContain('kern-alert kern-alert--info');
    expect(html).toContain('<p class="kern-body">Die Steuer wird jährlich fällig.</p><p class="kern-body">Sie erhalten einen Bescheid.</p>');
    expect(tags(html).some((t) => ['input', 'select', 'textarea'].includes(t.name))).toBe(false);
  });

  it('computed: a labelled output with the formatted value, never an input to tamper with', () => {
    const html = render(byType('summe'), '999.00', { computed: '36.00' });
    expect(byId(html, 'f-summe')!.name).toBe('output');
    expect(byId(html, 'f-summe')!.attrs).toMatchObject({ 'data-value': '36.00', 'data-type': 'money', 'data-currency': 'EUR', 'data-locale': 'de-DE' });
    expect(textOf(html, 'f-summe')).toBe('36,00\u00a0€');
    expect(named(html, 'summe')).toEqual([]);
    expect(html).not.toContain('999');
    expect(textOf(render(byType('summe')), 'f-summe')).toBe('–');
  });
});

describe('answerText', () => {
  const text = (field: FieldDefinition, value: AnswerValue | undefined, locale: 'de' | 'en' = 'de', currency?: 'EUR' | 'CHF') =>
    answerText(field, value, locale === 'de' ? de : en, locale, currency);

  it('reads every type as a person would write it', () => {
    expect(text(byType('name'), 'Anna')).toBe('Anna');
    expect(text(byType('notiz'), 'a\nb')).toBe('a\nb');
    expect(text(byType('anzahl'), '3')).toBe('3');
    expect(text(byType('flaeche'), '12.5')).toBe('12,5');
    expect(text(byType('flaeche'), '12.5', 'en')).toBe('12.5');
    // Intl puts a no-break space between amount and currency, so they never part at a line end.
    expect(text(byType('betrag'), '12.50')).toBe('12,50\u00a0€');
    expect(text(byType('betrag'), '1234.5')).toBe('1.234,50\u00a0€');
    expect(text(byType('betrag'), '12.50', 'de', 'CHF').replace(/\u00a0/g, ' ')).toBe('CHF 12.50');
    expect(text(byType('betrag'), '12.50', 'en')).toBe('€12.50');
    expect(text(byType('geboren'), '2026-11-22')).toBe('22.11.2026');
    expect(text(byType('geboren'), '2026-11-22', 'en')).toBe('22/11/2026');
    expect(text(byType('mail'), 'a@b.de')).toBe('a@b.de');
    expect(text(byType('telefon'), '05241 82-0')).toBe('05241 82-0');
    expect(text(byType('iban'), 'DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(text(byType('plz'), '33330')).toBe('33330');
    expect(text(byType('rasse'), 'pudel')).toBe('Pudel');
    expect(text(byType('rasse'), 'pudel', 'en')).toBe('Pudel (en)');
    expect(text(byType('haltung'), 'gewerblich')).toBe('Gewerblich');
    expect(text(byType('farben'), ['rot', 'blau'])).toBe('Rot, Blau');
    expect(text(byType('gefaehrlich'), 'ja')).toBe('Ja');
    expect(text(byType('gefaehrlich'), 'nein', 'en')).toBe('No');
    expect(text(byType('anschrift'), { street: 'Berliner Straße', number: '70', postalCode: '33330', place: 'Gütersloh' })).toBe(
      'Berliner Straße 70, 33330 Gütersloh',
    );
    expect(
      text(byType('nachweis'), [
        { sha256: 'a', filename: 'a.pdf', contentType: 'application/pdf', size: 1 },
        { sha256: 'b', filename: 'b.png', contentType: 'image/png', size: 1 },
      ]),
    ).toBe('a.pdf, b.png');
    expect(
      text(byType('kinder'), [
        { vorname: 'Anna', geburt: '2020-01-31', betreuung: 'ganz' },
        { vorname: 'Ben', wohnort: { street: 'Weg', number: '1', postalCode: '33330', place: 'Gütersloh' } },
      ]),
    ).toBe('Kind 1: Vorname: Anna, Geburtsdatum: 31.01.2020, Betreuung: Ganztags; Kind 2: Vorname: Ben, Wohnort: Weg 1, 33330 Gütersloh');
    expect(text(byType('hinweis'), undefined)).toBe('');
    expect(text(byType('summe'), '36.00')).toBe('36,00\u00a0€');
  });

  it('says "–" for no answer, and shows unexpected stored values as they are', () => {
    for (const field of EVERY_TYPE.filter((f) => f.type !== 'info')) {
      expect(text(field, undefined)).toBe('–');
      expect(text(field, '')).toBe('–');
    }
    expect(text(byType('farben'), [])).toBe('–');
    expect(text(byType('anschrift'), { street: '', number: '', postalCode: '', place: '' })).toBe('–');
    expect(text(byType('rasse'), 'unbekannt')).toBe('unbekannt');
    expect(text(byType('geboren'), '22.11.2026')).toBe('22.11.2026');
    expect(text(byType('geboren'), '1985-4-')).toBe('–.4.1985');
    expect(text(byType('betrag'), 'zwölf')).toBe('zwölf');
  });
});

describe('focus, widths, dates of birth and hints', () => {
  it('a date of birth is three inputs (day, month, year) in a fieldset, never the browser date picker', () => {
    const html = render(byType('geboren'), '1990-03-07');
    expect(html).not.toContain('type="date"');
    expect(html).toMatch(/<fieldset class="kern-fieldset form-date" id="f-geboren" aria-describedby="f-geboren-hint"><legend class="kern-label">Geburtsdatum/);
    expect(byId(html, 'f-geboren-day')!.attrs).toMatchObject({ name: 'geboren.day', value: '7', inputmode: 'numeric', type: 'text' });
    expect(byId(html, 'f-geboren-month')!.attrs).toMatchObject({ name: 'geboren.month', value: '3' });
    expect(byId(html, 'f-geboren-year')!.attrs).toMatchObject({ name: 'geboren.year', value: '1990' });
    expect(byId(html, 'f-geboren-year')!.attrs.class).toContain('form-input--width-4');
    expect(byId(html, 'f-geboren-day')!.attrs.class).toContain('form-input--width-2');
    expect(html).toContain('<label class="kern-label" for="f-geboren-month">Monat</label>');
    expect(textOf(html, 'f-geboren-hint')).toBe('Zum Beispiel 27 3 1990');
    // What was typed comes back as typed, also when it is no date; the error marks the part it is about.
    const typed = render(byType('geboren'), '1990--31', {
      errors: [{ field: 'geboren', key: 'field.dateMissingMonth', params: { subject: 'Das Geburtsdatum', parts: 'month' } }],
    });
    expect(byId(typed, 'f-geboren-day')!.attrs.value).toBe('31');
    expect(byId(typed, 'f-geboren-month')!.attrs).toMatchObject({ value: '', 'aria-invalid': 'true' });
    expect(byId(typed, 'f-geboren-day')!.attrs['aria-invalid']).toBeUndefined();
    expect(typed).toContain('Das Geburtsdatum muss einen Monat enthalten.');
    expect(fieldAnchor(byType('geboren'), 'geboren.month')).toBe('f-geboren-month');
    expect(fieldAnchor(byType('geboren'))).toBe('f-geboren-day');
    // The applicant's own birthday autocompletes part by part; a definition may ask for one input instead.
    const own = render({ ...byType('geboren'), autocomplete: 'bday' });
    expect(byId(own, 'f-geboren-year')!.attrs.autocomplete).toBe('bday-year');
    expect(render({ ...byType('geboren'), dateInput: 'single' })).toContain('type="date"');
  });

  it('inputs are as wide as their answers: postal code, house number, phone, IBAN, a year', () => {
    const widthOf = (html: string, id: string) => /form-input--width-(\d+)/.exec(byId(html, id)!.attrs.class ?? '')?.[1];
    expect(widthOf(render(byType('plz')), 'f-plz')).toBe('5');
    expect(widthOf(render(byType('telefon')), 'f-telefon')).toBe('20');
    expect(widthOf(render(byType('iban')), 'f-iban')).toBe('30');
    const address = render(byType('anschrift'));
    expect(widthOf(address, 'f-anschrift-number')).toBe('5');
    expect(widthOf(address, 'f-anschrift-postalCode')).toBe('5');
    expect(widthOf(address, 'f-anschrift-street')).toBeUndefined();
    expect(fieldWidth({ id: 'jahr', type: 'integer', label: label('Baujahr'), min: 1900, max: 2100 })).toBe(4);
    expect(fieldWidth({ id: 'n', type: 'integer', label: label('Anzahl'), min: 1, max: 20 })).toBe(2);
    expect(fieldWidth({ id: 'chip', type: 'text', label: label('Chipnummer'), maxLength: 15 })).toBe(20);
    expect(fieldWidth({ id: 'kz', type: 'text', label: label('Kennzeichen'), maxLength: 200 })).toBeUndefined();
    expect(fieldWidth({ id: 'x', type: 'text', label: label('X'), width: 3 })).toBe(3);
    expect(widthOf(render({ id: 'x', type: 'text', label: label('X'), width: 3 }), 'f-x')).toBe('3');
  });

  it('no "(optional)" on a yes/no question, no hint that repeats the label or says a sentence twice', () => {
    expect(render(byType('gefaehrlich'))).not.toContain('optional');
    expect(render(byType('farben'))).toContain('(optional)');
    const repeated = render({ id: 'name', type: 'text', label: label('Name'), hint: label('Name.') });
    expect(repeated).not.toContain('kern-hint');
    expect(
      fieldHint({ id: 'k', type: 'group', label: label('Kinder'), hint: label('Höchstens 3 Einträge. Kinder unter 18.') }, 'de', 'Höchstens 3 Einträge.'),
    ).toBe('Höchstens 3 Einträge. Kinder unter 18.');
  });

  it('group buttons come back to the entry they changed: the new entry, the entry before, or the add button', () => {
    const html = render(byType('kinder'), [{ vorname: 'A' }, { vorname: 'B' }], { action: '/guetersloh/leistungen/x/antrag/kinder' });
    const buttons = tags(html).filter((t) => t.name === 'button');
    expect(buttons.map((b) => [b.attrs.value, b.attrs.formaction])).toEqual([
      ['entfernen:kinder:0', '/guetersloh/leistungen/x/antrag/kinder#f-kinder-0-vorname'],
      ['entfernen:kinder:1', '/guetersloh/leistungen/x/antrag/kinder#f-kinder-0-vorname'],
      ['hinzufuegen:kinder', '/guetersloh/leistungen/x/antrag/kinder#f-kinder-2-vorname'],
    ]);
    const single = render({ ...byType('kinder'), minItems: 0 }, [{ vorname: 'A' }], { action: '/a' });
    expect(tags(single).find((t) => t.attrs.value === 'entfernen:kinder:0')!.attrs.formaction).toBe('/a#f-kinder-add');
    expect(byId(single, 'f-kinder-add')!.attrs.value).toBe('hinzufuegen:kinder');
    // A page told which control to focus marks it with autofocus, and only it.
    const focused = render(byType('kinder'), [{ vorname: 'A' }, {}], { focus: 'f-kinder-1-vorname' });
    expect(byId(focused, 'f-kinder-1-vorname')!.attrs).toHaveProperty('autofocus');
    expect(tags(focused).filter((t) => 'autofocus' in t.attrs)).toHaveLength(1);
  });
});
