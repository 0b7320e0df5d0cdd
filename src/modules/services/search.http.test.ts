import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { expectMatchesOpenApi } from '../../testing/openapi.ts';
import { createOrganization } from '../organizations/index.ts';
import { reindexService } from './search.ts';

let t: TestApp;
let town: string;

const services = [
  { slug: 'hundesteuer', title: 'Hundesteuer', en: 'Dog tax', summary: 'Steuer für das Halten eines Hundes.', lifeSituations: ['tiere'] },
  { slug: 'ummeldung', title: 'Ummeldung der Wohnung', summary: 'Nach einem Umzug melden Sie sich an.', lifeSituations: ['umzug'] },
  { slug: 'sperrmuell', title: 'Sperrmüll abholen lassen', summary: 'Große Gegenstände holen wir ab.', lifeSituations: ['abfall'] },
  { slug: 'kita-platz', title: 'Kita-Platz beantragen', summary: 'Ein Platz in einer Kindertagesstätte.', lifeSituations: ['kinderbetreuung', 'familie'] },
  { slug: 'gewerbe', title: 'Gewerbe anmelden', summary: 'Anmeldung eines Gewerbebetriebs <b>sofort</b>.', lifeSituations: ['wirtschaft'] },
  { slug: 'entwurf', title: 'Hundeschule zulassen', summary: 'Noch nicht veröffentlicht.', lifeSituations: ['tiere'], published: false },
];

beforeAll(async () => {
  t = await createTestApp();
  const made = await inRegion(t.app.db, (tx) =>
    createOrganization(tx, {
      kind: 'municipality',
      slug: 'suchheim',
      name: 'Stadt Suchheim',
      key: '057540099099',
      country: 'DE',
      prefix: 'SH',
      parent: 'kreis-guetersloh',
    }),
  );
  if (!made.ok) throw new Error(made.key);
  town = made.id;
  await inTenant(t.app.db, town, async (tx) => {
    for (const s of services) {
      const id = newId();
      const definition = {
        title: { de: s.title, ...(s.en ? { en: s.en } : {}) },
        summary: { de: s.summary },
        description: { de: '' },
        keywords: [],
        synonyms: [],
        lifeSituations: s.lifeSituations,
      };
      await tx
        .insertInto('services')
        .values({ tenant_id: town, id, slug: s.slug, title: s.title, definition: JSON.stringify(definition), published: s.published ?? true } as never)
        .execute();
      await reindexService(tx, town, id);
    }
  });
});
afterAll(() => t?.close());

const headings = (html: string) => [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));

