import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import {
  addField,
  addStep,
  fieldPlaces,
  findField,
  moveField,
  moveStep,
  removeField,
  removeStep,
  renameInRule,
  ruleReferences,
  updateField,
  updateStep,
  type EditResult,
} from './editor.ts';
import {
  describePath,
  describeRule,
  fieldInput,
  fieldInputNames,
  fieldPatchFromInput,
  formatOptions,
  formatRule,
  inputOfProblem,
  newStepTitleError,
  parseOptions,
  parseRule,
  stepPatchFromInput,
} from './editor-input.ts';
import { checkDefinition } from './definition.ts';
import { FIELD_TYPES, type FieldDefinition, type FormDefinition } from './schema.ts';

const de = translator('de');
const en = translator('en');

const form = (): FormDefinition => ({
  steps: [
    {
      id: 'halter',
      title: { de: 'Halter' },
      fields: [
        { id: 'vorname', type: 'text', label: { de: 'Vorname' }, required: true },
        {
          id: 'haltung',
          type: 'radio',
          label: { de: 'Haltung' },
          options: [
            { value: 'privat', label: { de: 'Privat' } },
            { value: 'gewerblich', label: { de: 'Gewerblich' } },
          ],
        },
        { id: 'firma', type: 'text', label: { de: 'Firma' }, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } },
      ],
    },
    {
      id: 'hund',
      title: { de: 'Hund' },
      fields: [
        { id: 'hundename', type: 'text', label: { de: 'Hundename' } },
        { id: 'kinder', type: 'group', label: { de: 'Kinder im Haushalt' }, fields: [{ id: 'alter', type: 'integer', label: { de: 'Alter' } }] },
        { id: 'anzahl', type: 'integer', label: { de: 'Anzahl' }, compute: { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } },
      ],
    },
    { id: 'nachweis', title: { de: 'Nachweis' }, showIf: { '!!': [{ var: 'hundename' }] }, fields: [{ id: 'datei', type: 'file', label: { de: 'Nachweis' } }] },
  ],
});

function ok<T>(result: EditResult<T>) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}
function refused(result: EditResult<unknown>) {
  if (result.ok) throw new Error('expected a refusal');
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems[0]!;
}
const ids = (f: FormDefinition, step: number) => f.steps[step]!.fields.map((x) => x.id);

