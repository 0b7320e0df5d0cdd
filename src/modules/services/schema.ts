// The service catalog: templates (Standardleistungen) a region writes once, services a municipality offers;
// and the route schemas of the portal pages and the search API.
import { HtmlPage, ProblemResponse, type Static, Type } from '../../platform/http/schema.ts';
import type { FormDefinition, Logic, Text } from '../forms/index.ts';

/** Life situations (Lebenslagen) the portal groups services by. */
export const LIFE_SITUATIONS = [
  'umzug',
  'familie',
  'kinderbetreuung',
  'schule',
  'tiere',
  'bauen',
  'wirtschaft',
  'verkehr',
  'abfall',
  'veranstaltungen',
  'dokumente',
] as const;
export type LifeSituation = (typeof LIFE_SITUATIONS)[number];

/**
 * One line of the fee: skipped unless `when` holds; its amount in minor units (cents, Rappen) is `amount`
 * when given, else `unitMinor` × `quantity` (quantity 1 when not given). Explained line by line.
 */
export interface FeeRule {
  id: string;
  label: Text;
  when?: Logic;
  quantity?: Logic;
  unitMinor?: number;
  amount?: Logic;
  /** The municipality may set its own unitMinor for this line (a local fee, e.g. the dog tax rate). */
  localOverride?: boolean;
  /** What the charge is in law, and what the page calls it: a fee (Gebühr, the default), a tax (Hundesteuer), a contribution (Elternbeitrag), expenses (Auslagen). */
  kind?: FeeKind;
}

export const FEE_KINDS = ['fee', 'tax', 'contribution', 'expense'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** What a template defines and a municipality's own service defines alike. */
export interface ServiceContent {
  title: Text;
  summary: Text;
  description: Text;
  eligibility: Text;
  documents: Text[];
  legalBasis: Text;
  processingTime: Text;
  /** 14-digit LeiKa key (Leistungsschlüssel) where one exists. */
  leikaKey?: string;
  lifeSituations: LifeSituation[];
  /** Words people search with; synonyms are other names of the service ("Ummeldung" for a change of address). */
  keywords: string[];
  /** English words people search with, where the organiser gave them; the English title and summary are searched too. */
  keywordsEn?: string[];
  synonyms: string[];
  feeRules: FeeRule[];
  /** General text on fees (exemptions, when due). */
  feeNotes?: Text;
  /** How long an application's personal data is kept after the decision, in years. */
  retentionYears: number;
  /**
   * The key of the workflow an application's case follows (`standard`, `vier-augen`, a municipality's own); the
   * municipality may choose another in its local details. Services from before workflows say 'approval', read as
   * 'standard'.
   */
  workflow: string;
  form: FormDefinition;
}

/** What a municipality adds to a template or its own service. */
export interface LocalDetails {
  office: Text;
  email: string;
  phone: string;
  address: string;
  hours: Text;
  notes?: Text;
  /** Per fee rule id with localOverride: the municipality's unit amount in minor units. */
  feeOverrides?: Record<string, number>;
  /** The municipality's choice of workflow for this service; the content's when not given. */
  workflow?: string;
}

/** A municipality's service as a citizen sees it: the content of the version it offers plus local details. */
export interface ServiceDefinition extends ServiceContent {
  local: LocalDetails;
}

export interface Service {
  id: string;
  tenantId: string;
  slug: string;
  title: string;
  /** The version of this service a new application starts with. */
  version: number;
  templateId: string | null;
  templateVersion: number | null;
  definition: ServiceDefinition;
}

// ----- route schemas -----

/** Longer queries are cut here; the API refuses them. */
export const MAX_QUERY_LENGTH = 200;

const Municipality = Type.String({ description: 'Kurzname der Kommune in der Adresse, z. B. guetersloh' });

export const MunicipalityParams = Type.Object({ municipality: Municipality });
export const ServicePageParams = Type.Object({ municipality: Municipality, service: Type.String({ description: 'Kurzname der Leistung' }) });
/** The page takes q repeated too (it reads the first); the API refuses that. */
export const SearchPageQuery = Type.Object({ q: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) });

export const ApiSearchParams = Type.Object({ slug: Type.String({ description: 'Kurzname der Kommune, z. B. guetersloh' }) });
export const ApiSearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description: 'Suchbegriff; auch Synonyme und Tippfehler finden. Ohne q: alle veröffentlichten Leistungen von A bis Z.',
    }),
  ),
  lang: Type.Optional(Type.String({ description: 'de oder en: Sprache der Titel und Kurzbeschreibungen (Vorgabe de)' })),
});

export const SearchResult = Type.Object(
  {
    query: Type.String({ description: 'Der Suchbegriff, wie gesucht wurde (bereinigt); leer ohne q' }),
    results: Type.Array(
      Type.Object(
        {
          title: Type.String(),
          summary: Type.String(),
          url: Type.String({ format: 'uri', description: 'Seite der Leistung im Portal' }),
          slug: Type.String(),
          score: Type.Number({ description: 'Relevanz, die beste zuerst; 0 in der Liste von A bis Z' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type SearchResultBody = Static<typeof SearchResult>;

export const routeSchemas = {
  home: { tags: ['services'], summary: 'Portal einer Kommune', params: MunicipalityParams, response: { 200: HtmlPage('Startseite des Portals') } },
  searchPage: {
    tags: ['services'],
    summary: 'Suche im Portal',
    params: MunicipalityParams,
    querystring: SearchPageQuery,
    response: { 200: HtmlPage('Suchergebnisse') },
  },
  searchApi: {
    tags: ['services'],
    summary: 'Leistungen einer Kommune suchen oder von A bis Z auflisten',
    params: ApiSearchParams,
    querystring: ApiSearchQuery,
    response: {
      200: { description: 'Treffer, der beste zuerst (höchstens 50)', content: { 'application/json': { schema: SearchResult } } },
      400: ProblemResponse('q ist zu lang oder mehrfach angegeben'),
      404: ProblemResponse('Keine Kommune mit diesem Kurznamen'),
    },
  },
  servicePage: { tags: ['services'], summary: 'Seite einer Leistung', params: ServicePageParams, response: { 200: HtmlPage('Beschreibung der Leistung') } },
} as const;
