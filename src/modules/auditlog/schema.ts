// The audit log viewer's words and route schema; the handler's types are inferred from the same schema.
import { HtmlPage, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

/** Entries on one page of the log. */
export const PAGE_SIZE = 50;
/** The longest text a filter field takes. */
export const MAX_FILTER_LENGTH = 200;

const Str = Type.Optional(Type.String());

export const LogQuery = Type.Object({
  objekttyp: Type.Optional(Type.String({ description: 'Art des Objekts, z. B. staff_user' })),
  objekt: Type.Optional(Type.String({ description: 'Kennung des Objekts' })),
  person: Type.Optional(Type.String({ description: 'Wer handelte, z. B. staff:<id> oder system' })),
  von: Type.Optional(Type.String({ description: 'Erster Tag (TT.MM.JJJJ oder JJJJ-MM-TT), in der Zeitzone der Kommune' })),
  bis: Type.Optional(Type.String({ description: 'Letzter Tag, eingeschlossen' })),
  seite: Str,
});

/** What the filter form holds, as typed. */
export interface FilterValues {
  objekttyp?: string;
  objekt?: string;
  person?: string;
  von?: string;
  bis?: string;
}
export type FilterField = keyof FilterValues;
export type FilterErrorKey = Extract<MessageKey, `auditlog.error.${string}`>;
export type FilterErrors = Partial<Record<FilterField, FilterErrorKey>>;

export const schemas = {
  log: {
    tags: ['auditlog'],
    summary: 'Protokoll der eigenen Organisation, gefiltert und in Seiten, mit Prüfung der Hash-Kette',
    querystring: LogQuery,
    response: { 200: HtmlPage('Protokoll'), 422: HtmlPage('Protokoll mit Fehlern in den Filtern') },
  },
} as const;
