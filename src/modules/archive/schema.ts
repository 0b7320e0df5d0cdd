// Route schemas of the archive transfer.
import { FormBody, HtmlPage, Type } from '../../platform/http/schema.ts';

const tags = ['archive'];
export const NoticeQuery = Type.Object({
  hinweis: Type.Optional(Type.String()),
  a: Type.Optional(Type.String()),
  v: Type.Optional(Type.String()),
  b: Type.Optional(Type.String()),
});

export const schemas = {
  page: { tags, summary: 'Aussonderung: anzubietende und zu übergebende Vorgänge', querystring: NoticeQuery, response: { 200: HtmlPage('Aussonderung') } },
  export: {
    tags,
    summary: 'xdomea-Paket (ZIP mit 0501 und 0503) herunterladen; Angebot und Übergabe werden vermerkt',
    body: FormBody({}),
    response: {
      200: { description: 'ZIP-Datei', content: { 'application/zip': { schema: Type.Any() } } },
      422: HtmlPage('Aussonderung, nichts fällig'),
    },
  },
  // multipart/form-data (field "datei" and the CSRF token): read by @fastify/multipart, checked by the handler.
  import: { tags, summary: 'Bewertungsverzeichnis (xdomea 0502) einlesen', response: { 303: HtmlPage('Weiter'), 422: HtmlPage('Aussonderung mit Fehler') } },
} as const;
