import { describe, expect, it } from 'vitest';
import { evaluate, formState, logicData, referencedVars } from './logic.ts';
import type { FieldDefinition, FormDefinition } from './schema.ts';

const label = { de: 'L' };
const f = (id: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ id, type, label, ...extra });
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('referencedVars', () => {
  it('names the first segment of every var path, once', () => {
    expect(referencedVars({ and: [{ '==': [{ var: 'haltung' }, 'gewerblich'] }, { '>': [{ var: 'anschrift.postalCode' }, 3] }, { var: 'haltung' }] })).toEqual([
      'haltung',
      'anschrift',
    ]);
  });
  it('reads vars with a default and in short form', () => {
    expect(referencedVars({ '+': [{ var: ['a', 0] }, { var: ['b'] }, { var: 'c' }] })).toEqual(['a', 'b', 'c']);
  });
  it('does not count the element vars of map, filter, reduce, all, some, none', () => {
    const rule = {
      '+': [
        { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, { var: 'current.alter' }] }, { var: 'start' }] },
        { all: [{ var: 'hunde' }, { '>': [{ var: 'gewicht' }, 20] }] },
        { some: [{ var: 'a' }, { var: '' }] },
        { none: [{ var: 'b' }, { var: 'x' }] },
        { map: [{ var: 'c' }, { var: 'y' }] },
        { filter: [{ var: 'd' }, { var: 'z' }] },
      ],
    };
    expect(referencedVars(rule).sort()).toEqual(['a', 'b', 'c', 'd', 'hunde', 'kinder', 'start']);
  });
  it('reads the names of missing and missing_some', () => {
    expect(referencedVars({ missing: ['a', 'b.c'] })).toEqual(['a', 'b']);
    expect(referencedVars({ missing_some: [1, ['x', 'y']] })).toEqual(['x', 'y']);
  });
  it('has nothing for plain values', () => {
    expect(referencedVars(true)).toEqual([]);
    expect(referencedVars({ '==': [1, 1] })).toEqual([]);
  });
});

describe('evaluate', () => {
  it('runs JSON Logic', () => {
    expect(evaluate({ '==': [{ var: 'haltung' }, 'gewerblich'] }, { haltung: 'gewerblich' })).toBe(true);
    expect(evaluate({ '*': [{ var: 'n' }, 2.5] }, { n: 4 })).toBe(10);
  });
  it('throws on an unknown operator', () => {
    expect(() => evaluate({ farbe: [1] }, {})).toThrow(/Unrecognized operation/);
  });
});

const form: FormDefinition = {
  steps: [
    {
      id: 'person',
      title: label,
      fields: [
        f('name', 'text'),
        f('kinderzahl', 'integer'),
        f('einkommen', 'money'),
        f('faktor', 'decimal', { fractionDigits: 3 }),
        f('hund', 'yesno'),
        f('sprachen', 'checkboxes', {
          options: [
            { value: 'de', label },
            { value: 'fr', label },
          ],
        }),
        f('anschrift', 'address'),
        f('nachweis', 'file'),
        f('geburt', 'date'),
        f('hinweis', 'info', { text: label }),
      ],
    },
    {
      id: 'hund',
      title: label,
      showIf: { var: 'hund' },
      fields: [f('hundename', 'text'), f('rasse', 'select', { options: [{ value: 'x', label }], showIf: { '!=': [{ var: 'hundename' }, 'Bello'] } })],
    },
  ],
};