describe('the portal home page', () => {
  it('offers the search form without script, the top tasks, life situations and every service A–Z', async () => {
    const res = await t.app.inject('/suchheim/');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toMatch(/<form method="get" action="\/suchheim\/suche" role="search"/);
    expect(html).toContain('<label class="kern-label" for="suche-q">Was möchten Sie erledigen?</label>');
    expect(html).toMatch(/<input[^>]+type="search"[^>]+id="suche-q"[^>]+name="q"/);
    expect(html).not.toContain('<script');
    expect(html).toContain('Häufig genutzt');
    expect(html).toContain('Nach Lebenslage');
    expect(html).toContain('Haustiere');
    expect(html).toContain('Alle Leistungen von A bis Z');
    expect(html).toContain('href="/suchheim/leistungen/hundesteuer"');
    expect(html).not.toContain('Hundeschule zulassen');
    const az = html.slice(html.indexOf('id="a-z"'));
    expect(az.indexOf('Gewerbe anmelden')).toBeLessThan(az.indexOf('Ummeldung der Wohnung'));
    expect(headings(html).filter((h) => h === 1)).toHaveLength(1);
    const levels = headings(html);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('links the fee calculator where the municipality or its region has a fee table', async () => {
    expect((await t.app.inject('/suchheim/')).body).toContain('href="/suchheim/rechner/kita-beitrag"');
    await inRegion(t.app.db, async (tx) => {
      await createOrganization(tx, { kind: 'region', slug: 'kreis-ohne-tabelle', name: 'Kreis ohne Tabelle', key: '05998', country: 'DE', prefix: 'KO' });
      await createOrganization(tx, {
        kind: 'municipality',
        slug: 'ohnetabelle',
        name: 'Ohnetabelle',
        key: '059980001001',
        country: 'DE',
        prefix: 'OT',
        parent: 'kreis-ohne-tabelle',
      });
    });
    expect((await t.app.inject('/ohnetabelle/')).body).not.toContain('/rechner/kita-beitrag');
  });

  it('shows life situations and titles in English', async () => {
    const res = await t.app.inject('/suchheim/?lang=en');
    expect(res.body).toContain('What would you like to do?');
    expect(res.body).toContain('Pets');
    expect(res.body).toContain('Dog tax');
  });

  it('transfers its first view in well under 100 KB compressed', async () => {
    const res = await t.app.inject({ url: '/suchheim/', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(10_000);
    expect(brotliDecompressSync(res.rawPayload).toString()).toContain('Was möchten Sie erledigen?');
  });

  it('answers 404 for an unknown municipality', async () => {
    expect((await t.app.inject('/gibt-es-nicht/')).statusCode).toBe(404);
    expect((await t.app.inject('/gibt-es-nicht/suche?q=Hund')).statusCode).toBe(404);
  });
});

describe('the search results page', () => {
  it('shows the query, the number of hits and each hit with link and summary', async () => {
    const res = await t.app.inject('/suchheim/suche?q=Umz%C3%BCge');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="kern-heading-large">Suchergebnisse für „Umzüge“</h1>');
    expect(res.body).toContain('1 passende Leistung');
    expect(res.body).not.toContain('besten');
    expect(res.body).toContain('<a class="kern-link" href="/suchheim/leistungen/ummeldung">Ummeldung der Wohnung</a>');
    expect(res.body).toContain('Nach einem Umzug melden Sie sich an.');
    expect(res.body).toMatch(/<input[^>]+value="Umzüge"/);
    const levels = headings(res.body);
    expect(levels[0]).toBe(1);
    expect(levels.filter((h) => h === 1)).toHaveLength(1);
    expect(levels.slice(1).every((h) => h === 2)).toBe(true);
  });

  it('finds through synonyms and typos', async () => {
    expect((await t.app.inject('/suchheim/suche?q=Kindergarten')).body).toContain('href="/suchheim/leistungen/kita-platz"');
    expect((await t.app.inject('/suchheim/suche?q=Hundestuer')).body).toContain('href="/suchheim/leistungen/hundesteuer"');
    expect((await t.app.inject('/suchheim/suche?q=Sperrm%C3%BCl')).body).toContain('href="/suchheim/leistungen/sperrmuell"');
    const corrected = await t.app.inject('/suchheim/suche?q=Gewrbe');
    expect(corrected.body).toContain('href="/suchheim/leistungen/gewerbe"');
    expect(corrected.body).toContain('Wir haben auch nach ähnlich geschriebenen Wörtern gesucht.');
  });

  it('says clearly when nothing is found and suggests the top tasks', async () => {
    const res = await t.app.inject('/suchheim/suche?q=Raumfahrt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Zu „Raumfahrt“ haben wir keine Leistung gefunden.');
    expect(res.body).toContain('Häufig gesuchte Leistungen');
    expect(res.body).toContain('href="/suchheim/leistungen/gewerbe"');
  });

  it('asks for a query when there is none', async () => {
    for (const url of ['/suchheim/suche', '/suchheim/suche?q=', '/suchheim/suche?q=%20%20%09']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Bitte geben Sie ein, was Sie erledigen möchten');
      expect(res.body).toContain('<h1 class="kern-heading-large">Suche</h1>');
    }
  });

  it('handles over-long, repeated and odd queries and escapes what it shows', async () => {
    const long = await t.app.inject(`/suchheim/suche?q=${'Hund'.repeat(100)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain('länger als 200 Zeichen');
    const repeated = await t.app.inject('/suchheim/suche?q=Hund&q=Kita');
    expect(repeated.statusCode).toBe(200);
    expect(repeated.body).toContain('Suchergebnisse für „Hund“');
    const odd = await t.app.inject('/suchheim/suche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%00%27%3B--');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('<script>alert(1)');
    expect(odd.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await t.app.inject('/suchheim/suche?q=%ED%A0%80')).statusCode).toBe(200);
    expect((await t.app.inject('/suchheim/suche?q=Gewerbe')).body).toContain('Anmeldung eines Gewerbebetriebs &lt;b>sofort&lt;/b>.');
  });
});

describe('the search API', () => {
  it('answers hits best first with title, summary, absolute URL, slug and score', async () => {
    const res = await t.app.inject('/api/v1/municipalities/suchheim/services?q=Hund');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = (await expectMatchesOpenApi(t.app, res)) as { query: string; results: Array<{ slug: string; score: number }> };
    expect(body.query).toBe('Hund');
    expect(body.results[0]).toEqual({
      title: 'Hundesteuer',
      summary: 'Steuer für das Halten eines Hundes.',
      url: 'http://rathaus.test/suchheim/leistungen/hundesteuer',
      slug: 'hundesteuer',
      score: expect.any(Number),
    });
    const scores = body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.results.map((r: { slug: string }) => r.slug)).not.toContain('entwurf');
  });

  it('finds through synonyms and typos as the page does', async () => {
    const slugs = async (q: string) => {
      const res = await t.app.inject(`/api/v1/municipalities/suchheim/services?q=${encodeURIComponent(q)}`);
      return ((await expectMatchesOpenApi(t.app, res)) as { results: Array<{ slug: string }> }).results.map((r) => r.slug);
    };
    expect(await slugs('Umzug')).toEqual(['ummeldung']);
    expect(await slugs('Firma')).toEqual(['gewerbe']);
    expect(await slugs('Gewrbe')).toEqual(['gewerbe']);
    expect(await slugs('Raumfahrt')).toEqual([]);
  });

  it('lists every published service A–Z without q', async () => {
    for (const url of ['/api/v1/municipalities/suchheim/services', '/api/v1/municipalities/suchheim/services?q=%20']) {
      const body = (await expectMatchesOpenApi(t.app, await t.app.inject(url))) as { query: string; results: Array<{ title: string }> };
      expect(body.query).toBe('');
      expect(body.results.map((r: { title: string }) => r.title)).toEqual([
        'Gewerbe anmelden',
        'Hundesteuer',
        'Kita-Platz beantragen',
        'Sperrmüll abholen lassen',
        'Ummeldung der Wohnung',
      ]);
    }
  });

  it('answers in English with ?lang=en', async () => {
    const body = (await t.app.inject('/api/v1/municipalities/suchheim/services?q=Hundesteuer&lang=en')).json();
    expect(body.results[0].title).toBe('Dog tax');
  });

  it('answers 404 problem+json for an unknown municipality', async () => {
    const res = await t.app.inject('/api/v1/municipalities/gibt-es-nicht/services?q=Hund');
    expect(res.statusCode).toBe(404);
    await expectMatchesOpenApi(t.app, res);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses an over-long or repeated q with a German problem+json 400', async () => {
    const long = await t.app.inject(`/api/v1/municipalities/suchheim/services?q=${'a'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('application/problem+json');
    await expectMatchesOpenApi(t.app, long);
    expect(long.json()).toMatchObject({
      status: 400,
      code: 'validation',
      detail: 'Der Suchbegriff darf höchstens 200 Zeichen lang sein.',
      invalid_params: [{ name: 'q', reason: 'Der Suchbegriff darf höchstens 200 Zeichen lang sein.' }],
    });
    expect((await t.app.inject(`/api/v1/municipalities/suchheim/services?q=${'ä'.repeat(200)}`)).statusCode).toBe(200);
    const repeated = await t.app.inject('/api/v1/municipalities/suchheim/services?q=a&q=b');
    expect(repeated.statusCode).toBe(400);
    await expectMatchesOpenApi(t.app, repeated);
    expect(repeated.json().invalid_params[0].name).toBe('q');
  });

  it('takes control characters and tsquery syntax as plain text', async () => {
    for (const q of ['Hund\u0000', "'; DROP TABLE services; --", 'a & !b | c:*', '()<->']) {
      const res = await t.app.inject(`/api/v1/municipalities/suchheim/services?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      await expectMatchesOpenApi(t.app, res);
      expect(res.json().results).toBeInstanceOf(Array);
    }
    expect((await t.app.inject('/api/v1/municipalities/suchheim/services?q=Hund%00')).json().query).toBe('Hund');
  });
});
