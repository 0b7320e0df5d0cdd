import { describe, expect, it } from 'vitest';
import { formsDe } from '../../platform/i18n/catalogs/forms.de.ts';
import { formsEn } from '../../platform/i18n/catalogs/forms.en.ts';
import { translator } from '../../platform/i18n/index.ts';
import { allFields, checkDefinition, checkRule } from './definition.ts';
import type { FieldDefinition, FormDefinition } from './schema.ts';

const label = { de: 'L' };
const f = (id: string, type: string, extra: Record<string, unknown> = {}) => ({ id, type, label, ...extra }) as FieldDefinition;
const options = [
  { value: 'a', label },
  { value: 'b', label },
];

function valid(): FormDefinition {
  return {
    steps: [
      {
        id: 'halter',
        title: { de: 'Halter', en: 'Owner' },
        fields: [
          f('vorname', 'text', { required: true, role: 'firstName', maxLength: 100, pattern: '[A-Za-zÄÖÜäöüß -]+' }),
          f('haltung', 'radio', { options }),
          f('firma', 'text', { showIf: { '==': [{ var: 'haltung' }, 'b'] } }),
          f('hunde', 'integer', { min: 1, max: 20 }),
          f('steuer', 'money', { compute: { '*': [{ var: 'hunde' }, 120] } }),
          f('gesamt', 'money', { compute: { '+': [{ var: 'steuer' }, 10] } }),
          f('kinder', 'group', {
            minItems: 0,
            maxItems: 5,
            itemLabel: { de: 'Kind' },
            fields: [f('kindname', 'text'), f('alter', 'integer'), f('schule', 'text', { showIf: { '>': [{ var: 'alter' }, 5] } })],
          }),
          f('schulkinder', 'integer', {
            compute: { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, { if: [{ '>': [{ var: 'current.alter' }, 5] }, 1, 0] }] }, 0] },
          }),
          f('hinweis', 'info', { text: { de: 'Bitte beachten Sie …' } }),
          f('plaene', 'file', { accept: ['application/pdf', 'image/*'], maxFiles: 3, maxBytes: 10_000_000 }),
        ],
      },
      { id: 'firma', title: label, showIf: { '==': [{ var: 'haltung' }, 'b'] }, fields: [f('register', 'text', { requiredIf: { '!!': { var: 'firma' } } })] },
    ],
    source: { scheme: 'xdatenfelder', id: 'S1234', version: '1.0', standard: '2.0' },
  };
}

/** The definition with one change, checked; returns the problems. */
function problems(change: (form: any) => void) {
  const form = structuredClone(valid()) as any;
  change(form);
  const result = checkDefinition(form);
  return result.ok ? [] : result.problems;
}