describe('steps', () => {
  it('adds a step at the end or after another, with an unused id', () => {
    const a = ok(addStep(form()));
    expect(a.form.steps.map((s) => s.id)).toEqual(['halter', 'hund', 'nachweis', 'schritt_1']);
    expect(a.form.steps[3]).toEqual({
      id: 'schritt_1',
      title: { de: 'Neuer Schritt', en: 'New step' },
      fields: [{ id: 'feld_1', type: 'text', label: { de: 'Neues Textfeld', en: 'New text field' } }],
    });
    expect(a.fieldId).toBe('feld_1');
    const b = ok(addStep(a.form, { afterId: 'halter', title: { de: 'Adresse' } }));
    expect(b.stepId).toBe('schritt_2');
    expect(b.form.steps.map((s) => s.id)).toEqual(['halter', 'schritt_2', 'hund', 'nachweis', 'schritt_1']);
    expect(refused(addStep(form(), { afterId: 'gibtsnicht' }))).toEqual({ path: '/steps', key: 'forms.editor.noStep', params: { id: 'gibtsnicht' } });
  });

  it('leaves the definition it was given unchanged', () => {
    const original = form();
    const copy = structuredClone(original);
    addStep(original);
    moveStep(original, 'hund', -1);
    removeField(original, 'halter', 'vorname');
    updateField(original, 'halter', 'haltung', { id: 'art' });
    expect(original).toEqual(copy);
  });

  it('moves a step up and down, and refuses to move the first up or the last down', () => {
    expect(ok(moveStep(form(), 'hund', -1)).form.steps.map((s) => s.id)).toEqual(['hund', 'halter', 'nachweis']);
    expect(ok(moveStep(form(), 'hund', 1)).form.steps.map((s) => s.id)).toEqual(['halter', 'nachweis', 'hund']);
    expect(refused(moveStep(form(), 'halter', -1))).toEqual({ path: '/steps/0', key: 'forms.editor.stepFirst', params: { step: 'Halter' } });
    expect(refused(moveStep(form(), 'nachweis', 1))).toEqual({ path: '/steps/2', key: 'forms.editor.stepLast', params: { step: 'Nachweis' } });
    expect(refused(moveStep(form(), 'weg', 1))).toMatchObject({ key: 'forms.editor.noStep', params: { id: 'weg' } });
  });

  it('changes a step title and rule, refusing an empty title and a rule on a missing field', () => {
    const changed = ok(updateStep(form(), 'hund', { title: { de: 'Ihr Hund', en: 'Your dog' }, showIf: { '==': [{ var: 'haltung' }, 'privat'] } })).form;
    expect(changed.steps[1]).toMatchObject({ title: { de: 'Ihr Hund', en: 'Your dog' }, showIf: { '==': [{ var: 'haltung' }, 'privat'] } });
    expect(ok(updateStep(form(), 'nachweis', { showIf: undefined })).form.steps[2]).not.toHaveProperty('showIf');
    expect(refused(updateStep(form(), 'hund', { title: { de: '  ' } }))).toEqual({ path: '/steps/1/title/de', key: 'forms.editor.stepTitleRequired' });
    expect(refused(updateStep(form(), 'hund', { showIf: { var: 'rasse' } }))).toEqual({
      path: '/steps/1/showIf',
      key: 'forms.editor.showIfUnknown',
      params: { id: 'rasse' },
    });
  });

  it('removes a step whose fields no other rule reads, never the only one', () => {
    expect(ok(removeStep(form(), 'nachweis')).form.steps.map((s) => s.id)).toEqual(['halter', 'hund']);
    expect(refused(removeStep(form(), 'hund'))).toEqual({
      path: '/steps/1',
      key: 'forms.editor.stepReadByStep',
      params: { step: 'Hund', reader: 'Nachweis' },
    });
    const single: FormDefinition = { steps: [form().steps[0]!] };
    expect(refused(removeStep(single, 'halter'))).toEqual({ path: '/steps/0', key: 'forms.editor.onlyStep', params: { step: 'Halter' } });
  });
});

describe('adding fields', () => {
  it('adds every field type with an unused id and a label saying what it is', () => {
    let f = form();
    for (const type of FIELD_TYPES) {
      const added = ok(addField(f, 'halter', type));
      f = added.form;
      const field = findField(f, added.fieldId)!.field;
      expect(field.type).toBe(type);
      expect(field.label.de).toMatch(/^Neue/);
      expect(field.label.en).toMatch(/^New/);
    }
    const all = fieldPlaces(f).map((p) => p.field.id);
    expect(new Set(all).size).toBe(all.length);
    expect(ids(f, 0).slice(0, 4)).toEqual(['vorname', 'haltung', 'firma', 'feld_1']);
    const select = findField(f, 'feld_11')!.field;
    expect(select.options).toHaveLength(2);
    const group = f.steps[0]!.fields.find((x) => x.type === 'group')!;
    expect(group.fields).toHaveLength(1);
    expect(f.steps[0]!.fields.find((x) => x.type === 'info')!.text?.de).toBeTruthy();
  });

  it('adds after a given field and into a group', () => {
    const after = ok(addField(form(), 'halter', 'email', 'vorname'));
    expect(ids(after.form, 0)).toEqual(['vorname', 'feld_1', 'haltung', 'firma']);
    const child = ok(addField(form(), 'hund', 'date', undefined, 'kinder'));
    expect(child.form.steps[1]!.fields[1]!.fields!.map((x) => x.id)).toEqual(['alter', child.fieldId]);
  });

  it('refuses an unknown type, a missing step or neighbour, and groups or files inside a group', () => {
    expect(refused(addField(form(), 'halter', 'slider'))).toEqual({
      path: '/steps/0/fields',
      key: 'forms.editor.unknownType',
      params: { type: 'slider', allowed: FIELD_TYPES.join(', ') },
    });
    expect(refused(addField(form(), 'weg', 'text'))).toMatchObject({ key: 'forms.editor.noStep', params: { id: 'weg' } });
    expect(refused(addField(form(), 'halter', 'text', 'hundename'))).toMatchObject({ key: 'forms.editor.noFieldAfter', params: { id: 'hundename' } });
    expect(refused(addField(form(), 'hund', 'file', undefined, 'kinder'))).toEqual({ path: '/steps/1/fields/1/fields', key: 'forms.editor.groupInGroup' });
    expect(refused(addField(form(), 'halter', 'text', undefined, 'kinder'))).toMatchObject({
      key: 'forms.editor.noGroupInStep',
      params: { step: 'Halter', id: 'kinder' },
    });
  });
});

