import { describe, expect, it } from 'vitest';
import type { Service } from './schema.ts';
import { asOffered } from './services.ts';

const service = {
  id: 's',
  tenantId: 't',
  slug: 'hund-anmelden',
  title: 'Hund anmelden',
  version: 1,
  templateId: 'x',
  templateVersion: 1,
  definition: {
    summary: { de: 'Melden Sie Ihren Hund bei der Gemeinde an.', en: 'Register your dog with the municipality.' },
    feeRules: [{ id: 'hund', label: { de: 'Hundesteuer der Gemeinde' }, when: { '==': [{ var: 'wohnort' }, 'Gemeinde'] }, unitMinor: 100 }],
    form: {
      steps: [
        {
          id: 'halter',
          title: { de: 'Wohnsitz in der Gemeinde' },
          fields: [{ id: 'wohnort', type: 'radio', label: { de: 'Wo wohnen Sie?' }, options: [{ value: 'Gemeinde', label: { de: 'In der Gemeinde' } }] }],
        },
      ],
    },
  },
} as unknown as Service;

describe('a service as the municipality offers it', () => {
  it('says "Stadt" in a Stadt in every text, and leaves values, ids and rules alone', () => {
    const offered = asOffered(service, 'Stadt Aarau');
    const d = offered.definition;
    expect(d.summary).toEqual({ de: 'Melden Sie Ihren Hund bei der Stadt an.', en: 'Register your dog with the municipality.' });
    expect(d.feeRules[0]!.label).toEqual({ de: 'Hundesteuer der Stadt' });
    expect(d.feeRules[0]!.when).toEqual({ '==': [{ var: 'wohnort' }, 'Gemeinde'] });
    const field = d.form.steps[0]!.fields[0]!;
    expect(d.form.steps[0]!.title).toEqual({ de: 'Wohnsitz in der Stadt' });
    expect(field.options).toEqual([{ value: 'Gemeinde', label: { de: 'In der Stadt' } }]);
  });

  it('is the same service in a Gemeinde', () => {
    expect(asOffered(service, 'Gemeinde Wettingen')).toBe(service);
  });
});
