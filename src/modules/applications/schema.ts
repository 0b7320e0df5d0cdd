// The route schemas of applications: the citizen's form in steps, status and answer, and the back office's cases.
// The handlers' types are inferred from them. Addresses are plain strings here: a municipality, service, token or id
// that does not exist (also one of the wrong shape) is a 404 the handler answers, never a 400.
import type { TSchema } from 'typebox';
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';

const Str = Type.Optional(Type.String());
const tags = ['applications'];

/** Bytes sent as they are (a Buffer is never serialized): described as binary, typed as what the handler sends. */
const Bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });
const Pdf = (description: string) => ({ description, content: { 'application/pdf': { schema: Bytes } } });
const Download = (description: string) => ({ description, content: { 'application/octet-stream': { schema: Bytes } } });

/**
 * An upload form's body as @fastify/multipart's attachFieldsToBody leaves it: typed values as strings (lists for
 * repeated names), files as objects with their bytes. Only the fields every upload form has are described; the
 * handler's domain function reads the rest by the form's definition, so no field of a form is refused here.
 */
const MultipartBody = (fields: Record<string, TSchema>) => ({
  content: { 'multipart/form-data': { schema: Type.Object({ _csrf: Str, ...fields }, { additionalProperties: true }) } },
});

const PortalParams = Type.Object({ municipality: Type.String(), service: Type.String() });
const ResumeParams = Type.Object({ municipality: Type.String(), service: Type.String(), token: Type.String() });
const StepParams = Type.Object({ municipality: Type.String(), service: Type.String(), step: Type.String() });
const StatusParams = Type.Object({ municipality: Type.String(), token: Type.String() });
const CaseParams = Type.Object({ id: Type.String() });
const CaseFileParams = Type.Object({ id: Type.String(), fileId: Type.String() });

const StepQuery = Type.Object({ von: Str });
const StatusQuery = Type.Object({ eingegangen: Str, beantwortet: Str });
const InboxQuery = Type.Object({
  bereich: Str,
  status: Str,
  zustand: Str,
  leistung: Str,
  bearbeitung: Str,
  frist: Str,
  q: Str,
  sort: Str,
  dir: Str,
  seite: Str,
  hinweis: Str,
  anzahl: Str,
  an: Str,
});
/** One checkbox sends a string, several a list. */
const Ids = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
const ViewParams = Type.Object({ id: Type.String() });
const CaseQuery = Type.Object({ hinweis: Str, schritt: Str });

/** Every save on the case page names the transition its form is for and the case's lock version its page showed. */
const QuestionBody = FormBody({ question: Str, transition: Str, lock: Str });
/** The decision form (no outcome preselected) and, on the preview, the confirmation with its token. */
const DecisionBody = FormBody({
  outcome: Str,
  reason: Str,
  day: Str,
  month: Str,
  year: Str,
  confirm: Str,
  token: Str,
  change: Str,
  transition: Str,
  lock: Str,
});