describe('logicData', () => {
  it('presents answers typed: numbers, booleans, lists, objects, files', () => {
    const data = logicData(form, {
      name: 'Anna',
      kinderzahl: '3',
      einkommen: '1234.50',
      faktor: '0.125',
      hund: 'nein',
      sprachen: ['de'],
      anschrift: { street: 'Hauptstr.', number: '1', postalCode: '33330', place: 'Gütersloh' },
      nachweis: [{ sha256: 'a'.repeat(64), filename: 'a.pdf', contentType: 'application/pdf', size: 12 }],
      geburt: '1990-01-31',
    });
    expect(plain(data)).toEqual({
      name: 'Anna',
      kinderzahl: 3,
      einkommen: 1234.5,
      faktor: 0.125,
      hund: false,
      sprachen: ['de'],
      anschrift: { street: 'Hauptstr.', number: '1', postalCode: '33330', place: 'Gütersloh' },
      nachweis: [{ filename: 'a.pdf', size: 12 }],
      geburt: '1990-01-31',
    });
  });
  it('leaves out unanswered and unusable values', () => {
    expect(plain(logicData(form, { name: '', kinderzahl: 'drei', hund: 'vielleicht' }))).toEqual({});
  });
  it('leaves out fields of hidden steps and hidden fields', () => {
    expect(plain(logicData(form, { hund: 'nein', hundename: 'Rex' }))).toEqual({ hund: false });
    expect(plain(logicData(form, { hund: 'ja', hundename: 'Bello', rasse: 'x' }))).toEqual({ hund: true, hundename: 'Bello' });
    expect(plain(logicData(form, { hund: 'ja', hundename: 'Rex', rasse: 'x' }))).toEqual({ hund: true, hundename: 'Rex', rasse: 'x' });
  });
  it('does not read inherited properties as answers', () => {
    const tricky: FormDefinition = {
      steps: [{ id: 's', title: label, fields: [f('constructor', 'text'), f('toString', 'integer', { showIf: { '!': { var: 'constructor' } } })] }],
    };
    expect(plain(logicData(tricky, { toString: '2' }))).toEqual({ toString: 2 });
  });
});

describe('formState', () => {
  const rules: FormDefinition = {
    steps: [
      {
        id: 'a',
        title: label,
        fields: [
          f('haltung', 'radio', {
            options: [
              { value: 'privat', label },
              { value: 'gewerblich', label },
            ],
          }),
          f('firma', 'text', { showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } }),
          // reads a field that is itself hidden: sees it as absent
          f('firmenhinweis', 'text', { showIf: { '!!': { var: 'firma' } } }),
          f('telefon', 'phone', { requiredIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } }),
          f('email', 'email', { required: true }),
          f('hunde', 'integer'),
          // chained computes, defined before what they read
          f('gesamt', 'money', { compute: { '+': [{ var: 'steuer' }, { var: 'gebuehr' }] } }),
          f('steuer', 'money', { compute: { '*': [{ var: 'hunde' }, 120] } }),
          f('gebuehr', 'money', { compute: { if: [{ '>': [{ var: 'steuer' }, 200] }, 10.5, 0] } }),
          f('viele', 'yesno', { compute: { '>=': [{ var: 'hunde' }, 3] } }),
          f('anteil', 'decimal', { fractionDigits: 1, compute: { '/': [{ var: 'hunde' }, 3] } }),
          f('ganz', 'integer', { compute: { '/': [{ var: 'hunde' }, 4] } }),
          f('text', 'text', { compute: { cat: ['Hunde: ', { var: 'hunde' }] } }),
        ],
      },
      { id: 'firma', title: label, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] }, fields: [f('register', 'text', { required: true })] },
    ],
  };

  it('shows and hides fields and steps', () => {
    const privat = formState(rules, { haltung: 'privat', firma: 'ACME' });
    expect([...privat.hiddenFields]).toEqual(expect.arrayContaining(['firma', 'firmenhinweis', 'register']));
    expect([...privat.hiddenSteps]).toEqual(['firma']);
    const gewerblich = formState(rules, { haltung: 'gewerblich', firma: 'ACME' });
    expect(gewerblich.hiddenFields.has('firma')).toBe(false);
    expect(gewerblich.hiddenFields.has('firmenhinweis')).toBe(false);
    expect(gewerblich.hiddenSteps.size).toBe(0);
  });

  it('makes fields required by rule, only when visible', () => {
    expect([...formState(rules, { haltung: 'privat' }).requiredFields].sort()).toEqual(['email']);
    expect([...formState(rules, { haltung: 'gewerblich' }).requiredFields].sort()).toEqual(['email', 'register', 'telefon']);
  });

  it('computes values in dependency order, as normalised answer strings', () => {
    const { computed, data } = formState(rules, { hunde: '2' });
    expect(computed).toEqual({ steuer: '240.00', gebuehr: '10.50', gesamt: '250.50', viele: 'nein', anteil: '0.7', ganz: '1', text: 'Hunde: 2' });
    expect(data.gesamt).toBe(250.5);
    expect(data.viele).toBe(false);
  });

  it('gives no computed value when the rule has nothing to compute with', () => {
    // JSON Logic's + and * give NaN for a missing operand: no value rather than "NaN"
    const { computed } = formState(rules, {});
    expect(computed.steuer).toBeUndefined();
    expect(computed.gesamt).toBeUndefined();
    expect(computed.viele).toBe('nein');
  });

  it('treats a broken or circular rule as false instead of failing', () => {
    const broken: FormDefinition = {
      steps: [
        {
          id: 's',
          title: label,
          fields: [
            f('a', 'integer', { compute: { '+': [{ var: 'b' }, 1] } }),
            f('b', 'integer', { compute: { '+': [{ var: 'a' }, 1] } }),
            f('c', 'text', { showIf: { farbe: [1] } }),
            f('d', 'text', { showIf: { var: 'd' } }),
          ],
        },
      ],
    };
    const state = formState(broken, { d: 'x' });
    expect(state.hiddenFields.has('c')).toBe(true);
    expect(state.hiddenFields.has('d')).toBe(true);
    expect(state.computed).toEqual({});
  });
});

