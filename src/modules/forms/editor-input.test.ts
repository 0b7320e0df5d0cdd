// The form editor's rule builder and option rows: what organisers choose, read into JSON Logic and options, and back.
import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { checkDefinition } from './definition.ts';
import {
  builderFields,
  changeOptionRows,
  fieldInput,
  fieldPatchFromInput,
  optionRowsOf,
  optionsFromRows,
  readRule,
  ruleControls,
  ruleFromBuilder,
  simpleRuleOf,
  stepPatchFromInput,
} from './editor-input.ts';
import { evaluate } from './logic.ts';
import type { FieldDefinition, FormDefinition } from './schema.ts';

const de = translator('de');

const form = (): FormDefinition => ({
  steps: [
    {
      id: 'halter',
      title: { de: 'Halter' },
      fields: [
        { id: 'vorname', type: 'text', label: { de: 'Vorname' } },
        {
          id: 'haltung',
          type: 'radio',
          label: { de: 'Haltung' },
          options: [
            { value: 'privat', label: { de: 'Privat' } },
            { value: 'gewerblich', label: { de: 'Gewerblich' } },
          ],
        },
        { id: 'anzahl', type: 'integer', label: { de: 'Anzahl der Hunde' } },
        { id: 'gefaehrlich', type: 'yesno', label: { de: 'Gefährlicher Hund?' } },
        {
          id: 'rassen',
          type: 'checkboxes',
          label: { de: 'Rassen' },
          options: [
            { value: 'dogge', label: { de: 'Dogge' } },
            { value: 'pudel', label: { de: 'Pudel' } },
          ],
        },
        { id: 'hinweis', type: 'info', label: { de: 'Hinweis' }, text: { de: 'Bitte beachten.' } },
        { id: 'hunde', type: 'group', label: { de: 'Hunde' }, fields: [{ id: 'name', type: 'text', label: { de: 'Name' } }] },
        { id: 'firma', type: 'text', label: { de: 'Firma' } },
      ],
    },
  ],
});

const fields = builderFields(form());

