// Reads the OpenAPI document into what the reference page shows: operations grouped by tag, each with its
// parameters, request body and responses, and every schema as a tree of named, typed properties.

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Json> };
}

export interface SchemaView {
  /** The type as the document names it: "string", "integer", "DE | CH", a shared schema's name; "" for any value. */
  type: string;
  /** A shared schema (components.schemas) this one refers to; the page links to its description. */
  ref?: string;
  constraints: Array<{ keyword: ConstraintKeyword; value: string }>;
  description?: string;
  properties?: Array<{ name: string; required: boolean; schema: SchemaView }>;
  items?: SchemaView;
  /** Alternatives that are more than a list of values (anyOf, oneOf). */
  variants?: SchemaView[];
}

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: SchemaView;
}

export interface ContentView {
  mediaType: string;
  schema?: SchemaView;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  parameters: ParameterView[];
  requestBody?: { required: boolean; description?: string; contents: ContentView[] };
  responses: Array<{ status: string; description: string; contents: ContentView[] }>;
}

export interface ReferenceView {
  title: string;
  version: string;
  description?: string;
  groups: Array<{ tag: string; description?: string; operations: OperationView[] }>;
  schemas: Array<{ name: string; schema: SchemaView }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const REF_PREFIX = '#/components/schemas/';
const MAX_DEPTH = 8;

/** The keywords that limit a value, shown beside its type (the page words them). */
export const CONSTRAINT_KEYWORDS = ['format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'default'] as const;
export type ConstraintKeyword = (typeof CONSTRAINT_KEYWORDS)[number];

const literal = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The values of a schema that is only a list of values (enum, const, or alternatives of those). */
function valuesOf(schema: Json): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (!alternatives) return undefined;
  const all = alternatives.map(valuesOf);
  return all.every(Boolean) ? all.flat() : undefined;
}

export function schemaView(raw: unknown, depth = 0): SchemaView {
  const schema = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  const constraints = CONSTRAINT_KEYWORDS.filter((k) => k in schema).map((keyword) => ({ keyword, value: literal(schema[keyword]) }));
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : schema.$ref;
    return { type: ref, ref, constraints, description };
  }
  const values = valuesOf(schema);
  if (values) return { type: values.map(literal).join(' | '), constraints, description };
  if (depth >= MAX_DEPTH) return { type: '…', constraints, description };
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) {
    const variants = alternatives.map((a) => schemaView(a, depth + 1));
    const simple = variants.every((v) => !v.properties && !v.items && !v.variants);
    return simple
      ? { type: variants.map((v) => v.type).join(' | '), constraints, description }
      : { type: variants.map((v) => v.type).join(' | '), constraints, description, variants };
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  const view: SchemaView = { type: types.join(' | '), constraints, description };
  if (schema.properties && typeof schema.properties === 'object') {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    view.properties = Object.entries(schema.properties as Record<string, unknown>).map(([name, sub]) => ({
      name,
      required: required.has(name),
      schema: schemaView(sub, depth + 1),
    }));
    if (!types.length) view.type = 'object';
  }
  if (schema.items && typeof schema.items === 'object') {
    view.items = schemaView(schema.items, depth + 1);
    if (!types.length) view.type = 'array';
  }
  return view;
}

const contentsOf = (content: unknown): ContentView[] =>
  Object.entries((content ?? {}) as Record<string, Json>).map(([mediaType, media]) => ({
    mediaType,
    schema: media.schema === undefined ? undefined : schemaView(media.schema),
  }));

const operationId = (method: string, path: string) => `op-${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

/** The operations of the document under its tags, in the order given; untagged ones last, under `otherTag`. */
export function apiReference(doc: OpenApiDocument, tags: Array<{ name: string; description?: string }>, otherTag = 'other'): ReferenceView {
  const groups = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = op.requestBody as Json | undefined;
      const view: OperationView = {
        id: operationId(method, path),
        method: method.toUpperCase(),
        path,
        summary: op.summary as string | undefined,
        description: op.description as string | undefined,
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          description: p.description as string | undefined,
          schema: schemaView(p.schema),
        })),
        requestBody: body && { required: body.required === true, description: body.description as string | undefined, contents: contentsOf(body.content) },
        responses: Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => ({
          status,
          description: String(r.description ?? ''),
          contents: contentsOf(r.content),
        })),
      };
      const tag = (Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : otherTag) as string;
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  const known = tags.filter((t) => groups.has(t.name)).map((t) => ({ tag: t.name, description: t.description, operations: groups.get(t.name)! }));
  const rest = [...groups.keys()].filter((name) => !tags.some((t) => t.name === name)).map((tag) => ({ tag, operations: groups.get(tag)! }));
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description,
    groups: [...known, ...rest],
    schemas: Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => ({ name, schema: schemaView(schema) })),
  };
}
