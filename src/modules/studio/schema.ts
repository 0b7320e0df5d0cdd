// The route schemas of the studio: templates (region), the municipality's services, the import and the form editor.
// The handlers' types are inferred from them. Ids are plain strings here: one of the wrong shape is a 404 the handler
// answers, as for an id that does not exist. Content and field forms post many controls (some repeated, as lists):
// only the controls a handler reads by name are described; the domain functions read the rest.
import type { TSchema } from 'typebox';
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';

const Str = Type.Optional(Type.String());
const tags = ['studio'];
const page = (what: string) => ({ 200: HtmlPage(what) });
const change = (what: string) => ({ 303: SeeOther, 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

/** An upload form's body as @fastify/multipart's attachFieldsToBody leaves it: values as strings, files as objects. */
const MultipartBody = (fields: Record<string, TSchema>) => ({
  content: { 'multipart/form-data': { schema: Type.Object({ _csrf: Str, ...fields }, { additionalProperties: true }) } },
});

const IdParams = Type.Object({ id: Type.String() });
const StepParams = Type.Object({ id: Type.String(), stepId: Type.String() });
const FieldParams = Type.Object({ id: Type.String(), stepId: Type.String(), fieldId: Type.String() });

export const NoticeQuery = Type.Object({ hinweis: Str });
const ChangesQuery = Type.Object({ von: Str, bis: Str });
const SavedQuery = Type.Object({ gespeichert: Str, neu: Str });

const NewBody = FormBody({ title: Str, slug: Str });
const AdoptBody = FormBody({ template: Str, adoptSlug: Str });
const NewStepBody = FormBody({ title_de: Str });
const StepBody = FormBody({
  title_de: Str,
  title_en: Str,
  showIf: Str,
  showIf_vorher: Str,
  showIf_modus: Str,
  showIf_feld: Str,
  showIf_op: Str,
  showIf_wert: Str,
});
const MoveBody = FormBody({ richtung: Str });
const NewFieldBody = FormBody({ typ: Str, nach: Str, gruppe: Str });

export const schemas = {
  home: { tags, summary: 'Studio: Startseite', response: page('Startseite des Studios') },

  templates: { tags, summary: 'Vorlagen der Region', response: page('Vorlagenliste') },
  createTemplate: { tags, summary: 'Vorlage anlegen', body: NewBody, response: change('Vorlagenliste') },
  importForm: { tags, summary: 'Formular aus FIM XDatenfelder importieren', response: page('Importformular') },
  importTemplate: {
    tags,
    summary: 'XDatenfelder-Datei als neue Vorlage importieren',
    body: MultipartBody({ slug: Str }),
    response: { 200: HtmlPage('Bericht über den Import'), 422: HtmlPage('Importformular mit Fehler') },
  },
  template: { tags, summary: 'Eine Vorlage: Inhalt', params: IdParams, querystring: NoticeQuery, response: page('Inhalt der Vorlage') },
  saveTemplate: { tags, summary: 'Entwurf der Vorlage speichern', params: IdParams, body: FormBody({}), response: change('Inhalt der Vorlage') },
  publishTemplate: { tags, summary: 'Vorlage veröffentlichen', params: IdParams, body: FormBody({}), response: change('Inhalt der Vorlage') },
  previewTemplate: { tags, summary: 'Vorschau der Vorlage', params: IdParams, response: page('Vorschau') },
  templateChanges: { tags, summary: 'Änderungen zwischen zwei Versionen', params: IdParams, querystring: ChangesQuery, response: page('Änderungen') },

  services: { tags, summary: 'Leistungen der Kommune', querystring: NoticeQuery, response: page('Leistungsliste') },
  adopt: { tags, summary: 'Vorlage übernehmen', body: AdoptBody, response: change('Leistungsliste') },
  createOwn: { tags, summary: 'Eigene Leistung anlegen', body: NewBody, response: change('Leistungsliste') },
  local: { tags, summary: 'Örtliche Angaben einer Leistung', params: IdParams, querystring: NoticeQuery, response: page('Örtliche Angaben') },
  saveLocal: { tags, summary: 'Örtliche Angaben speichern', params: IdParams, body: FormBody({}), response: change('Örtliche Angaben') },
  previewOwn: { tags, summary: 'Vorschau der eigenen Leistung', params: IdParams, response: page('Vorschau') },
  ownContent: { tags, summary: 'Inhalt der eigenen Leistung', params: IdParams, querystring: NoticeQuery, response: page('Inhalt') },
  saveOwnContent: { tags, summary: 'Inhalt der eigenen Leistung speichern', params: IdParams, body: FormBody({}), response: change('Inhalt') },
  publishOwn: { tags, summary: 'Eigene Leistung veröffentlichen', params: IdParams, body: FormBody({}), response: change('Inhalt') },
  update: { tags, summary: 'Neue Version der Vorlage: Änderungen', params: IdParams, response: page('Änderungen') },
  acceptUpdate: { tags, summary: 'Neue Version der Vorlage übernehmen', params: IdParams, body: FormBody({}), response: change('Leistungsliste') },

  editor: { tags, summary: 'Formulareditor: Übersicht', params: IdParams, querystring: SavedQuery, response: page('Übersicht des Formulars') },
  addStep: { tags, summary: 'Schritt hinzufügen', params: IdParams, body: NewStepBody, response: change('Übersicht des Formulars') },
  moveStep: { tags, summary: 'Schritt verschieben', params: StepParams, body: MoveBody, response: change('Übersicht des Formulars') },
  stepForm: { tags, summary: 'Schritt bearbeiten', params: StepParams, response: page('Schritt') },
  saveStep: { tags, summary: 'Schritt speichern', params: StepParams, body: StepBody, response: change('Schritt') },
  confirmRemoveStep: { tags, summary: 'Schritt löschen: Rückfrage', params: StepParams, response: page('Rückfrage') },
  removeStep: { tags, summary: 'Schritt löschen', params: StepParams, body: FormBody({}), response: change('Rückfrage') },
  previewStep: { tags, summary: 'Vorschau eines Schritts', params: StepParams, response: page('Vorschau') },
  addField: { tags, summary: 'Feld hinzufügen', params: StepParams, body: NewFieldBody, response: change('Übersicht des Formulars') },
  moveField: { tags, summary: 'Feld verschieben', params: FieldParams, body: MoveBody, response: change('Übersicht des Formulars') },
  fieldForm: { tags, summary: 'Feld bearbeiten', params: FieldParams, querystring: SavedQuery, response: page('Feld') },
  saveField: {
    tags,
    summary: 'Feld speichern (oder ein eben hinzugefügtes Feld verwerfen)',
    params: FieldParams,
    body: FormBody({ neu: Str, verwerfen: Str, zeilen: Str }),
    response: change('Feld'),
  },
  confirmRemoveField: { tags, summary: 'Feld löschen: Rückfrage', params: FieldParams, response: page('Rückfrage') },
  removeField: { tags, summary: 'Feld löschen', params: FieldParams, body: FormBody({}), response: change('Rückfrage') },
} as const;
