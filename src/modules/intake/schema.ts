// The scanning intake's words and route schemas.
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { ScanType } from '../../platform/ocr/ocrmypdf.ts';

/** What the scanning intake takes, recognised by the bytes (file-type), never by the name. */
export const SCAN_TYPES: ScanType[] = ['application/pdf', 'image/tiff', 'image/jpeg'];
export const isScanType = (mime: string | undefined): mime is ScanType => SCAN_TYPES.includes(mime as ScanType);

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const ADDRESS_MAX = 500;
export const TITLE_MAX = 300;

/** Where the scan goes: a case that exists (by its reference) or a new paper case. */
export const TARGETS = ['vorhanden', 'neu'] as const;
export type Target = (typeof TARGETS)[number];

export type IntakeErrorKey = Extract<MessageKey, `intake.error.${string}`>;
export type IntakeOutcomeKey = Extract<MessageKey, `intake.outcome.${string}`>;

/** The fields of the intake form a message can stand beside, in the order the form shows them. */
export const INTAKE_FIELDS = ['file', 'target', 'reference', 'service', 'name', 'email', 'address', 'title'] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];
export type IntakeErrors = Partial<Record<IntakeField, { key: IntakeErrorKey; params?: Record<string, string | number> }>>;

/** What the clerk typed, kept on a refused form. */
export interface IntakeValues {
  target?: string;
  reference?: string;
  service?: string;
  name?: string;
  email?: string;
  address?: string;
  title?: string;
  key?: string;
}

export const IntakeParams = Type.Object({ id: Type.String() });
export const StatusQuery = Type.Object({ aktualisieren: Type.Optional(Type.String({ description: '"aus" hält die automatische Aktualisierung an' })) });
/** The multipart form's fields are read from the body as it comes (attachFieldsToBody); the file is "datei". */
export const RetryBody = FormBody({});

const tags = ['intake'];

export const schemas = {
  page: { tags, summary: 'Posteingang (Scanstelle): Scans hochladen und die letzten Eingänge', response: { 200: HtmlPage('Posteingang') } },
  upload: {
    tags,
    summary:
      'Scan hochladen (multipart/form-data, Feld "datei": PDF, TIFF oder JPEG) in einen vorhandenen Vorgang (Feld "aktenzeichen") oder einen neuen Papierantrag',
    response: { 303: SeeOther, 422: HtmlPage('Posteingang, mit Fehlermeldungen') },
  },
  status: {
    tags,
    summary: 'Stand eines Eingangs: Texterkennung wartet, läuft (Seiten), fertig oder fehlgeschlagen',
    params: IntakeParams,
    querystring: StatusQuery,
    response: { 200: HtmlPage('Stand des Eingangs') },
  },
  retry: { tags, summary: 'Texterkennung eines fehlgeschlagenen Eingangs erneut starten', params: IntakeParams, body: RetryBody, response: { 303: SeeOther } },
} as const;