describe('checkDefinition', () => {
  it('accepts a complete definition', () => {
    const result = checkDefinition(valid());
    expect(result).toEqual({ ok: true, form: valid() });
  });

  it('refuses what is not a form at all', () => {
    for (const input of [null, 42, 'text', [], {}]) {
      const result = checkDefinition(input);
      expect(result.ok).toBe(false);
    }
    expect(checkDefinition({})).toEqual({ ok: false, problems: [{ path: '/steps', key: 'forms.schema.required', params: { name: 'steps' } }] });
  });

  it('names an unknown field type and the allowed ones', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[3].type = 'farbe';
      }),
    ).toEqual([
      {
        path: '/steps/0/fields/3/type',
        key: 'forms.schema.fieldType',
        params: {
          value: 'farbe',
          allowed:
            'text, textarea, integer, decimal, money, date, email, phone, iban, postalCode, select, radio, checkboxes, yesno, address, file, group, info',
        },
      },
    ]);
  });

  it('names unknown and missing properties, wrong types and bad ids with their paths', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[0].requried = true;
      }),
    ).toEqual([{ path: '/steps/0/fields/0/requried', key: 'forms.schema.unknownProperty', params: { name: 'requried' } }]);
    expect(
      problems((form) => {
        delete form.steps[1].title;
      }),
    ).toEqual([{ path: '/steps/1/title', key: 'forms.schema.required', params: { name: 'title' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[3].min = 'eins';
      }),
    ).toEqual([{ path: '/steps/0/fields/3/min', key: 'forms.schema.typeNumber', params: { value: 'eins' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields[1].id = '2alter';
      })[0],
    ).toEqual({ path: '/steps/0/fields/6/fields/1/id', key: 'forms.schema.id', params: { value: '2alter' } });
    expect(
      problems((form) => {
        form.steps[0].fields[0].label = { en: 'Name' };
      }),
    ).toEqual([{ path: '/steps/0/fields/0/label/de', key: 'forms.schema.required', params: { name: 'de' } }]);
  });

  it('refuses duplicate step and field ids, also inside groups', () => {
    expect(
      problems((form) => {
        form.steps[1].id = 'halter';
      }),
    ).toEqual([{ path: '/steps/1/id', key: 'forms.id.stepTaken', params: { id: 'halter', first: '/steps/0/id' } }]);
    expect(
      problems((form) => {
        form.steps[1].fields[0].id = 'hunde';
      }),
    ).toEqual([{ path: '/steps/1/fields/0/id', key: 'forms.id.fieldTaken', params: { id: 'hunde', first: '/steps/0/fields/3/id' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields[0].id = 'vorname';
      }),
    ).toEqual([{ path: '/steps/0/fields/6/fields/0/id', key: 'forms.id.fieldTaken', params: { id: 'vorname', first: '/steps/0/fields/0/id' } }]);
  });

  it('needs unique options for choices', () => {
    expect(
      problems((form) => {
        delete form.steps[0].fields[1].options;
      }),
    ).toEqual([{ path: '/steps/0/fields/1/options', key: 'forms.field.optionsMissing', params: { type: 'radio' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[1].options.push({ value: 'a', label });
      }),
    ).toEqual([{ path: '/steps/0/fields/1/options/2/value', key: 'forms.field.optionTwice', params: { value: 'a' } }]);
  });

  it('checks groups, info texts, patterns and limits', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields = [];
      }),
    ).toEqual([{ path: '/steps/0/fields/6/fields', key: 'forms.field.groupEmpty' }]);
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields.push(f('upload', 'file'));
      }),
    ).toEqual([{ path: '/steps/0/fields/6/fields/3/type', key: 'forms.field.notInGroup', params: { type: 'file' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields.push(f('inner', 'group', { fields: [f('x', 'text')] }));
      })[0]!.path,
    ).toBe('/steps/0/fields/6/fields/3/type');
    expect(
      problems((form) => {
        delete form.steps[0].fields[8].text;
      }),
    ).toEqual([{ path: '/steps/0/fields/8/text', key: 'forms.field.infoText' }]);
    expect(
      problems((form) => {
        form.steps[0].fields[0].pattern = '[a-z';
      }),
    ).toEqual([
      {
        path: '/steps/0/fields/0/pattern',
        key: 'forms.pattern.invalid',
        params: { pattern: '[a-z', detail: expect.stringContaining('Invalid regular expression') },
      },
    ]);
    expect(
      problems((form) => {
        form.steps[0].fields[3].min = 30;
      }),
    ).toEqual([{ path: '/steps/0/fields/3/min', key: 'forms.field.lowAboveHigh', params: { low: 'min', lowValue: 30, high: 'max', highValue: 20 } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[1].compute = { var: 'hunde' };
        form.steps[0].fields[1].type = 'checkboxes';
      }),
    ).toEqual([{ path: '/steps/0/fields/1/compute', key: 'forms.field.notComputable', params: { type: 'checkboxes' } }]);
  });

  it('refuses rules that read fields the form does not have', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { '==': [{ var: 'hundname' }, 'Bello'] };
      }),
    ).toEqual([{ path: '/steps/0/fields/2/showIf', key: 'forms.rule.missingField', params: { name: 'hundname' } }]);
    expect(
      problems((form) => {
        form.steps[1].showIf = { missing: ['haltung', 'farbe'] };
      }),
    ).toEqual([{ path: '/steps/1/showIf', key: 'forms.rule.missingField', params: { name: 'farbe' } }]);
    expect(
      problems((form) => {
        form.steps[1].fields[0].requiredIf = { var: 'hinweis' };
      }),
    ).toEqual([{ path: '/steps/1/fields/0/requiredIf', key: 'forms.rule.readsInfo', params: { name: 'hinweis' } }]);
  });

  it('lets group children read their siblings, and others only the whole group', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[4].compute = { var: 'alter' };
      }),
    ).toEqual([
      {
        path: '/steps/0/fields/4/compute',
        key: 'forms.rule.readsGroupChild',
        params: { name: 'alter', group: 'kinder' },
      },
    ]);
  });

  it('refuses unknown operators and malformed rule objects', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { gleich: [{ var: 'haltung' }, 'b'] };
      }),
    ).toEqual([
      {
        path: '/steps/0/fields/2/showIf',
        key: 'forms.rule.unknownOperator',
        params: { operator: 'gleich', allowed: expect.stringMatching(/^var, missing, /) },
      },
    ]);
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { log: 'x' };
      })[0],
    ).toMatchObject({ key: 'forms.rule.unknownOperator', params: { operator: 'log' } });
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { '==': [1, 1], and: [] };
      })[0],
    ).toMatchObject({ key: 'forms.rule.severalOperators', params: { names: '„==“, „and“' } });
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { var: { cat: ['hal', 'tung'] } };
      })[0],
    ).toMatchObject({ key: 'forms.rule.varComputed' });
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { '!!': { var: '' } };
      })[0],
    ).toMatchObject({ key: 'forms.rule.varUnnamed' });
  });

  it('refuses circular rules and names the cycle', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[4].compute = { '+': [{ var: 'gesamt' }, 1] };
      }),
    ).toEqual([{ path: '/steps/0/fields/4/compute', key: 'forms.rule.cycle', params: { cycle: 'steuer → gesamt → steuer' } }]);
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { '!': { var: 'firma' } };
      }),
    ).toEqual([{ path: '/steps/0/fields/2/showIf', key: 'forms.rule.cycle', params: { cycle: 'firma → firma' } }]);
    // a step shown depending on one of its own fields
    expect(
      problems((form) => {
        form.steps[1].showIf = { var: 'register' };
      }),
    ).toEqual([{ path: '/steps/1/showIf', key: 'forms.rule.cycle', params: { cycle: 'register → register' } }]);
    // a child computed from its own group
    expect(
      problems((form) => {
        form.steps[0].fields[6].fields[1].compute = { var: 'kinder.length' };
      }),
    ).toEqual([{ path: '/steps/0/fields/6/fields/1/compute', key: 'forms.rule.cycle', params: { cycle: 'alter → kinder → alter' } }]);
  });

  it('accepts a field whose requiredIf reads itself: that changes no value', () => {
    expect(
      problems((form) => {
        form.steps[0].fields[3].requiredIf = { '!': { var: 'hunde' } };
      }),
    ).toEqual([]);
  });

  it('survives deep nesting and odd input', () => {
    let deep: unknown = { var: 'hunde' };
    for (let i = 0; i < 5000; i++) deep = { '!': deep };
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = deep;
      }).map(({ key, params }) => ({ key, params })),
    ).toEqual([{ key: 'forms.text.tooDeep', params: { max: 200 } }]);
    let rule: unknown = { var: 'hunde' };
    for (let i = 0; i < 100; i++) rule = { '!': rule };
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = rule;
      }).map(({ key, params }) => ({ key, params })),
    ).toEqual([{ key: 'forms.rule.tooDeep', params: { max: 64 } }]);
    let group: any = f('x', 'text');
    for (let i = 0; i < 20_000; i++) group = f(`g${i}`, 'group', { fields: [group] });
    expect(
      problems((form) => {
        form.steps[0].fields.push(group);
      })[0],
    ).toMatchObject({ key: 'forms.text.tooDeep', params: { max: 200 } });
    expect(
      problems((form) => {
        form.steps[0].fields[0].label = { de: 'Vor\ud800name' };
      }),
    ).toEqual([
      {
        path: '/steps/0/fields/0/label/de',
        key: 'forms.text.badCharacter',
      },
    ]);
    expect(
      problems((form) => {
        form.steps[0].fields[2].showIf = { '==': [{ var: 'haltung' }, 'b\u0000'] };
      })[0]!.path,
    ).toBe('/steps/0/fields/2/showIf/==/1');
  });
});