describe('groups in rules', () => {
  const group: FormDefinition = {
    steps: [
      {
        id: 's',
        title: label,
        fields: [
          f('satz', 'money'),
          f('kinder', 'group', {
            fields: [
              f('vorname', 'text', { required: true }),
              f('alter', 'integer'),
              f('schule', 'text', { showIf: { '>=': [{ var: 'alter' }, 6] }, requiredIf: { '<': [{ var: 'alter' }, 18] } }),
              f('beitrag', 'money', { compute: { if: [{ '<': [{ var: 'alter' }, 6] }, { var: 'satz' }, 0] } }),
            ],
          }),
          f('summe', 'money', { compute: { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, { var: 'current.beitrag' }] }, 0] } }),
          f('schulkind', 'yesno', { compute: { some: [{ var: 'kinder' }, { '>=': [{ var: 'alter' }, 6] }] } }),
        ],
      },
    ],
  };
  const answers = {
    satz: '150.00',
    kinder: [
      { vorname: 'Mia', alter: '4', schule: 'vergessen' },
      { vorname: 'Ben', alter: '8', schule: 'Grundschule' },
    ],
  };

  it('presents entries as typed objects, children hidden and computed per entry', () => {
    const state = formState(group, answers);
    expect(plain(state.data.kinder)).toEqual([
      { vorname: 'Mia', alter: 4, beitrag: 150 },
      { vorname: 'Ben', alter: 8, schule: 'Grundschule', beitrag: 0 },
    ]);
    expect(state.hiddenFields.has('kinder.0.schule')).toBe(true);
    expect(state.hiddenFields.has('kinder.1.schule')).toBe(false);
    expect([...state.requiredFields].sort()).toEqual(['kinder.0.vorname', 'kinder.1.schule', 'kinder.1.vorname']);
    expect(state.computed).toEqual({ 'kinder.0.beitrag': '150.00', 'kinder.1.beitrag': '0.00', summe: '150.00', schulkind: 'ja' });
  });

  it('presents a group without entries as an empty list', () => {
    expect(plain(formState(group, {}).data)).toEqual({ kinder: [], summe: 0, schulkind: false });
  });
});
