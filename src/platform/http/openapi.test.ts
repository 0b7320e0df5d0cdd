import { Validator } from '@seriousme/openapi-schema-validator';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { expectMatchesOpenApi, pathTemplateFor } from '../../testing/openapi.ts';

let t: TestApp;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; tags?: string[] }>>;
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  doc = res.json();
});
afterAll(() => t?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every $ref anywhere in the document, with where it stands. */
function refsOf(node: unknown, at = '#', found: Array<{ at: string; ref: string }> = []) {
  if (Array.isArray(node)) node.forEach((n, i) => refsOf(n, `${at}/${i}`, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push({ at, ref: v });
      else refsOf(v, `${at}/${k}`, found);
    }
  }
  return found;
}

const resolve = (ref: string) =>
  ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by the specification schema', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation at least one response with a description', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => m in item).map((m) => ({ path, m, op: item[m]! })));
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const { path, m, op } of operations) {
      const responses = Object.entries(op.responses ?? {});
      expect(responses.length, `${m} ${path}`).toBeGreaterThan(0);
      for (const [status, r] of responses) expect((r as { description?: string }).description, `${m} ${path} ${status}`).toBeTruthy();
    }
  });

  it('resolves every $ref inside the document, and describes problem+json once', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const { at, ref } of refs) {
      expect(ref.startsWith('#/'), `${at}: ${ref}`).toBe(true);
      expect(resolve(ref), `${at}: ${ref}`).toBeTruthy();
    }
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status', 'code']) });
    expect(JSON.stringify(doc.paths)).not.toContain('"Fehler nach RFC 9457"');
  });

  it('describes the JSON API for integrators and leaves the pages for people out', () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/health', '/metrics', '/api/v1/municipalities/{slug}/services']));
    for (const path of paths) expect(path, path).toMatch(/^\/(api\/v\d+\/|open311\/|health$|metrics$)/);
    expect(paths).not.toContain('/verwaltung/anmelden');
    expect(paths).not.toContain('/{municipality}/');
  });

  it('describes parameters with their constraints, as the routes validate them', () => {
    const search = doc.paths['/api/v1/municipalities/{slug}/services']!.get as unknown as {
      parameters: Array<{ name: string; in: string; schema: { maxLength?: number } }>;
    };
    const q = search.parameters.find((p) => p.name === 'q')!;
    expect(q.in).toBe('query');
    expect(q.schema.maxLength).toBe(200);
    expect(search.parameters.find((p) => p.name === 'slug')).toMatchObject({ in: 'path', required: true });
  });
});

describe('the response check for tests', () => {
  const answer = (statusCode: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
    ({ statusCode, headers: { 'content-type': contentType }, body: JSON.stringify(body), json: () => body }) as unknown as LightMyRequestResponse;
  const get = (url: string) => ({ method: 'GET', url });

  it('finds the path template of a URL, a fixed one before one with parameters', () => {
    const paths = ['/api/v1/municipalities', '/api/v1/municipalities/{slug}', '/api/v1/municipalities/{slug}/services'];
    expect(pathTemplateFor(paths, '/api/v1/municipalities?x=1')).toBe('/api/v1/municipalities');
    expect(pathTemplateFor(paths, '/api/v1/municipalities/baden')).toBe('/api/v1/municipalities/{slug}');
    expect(pathTemplateFor(paths, '/api/v1/municipalities/baden/services')).toBe('/api/v1/municipalities/{slug}/services');
    expect(pathTemplateFor(paths, '/api/v2/anything')).toBeUndefined();
  });

  it('passes a real answer and returns its body', async () => {
    const res = await t.app.inject('/health');
    expect(await expectMatchesOpenApi(t.app, res)).toEqual({ status: 'ok' });
  });

  it('fails a body that disagrees with its schema', async () => {
    await expect(expectMatchesOpenApi(t.app, answer(200, { status: 'bestens' }), get('/health'))).rejects.toThrow(/does not match its schema/);
    const services = '/api/v1/municipalities/baden/services';
    await expect(expectMatchesOpenApi(t.app, answer(200, { query: 'x', results: [{ title: 1 }] }), get(services))).rejects.toThrow(/results\/0/);
    await expect(expectMatchesOpenApi(t.app, answer(404, { status: 404 }, 'application/problem+json'), get(services))).rejects.toThrow(/required/);
  });

  it('fails an operation, status or media type the document does not describe', async () => {
    await expect(expectMatchesOpenApi(t.app, answer(200, {}), get('/api/v9/nichts'))).rejects.toThrow(/no such operation/);
    await expect(expectMatchesOpenApi(t.app, answer(418, {}), get('/health'))).rejects.toThrow(/status 418/);
    await expect(expectMatchesOpenApi(t.app, answer(200, {}, 'text/html'), get('/health'))).rejects.toThrow(/media type text\/html/);
  });
});