describe('changing fields', () => {
  it('changes settings and removes those set to undefined', () => {
    const f = ok(updateField(form(), 'halter', 'vorname', { label: { de: 'Vorname(n)', en: 'First name(s)' }, maxLength: 50, required: undefined })).form;
    expect(f.steps[0]!.fields[0]).toEqual({ id: 'vorname', type: 'text', label: { de: 'Vorname(n)', en: 'First name(s)' }, maxLength: 50 });
  });

  it('renames a field and every rule that reads it, also in other steps and per-entry rules', () => {
    const renamed = ok(updateField(form(), 'halter', 'haltung', { id: 'art' }));
    expect(renamed.fieldId).toBe('art');
    expect(findField(renamed.form, 'firma')!.field.showIf).toEqual({ '==': [{ var: 'art' }, 'gewerblich'] });
    const child = ok(updateField(form(), 'hund', 'kinder', { id: 'kids' })).form;
    expect(findField(child, 'anzahl')!.field.compute).toEqual({ reduce: [{ var: 'kids' }, { '+': [{ var: 'accumulator' }, 1] }, 0] });
    const step = ok(updateField(form(), 'hund', 'hundename', { id: 'name' })).form;
    expect(step.steps[2]!.showIf).toEqual({ '!!': [{ var: 'name' }] });
  });

  it('refuses a duplicate or malformed id', () => {
    expect(refused(updateField(form(), 'halter', 'vorname', { id: 'hundename' }))).toEqual({
      path: '/steps/0/fields/0/id',
      key: 'forms.editor.idTaken',
      params: { id: 'hundename', holder: 'Hundename' },
    });
    expect(refused(updateField(form(), 'halter', 'vorname', { id: 'alter' }))).toMatchObject({ key: 'forms.editor.idTaken', params: { holder: 'Alter' } });
    for (const bad of ['1name', 'vor name', 'größe', '', 'x'.repeat(65)]) {
      expect(refused(updateField(form(), 'halter', 'vorname', { id: bad }))).toEqual({ path: '/steps/0/fields/0/id', key: 'forms.editor.idFormat' });
    }
  });

  it('refuses a rule that reads a missing field or the field itself, and an empty label', () => {
    expect(refused(updateField(form(), 'halter', 'firma', { showIf: { '==': [{ var: 'rechtsform' }, 'gmbh'] } }))).toEqual({
      path: '/steps/0/fields/2/showIf',
      key: 'forms.editor.showIfUnknown',
      params: { id: 'rechtsform' },
    });
    expect(refused(updateField(form(), 'hund', 'anzahl', { compute: { '+': [{ var: 'anzahl' }, 1] } }))).toEqual({
      path: '/steps/1/fields/2/compute',
      key: 'forms.editor.computeSelf',
    });
    expect(refused(updateField(form(), 'halter', 'vorname', { label: { de: '' } }))).toEqual({
      path: '/steps/0/fields/0/label/de',
      key: 'forms.editor.labelRequired',
    });
    expect(ok(updateField(form(), 'halter', 'firma', { requiredIf: { missing: ['vorname'] } })).form.steps[0]!.fields[2]!.requiredIf).toEqual({
      missing: ['vorname'],
    });
    const perFile = { some: [{ var: 'datei' }, { '>': [{ var: 'size' }, 1000] }] };
    expect(ok(updateField(form(), 'hund', 'hundename', { requiredIf: perFile })).form.steps[1]!.fields[0]!.requiredIf).toEqual(perFile);
  });

  it('finds the field only in the step named', () => {
    expect(refused(updateField(form(), 'halter', 'hundename', { required: true }))).toEqual({
      path: '/steps/0/fields',
      key: 'forms.editor.noFieldInStep',
      params: { step: 'Halter', id: 'hundename' },
    });
    expect(ok(updateField(form(), 'hund', 'alter', { max: 17 })).form.steps[1]!.fields[1]!.fields![0]!.max).toBe(17);
  });
});

