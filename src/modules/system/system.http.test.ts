import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { expectMatchesOpenApi } from '../../testing/openapi.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('health, errors and the API', () => {
  it('reports ok once migrated', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(await expectMatchesOpenApi(t.app, res)).toEqual({ status: 'ok' });
  });

  it('answers 503 while a migration is missing', async () => {
    await t.database.admin.exec(`DELETE FROM schema_migrations WHERE name = '0008_enable_row_level_security.sql'`);
    try {
      const res = await t.app.inject('/health');
      expect(res.statusCode).toBe(503);
      expect(await expectMatchesOpenApi(t.app, res)).toEqual({ status: 'unavailable', reason: 'migrations pending' });
    } finally {
      await t.database.admin.exec(`INSERT INTO schema_migrations (name) VALUES ('0008_enable_row_level_security.sql')`);
    }
  });

  it('answers API errors as problem+json with a stable code', async () => {
    const res = await t.app.inject('/api/v1/municipalities/gibt-es-nicht');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Seite nicht gefunden' });
  });

  it('lists the municipalities as JSON', async () => {
    const res = await t.app.inject('/api/v1/municipalities');
    const slugs = res.json().map((m: { slug: string }) => m.slug);
    expect(slugs).toEqual(expect.arrayContaining(['guetersloh', 'rheda-wiedenbrueck', 'harsewinkel', 'aarau', 'baden', 'wettingen']));
  });

  it('shows people a German error page without internals', async () => {
    const res = await t.app.inject('/gibt-es-nicht/leistungen/auch-nicht');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Seite nicht gefunden');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('lists every municipality on the home page, grouped by region and marked as demo', async () => {
    const res = await t.app.inject('/');
    const sections = res.body.split('<section').slice(1);
    const kreis = sections.find((s) => s.includes('Kreis Gütersloh'))!;
    const kanton = sections.find((s) => s.includes('Kanton Aargau'))!;
    for (const slug of ['guetersloh', 'rheda-wiedenbrueck', 'harsewinkel']) expect(kreis).toContain(`href="/${slug}/"`);
    for (const slug of ['aarau', 'baden', 'wettingen']) expect(kanton).toContain(`href="/${slug}/"`);
    expect(kreis).toContain('Demodaten');
    expect(kanton).toContain('Demodaten');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('switches to English and remembers it', async () => {
    const res = await t.app.inject('/?lang=en');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Skip to main content');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('lang=en');
    const next = await t.app.inject({ url: '/guetersloh/leistungen/hund-anmelden', headers: { cookie: 'lang=en' } });
    expect(next.body).toContain('Register your dog');
  });

  it('serves the municipality colours as a stylesheet', async () => {
    const res = await t.app.inject('/guetersloh/theme.css');
    expect(res.headers['content-type']).toContain('text/css');
    expect(res.body).toContain('#005a8c');
  });

  it("transfers a portal page's first view in at most 100 KB compressed, without scripts", async () => {
    const get = (url: string) => t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    const page = await get('/guetersloh/leistungen/hund-anmelden');
    expect(page.headers['content-encoding']).toMatch(/gzip|br/);
    const html = (page.headers['content-encoding'] === 'br' ? brotliDecompressSync : gunzipSync)(page.rawPayload).toString('utf8');
    expect(html).toContain('Hund anmelden');
    expect(html).not.toContain('<script');
    const assets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toContain('/assets/kern/kern.min.css');
    let total = page.rawPayload.length;
    for (const url of assets) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      total += res.rawPayload.length;
    }
    expect(total).toBeLessThanOrEqual(100 * 1024);
  });
});

describe('the API reference', () => {
  it('serves the OpenAPI document as JSON', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Rathaus API' } });
  });

  it('renders every operation as a page without scripts: by tag, with parameters, responses and schemas', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1 class="kern-heading-large">Schnittstellen (API)</h1>');
    expect(html).toContain('href="/api/openapi.json"');
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item))
        expect(html, `${method} ${path}`).toContain(`<span class="api-method">${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    const search = html.slice(html.indexOf('id="op-get-api-v1-municipalities-slug-services"'));
    expect(search).toContain('<code>q</code>');
    expect(search).toContain('höchstens 200 Zeichen');
    expect(search).toContain('Status 400');
    expect(search).toContain('href="#schema-Problem"');
    expect(html).toContain('<h3 class="kern-heading-small" id="schema-Problem">Problem</h3>');
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels.filter((h) => h === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('speaks English with ?lang=en', async () => {
    const res = await t.app.inject('/api/docs?lang=en');
    expect(res.body).toContain('Interfaces (API)');
    expect(res.body).toContain('Responses');
  });
});

describe('logs', () => {
  it('never carry the secret of a status link', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    try {
      const citizen = new Browser(logged.app);
      await fillApplication(citizen);
      const statusPath = await submitApplication(citizen);
      expect((await citizen.get(statusPath)).statusCode).toBe(200);
      const token = statusPath.split('/').at(-1)!;
      expect(lines.join('\n')).toContain('/guetersloh/antraege/[redacted]');
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
