// A form definition: declarative, stored as JSON with the service. Texts carry German and English.
export interface Text { de: string; en?: string }

export type FieldType = 'text' | 'textarea' | 'email' | 'phone' | 'date' | 'postalCode' | 'radio' | 'yesno' | 'file';

export interface FieldDefinition {
  id: string;
  type: FieldType;
  label: Text;
  hint?: Text;
  required?: boolean;
  maxLength?: number;
  /** date fields: 'past' (today or before) or 'future' (today or after). */
  dateRange?: 'past' | 'future';
  options?: Array<{ value: string; label: Text }>;
  /** file fields: accepted content types, detected from the bytes. */
  accept?: string[];
  autocomplete?: string;
  /** Marks the field holding the applicant's name or e-mail for the case list and mail. */
  role?: 'firstName' | 'lastName' | 'email';
}

export interface StepDefinition { id: string; title: Text; fields: FieldDefinition[] }
export interface FormDefinition { steps: StepDefinition[] }

/** What a person typed, per field id. Files are stored in the blob store and referenced. */
export type Answers = Record<string, string | FileAnswer[]>;

export interface FileAnswer { sha256: string; filename: string; contentType: string; size: number }

export interface FieldError { field: string; key: string; params?: Record<string, string | number> }
