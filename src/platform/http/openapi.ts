// The OpenAPI 3.1 description of the JSON API, generated from the route schemas by @fastify/swagger.
// Registered before the modules' routes: the plugin learns each route as it is added.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { Problem } from './schema.ts';

export const OPENAPI_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/**
 * What the document describes: the machine interfaces integrators call (the JSON API, Open311, health and
 * metrics). Pages for people are left out; their schemas still validate their input and set their types.
 */
export const isApiRoute = (url: string) => url.startsWith('/api/v') || url.startsWith('/open311/') || url === '/health' || url === '/metrics';

/** The tags the document groups operations by, in this order; a route's first tag places it. */
export const API_TAGS = [
  { name: 'municipalities', description: 'Kommunen der Region' },
  { name: 'services', description: 'Leistungen einer Kommune und ihre Suche' },
  { name: 'calculators', description: 'Gebührenrechner' },
  { name: 'open311', description: 'Mängelmeldungen nach Open311 GeoReport v2' },
  { name: 'system', description: 'Betrieb: Zustand der Installation' },
  { name: 'operations', description: 'Betrieb: Kennzahlen für Prometheus' },
];

/** Schemas with an $id that route schemas share; each is described once under components.schemas. */
const SHARED_SCHEMAS: Array<{ $id: string }> = [Problem as typeof Problem & { $id: string }];

export async function openApi(app: FastifyInstance) {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rathaus API',
        version: '1',
        description:
          'Schnittstellen von Rathaus für Fachverfahren, andere Portale und Datennutzende. Fehler kommen als application/problem+json (RFC 9457) mit einem stabilen code.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      tags: API_TAGS,
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transform: ({ schema, url }) => ({
      schema: { ...schema, hide: (schema as { hide?: boolean } | undefined)?.hide || !isApiRoute(url) } as typeof schema,
      url,
    }),
    // The swagger variant of the argument never comes: this document is OpenAPI only.
    transformObject: (documents) => referToShared((documents as unknown as { openapiObject: Document }).openapiObject) as never,
  });
}

type Document = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/** A stable text of a schema: its keys sorted, its $id left out (the plugin drops it from copies). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => k !== '$id');
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Route schemas embed shared schemas whole; the document names each once and refers to it elsewhere. */
function referToShared(doc: Document): Document {
  const shared = new Map<string, string>();
  for (const { $id } of SHARED_SCHEMAS) {
    const described = doc.components?.schemas?.[$id];
    if (described) shared.set(canonical(described), $id);
  }
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const name = shared.get(canonical(node));
    if (name) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, walk(v)]));
  };
  return { ...doc, paths: walk(doc.paths) as Document['paths'] };
}
// Not encapsulated: the plugin must see the routes of every module, registered beside it.
(openApi as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
