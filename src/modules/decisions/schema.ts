// Route schemas of the remedy settings; the handlers' types are inferred from them.
import { FormBody, HtmlPage, SeeOther, Type } from '../../platform/http/schema.ts';

const Str = Type.Optional(Type.String());
const tags = ['decisions'];
const form = (what: string) => ({ 303: SeeOther, 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

/** 'kommune' for the municipality, or a service's id. */
export const ScopeParams = Type.Object({ scope: Type.String({ description: 'kommune oder die ID einer Leistung' }) });
export const NoticeQuery = Type.Object({ hinweis: Str });
export const RemedyBody = FormBody({ kind: Str, authority: Str, address: Str, deadline: Str });

export const schemas = {
  settings: {
    tags,
    summary: 'Rechtsbehelfsbelehrung der Kommune und Abweichungen je Leistung',
    querystring: NoticeQuery,
    response: { 200: HtmlPage('Übersicht der Rechtsbehelfe') },
  },
  edit: {
    tags,
    summary: 'Rechtsbehelf für die Kommune oder eine Leistung bearbeiten',
    params: ScopeParams,
    response: { 200: HtmlPage('Formular Rechtsbehelf'), 404: HtmlPage('Leistung nicht gefunden') },
  },
  save: {
    tags,
    summary: 'Rechtsbehelf speichern',
    params: ScopeParams,
    body: RemedyBody,
    response: { ...form('Formular Rechtsbehelf'), 404: HtmlPage('Leistung nicht gefunden') },
  },
  reset: {
    tags,
    summary: 'Abweichung einer Leistung entfernen',
    params: ScopeParams,
    body: FormBody({}),
    response: { 303: SeeOther, 404: HtmlPage('Leistung nicht gefunden') },
  },
};