describe('removing and moving fields', () => {
  it('removes a field no rule reads', () => {
    expect(ids(ok(removeField(form(), 'halter', 'vorname')).form, 0)).toEqual(['haltung', 'firma']);
  });

  it('refuses to remove the only field of a step or group', () => {
    expect(refused(removeField(form(), 'nachweis', 'datei'))).toEqual({
      path: '/steps/2/fields/0',
      key: 'forms.editor.onlyInStepRemove',
      params: { field: 'Nachweis', step: 'Nachweis' },
    });
    expect(refused(removeField(form(), 'hund', 'alter'))).toMatchObject({
      key: 'forms.editor.onlyInGroup',
      params: { field: 'Alter', group: 'Kinder im Haushalt' },
    });
    const two = ok(addField(form(), 'hund', 'text', 'alter', 'kinder')).form;
    expect(ok(removeField(two, 'hund', 'alter')).form.steps[1]!.fields[1]!.fields!.map((f) => f.id)).toEqual(['feld_1']);
  });

  it('refuses to remove a field other rules read, naming them', () => {
    expect(refused(removeField(form(), 'halter', 'haltung'))).toEqual({
      path: '/steps/0/fields/1',
      key: 'forms.editor.fieldReadByField',
      params: { field: 'Haltung', reader: 'Firma' },
    });
    const twice = ok(updateField(form(), 'hund', 'hundename', { showIf: { '==': [{ var: 'haltung' }, 'privat'] } })).form;
    expect(refused(removeField(twice, 'halter', 'haltung'))).toMatchObject({
      key: 'forms.editor.fieldReadByMany',
      params: { field: 'Haltung', count: 2, readers: '„Firma“, „Hundename“' },
    });
    expect(refused(removeField(form(), 'hund', 'kinder'))).toMatchObject({ key: 'forms.editor.fieldReadByField', params: { reader: 'Anzahl' } });
    expect(refused(removeField(form(), 'hund', 'hundename'))).toMatchObject({ key: 'forms.editor.fieldReadByStep', params: { reader: 'Nachweis' } });
  });

  it('moves a field within its step and across to the neighbouring step', () => {
    expect(ids(ok(moveField(form(), 'halter', 'vorname', 1)).form, 0)).toEqual(['haltung', 'vorname', 'firma']);
    const down = ok(moveField(form(), 'halter', 'firma', 1));
    expect(down.stepId).toBe('hund');
    expect(ids(down.form, 0)).toEqual(['vorname', 'haltung']);
    expect(ids(down.form, 1)).toEqual(['firma', 'hundename', 'kinder', 'anzahl']);
    const up = ok(moveField(form(), 'hund', 'hundename', -1));
    expect(up.stepId).toBe('halter');
    expect(ids(up.form, 0)).toEqual(['vorname', 'haltung', 'firma', 'hundename']);
  });

  it('refuses to move the first field up, the last down, or a group field out of its group', () => {
    expect(refused(moveField(form(), 'halter', 'vorname', -1))).toEqual({
      path: '/steps/0/fields/0',
      key: 'forms.editor.firstInForm',
      params: { field: 'Vorname' },
    });
    expect(refused(moveField(form(), 'nachweis', 'datei', 1))).toMatchObject({ key: 'forms.editor.lastInForm', params: { field: 'Nachweis' } });
    expect(refused(moveField(form(), 'hund', 'alter', -1))).toMatchObject({ key: 'forms.editor.firstInGroup', params: { field: 'Alter' } });
    expect(refused(moveField(form(), 'hund', 'alter', 1))).toMatchObject({ key: 'forms.editor.lastInGroup', params: { field: 'Alter' } });
    expect(refused(moveField(form(), 'nachweis', 'datei', -1))).toMatchObject({
      key: 'forms.editor.onlyInStepMove',
      params: { field: 'Nachweis', step: 'Nachweis' },
    });
  });
});

