// The receipt's and the Bescheid's content: the addressee from the answers, groups as tables, masked IBANs, the
// remedy of the municipality's country; and the rendered PDF's tags and text.
import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { pdfInfo, pdfText } from '../../testing/pdf.ts';
import { builtInRemedy } from '../decisions/index.ts';
import type { FormDefinition } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import type { Service } from '../services/index.ts';
import type { Application } from './applications.ts';
import { addresseeLines, decisionDocument, maskIban, receiptDocument } from './documents.ts';

const t = translator('de');

const form: FormDefinition = {
  steps: [
    {
      id: 'person',
      title: { de: 'Person' },
      fields: [
        { id: 'vorname', type: 'text', label: { de: 'Vorname' }, role: 'firstName' },
        { id: 'nachname', type: 'text', label: { de: 'Nachname' }, role: 'lastName' },
        { id: 'wohnung', type: 'address', label: { de: 'Anschrift' } },
        { id: 'iban', type: 'iban', label: { de: 'IBAN' } },
      ],
    },
    {
      id: 'kinder',
      title: { de: 'Kinder' },
      fields: [
        {
          id: 'kinder',
          type: 'group',
          label: { de: 'Ihre Kinder' },
          itemLabel: { de: 'Kind' },
          fields: [
            { id: 'name', type: 'text', label: { de: 'Vorname des Kindes' } },
            { id: 'geboren', type: 'date', label: { de: 'Geburtsdatum' } },
          ],
        },
      ],
    },
  ],
};

const answers = {
  vorname: 'Anna',
  nachname: 'Muster',
  wohnung: { street: 'Bahnhofstrasse', number: '4', postalCode: '5000', place: 'Aarau' },
  iban: 'CH9300762011623852957',
  kinder: [
    { name: 'Lea', geboren: '2019-03-02' },
    { name: 'Noah', geboren: '2021-11-30' },
  ],
};

const org = {
  id: '00000000-0000-7000-8000-000000000001',
  name: 'Stadt Aarau',
  country: 'CH',
  currency: 'CHF',
  time_zone: 'Europe/Zurich',
  official_key: '4001',
} as unknown as Organization;

const service = {
  id: '00000000-0000-7000-8000-000000000002',
  title: 'Betreuungsgutschein',
  definition: {
    form,
    local: { office: { de: 'Abteilung Bildung' }, address: 'Rathausgasse 1, 5000 Aarau', phone: '+41 62 836 05 11', email: 'bildung@aarau.example' },
    feeRules: [{ id: 'g', kind: 'contribution', label: { de: 'Beitrag' }, unitMinor: 5000 }],
  },
} as unknown as Service;

const application = {
  id: '00000000-0000-7000-8000-000000000003',
  reference: 'AA-2026-000007',
  status: 'submitted',
  answers,
  applicant_name: 'Anna Muster',
  submitted_at: new Date('2026-11-20T10:00:00Z'),
  fees: { lines: [{ id: 'g', label: { de: 'Gebühr' }, kind: 'fee', amountMinor: 5000 }], totalMinor: 5000 },
} as unknown as Application;

describe('documents', () => {
  it('masks all of an IBAN but the country code and the last four characters', () => {
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE** **** **** **** **30 00');
    expect(maskIban('CH9300762011623852957')).toBe('CH** **** **** **** *295 7');
    expect(maskIban('AB1')).toBe('***');
  });

  it('takes the addressee from the name and the address field, or from the postal code step', () => {
    expect(addresseeLines(form, answers, 'Anna Muster')).toEqual(['Anna Muster', 'Bahnhofstrasse 4', '5000 Aarau']);
    const separate: FormDefinition = {
      steps: [
        {
          id: 'adresse',
          title: { de: 'Adresse' },
          fields: [
            { id: 'strasse', type: 'text', label: { de: 'Straße' } },
            { id: 'hausnummer', type: 'text', label: { de: 'Hausnummer' } },
            { id: 'plz', type: 'postalCode', label: { de: 'PLZ' } },
            { id: 'ort', type: 'text', label: { de: 'Ort' } },
          ],
        },
      ],
    };
    expect(addresseeLines(separate, { strasse: 'Berliner Straße', hausnummer: '70a', plz: '33330', ort: 'Gütersloh' }, 'Erika M.')).toEqual([
      'Erika M.',
      'Berliner Straße 70a',
      '33330 Gütersloh',
    ]);
    expect(addresseeLines(separate, {}, 'Erika M.')).toEqual(['Erika M.']);
  });

  it('prints a group as a table with a row per entry, in the receipt', () => {
    const doc = receiptDocument(org, service, application, t, 'de');
    const kinder = doc.sections.find((s) => s.heading === 'Kinder')!;
    expect(kinder.tables).toEqual([
      {
        caption: 'Ihre Kinder',
        headers: ['Eintrag', 'Vorname des Kindes', 'Geburtsdatum'],
        rows: [
          ['Kind 1', 'Lea', '02.03.2019'],
          ['Kind 2', 'Noah', '30.11.2021'],
        ],
      },
    ]);
    const person = doc.sections.find((s) => s.heading === 'Person')!;
    expect(person.rows).toContainEqual(['IBAN', 'CH** **** **** **** *295 7']);
  });

  it('heads the charges by their kind: a contribution is not called a fee', () => {
    const headings = receiptDocument(org, service, application, t, 'de').sections.map((s) => s.heading);
    expect(headings).toContain('Beiträge');
    expect(headings).not.toContain('Gebühren');
  });

  it('writes a Swiss Bescheid with the Rechtsmittelbelehrung of Aargau, and renders it as a tagged PDF', async () => {
    const doc = decisionDocument(
      org,
      service,
      application,
      {
        outcome: 'approved',
        reason: 'Die Voraussetzungen sind erfüllt.',
        effectiveFrom: '2027-01-01',
        decidedAt: new Date('2026-12-01T09:00:00Z'),
        remedy: builtInRemedy(org),
      },
      t,
      'de',
    );
    expect(doc.addressee).toEqual(['Anna Muster', 'Bahnhofstrasse 4', '5000 Aarau']);
    expect(doc.meta).toContainEqual(['Datum', '01.12.2026']);
    const headings = doc.sections.map((s) => s.heading);
    expect(headings[0]).toBe('Entscheidung');
    expect(headings).toContain('Begründung');
    expect(headings.at(-1)).toBe('Rechtsmittelbelehrung');
    expect(doc.sections[0]!.paragraphs).toContain('Die Entscheidung gilt ab dem 01.01.2027.');
    expect(doc.sections[0]!.rows?.at(-1)?.[0]).toBe('Gesamtbetrag');
    const { renderPdf } = await import('../../platform/pdf/pdf.ts');
    const pdf = await renderPdf(doc);
    expect(pdfInfo(pdf)).toMatch(/^Tagged:\s+yes$/m);
    const words = pdfText(pdf).replace(/\s+/g, ' ');
    expect(words).toContain('Beschwerde erhoben');
    expect(words).toContain('Departement Volkswirtschaft und Inneres des Kantons Aargau');
    expect(words).toContain('innert 30 Tagen seit Zustellung');
    expect(words).toContain('Kind 2');
    expect(words).toContain('ohne Unterschrift gültig');
    expect(words).not.toContain('CH9300762011623852957');
  });
});