describe('the rule builder', () => {
  it('offers the fields with one answer, not information texts, groups or the field itself', () => {
    expect(builderFields(form(), 'firma').map((f) => f.id)).toEqual(['vorname', 'haltung', 'anzahl', 'gefaehrlich', 'rassen']);
  });

  it('writes JSON Logic typed as the answers are, which the rules engine evaluates as meant', () => {
    const build = (field: string, op: 'is' | 'isNot' | 'filled', value = '') => {
      const r = ruleFromBuilder({ field, op, value }, fields);
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.value;
    };
    expect(build('haltung', 'is', 'gewerblich')).toEqual({ '==': [{ var: 'haltung' }, 'gewerblich'] });
    expect(build('haltung', 'isNot', 'privat')).toEqual({ '!=': [{ var: 'haltung' }, 'privat'] });
    expect(build('gefaehrlich', 'is', 'ja')).toEqual({ '==': [{ var: 'gefaehrlich' }, true] });
    expect(build('anzahl', 'is', '2')).toEqual({ '==': [{ var: 'anzahl' }, 2] });
    expect(build('vorname', 'filled')).toEqual({ '!!': [{ var: 'vorname' }] });
    expect(build('rassen', 'is', 'dogge')).toEqual({ in: ['dogge', { var: 'rassen' }] });
    expect(build('', 'is', 'egal')).toBeUndefined();
    expect(evaluate(build('gefaehrlich', 'is', 'ja'), { gefaehrlich: true })).toBe(true);
    expect(evaluate(build('rassen', 'isNot', 'dogge'), { rassen: ['pudel'] })).toBe(true);
    expect(evaluate(build('rassen', 'isNot', 'dogge'), { rassen: ['dogge'] })).toBe(false);
    expect(evaluate(build('vorname', 'filled'), { vorname: '' })).toBe(false);
    // What it writes passes the definition check.
    const f = form();
    f.steps[0]!.fields[7]!.showIf = build('haltung', 'is', 'gewerblich');
    f.steps[0]!.fields[7]!.requiredIf = build('rassen', 'isNot', 'pudel');
    expect(checkDefinition(f)).toMatchObject({ ok: true });
  });

  it('refuses a missing or impossible value with a German message naming the field', () => {
    const refusal = (field: string, value: string) => {
      const r = ruleFromBuilder({ field, op: 'is', value }, fields);
      return r.ok ? undefined : [r.control, de(r.error.key, r.error.params)];
    };
    expect(refusal('haltung', '')).toEqual(['value', 'Geben Sie den Wert an, mit dem „Haltung“ verglichen wird.']);
    expect(refusal('haltung', 'Gewerblich')).toEqual(['value', '„Haltung“ hat diesen Wert nicht. Möglich: privat, gewerblich.']);
    expect(refusal('gefaehrlich', 'vielleicht')).toEqual(['value', '„Gefährlicher Hund?“ ist eine Ja/Nein-Frage: Geben Sie ja oder nein an.']);
    expect(refusal('anzahl', 'zwei')).toEqual(['value', '„Anzahl der Hunde“ ist eine Zahl: Geben Sie eine Zahl an, zum Beispiel 2 oder 2,5.']);
    expect(refusal('gibtsnicht', 'x')).toEqual(['field', 'Wählen Sie ein Feld, auf das sich die Regel bezieht.']);
  });

  it('shows simple rules in the builder and leaves others to the JSON', () => {
    expect(simpleRuleOf({ '==': [{ var: 'haltung' }, 'gewerblich'] }, fields)).toEqual({ field: 'haltung', op: 'is', value: 'gewerblich' });
    expect(simpleRuleOf({ '==': [{ var: 'gefaehrlich' }, false] }, fields)).toEqual({ field: 'gefaehrlich', op: 'is', value: 'nein' });
    expect(simpleRuleOf({ '!': [{ in: ['dogge', { var: 'rassen' }] }] }, fields)).toEqual({ field: 'rassen', op: 'isNot', value: 'dogge' });
    expect(simpleRuleOf({ '!!': [{ var: 'vorname' }] }, fields)).toEqual({ field: 'vorname', op: 'filled', value: '' });
    expect(simpleRuleOf(undefined, fields)).toBeUndefined();
    expect(simpleRuleOf({ '>': [{ var: 'anzahl' }, 1] }, fields)).toBeNull();
    expect(simpleRuleOf({ and: [{ var: 'vorname' }, { var: 'firma' }] }, fields)).toBeNull();
    expect(simpleRuleOf({ '==': [{ var: 'unbekannt' }, 'x'] }, fields)).toBeNull();
    expect(ruleControls('showIf', { '>': [{ var: 'anzahl' }, 1] }, fields)).toMatchObject({ showIf_modus: 'json', showIf_feld: '' });
  });

  it('reads the builder unless the JSON was changed or the rule is beyond it', () => {
    const controls = ruleControls('showIf', { '==': [{ var: 'haltung' }, 'gewerblich'] }, fields);
    expect(readRule('showIf', { ...controls, showIf_wert: 'privat' }, fields)).toEqual({ ok: true, value: { '==': [{ var: 'haltung' }, 'privat'] } });
    expect(readRule('showIf', { ...controls, showIf_feld: '' }, fields)).toEqual({ ok: true, value: undefined });
    expect(readRule('showIf', { ...controls, showIf: '{"var": "firma"}' }, fields)).toEqual({ ok: true, value: { var: 'firma' } });
    const complex = ruleControls('showIf', { '>': [{ var: 'anzahl' }, 1] }, fields);
    expect(readRule('showIf', complex, fields)).toEqual({ ok: true, value: { '>': [{ var: 'anzahl' }, 1] } });
    // Without the builder's controls (an old page, a script), only the JSON counts.
    expect(readRule('showIf', { showIf: '' }, fields)).toEqual({ ok: true, value: undefined });
    expect(readRule('showIf', { ...controls, showIf_wert: '' }, fields)).toMatchObject({ ok: false, control: 'showIf_wert' });
  });

  it('builds a step rule, refusing a bad value beside its control', () => {
    const controls = ruleControls('showIf', undefined, fields);
    expect(stepPatchFromInput({ title_de: 'Firma', title_en: '', showIf: '', ...controls, showIf_feld: 'haltung', showIf_wert: 'gewerblich' }, form())).toEqual(
      {
        ok: true,
        patch: { title: { de: 'Firma' }, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } },
      },
    );
    const refused = stepPatchFromInput({ title_de: 'Firma', title_en: '', showIf: '', ...controls, showIf_feld: 'anzahl', showIf_wert: 'viele' }, form());
    expect(refused).toEqual({ ok: false, errors: { showIf_wert: { key: 'forms.builder.number', params: { label: 'Anzahl der Hunde' } } } });
  });
});

