import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { enqueue, runDueJobs } from '../../platform/jobs/outbox.ts';

const TOKEN = 'prometheus-scrape-token';
const GENERATED = /^[0-9a-z]{16}$/;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: TOKEN, metricsAllow: ['10.9.0.0/16'] } });
});
afterAll(() => t?.close());

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, remoteAddress?: string) =>
  t.app.inject({ url: '/metrics', headers, ...(remoteAddress ? { remoteAddress } : {}) });

/** The value of one sample line, e.g. sample(text, 'rathaus_outbox_pending_jobs'). */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('request ids', () => {
  it('answer every request with a new id', async () => {
    const first = await t.app.inject('/health');
    const second = await t.app.inject('/health');
    expect(first.headers['x-request-id']).toMatch(GENERATED);
    expect(second.headers['x-request-id']).toMatch(GENERATED);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('keep the id a proxy sent and replace one that is not a short safe token', async () => {
    const kept = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'lb-7.Abc_123' } });
    expect(kept.headers['x-request-id']).toBe('lb-7.Abc_123');
    for (const unsafe of ['a b', 'x'.repeat(65), '<b>', 'ä-umlaut']) {
      const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': unsafe } });
      expect(res.headers['x-request-id'], unsafe).toMatch(GENERATED);
    }
  });

  it('are in the problem body', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities/gibt-es-nicht', headers: { 'x-request-id': 'trace-404' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-404');
    expect(res.json()).toMatchObject({ code: 'not_found', request_id: 'trace-404' });
  });

  it('are on the error page, in German and in English', async () => {
    const res = await t.app.inject('/gibt-es-nicht/leistungen/auch-nicht');
    expect(res.statusCode).toBe(404);
    const id = String(res.headers['x-request-id']);
    expect(res.body).toContain(`Fehlerkennung für Rückfragen: <code>${id}</code>`);
    const en = await t.app.inject({ url: '/gibt-es-nicht', headers: { cookie: 'lang=en', 'x-request-id': 'trace-en' } });
    expect(en.body).toContain('Error reference for enquiries: <code>trace-en</code>');
  });

  it('are on every log line of the request as request_id', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    try {
      await logged.app.inject({ url: '/health', headers: { 'x-request-id': 'trace-logs' } });
      const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.request_id === 'trace-logs');
      expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
      expect(lines.some((l) => l.includes('"reqId"'))).toBe(false);
    } finally {
      await logged.close();
    }
  });
});

describe('/metrics', () => {
  it('answers 404 without the token, with a wrong one and from an address not configured', async () => {
    for (const res of [
      await scrape({}),
      await scrape({ authorization: `Bearer ${TOKEN}-falsch` }),
      await scrape({ authorization: `Basic ${TOKEN}` }),
      await scrape({ accept: 'application/json' }, '10.8.0.1'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('rathaus_');
      expect(res.headers['www-authenticate']).toBeUndefined();
    }
    expect((await scrape({ accept: 'application/json' })).json()).toMatchObject({ code: 'not_found' });
  });

  it('answers with the token, or from a configured address without it', async () => {
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect((await scrape({}, '10.9.3.4')).statusCode).toBe(200);
  });

  it('counts requests by route pattern and status, never by the URL', async () => {
    await t.app.inject('/guetersloh/leistungen/hund-anmelden');
    await t.app.inject('/guetersloh/antraege/geheimes-token-123');
    await t.app.inject('/ganz/unbekannt/geheim-456');
    const text = (await scrape()).body;
    const route = text.match(/rathaus_http_requests_total\{method="GET",route="([^"]*)",status="200"\} (\d+)/g)?.join('\n') ?? '';
    expect(route).toMatch(/route="\/:municipality\/leistungen\/:service"/);
    expect(text).toMatch(/rathaus_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toMatch(
      /rathaus_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/:municipality\/leistungen\/:service",status="200"\} 1/,
    );
    expect(text).not.toContain('geheimes-token-123');
    expect(text).not.toContain('geheim-456');
    expect(text).not.toContain('hund-anmelden');
  });

  it('shows the database pool and the outbox backlog as of the scrape', async () => {
    const tenant = (await inRegion(t.database.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'baden').executeTakeFirstOrThrow()))
      .id;
    const before = sample((await scrape()).body, 'rathaus_outbox_pending_jobs')!;
    await inTenant(t.database.db, tenant, (tx) => enqueue(tx, tenant, 'test.metrics', {}));
    await t.database.admin.exec(`UPDATE outbox SET created_at = now() - interval '90 seconds' WHERE topic = 'test.metrics'`);
    const text = (await scrape()).body;
    expect(sample(text, 'rathaus_outbox_pending_jobs')).toBe(before + 1);
    expect(sample(text, 'rathaus_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'rathaus_db_pool_max_connections')).toBe(t.database.backend === 'pglite' ? 1 : 5);
    expect(sample(text, 'rathaus_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rathaus_db_pool_waiting_queries')).toBe(0);
  });

  it('counts failed jobs and sign-in failures', async () => {
    const series = 'rathaus_job_failures_total{topic="test.metrics",outcome="retry"}';
    const before = sample((await scrape()).body, series) ?? 0;
    await t.database.admin.exec(`UPDATE outbox SET available_at = now() - interval '1 second' WHERE topic = 'test.metrics'`);
    await runDueJobs(t.database.db, { 'test.metrics': async () => Promise.reject(new Error('receiver down')) });
    const text = (await scrape()).body;
    expect(sample(text, series)).toBe(before + 1);
    expect(text).toContain('# TYPE rathaus_sign_in_failures_total counter');
  });
});
