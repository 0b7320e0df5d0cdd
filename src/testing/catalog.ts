// A small but complete service used by catalog, studio and application tests.
import type { ServiceContent } from '../modules/services/index.ts';

/** A resident parking permit: per-year fee with a local rate, a second-car surcharge by rule. */
export function parkingContent(): ServiceContent {
  return {
    title: { de: 'Bewohnerparkausweis beantragen', en: 'Apply for a resident parking permit' },
    summary: { de: 'Parken im eigenen Wohngebiet.' },
    description: { de: 'Mit dem Ausweis parken Sie in Ihrer Bewohnerparkzone.' },
    eligibility: { de: 'Wer in der Zone wohnt.' },
    documents: [{ de: 'Fahrzeugschein' }],
    legalBasis: { de: '§ 45 Abs. 1b StVO' },
    processingTime: { de: 'Eine Woche' },
    lifeSituations: ['verkehr'],
    keywords: ['Parken'],
    synonyms: ['Anwohnerparken'],
    feeRules: [
      { id: 'ausweis', label: { de: 'Bewohnerparkausweis je Jahr' }, unitMinor: 3000, quantity: { var: 'jahre' }, localOverride: true },
      { id: 'zweitwagen', label: { de: 'Zuschlag Zweitfahrzeug' }, unitMinor: 1500, when: { '==': [{ var: 'zweitwagen' }, true] } },
    ],
    retentionYears: 2,
    workflow: 'approval',
    form: {
      steps: [
        {
          id: 'antrag',
          title: { de: 'Antrag' },
          fields: [
            { id: 'vorname', type: 'text', label: { de: 'Vorname' }, required: true, role: 'firstName' },
            { id: 'nachname', type: 'text', label: { de: 'Nachname' }, required: true, role: 'lastName' },
            { id: 'email', type: 'email', label: { de: 'E-Mail' }, required: true, role: 'email' },
            { id: 'kennzeichen', type: 'text', label: { de: 'Kennzeichen' }, required: true, maxLength: 12 },
            { id: 'jahre', type: 'integer', label: { de: 'Für wie viele Jahre?' }, required: true, min: 1, max: 3 },
            { id: 'zweitwagen', type: 'yesno', label: { de: 'Zweitfahrzeug?' }, required: true },
          ],
        },
      ],
    },
  };
}
