import type { FormDefinition, Text } from '../forms/index.ts';

export interface Fee { label: Text; amountMinor: number; per?: Text }

export interface ServiceDefinition {
  leikaKey?: string;
  summary: Text;
  description: Text;
  eligibility: Text;
  documents: Text[];
  fees: Fee[];
  processingTime: Text;
  legalBasis: Text;
  contact: { office: Text; email: string; phone: string; address: string; hours: Text };
  /** How long an application's personal data is kept after the decision, in years. */
  retentionYears: number;
  form: FormDefinition;
}

export interface Service { id: string; tenantId: string; slug: string; title: string; definition: ServiceDefinition }