describe('checkRule', () => {
  const known = new Set(['hunde', 'kinder']);
  it('accepts a rule over known fields', () => {
    expect(checkRule({ '*': [{ var: 'hunde' }, 120] }, known, '/fees/0/amount')).toEqual([]);
    expect(checkRule(42, known, '/fees/0/amount')).toEqual([]);
  });
  it('names missing fields and unknown operators at the given path', () => {
    expect(checkRule({ '*': [{ var: 'katzen' }, 120] }, known, '/fees/1/amount')).toEqual([
      { path: '/fees/1/amount', key: 'forms.rule.missingField', params: { name: 'katzen' } },
    ]);
    expect(checkRule({ mal: [{ var: 'hunde' }, 120] }, known, '/fees/2/when')[0]).toMatchObject({
      path: '/fees/2/when',
      key: 'forms.rule.unknownOperator',
      params: { operator: 'mal', allowed: expect.any(String) },
    });
  });
});

describe('allFields', () => {
  it('lists every field with group children', () => {
    expect(allFields(valid()).map((field) => field.id)).toEqual([
      'vorname',
      'haltung',
      'firma',
      'hunde',
      'steuer',
      'gesamt',
      'kinder',
      'kindname',
      'alter',
      'schule',
      'schulkinder',
      'hinweis',
      'plaene',
      'register',
    ]);
  });
});

describe('the texts of the problems', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('use the same placeholders in German and English', () => {
    for (const [key, de] of Object.entries(formsDe)) {
      expect({ key, placeholders: placeholders(formsEn[key as keyof typeof formsDe]) }).toEqual({ key, placeholders: placeholders(de) });
    }
  });

  it('read as sentences in both languages, with what the check found filled in', () => {
    const result = checkDefinition({ steps: [{ id: 'a', title: { de: 'A' }, fields: [{ id: 'x', type: 'farbe', label: { de: 'X' } }] }] });
    const [problem] = result.ok ? [] : result.problems;
    expect(problem).toMatchObject({ path: '/steps/0/fields/0/type', key: 'forms.schema.fieldType' });
    expect(translator('de')(problem!.key, problem!.params)).toMatch(/^Unbekannter Feldtyp „farbe“\. Erlaubt: text, textarea, .*, info\.$/);
    expect(translator('en')(problem!.key, problem!.params)).toMatch(/^Unknown field type “farbe”\. Allowed: text, textarea, .*, info\.$/);
  });
});
