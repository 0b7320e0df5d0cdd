// The retention module's words and route schemas: rules (start event plus period), legal holds, the deletion protocol.
import { FormBody, HtmlPage, SeeOther, type Static, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export const START_EVENTS = ['submitted', 'decided', 'closed'] as const;
export type StartEvent = (typeof START_EVENTS)[number];

/** The E-Akte's document types; a rule for one of them can keep a case longer than its own rule does. */
export const DOCUMENT_TYPES = ['antrag', 'anlage', 'bescheid', 'schreiben', 'scan', 'vermerk', 'sonstiges'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** What a deletion run counts, one protocol row each. */
export const DATA_CLASSES = ['applications', 'messages', 'documents', 'files', 'search_entries'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const MAX_YEARS = 100;
export const REASON_MAX = 500;

export interface RulePeriod {
  startEvent: StartEvent;
  years: number;
  months: number;
}

export interface Rule extends RulePeriod {
  id: string;
  serviceId: string | null;
  documentType: DocumentType | null;
  offerToArchive: boolean;
}

export type RetentionErrorKey = Extract<MessageKey, `retention.error.${string}`>;
export type RuleField = 'service' | 'documentType' | 'startEvent' | 'years' | 'months';
export type HoldField = 'reference' | 'reason';
export type RuleErrors = Partial<Record<RuleField, RetentionErrorKey>>;
export type HoldErrors = Partial<Record<HoldField, RetentionErrorKey>>;

const Str = Type.Optional(Type.String());
const tags = ['retention'];

export const NoticeQuery = Type.Object({ hinweis: Str });
export const RuleBody = FormBody({ service: Str, documentType: Str, startEvent: Str, years: Str, months: Str, offer: Str });
export const RuleParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const HoldBody = FormBody({ reference: Str, reason: Str });
export const LiftBody = FormBody({ reason: Str });
export const HoldParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export type RuleInput = Static<typeof RuleBody>;
export type HoldInput = Static<typeof HoldBody>;

const form = (what: string) => ({ 303: SeeOther, 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

export const schemas = {
  rules: { tags, summary: 'Aufbewahrungsregeln der Kommune', querystring: NoticeQuery, response: { 200: HtmlPage('Aufbewahrungsregeln') } },
  saveRule: {
    tags,
    summary: 'Aufbewahrungsregel anlegen oder ändern (je Leistung und Dokumenttyp eine)',
    body: RuleBody,
    response: form('Aufbewahrungsregeln'),
  },
  deleteRule: { tags, summary: 'Aufbewahrungsregel löschen', params: RuleParams, body: FormBody({}), response: { 303: SeeOther } },
  protocol: { tags, summary: 'Löschprotokoll: wann welche Art von Daten in welcher Zahl gelöscht wurde', response: { 200: HtmlPage('Löschprotokoll') } },
  holds: { tags, summary: 'Aufbewahrungssperren (Legal Hold) der Kommune', querystring: NoticeQuery, response: { 200: HtmlPage('Sperren') } },
  setHold: { tags, summary: 'Vorgang sperren: wird nicht gelöscht, solange die Sperre besteht', body: HoldBody, response: form('Sperren') },
  liftHold: { tags, summary: 'Sperre eines Vorgangs aufheben', params: HoldParams, body: LiftBody, response: form('Sperren') },
} as const;
