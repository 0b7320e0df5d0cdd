// The service catalog: templates (Standardleistungen) a region writes once, services a municipality offers.
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
}

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
  synonyms: string[];
  feeRules: FeeRule[];
  /** General text on fees (exemptions, when due). */
  feeNotes?: Text;
  /** How long an application's personal data is kept after the decision, in years. */
  retentionYears: number;
  /** The workflow an application starts; the approve/reject flow until a workflow engine exists. */
  workflow: 'approval';
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