describe('option rows', () => {
  const radio = (): FieldDefinition => form().steps[0]!.fields[1]!;

  it('fills a row per option and reads the rows back, empty rows left out', () => {
    const input = fieldInput(radio(), form());
    expect(optionRowsOf(input)).toEqual([
      { value: 'privat', de: 'Privat', en: '' },
      { value: 'gewerblich', de: 'Gewerblich', en: '' },
    ]);
    const read = fieldPatchFromInput(
      radio(),
      { ...input, option_wert: ['privat', 'gewerblich', '', 'zucht'], option_de: ['Privat', 'Gewerblich', '', 'Zucht'], option_en: ['', 'Commercial', '', ''] },
      form(),
    );
    expect(read).toMatchObject({
      ok: true,
      patch: {
        options: [
          { value: 'privat', label: { de: 'Privat' } },
          { value: 'gewerblich', label: { de: 'Gewerblich', en: 'Commercial' } },
          { value: 'zucht', label: { de: 'Zucht' } },
        ],
      },
    });
  });

  it('takes the text for experts when it was changed', () => {
    const input = fieldInput(radio(), form());
    const read = fieldPatchFromInput(radio(), { ...input, options: 'a|A|Ay\nb|B' }, form());
    expect(read).toMatchObject({
      ok: true,
      patch: {
        options: [
          { value: 'a', label: { de: 'A', en: 'Ay' } },
          { value: 'b', label: { de: 'B' } },
        ],
      },
    });
  });

  it('refuses a row without value or label, a value twice and no options, naming the row', () => {
    const say = (rows: Array<[string, string]>) => {
      const r = optionsFromRows(rows.map(([value, de]) => ({ value, de, en: '' })));
      return r.ok ? undefined : de(r.key, r.params);
    };
    expect(
      say([
        ['a', 'A'],
        ['', 'B'],
      ]),
    ).toBe('Antwortmöglichkeit 2: Der Wert fehlt.');
    expect(say([['a', '']])).toBe('Antwortmöglichkeit 1: Die deutsche Bezeichnung fehlt.');
    expect(
      say([
        ['a', 'A'],
        ['a', 'B'],
      ]),
    ).toBe('Antwortmöglichkeit 2: Den Wert „a“ hat schon Antwortmöglichkeit 1.');
    expect(say([['', '']])).toBe('Geben Sie mindestens eine Antwortmöglichkeit an.');
  });

  it('adds and removes rows, keeping at least one', () => {
    const rows = [
      { value: 'a', de: 'A', en: '' },
      { value: 'b', de: 'B', en: '' },
    ];
    expect(changeOptionRows(rows, 'mehr')).toHaveLength(3);
    expect(changeOptionRows(rows, 'weg-0')).toEqual([{ value: 'b', de: 'B', en: '' }]);
    expect(changeOptionRows([rows[0]!], 'weg-0')).toEqual([{ value: '', de: '', en: '' }]);
    expect(changeOptionRows(rows, 'weg-x')).toEqual(rows);
  });
});

describe('an own error message', () => {
  const text = (): FieldDefinition => form().steps[0]!.fields[0]!;

  it('is offered for typed answers, read back in both languages, and refused in English alone', () => {
    expect(fieldInput({ ...text(), errorMessage: { de: 'Bitte nur Buchstaben.' } })).toMatchObject({
      errorMessage_de: 'Bitte nur Buchstaben.',
      errorMessage_en: '',
    });
    const input = fieldInput(text(), form());
    const read = fieldPatchFromInput(
      text(),
      { ...input, errorMessage_de: 'Die Chipnummer hat 15 Ziffern.', errorMessage_en: 'The chip number has 15 digits.' },
      form(),
    );
    expect(read).toMatchObject({ ok: true, patch: { errorMessage: { de: 'Die Chipnummer hat 15 Ziffern.', en: 'The chip number has 15 digits.' } } });
    expect(fieldPatchFromInput(text(), { ...input, errorMessage_en: 'Letters only.' }, form())).toMatchObject({
      ok: false,
      errors: { errorMessage_de: { key: 'forms.input.englishWithoutGerman' } },
    });
    const yesno = form().steps[0]!.fields[3]!;
    const ignored = fieldPatchFromInput(yesno, { ...fieldInput(yesno, form()), errorMessage_de: 'Ignoriert' }, form());
    expect(ignored.ok && ignored.patch.errorMessage).toBe(undefined);
  });
});
