// Checks a JSON answer against the OpenAPI document the app itself serves: the response schema of the
// operation, status and media type the answer has. A body that disagrees with its schema fails the test.
//
//   const res = await t.app.inject('/api/v1/municipalities/guetersloh');
//   const body = await expectMatchesOpenApi(t.app, res);
//
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Json = Record<string, unknown>;
interface Known {
  doc: { paths: Record<string, Record<string, Json>> };
  ajv: InstanceType<typeof Ajv2020>;
  validators: Map<string, ValidateFunction>;
}

const DOC_ID = 'openapi.json';
const known = new WeakMap<FastifyInstance, Promise<Known>>();

async function load(app: FastifyInstance): Promise<Known> {
  const res = await app.inject('/api/openapi.json');
  if (res.statusCode !== 200) throw new Error(`/api/openapi.json answered ${res.statusCode}`);
  const doc = res.json() as Known['doc'];
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; the document is added whole, so #/components/... resolves.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(doc as never, DOC_ID);
  return { doc, ajv, validators: new Map() };
}

export const openApiOf = (app: FastifyInstance) => {
  let found = known.get(app);
  if (!found) {
    found = load(app);
    known.set(app, found);
  }
  return found;
};

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The path template of the document that the URL falls under; the one with fewest parameters wins. */
export function pathTemplateFor(paths: string[], url: string): string | undefined {
  const path = url.split('?')[0]!;
  const matching = paths.filter((template) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`).test(path));
  return matching.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

export interface AnsweredRequest {
  method: string;
  url: string;
}

/**
 * Fails unless the document describes this operation and status, and (for JSON media types) the body is valid
 * against the response schema. Returns the parsed body. The request is read from the inject() response.
 */
export async function expectMatchesOpenApi(app: FastifyInstance, res: LightMyRequestResponse, request?: AnsweredRequest): Promise<unknown> {
  const { doc, ajv, validators } = await openApiOf(app);
  const req = request ?? (res.raw.req as unknown as AnsweredRequest);
  const method = req.method.toLowerCase();
  const label = `${req.method} ${req.url} → ${res.statusCode}`;
  const template = pathTemplateFor(Object.keys(doc.paths), req.url);
  const operation = template ? doc.paths[template]![method] : undefined;
  if (!template || !operation) throw new Error(`${label}: the OpenAPI document describes no such operation`);
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  const status = String(res.statusCode);
  const key = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
  if (!key) throw new Error(`${label}: status ${status} is not among the documented responses (${Object.keys(responses).join(', ')})`);
  const content = responses[key]!.content as Record<string, Json> | undefined;
  const mediaType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (!content) {
    if (res.body !== '') throw new Error(`${label}: the document describes no content, the answer has ${mediaType || 'a body'}`);
    return undefined;
  }
  if (!(mediaType in content)) throw new Error(`${label}: media type ${mediaType} is not documented (${Object.keys(content).join(', ')})`);
  if (!/[/+]json$/.test(mediaType)) return res.body;
  const ref = `${DOC_ID}#/${pointer('paths', template, method, 'responses', key, 'content', mediaType, 'schema')}`;
  const validate = validators.get(ref) ?? ajv.compile({ $ref: ref });
  validators.set(ref, validate);
  const body = res.json();
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    throw new Error(`${label}: the body does not match its schema in the OpenAPI document:\n  ${errors.join('\n  ')}`);
  }
  return body;
}
