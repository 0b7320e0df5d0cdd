import { defaultTexts, type LegalState } from '../../legal/index.ts';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { accessibilityProblems } from '../../../testing/html.ts';
import type { FormDefinition } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';
import { CheckPage } from './CheckPage.tsx';

const ctx: PageContext = { t: translator('de'), locale: 'de', path: '/gt/leistungen/sperrmuell/antrag/pruefen', csrfToken: 'token' };
const org = {
  id: 'o',
  slug: 'gt',
  name: 'Stadt Gütersloh',
  logo_url: null,
  currency: 'EUR',
  country: 'DE',
  time_zone: 'Europe/Berlin',
  contact: {},
  is_demo: true,
  official_key: '05754008',
  kind: 'municipality',
} as unknown as Organization;

const form: FormDefinition = {
  steps: [
    {
      id: 'abholung',
      title: { de: 'Abholung' },
      fields: [
        { id: 'name', type: 'text', label: { de: 'Name' }, required: true },
        {
          id: 'gegenstaende',
          type: 'group',
          label: { de: 'Gegenstände' },
          itemLabel: { de: 'Gegenstand' },
          fields: [
            { id: 'art', type: 'text', label: { de: 'Art' } },
            { id: 'menge', type: 'integer', label: { de: 'Menge' } },
          ],
        },
      ],
    },
  ],
} as FormDefinition;

const service = {
  id: 's',
  slug: 'sperrmuell',
  title: 'Sperrmüll anmelden',
  definition: { title: { de: 'Sperrmüll anmelden' }, form, feeRules: [], local: {} },
} as unknown as Service;

/** Nobody has saved the municipality's texts yet: the notice is built from the defaults. */
const legal: LegalState = { texts: defaultTexts(org), preparedOn: '2026-12-04', saved: false };

describe('the check page', () => {
  it('shows a group’s entries as a table with a row per entry and a column per field, the other answers as a list', () => {
    const answers = {
      name: 'Anna',
      gegenstaende: [
        { art: 'Sofa', menge: '1' },
        { art: 'Schrank', menge: '2' },
      ],
    };
    const html = renderToString(CheckPage({ ctx, org, service, answers, errors: [], legal }));
    expect(accessibilityProblems(html)).toEqual([]);
    const table = /<table[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table).toContain('<caption class="kern-title" id="check-group-gegenstaende">Gegenstände</caption>');
    expect(table.match(/<th class="kern-table__header" scope="col">/g)).toHaveLength(3);
    expect(table).toMatch(/scope="row">Gegenstand 1<\/th><td class="kern-table__cell">Sofa<\/td><td class="kern-table__cell">1<\/td>/);
    expect(table).toMatch(/scope="row">Gegenstand 2<\/th><td class="kern-table__cell">Schrank<\/td><td class="kern-table__cell">2<\/td>/);
    expect(html).toMatch(/<dt class="kern-description-list-item__key">Name<\/dt><dd class="kern-description-list-item__value">Anna<\/dd>/);
    expect(html).not.toContain('<li>Gegenstand 1');
    expect(html).toContain('Für diesen Antrag fallen keine Gebühren an.');
  });

  it('shows no table for a group without entries', () => {
    const html = renderToString(CheckPage({ ctx, org, service, answers: { name: 'Anna', gegenstaende: [] }, errors: [], legal }));
    expect(html).not.toContain('<table');
  });
});
