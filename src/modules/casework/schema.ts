// The casework module's words and route schemas; the handlers' types are inferred from the same schemas.
// Ids in addresses are plain strings: one that does not exist (also one of the wrong shape) is a 404 the handler answers.
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export type CaseworkErrorKey = Extract<MessageKey, `casework.error.${string}`>;

export type NoteErrors = Partial<Record<'note', CaseworkErrorKey>>;
export type TaskErrors = Partial<Record<'title' | 'assignee' | 'due', CaseworkErrorKey>>;
export type HandoverErrors = Partial<Record<'target' | 'note', CaseworkErrorKey>>;
export interface TaskInput {
  title?: string;
  assignee?: string;
  due?: string;
}
export interface HandoverInput {
  target?: string;
  note?: string;
}

const Str = Type.Optional(Type.String());
const tags = ['casework'];
const CaseParams = Type.Object({ id: Type.String() });
const TaskParams = Type.Object({ id: Type.String(), taskId: Type.String() });
const form = (what: string) => ({ 303: SeeOther, 404: HtmlPage('Vorgang nicht gefunden'), 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

export const schemas = {
  noteForm: { tags, summary: 'Interne Notiz zum Vorgang schreiben', params: CaseParams, response: { 200: HtmlPage('Formular Notiz'), 303: SeeOther } },
  addNote: {
    tags,
    summary: 'Interne Notiz speichern (nie für die Antragstellenden sichtbar)',
    params: CaseParams,
    body: FormBody({ note: Str }),
    response: form('Formular Notiz'),
  },
  taskForm: { tags, summary: 'Interne Aufgabe zum Vorgang anlegen', params: CaseParams, response: { 200: HtmlPage('Formular Aufgabe'), 303: SeeOther } },
  addTask: {
    tags,
    summary: 'Interne Aufgabe speichern: Titel, zuständige Person der Kommune, Fälligkeit',
    params: CaseParams,
    body: FormBody({ title: Str, assignee: Str, due: Str }),
    response: form('Formular Aufgabe'),
  },
  setTask: {
    tags,
    summary: 'Aufgabe erledigen (erledigt=1) oder wieder öffnen (erledigt=0)',
    params: TaskParams,
    body: FormBody({ erledigt: Str, zurueck: Str }),
    response: { 303: SeeOther, 404: HtmlPage('Aufgabe nicht gefunden') },
  },
  handoverForm: { tags, summary: 'Vorgang abgeben: Ziel wählen', params: CaseParams, response: { 200: HtmlPage('Formular Abgabe'), 303: SeeOther } },
  handover: {
    tags,
    summary: 'Vorgang an eine andere Kommune der Region oder an die Region abgeben, mit Vermerk',
    params: CaseParams,
    body: FormBody({ target: Str, note: Str }),
    response: form('Formular Abgabe'),
  },
  myTasks: { tags, summary: 'Meine Aufgaben (überfällige markiert)', response: { 200: HtmlPage('Meine Aufgaben'), 303: SeeOther } },
  overview: {
    tags,
    summary: 'Übersicht für die Leitung: Eingänge, offene und überfällige Vorgänge je Team und Leistung',
    response: { 200: HtmlPage('Übersicht'), 303: SeeOther },
  },
  templateForm: {
    tags,
    summary: 'Vorlage des Bescheids der Kommune bearbeiten',
    querystring: Type.Object({ hinweis: Str }),
    response: { 200: HtmlPage('Formular Bescheidvorlage'), 303: SeeOther },
  },
  saveTemplate: {
    tags,
    summary: 'Vorlage des Bescheids speichern (Platzhalter werden geprüft)',
    body: FormBody({ body: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Formular Bescheidvorlage, mit Fehlermeldungen') },
  },
} as const;
