// The legal module's fields and route schemas: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit and
// Leichte Sprache per organization. The handlers' types are inferred from the same schemas.
import { FormBody, HtmlPage, SeeOther, Slug, type Static, Type } from '../../platform/http/schema.ts';

/** State of conformity with BITV 2.0 / WCAG (EU model statement): fully, partially or not compliant. */
export const CONFORMITY = ['full', 'partial', 'none'] as const;
export type Conformity = (typeof CONFORMITY)[number];

type FieldKind = 'line' | 'text' | 'email' | 'url' | 'choice';

/** One editable text: its kind (one line, several lines, e-mail, web address, choice), its limit, and whether it is required. */
export interface FieldSpec {
  kind: FieldKind;
  max: number;
  required: boolean;
}

const line = (max = 200, required = true): FieldSpec => ({ kind: 'line', max, required });
const text = (max = 4000, required = true): FieldSpec => ({ kind: 'text', max, required });

/** Every legal text of an organization, in the order the studio page shows them. */
export const FIELDS = {
  // Impressum
  address: line(300),
  representative: line(),
  email: { kind: 'email', max: 254, required: true },
  phone: line(60),
  imprintNotes: text(4000, false),
  // Datenschutz
  dpoName: line(),
  dpoEmail: { kind: 'email', max: 254, required: true },
  dpoAddress: line(300),
  supervisoryAuthority: line(300),
  supervisoryAddress: line(300),
  privacyText: text(8000),
  // Barrierefreiheit
  conformity: { kind: 'choice', max: 10, required: true },
  nonAccessible: text(4000, false),
  feedbackEmail: { kind: 'email', max: 254, required: true },
  feedbackPhone: line(60),
  enforcementName: line(),
  enforcementAddress: line(300),
  enforcementUrl: { kind: 'url', max: 300, required: true },
  // Leichte Sprache
  easyLanguage: text(4000),
} as const satisfies Record<string, FieldSpec>;

export type LegalField = keyof typeof FIELDS;
export const LEGAL_FIELDS = Object.keys(FIELDS) as LegalField[];
export type LegalTexts = Record<LegalField, string>;

/** The studio page's sections, each with its fields. */
export const SECTIONS: Array<{ id: 'imprint' | 'privacy' | 'accessibility' | 'easy'; fields: LegalField[] }> = [
  { id: 'imprint', fields: ['address', 'representative', 'email', 'phone', 'imprintNotes'] },
  { id: 'privacy', fields: ['dpoName', 'dpoEmail', 'dpoAddress', 'supervisoryAuthority', 'supervisoryAddress', 'privacyText'] },
  {
    id: 'accessibility',
    fields: ['conformity', 'nonAccessible', 'feedbackEmail', 'feedbackPhone', 'enforcementName', 'enforcementAddress', 'enforcementUrl'],
  },
  { id: 'easy', fields: ['easyLanguage'] },
];

const Str = Type.Optional(Type.String());
const Page = (what: string) => ({ 200: HtmlPage(what) });
const MunicipalityParams = Type.Object({ municipality: Slug });

export const LegalBody = FormBody(Object.fromEntries(LEGAL_FIELDS.map((f) => [f, Str])) as Record<LegalField, typeof Str>);
export type LegalInput = Static<typeof LegalBody>;

export const schemas = {
  platformImprint: { tags: ['legal'], summary: 'Impressum des Betreibers', response: Page('Impressum') },
  platformPrivacy: { tags: ['legal'], summary: 'Datenschutzerklärung des Betreibers', response: Page('Datenschutzerklärung') },
  platformAccessibility: { tags: ['legal'], summary: 'Erklärung zur Barrierefreiheit des Betreibers', response: Page('Erklärung zur Barrierefreiheit') },
  platformEasy: { tags: ['legal'], summary: 'Leichte Sprache: was diese Seite macht', response: Page('Leichte Sprache') },
  imprint: { tags: ['legal'], summary: 'Impressum einer Kommune', params: MunicipalityParams, response: Page('Impressum') },
  privacy: { tags: ['legal'], summary: 'Datenschutzerklärung einer Kommune', params: MunicipalityParams, response: Page('Datenschutzerklärung') },
  accessibility: {
    tags: ['legal'],
    summary: 'Erklärung zur Barrierefreiheit einer Kommune (BITV 2.0 § 7)',
    params: MunicipalityParams,
    response: Page('Erklärung zur Barrierefreiheit'),
  },
  easy: { tags: ['legal'], summary: 'Leichte Sprache: was das Portal einer Kommune macht', params: MunicipalityParams, response: Page('Leichte Sprache') },
  editForm: {
    tags: ['legal'],
    summary: 'Rechtliche Texte der Kommune bearbeiten (Studio)',
    querystring: Type.Object({ gespeichert: Str }),
    response: { 200: HtmlPage('Formular der rechtlichen Texte') },
  },
  save: {
    tags: ['legal'],
    summary: 'Rechtliche Texte der Kommune speichern',
    body: LegalBody,
    response: { 303: SeeOther, 422: HtmlPage('Formular der rechtlichen Texte, mit Fehlermeldungen') },
  },
} as const;
