// A form definition: declarative JSON, versioned with its service. Texts carry German and English.
// Rules are JSON Logic (https://jsonlogic.com) over the answers as `logicData` presents them.
import type { Message } from '../../platform/i18n/index.ts';
export interface Text {
  de: string;
  en?: string;
}

/** A JSON Logic expression, e.g. {"==": [{"var": "haltung"}, "gewerblich"]}. */
export type Logic = unknown;

export const FIELD_TYPES = [
  'text',
  'textarea',
  'integer',
  'decimal',
  'money',
  'date',
  'email',
  'phone',
  'iban',
  'postalCode',
  'select',
  'radio',
  'checkboxes',
  'yesno',
  'address',
  'file',
  'group',
  'info',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Input widths in characters, as GOV.UK's width classes. */
export const FIELD_WIDTHS = [2, 3, 4, 5, 10, 20, 30] as const;
export type FieldWidth = (typeof FIELD_WIDTHS)[number];

export interface Option {
  value: string;
  label: Text;
}

export interface FieldDefinition {
  /** Unique in the form (children of a group: unique in the form too). Letters, digits, `_`, starting with a letter. */
  id: string;
  type: FieldType;
  label: Text;
  hint?: Text;
  required?: boolean;
  /** Required only when this rule is true. */
  requiredIf?: Logic;
  /** Shown (and validated, and submitted) only when this rule is true. */
  showIf?: Logic;
  /** The value is computed from other answers; shown read-only, never typed. */
  compute?: Logic;
  /** text, textarea */
  minLength?: number;
  maxLength?: number;
  /** text: a regular expression the whole value must match */
  pattern?: string;
  /** The message shown when the answer does not match `pattern` (or is out of range), e.g. "Die Chipnummer hat 15 Ziffern." */
  errorMessage?: Text;
  /** How wide the input is, in characters (GOV.UK's fixed widths); without it the width follows type, maxLength and max. */
  width?: FieldWidth;
  /** integer, decimal, money (money in major units, e.g. euros) */
  min?: number;
  max?: number;
  /** decimal: digits after the decimal separator (default 2) */
  fractionDigits?: number;
  /** date: 'past' (today or before) or 'future' (today or after) */
  dateRange?: 'past' | 'future';
  /**
   * date: 'parts' asks for day, month and year in three inputs (GOV.UK date input: for dates a person knows, like a
   * date of birth), 'single' for one input. Without it a date of birth (autocomplete "bday" or its label) takes parts.
   */
  dateInput?: 'parts' | 'single';
  /** postalCode: default is the municipality's country */
  country?: 'DE' | 'CH';
  /** select, radio, checkboxes */
  options?: Option[];
  /** checkboxes */
  minSelected?: number;
  maxSelected?: number;
  /** file: accepted content types (detected from the bytes), number of files, bytes per file */
  accept?: string[];
  maxFiles?: number;
  maxBytes?: number;
  /** group: the fields of one entry (no nested groups, no files), entries a person can add and remove */
  fields?: FieldDefinition[];
  minItems?: number;
  maxItems?: number;
  itemLabel?: Text;
  /** info: text shown, no answer */
  text?: Text;
  autocomplete?: string;
  /** Marks the field holding the applicant's name or e-mail for the case list and mail. */
  role?: 'firstName' | 'lastName' | 'email';
  /** Where the field came from, kept through imports (FIM XDatenfelder: the data field's id and version). */
  source?: { scheme: 'xdatenfelder'; id: string; version?: string };
}

export interface StepDefinition {
  id: string;
  title: Text;
  showIf?: Logic;
  fields: FieldDefinition[];
}

export interface FormDefinition {
  steps: StepDefinition[];
  /** Where the form came from (FIM XDatenfelder: the data schema's id and version). */
  source?: { scheme: 'xdatenfelder'; id: string; version?: string; standard?: '2.0' | '3.0' };
}

export interface FileAnswer {
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
}
export interface AddressAnswer {
  street: string;
  number: string;
  postalCode: string;
  place: string;
}
export const ADDRESS_PARTS = ['street', 'number', 'postalCode', 'place'] as const;
export type GroupItem = Record<string, string | string[] | AddressAnswer>;

/**
 * What a person typed, per field id, as normalised strings: integer "3", decimal and money "12.50" (dot,
 * fractionDigits digits), date "2026-11-22", yes/no "ja" | "nein", checkboxes string[], address AddressAnswer,
 * file FileAnswer[], group GroupItem[] (one object per entry, keyed by the child field ids).
 */
export type AnswerValue = string | string[] | FileAnswer[] | AddressAnswer | GroupItem[];
export type Answers = Record<string, AnswerValue>;

export interface FieldError {
  /** The field id; inside a group `gruppe.2.feld` (entry index from 0), inside an address `adresse.postalCode`. */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** Where a definition is wrong: a JSON pointer into it ("/steps/0/fields/3/type") and the reason as a catalog message. */
export type DefinitionProblem = { path: string } & Message;
