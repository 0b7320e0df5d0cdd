// Route schemas of the organizations module: the public directory, the JSON API of municipalities, the portal's
// theme and logo, and the region admins' pages. The handlers' types are inferred from the same schemas.
import { FormBody, HtmlPage, ProblemResponse, SeeOther, Type } from '../../platform/http/schema.ts';

const Str = Type.Optional(Type.String());
const page = (what: string) => ({ 200: HtmlPage(what), 422: HtmlPage(`${what}, mit Fehlermeldungen`) });
const notFound = { 404: HtmlPage('Nicht gefunden (auch: eine Kommune einer anderen Region)') };
const forbidden = { 403: HtmlPage('Nur für Administratorinnen und Administratoren einer Region') };

export const MunicipalitySummary = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    officialKey: Type.String({ description: 'AGS/ARS (Deutschland) oder BFS-Gemeindenummer (Schweiz)' }),
    country: Type.Union([Type.Literal('DE'), Type.Literal('CH')]),
    region: Type.String({ description: 'Name der Region' }),
    timeZone: Type.String({ description: 'IANA-Zeitzone' }),
    currency: Type.Union([Type.Literal('EUR'), Type.Literal('CHF')]),
    portalUrl: Type.String(),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object(
  { address: Str, email: Str, phone: Str, website: Str },
  { additionalProperties: false, description: 'Kontaktdaten der Kommune; fehlende Angaben fehlen' },
);

export const MunicipalityDetail = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    officialKey: Type.String(),
    country: Type.Union([Type.Literal('DE'), Type.Literal('CH')]),
    timeZone: Type.String(),
    currency: Type.Union([Type.Literal('EUR'), Type.Literal('CHF')]),
    contact: Contact,
    logoUrl: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });

// A plain string: an address that is no slug is a page that does not exist (404), not a bad request.
export const MunicipalityParams = Type.Object({ municipality: Type.String({ description: 'Kurzname der Kommune in der Adresse, z. B. guetersloh' }) });
export const ApiSlugParams = Type.Object({ slug: Type.String({ description: 'Kurzname der Kommune, z. B. guetersloh' }) });
export const LogoQuery = Type.Object({ v: Type.Optional(Type.String({ description: 'Version (Anfang des Hashs), für langes Zwischenspeichern' })) });
export const AdminParams = Type.Object({ id: Type.String({ description: 'Id der Kommune' }) });
export const AdminQuery = Type.Object({ angelegt: Str, geaendert: Str, deaktiviert: Str, aktiviert: Str });

export const MunicipalityBody = FormBody({
  name: Str,
  slug: Str,
  officialKey: Str,
  prefix: Str,
  address: Str,
  email: Str,
  phone: Str,
  website: Str,
  timeZone: Str,
  currency: Str,
});
export const ColorsBody = FormBody({ primary: Str, text: Str });

export const schemas = {
  home: { tags: ['portal'], summary: 'Startseite der Region: Verzeichnis der Kommunen', response: { 200: HtmlPage('Verzeichnis') } },
  list: {
    tags: ['municipalities'],
    summary: 'Alle aktiven Kommunen',
    response: { 200: json('Aktive Kommunen aller Regionen', Type.Array(MunicipalitySummary)) },
  },
  detail: {
    tags: ['municipalities'],
    summary: 'Eine aktive Kommune',
    params: ApiSlugParams,
    response: { 200: json('Die Kommune', MunicipalityDetail), 404: ProblemResponse('Keine aktive Kommune mit diesem Kurznamen') },
  },
  theme: {
    tags: ['portal'],
    summary: 'Farben des Portals als CSS',
    params: MunicipalityParams,
    response: { 200: { description: 'Stylesheet', content: { 'text/css': { schema: Type.String() } } }, ...notFound },
  },
  logo: {
    tags: ['portal'],
    summary: 'Logo der Kommune (PNG, JPEG oder WebP)',
    params: MunicipalityParams,
    querystring: LogoQuery,
    response: {
      200: {
        description: 'Das Bild',
        content: { 'image/png': { schema: Type.String() }, 'image/jpeg': { schema: Type.String() }, 'image/webp': { schema: Type.String() } },
      },
      304: { description: 'Unverändert (If-None-Match)' },
      ...notFound,
    },
  },
  adminList: {
    tags: ['organizations'],
    summary: 'Kommunen der eigenen Region (Regionsadmin)',
    querystring: AdminQuery,
    response: { 200: HtmlPage('Liste der Kommunen'), 303: SeeOther, ...forbidden },
  },
  newForm: {
    tags: ['organizations'],
    summary: 'Formular: Kommune anlegen',
    response: { 200: HtmlPage('Formular'), 303: SeeOther, ...forbidden },
  },
  create: {
    tags: ['organizations'],
    summary: 'Kommune anlegen',
    body: MunicipalityBody,
    response: { 303: SeeOther, ...page('Formular'), ...forbidden },
  },
  edit: {
    tags: ['organizations'],
    summary: 'Eine Kommune: Stammdaten, Status, Farben, Logo',
    params: AdminParams,
    querystring: AdminQuery,
    response: { 200: HtmlPage('Kommune'), 303: SeeOther, ...forbidden, ...notFound },
  },
  update: {
    tags: ['organizations'],
    summary: 'Stammdaten einer Kommune ändern',
    params: AdminParams,
    body: MunicipalityBody,
    response: { 303: SeeOther, ...page('Kommune'), ...forbidden, ...notFound },
  },
  colors: {
    tags: ['organizations'],
    summary: 'Farben des Portals ändern (Kontrast nach WCAG 2.1 AA geprüft)',
    params: AdminParams,
    body: ColorsBody,
    response: { 303: SeeOther, ...page('Kommune'), ...forbidden, ...notFound },
  },
  // multipart/form-data: the body (field "logo" and the CSRF token) is read by @fastify/multipart and checked by
  // the handler, so no body schema here.
  uploadLogo: {
    tags: ['organizations'],
    summary: 'Logo hochladen (multipart/form-data, Feld "logo": PNG, JPEG oder WebP, höchstens 512 KB)',
    params: AdminParams,
    response: { 303: SeeOther, ...page('Kommune'), ...forbidden, ...notFound },
  },
  removeLogo: {
    tags: ['organizations'],
    summary: 'Logo entfernen',
    params: AdminParams,
    body: FormBody({}),
    response: { 303: SeeOther, ...forbidden, ...notFound },
  },
  deactivate: {
    tags: ['organizations'],
    summary: 'Kommune deaktivieren: Portal und Anmeldung gesperrt',
    params: AdminParams,
    body: FormBody({}),
    response: { 303: SeeOther, ...forbidden, ...notFound },
  },
  reactivate: {
    tags: ['organizations'],
    summary: 'Kommune wieder aktivieren',
    params: AdminParams,
    body: FormBody({}),
    response: { 303: SeeOther, ...forbidden, ...notFound },
  },
} as const;
