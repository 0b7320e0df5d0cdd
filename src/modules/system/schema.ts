// The system module's route schemas: health for load balancers and monitoring, the API description and its reference page.
import { HtmlPage, Type } from '../../platform/http/schema.ts';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')], {
      description: 'ok, sobald die Datenbank antwortet und alle Migrationen eingespielt sind',
    }),
    reason: Type.Optional(Type.String({ description: 'Warum nicht bereit, z. B. "migrations pending" oder "database unreachable"' })),
  },
  { additionalProperties: false },
);

export const schemas = {
  health: {
    tags: ['system'],
    summary: 'Zustand der Installation (für Load Balancer und Überwachung)',
    response: {
      200: { description: 'Bereit', content: { 'application/json': { schema: Health } } },
      503: { description: 'Nicht bereit: Datenbank nicht erreichbar oder Migrationen ausstehend', content: { 'application/json': { schema: Health } } },
    },
  },
  openapi: {
    tags: ['system'],
    summary: 'Diese Beschreibung der Schnittstellen (OpenAPI 3.1)',
    response: { 200: { description: 'OpenAPI-Dokument', content: { 'application/json': { schema: Type.Object({}, { additionalProperties: true }) } } } },
  },
  docs: { tags: ['system'], summary: 'Referenz der Schnittstellen zum Lesen', response: { 200: HtmlPage('Referenz der Schnittstellen') } },
} as const;