export const schemas = {
  start: {
    tags,
    summary: 'Antrag beginnen oder fortsetzen: weiter zum nächsten offenen Schritt (neu=1: nach dem Absenden einen neuen beginnen)',
    params: PortalParams,
    querystring: Type.Object({ neu: Str }),
    response: { 303: SeeOther },
  },
  check: {
    tags,
    summary: 'Angaben prüfen',
    params: PortalParams,
    response: { 200: HtmlPage('Prüfseite, oder der Hinweis, dass der Antrag schon abgeschickt ist'), 303: SeeOther },
  },
  saved: {
    tags,
    summary: 'Gespeichert: der geheime Link zum Fortsetzen',
    params: PortalParams,
    querystring: Type.Object({ gesendet: Str }),
    response: { 200: HtmlPage('Link zum Fortsetzen'), 303: SeeOther },
  },
  mailResumeLink: {
    tags,
    summary: 'Den Link zum Fortsetzen per E-Mail senden (die Adresse wird nur für den Versand verwendet)',
    params: PortalParams,
    body: FormBody({ email: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Link zum Fortsetzen mit Fehler') },
  },
  resumePage: {
    tags,
    summary: 'Fortsetzen über den geheimen Link (ändert nichts)',
    params: ResumeParams,
    response: { 200: HtmlPage('Frage: hier fortsetzen?'), 404: HtmlPage('Link abgelaufen') },
  },
  resume: {
    tags,
    summary: 'Entwurf in diesem Browser fortsetzen',
    params: ResumeParams,
    body: FormBody({}),
    response: { 303: SeeOther, 404: HtmlPage('Link abgelaufen') },
  },
  step: {
    tags,
    summary: 'Ein Schritt des Formulars',
    params: StepParams,
    querystring: StepQuery,
    response: { 200: HtmlPage('Formularschritt, oder der Hinweis, dass der Antrag schon abgeschickt ist'), 303: SeeOther },
  },
  saveStep: {
    tags,
    summary: 'Einen Schritt speichern (mit Hochladen von Dateien)',
    params: StepParams,
    querystring: StepQuery,
    body: MultipartBody({ _aktion: Str, _sprache: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Formularschritt mit Fehlern') },
  },
  submit: {
    tags,
    summary: 'Antrag verbindlich absenden',
    params: PortalParams,
    body: FormBody({}),
    response: { 303: SeeOther, 422: HtmlPage('Prüfseite mit Fehlern') },
  },
  status: {
    tags,
    summary: 'Stand des Antrags (über den geheimen Link)',
    params: StatusParams,
    querystring: StatusQuery,
    response: { 200: HtmlPage('Stand des Antrags') },
  },
  receipt: { tags, summary: 'Eingangsbestätigung als PDF', params: StatusParams, response: { 200: Pdf('Eingangsbestätigung') } },
  decision: { tags, summary: 'Bescheid als PDF', params: StatusParams, response: { 200: Pdf('Bescheid') } },
  answer: {
    tags,
    summary: 'Rückfrage des Amts beantworten (mit Dateien)',
    params: StatusParams,
    body: MultipartBody({ answer: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Stand des Antrags mit Fehler') },
  },
  inbox: {
    tags,
    summary: 'Posteingang der Sachbearbeitung',
    querystring: InboxQuery,
    response: { 200: HtmlPage('Posteingang oder Wahl der Kommune'), 303: SeeOther },
  },
  inboxAssign: {
    tags,
    summary: 'Ausgewählte Vorgänge zuweisen (aktion=zuweisen mit assignee) oder selbst übernehmen (aktion=uebernehmen)',
    body: FormBody({ ids: Ids, assignee: Str, aktion: Str, ansicht: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Posteingang mit Fehlern, die Auswahl behalten') },
  },
  inboxSaveView: {
    tags,
    summary: 'Die geltenden Filter des Posteingangs als benannte Ansicht speichern',
    body: FormBody({ name: Str, ansicht: Str }),
    response: { 303: SeeOther, 422: HtmlPage('Posteingang mit Fehler beim Namen') },
  },
  inboxDeleteView: {
    tags,
    summary: 'Eine gespeicherte Ansicht löschen',
    params: ViewParams,
    body: FormBody({}),
    response: { 303: SeeOther, 404: HtmlPage('Ansicht nicht gefunden') },
  },
  case: { tags, summary: 'Ein Vorgang', params: CaseParams, querystring: CaseQuery, response: { 200: HtmlPage('Vorgang'), 303: SeeOther } },
  caseFile: {
    tags,
    summary: 'Eine Datei des Vorgangs (als Anhang)',
    params: CaseFileParams,
    response: { 200: Download('Datei'), 303: SeeOther },
  },
  caseDecision: { tags, summary: 'Bescheid des Vorgangs als PDF', params: CaseParams, response: { 200: Pdf('Bescheid'), 303: SeeOther } },
  assign: {
    tags,
    summary: 'Vorgang selbst übernehmen',
    params: CaseParams,
    querystring: CaseQuery,
    body: FormBody({ lock: Str }),
    response: { 303: SeeOther, 409: HtmlPage('Vorgang mit Fehler') },
  },
  caseStep: {
    tags,
    summary: 'Einen Schritt des Ablaufs ausführen (transition, lock und die Felder des Schritts)',
    params: CaseParams,
    querystring: CaseQuery,
    body: FormBody({ transition: Str, lock: Str }),
    response: {
      303: SeeOther,
      409: HtmlPage('Vorgang inzwischen geändert: der aktuelle Stand, die Eingaben erhalten'),
      422: HtmlPage('Vorgang mit Fehlern: Schritt nicht erlaubt oder Felder ungültig'),
    },
  },
  ask: {
    tags,
    summary: 'Rückfrage an die Antragstellenden',
    params: CaseParams,
    querystring: CaseQuery,
    body: QuestionBody,
    response: { 303: SeeOther, 409: HtmlPage('Vorgang inzwischen geändert'), 422: HtmlPage('Vorgang mit Fehler') },
  },
  decisionPreview: {
    tags,
    summary: 'Entscheidung vorbereiten: Vorschau des Bescheids zur Bestätigung (entscheidet noch nicht)',
    params: CaseParams,
    querystring: CaseQuery,
    body: DecisionBody,
    response: { 200: HtmlPage('Vorschau des Bescheids'), 409: HtmlPage('Vorgang inzwischen geändert'), 422: HtmlPage('Vorgang mit Fehler') },
  },
  decide: {
    tags,
    summary: 'Bescheid verbindlich erlassen: nur mit der bestätigten Vorschau (Token und Bestätigung)',
    params: CaseParams,
    querystring: CaseQuery,
    body: DecisionBody,
    response: {
      200: HtmlPage('Vorgang zum Ändern der Entscheidung'),
      303: SeeOther,
      409: HtmlPage('Vorgang inzwischen geändert'),
      422: HtmlPage('Vorschau oder Vorgang mit Fehler'),
    },
  },
} as const;