describe('rules', () => {
  it('parses JSON Logic and treats an empty text as no rule', () => {
    expect(parseRule('{"==": [{"var": "haltung"}, "gewerblich"]}')).toEqual({ ok: true, value: { '==': [{ var: 'haltung' }, 'gewerblich'] } });
    expect(parseRule('  \n')).toEqual({ ok: true, value: undefined });
    expect(parseRule('true')).toEqual({ ok: true, value: true });
  });

  it('says where and why a rule is not valid JSON', () => {
    expect(parseRule('{"==": [{"var": "haltung"}, ]}')).toEqual({ ok: false, key: 'forms.json.valueExpected', params: { line: 1, column: 29 } });
    expect(parseRule('{\n  "var": haltung\n}')).toEqual({ ok: false, key: 'forms.json.invalidSymbol', params: { line: 2, column: 10 } });
    expect(parseRule('{"var": "a"}}')).toEqual({ ok: false, key: 'forms.json.endOfFileExpected', params: { line: 1, column: 13 } });
    expect(parseRule("{'var': 'a'}")).toMatchObject({ ok: false, params: { line: 1, column: 2 } });
    expect(parseRule('{"var": "a"\n')).toEqual({ ok: false, key: 'forms.json.closeBraceExpectedAtEnd', params: { line: 1, column: 12 } });
  });

  it('lists and renames the fields a rule reads, leaving per-entry names alone', () => {
    const rule = {
      and: [
        { '==': [{ var: 'a' }, 1] },
        { missing: ['b'] },
        { missing_some: [1, ['c']] },
        { some: [{ var: 'kinder' }, { '>': [{ var: 'alter' }, 3] }] },
        { var: ['d', 0] },
        { var: 'kinder.0.alter' },
        { reduce: [{ var: 'e' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
      ],
    };
    expect(ruleReferences(rule).sort()).toEqual(['a', 'alter', 'b', 'c', 'd', 'e', 'kinder']);
    expect(ruleReferences(rule, false).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'kinder']);
    expect(ruleReferences(renameInRule(rule, 'alter', 'jahre')).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'jahre', 'kinder']);
    expect(renameInRule({ var: 'kinder.0.alter' }, 'alter', 'jahre')).toEqual({ var: 'kinder.0.jahre' });
    expect(formatRule({ var: 'a' })).toBe('{\n  "var": "a"\n}');
    expect(formatRule(undefined)).toBe('');
  });

  it('describes simple rules in words', () => {
    const names = (id: string) => ({ haltung: '„Haltung“', vorname: '„Vorname“' })[id] ?? id;
    expect(describeRule(de, { '==': [{ var: 'haltung' }, 'gewerblich'] }, names)).toBe('„Haltung“ = „gewerblich“');
    expect(describeRule(de, { and: [{ '>=': [{ var: 'alter' }, 18] }, { '!!': [{ var: 'vorname' }] }] }, names)).toBe('alter ≥ 18 und „Vorname“ ist angegeben');
    expect(describeRule(de, { or: [{ '!': { var: 'alter' } }, { '==': [{ var: 'x' }, 'y'] }] })).toBe('nicht (alter) oder x = „y“');
    expect(describeRule(en, { and: [{ '!': { var: 'alter' } }, { '!!': [{ var: 'x' }] }, { '==': [{ var: 'x' }, 'y'] }] })).toBe(
      'not (alter) and x is given and x = “y”',
    );
    expect(describeRule(de, { '*': [{ var: 'a' }, 2] })).toBe('{"*":[{"var":"a"},2]}');
  });
});

describe('choices', () => {
  it('reads one choice a line as value|label, with an optional English label', () => {
    expect(parseOptions('privat|Privat\n\n gewerblich | Gewerblich | Commercial \r\nsonstiges')).toEqual({
      ok: true,
      value: [
        { value: 'privat', label: { de: 'Privat' } },
        { value: 'gewerblich', label: { de: 'Gewerblich', en: 'Commercial' } },
        { value: 'sonstiges', label: { de: 'sonstiges' } },
      ],
    });
    expect(
      formatOptions([
        { value: 'a', label: { de: 'A' } },
        { value: 'b', label: { de: 'B', en: 'Bee' } },
      ]),
    ).toBe('a|A\nb|B|Bee');
  });

  it('refuses duplicates, empty values and labels, and no choice at all', () => {
    expect(parseOptions('a|A\nb|B\na|Noch mal')).toEqual({ ok: false, key: 'forms.options.twice', params: { line: 3, value: 'a', first: 1 } });
    expect(parseOptions('|Ohne Wert')).toEqual({ ok: false, key: 'forms.options.valueMissing', params: { line: 1 } });
    expect(parseOptions('a|')).toEqual({ ok: false, key: 'forms.options.labelMissing', params: { line: 1 } });
    expect(parseOptions('a|b|c|d')).toEqual({ ok: false, key: 'forms.options.tooManyBars', params: { line: 1 } });
    expect(parseOptions(' \n ')).toEqual({ ok: false, key: 'forms.options.none' });
  });
});

describe('the edit page of a field', () => {
  const field = (): FieldDefinition => ({
    id: 'anzahl',
    type: 'integer',
    label: { de: 'Anzahl', en: 'Number' },
    required: true,
    min: 1,
    max: 9,
    showIf: { var: 'haltung' },
  });

  it('fills the controls from a field and reads them back unchanged', () => {
    const input = fieldInput(field());
    expect(input).toMatchObject({
      id: 'anzahl',
      label_de: 'Anzahl',
      label_en: 'Number',
      required: 'ja',
      min: '1',
      max: '9',
      showIf: '{\n  "var": "haltung"\n}',
    });
    const read = fieldPatchFromInput(field(), input);
    expect(read).toEqual({
      ok: true,
      patch: {
        label: { de: 'Anzahl', en: 'Number' },
        hint: undefined,
        id: 'anzahl',
        required: true,
        min: 1,
        max: 9,
        showIf: { var: 'haltung' },
        requiredIf: undefined,
        compute: undefined,
      },
    });
    const updated = ok(updateField(form(), 'hund', 'anzahl', { ...(read.ok ? read.patch : {}), compute: undefined })).form;
    expect(findField(updated, 'anzahl')!.field).toEqual({ ...field(), showIf: { var: 'haltung' } });
  });

  it('offers the settings of each type, a rule for all, and a computation only where a value can be computed', () => {
    expect(fieldInputNames('text')).toEqual([
      'label_de',
      'label_en',
      'hint_de',
      'hint_en',
      'id',
      'required',
      'minLength',
      'maxLength',
      'pattern',
      'errorMessage_de',
      'errorMessage_en',
      'role',
      'showIf',
      'requiredIf',
      'compute',
    ]);
    expect(fieldInputNames('info')).toEqual(['label_de', 'label_en', 'id', 'text_de', 'text_en', 'showIf', 'compute'].filter((n) => n !== 'compute'));
    expect(fieldInputNames('file')).toEqual([
      'label_de',
      'label_en',
      'hint_de',
      'hint_en',
      'id',
      'required',
      'accept',
      'maxFiles',
      'maxMb',
      'showIf',
      'requiredIf',
    ]);
    expect(fieldInputNames('group')).toContain('itemLabel_de');
    expect(fieldInputNames('yesno')).not.toContain('errorMessage_de');
    expect(fieldInputNames('checkboxes')).toEqual(expect.arrayContaining(['options', 'minSelected', 'maxSelected']));
  });

  it('reads choices, files and sizes, and removes what was emptied', () => {
    const radio = fieldPatchFromInput(
      { id: 'art', type: 'radio', label: { de: 'Art' } },
      { id: 'art', label_de: 'Art', options: 'a|A\nb|B|Bee', required: '' },
    );
    expect(radio).toMatchObject({
      ok: true,
      patch: {
        options: [
          { value: 'a', label: { de: 'A' } },
          { value: 'b', label: { de: 'B', en: 'Bee' } },
        ],
        required: undefined,
      },
    });
    const file = fieldPatchFromInput(
      { id: 'plan', type: 'file', label: { de: 'Plan' } },
      { id: 'plan', label_de: 'Plan', accept: ['application/pdf', 'image/png'], maxFiles: '3', maxMb: '2,5' },
    );
    expect(file).toMatchObject({ ok: true, patch: { accept: ['application/pdf', 'image/png'], maxFiles: 3, maxBytes: 2.5 * 1024 * 1024 } });
    expect(fieldInput({ id: 'plan', type: 'file', label: { de: 'Plan' }, maxBytes: 2.5 * 1024 * 1024 }).maxMb).toBe('2.5');
  });

  it('names every control it cannot read, with the reason as a message key', () => {
    const read = fieldPatchFromInput(field(), {
      id: '1x',
      label_de: '',
      label_en: 'Number',
      min: 'zehn',
      max: '2,5',
      showIf: '{"var": }',
      compute: '{"var": "a"',
      hint_de: 'a\u0007b',
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual(['compute', 'hint_de', 'id', 'label_de', 'max', 'min', 'showIf']);
    expect(read.errors.label_de).toEqual({ key: 'forms.input.englishWithoutGerman' });
    expect(read.errors.max).toEqual({ key: 'forms.input.integer' });
    expect(read.errors.min).toEqual({ key: 'forms.input.integer' });
    expect(read.errors.id).toEqual({ key: 'forms.editor.idFormat' });
    expect(read.errors.hint_de).toEqual({ key: 'forms.input.noControlCharacters' });
    expect(read.errors.showIf).toEqual({ key: 'forms.json.valueExpected', params: { line: 1, column: 9 } });
    expect(read.errors.compute).toEqual({ key: 'forms.json.closeBraceExpectedAtEnd', params: { line: 1, column: 12 } });
    const text = fieldPatchFromInput({ id: 't', type: 'text', label: { de: 'T' } }, { id: 't', label_de: 'x'.repeat(201), pattern: '([a-z]', maxLength: '-1' });
    expect(text).toMatchObject({
      ok: false,
      errors: {
        label_de: { key: 'studio.error.tooLong', params: { max: 200, length: 201 } },
        pattern: { key: 'forms.pattern.invalid', params: { pattern: '([a-z]', detail: expect.any(String) } },
        maxLength: { key: 'forms.input.wholeNumber' },
      },
    });
    expect(fieldPatchFromInput({ id: 'f', type: 'file', label: { de: 'F' } }, { id: 'f', label_de: 'F', accept: 'text/html' })).toMatchObject({
      ok: false,
      errors: { accept: { key: 'forms.input.unknownFileType', params: { type: 'text/html' } } },
    });
  });

  it('maps a problem of the saved definition to its control and describes where it is', () => {
    expect(inputOfProblem('/form/steps/1/fields/0', '/form/steps/1/fields/0/showIf')).toBe('showIf');
    expect(inputOfProblem('/form/steps/1/fields/0', '/form/steps/1/fields/0/label/en')).toBe('label_en');
    expect(inputOfProblem('/form/steps/1/fields/0', '/form/steps/1/fields/0/options/2/value')).toBe('options');
    expect(inputOfProblem('/form/steps/1/fields/0', '/form/steps/1/fields/0/maxBytes')).toBe('maxMb');
    expect(inputOfProblem('/form/steps/1/fields/0', '/form/steps/1/fields/1/showIf')).toBeUndefined();
    expect(inputOfProblem('/form/steps/1/fields/1', '/form/steps/1/fields/1/fields/0/id')).toBeUndefined();
    expect(describePath(de, form(), '/form/steps/1/fields/0/showIf')).toBe('Schritt 2 „Hund“, Feld „Hundename“, Regel „Anzeigen wenn“');
    expect(describePath(de, form(), '/steps/1/fields/1/fields/0/id')).toBe('Schritt 2 „Hund“, Feld „Kinder im Haushalt“, Feld „Alter“, Kennung');
    expect(describePath(de, form(), '/steps/7/title')).toBe('Schritt 8, Titel');
    expect(describePath(de, form(), '/feeRules/0/when')).toBe('Gebührenregel 1');
    expect(describePath(de, form(), '/form')).toBe('Formular');
    expect(describePath(en, form(), '/form/steps/1/fields/0/requiredIf')).toBe('Step 2 “Hund”, Field “Hundename”, Rule “Required if”');
    expect(describePath(en, form(), '/feeRules/1/amount')).toBe('Fee rule 2');
  });
});

describe('what the editor makes passes the definition check', () => {
  it('holds for a new step and every new field type', () => {
    let f = ok(addStep(form())).form;
    for (const type of FIELD_TYPES) f = ok(addField(f, 'schritt_1', type)).form;
    f = ok(addField(f, 'schritt_1', 'yesno', undefined, 'feld_18')).form;
    expect(checkDefinition(f)).toMatchObject({ ok: true });
  });
});

describe("a step's edit page", () => {
  const values = (v: Partial<{ title_de: string; title_en: string; showIf: string }>) => ({ title_de: 'Angaben', title_en: '', showIf: '', ...v });

  it('reads the title in one or both languages and the rule', () => {
    expect(stepPatchFromInput(values({}))).toEqual({ ok: true, patch: { title: { de: 'Angaben' }, showIf: undefined } });
    expect(stepPatchFromInput(values({ title_en: 'Details', showIf: '{"var": "hund"}' }))).toEqual({
      ok: true,
      patch: { title: { de: 'Angaben', en: 'Details' }, showIf: { var: 'hund' } },
    });
  });

  it('refuses each control by a message key, the rule by its syntax error', () => {
    const read = stepPatchFromInput(values({ title_de: '', title_en: 'a\nb', showIf: '{"var": ' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.title_de).toEqual({ key: 'studio.error.stepTitleRequired' });
    expect(read.errors.title_en).toEqual({ key: 'studio.error.oneLine' });
    expect(read.errors.showIf).toEqual({ key: 'forms.json.valueExpectedAtEnd', params: { line: 1, column: 8 } });
    expect(stepPatchFromInput(values({ title_de: 'x'.repeat(201) }))).toEqual({
      ok: false,
      errors: { title_de: { key: 'studio.error.tooLong', params: { max: 200, length: 201 } } },
    });
  });

  it('takes a new step without title, but not one too long or with control characters', () => {
    expect(newStepTitleError('')).toBeUndefined();
    expect(newStepTitleError('Hund')).toBeUndefined();
    expect(newStepTitleError('x'.repeat(201))).toEqual({ key: 'studio.error.newStepTitle', params: { max: 200 } });
    expect(newStepTitleError('a\u0007b')).toEqual({ key: 'studio.error.newStepTitle', params: { max: 200 } });
  });
});
