// Schema pieces every module's schema.ts builds on. Routes declare params, query, body and response with these,
// so the OpenAPI document, the validation and the TypeScript types come from one source.
import { type Static, Type } from 'typebox';

export { Type, type Static };

/** A server-rendered page (the body is HTML, described here only by its media type). */
export const HtmlPage = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } });

/** Post/redirect/get: a form that was taken sends the browser on with 303. */
export const SeeOther = { description: 'Weiter zur nächsten Seite (Location)', content: { 'text/html': { schema: Type.String() } } };

/** RFC 9457 problem+json with the stable code of the error. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    request_id: Type.Optional(Type.String()),
    invalid_params: Type.Optional(Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }))),
  },
  { $id: 'Problem', description: 'Fehler nach RFC 9457' },
);

export const ProblemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

/** Every HTML form posts its CSRF token; the other fields are the form's own. */
export const FormBody = <T extends Record<string, import('typebox').TSchema>>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(Type.String()), ...fields }, { additionalProperties: true });

/** A municipality's address segment, e.g. "guetersloh". */
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Kurzname in der Adresse' });
export const Uuid = Type.String({ format: 'uuid' });
