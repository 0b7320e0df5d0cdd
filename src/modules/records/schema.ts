// The E-Akte's words and route schemas; the handlers' types are inferred from the same schemas.
import { FormBody, HtmlPage, SeeOther, type Static, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export const DOCUMENT_KINDS = ['antrag', 'anlage', 'bescheid', 'schreiben', 'scan', 'vermerk', 'sonstiges'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const isDocumentKind = (value: unknown): value is DocumentKind => DOCUMENT_KINDS.includes(value as DocumentKind);

export const TITLE_MAX = 300;
export const POSITION_TITLE_MAX = 200;
export const CORRESPONDENT_MAX = 300;
/** "1.3.2" or "022.30": groups of up to four digits, at most six levels. */
export const POSITION_NUMBER = /^[0-9]{1,4}(\.[0-9]{1,4}){0,5}$/;

/** What an uploaded version may be: judged by its bytes (plain text by being valid UTF-8 without control bytes). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'text/plain'];

export type RecordsErrorKey = Extract<MessageKey, `records.error.${string}`>;
export type RecordsField = 'number' | 'title' | 'position' | 'kind' | 'date' | 'correspondent' | 'file' | 'dossierTitle';
export type Errors = Partial<Record<RecordsField, RecordsErrorKey>>;
export type Outcome<T = { id: string }> = ({ ok: true } & T) | { ok: false; errors: Errors };

export type Actor = { id: string; role: string };

const Str = Type.Optional(Type.String());
const form = (what: string) => ({ 303: SeeOther, 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

export const NoticeQuery = Type.Object({ hinweis: Str });
export const ListQuery = Type.Object({ q: Str, hinweis: Str });
export const PositionParams = Type.Object({ id: Type.String() });
export const DossierParams = Type.Object({ id: Type.String() });
export const DocumentParams = Type.Object({ id: Type.String(), documentId: Type.String() });
export const VersionParams = Type.Object({ id: Type.String(), documentId: Type.String(), version: Type.String({ pattern: '^[0-9]{1,6}$' }) });

export const PositionBody = FormBody({ number: Str, title: Str });
export const RenameBody = FormBody({ title: Str });
export const DossierBody = FormBody({ title: Str, position: Str });

export type PositionInput = Static<typeof PositionBody>;
export type DossierInput = Static<typeof DossierBody>;

/** The text fields of the document upload form (the file comes as a multipart part). */
export interface DocumentFields {
  title?: string;
  kind?: string;
  date?: string;
  correspondent?: string;
  position?: string;
}

const tags = ['records'];
/** Bytes sent as they are (a Buffer is never serialized): described as binary, typed as what the handler sends. */
const Bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });
const multipartNote = 'multipart/form-data; Feld "file": PDF, TIFF, JPEG, PNG oder Text';

export const schemas = {
  list: { tags, summary: 'Akten der Kommune, Suche im Volltext der Dokumente', querystring: ListQuery, response: { 200: HtmlPage('Aktenliste') } },
  plan: { tags, summary: 'Aktenplan der Kommune', querystring: NoticeQuery, response: { 200: HtmlPage('Aktenplan') } },
  addPosition: { tags, summary: 'Aktenplanposition anlegen (Verwaltung der Kommune)', body: PositionBody, response: form('Aktenplan') },
  renamePosition: { tags, summary: 'Aktenplanposition umbenennen', params: PositionParams, body: RenameBody, response: form('Aktenplan') },
  retirePosition: {
    tags,
    summary: 'Aktenplanposition aussondern (keine neuen Akten mehr)',
    params: PositionParams,
    body: FormBody({}),
    response: form('Aktenplan'),
  },
  newDossier: { tags, summary: 'Formular für eine allgemeine Akte', response: { 200: HtmlPage('Neue Akte') } },
  createDossier: { tags, summary: 'Allgemeine Akte anlegen', body: DossierBody, response: form('Neue Akte') },
  dossier: { tags, summary: 'Eine Akte mit ihren Dokumenten', params: DossierParams, querystring: NoticeQuery, response: { 200: HtmlPage('Akte') } },
  addDocument: { tags, summary: `Dokument zur Akte hinzufügen (${multipartNote})`, params: DossierParams, response: form('Akte') },
  document: { tags, summary: 'Ein Dokument mit seinen Versionen', params: DocumentParams, querystring: NoticeQuery, response: { 200: HtmlPage('Dokument') } },
  addVersion: { tags, summary: `Neue Version eines Dokuments (${multipartNote})`, params: DocumentParams, response: form('Dokument') },
  download: {
    tags,
    summary: 'Eine Version herunterladen; der SHA-256-Wert wird vor der Auslieferung geprüft',
    params: VersionParams,
    response: { 200: { description: 'Die Datei als Anhang', content: { 'application/octet-stream': { schema: Bytes } } }, 409: HtmlPage('Datei beschädigt') },
  },
} as const;
