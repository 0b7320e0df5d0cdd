// The Kita fee calculator as JSON: the table that applies to a municipality and a calculation, every answer
// checked against the OpenAPI document, and each refused field named in German.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { expectMatchesOpenApi } from '../../testing/openapi.ts';
import { calculateKitaFee } from './calculators.ts';
import { DEMO_FEE_TABLES } from './demo-tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const API = (slug: string) => `/api/v1/municipalities/${slug}/calculators/kita-beitrag`;
const calculate = (slug: string, payload: unknown) => t.app.inject({ method: 'POST', url: API(slug), payload: payload as object });

describe('the fee table as JSON', () => {
  it("gives a municipality its region's table, or its own", async () => {
    const inherited = await t.app.inject(API('harsewinkel'));
    expect(inherited.statusCode).toBe(200);
    expect(await expectMatchesOpenApi(t.app, inherited)).toEqual({ owner: 'Kreis Gütersloh', ...DEMO_FEE_TABLES['kreis-guetersloh'] });
    const own = await t.app.inject(API('rheda-wiedenbrueck'));
    expect(await expectMatchesOpenApi(t.app, own)).toMatchObject({ owner: 'Stadt Rheda-Wiedenbrück', currency: 'EUR' });
    const swiss = await t.app.inject(API('baden'));
    expect(await expectMatchesOpenApi(t.app, swiss)).toMatchObject({ owner: 'Kanton Aargau', currency: 'CHF', hoursOptions: [20, 30, 40, 50] });
  });

  it('answers 404 problem+json for an unknown municipality', async () => {
    const res = await t.app.inject(API('gibt-es-nicht'));
    expect(res.statusCode).toBe(404);
    expect(await expectMatchesOpenApi(t.app, res)).toMatchObject({ code: 'not_found' });
  });
});

describe('a calculation as JSON', () => {
  it('calculates as the page does: lines, total and bracket, nothing kept in caches', async () => {
    const input = { incomeMinor: 5_200_000, hours: 35, children: 2 };
    const res = await calculate('harsewinkel', input);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const expected = calculateKitaFee(DEMO_FEE_TABLES['kreis-guetersloh']!, { income: input.incomeMinor, hours: input.hours, children: input.children });
    expect(await expectMatchesOpenApi(t.app, res)).toEqual({ currency: 'EUR', ...expected });
    expect(expected.totalMinor).toBeGreaterThan(0);
  });

  it('refuses hours the table does not offer, naming the field in German', async () => {
    const res = await calculate('harsewinkel', { incomeMinor: 5_200_000, hours: 33, children: 1 });
    expect(res.statusCode).toBe(400);
    expect(await expectMatchesOpenApi(t.app, res)).toMatchObject({
      code: 'validation',
      invalid_params: [{ name: 'hours', reason: 'Betreuungszeit pro Woche: Bitte wählen Sie eine Antwort aus.' }],
    });
  });

  it('refuses missing, negative and out-of-range values per field, in German', async () => {
    const res = await calculate('harsewinkel', { incomeMinor: -1, children: 11 });
    expect(res.statusCode).toBe(400);
    const body = (await expectMatchesOpenApi(t.app, res)) as { invalid_params: Array<{ name: string; reason: string }> };
    expect(body.invalid_params).toEqual(
      expect.arrayContaining([
        { name: 'incomeMinor', reason: 'Bitte geben Sie Ihr Jahreseinkommen als Betrag ein, zum Beispiel 52000.' },
        { name: 'hours', reason: 'Betreuungszeit pro Woche: Bitte wählen Sie eine Antwort aus.' },
        { name: 'children', reason: 'Bitte geben Sie eine ganze Zahl von 1 bis 10 ein.' },
      ]),
    );
    const text = await calculate('harsewinkel', { incomeMinor: '52000 €', hours: 35, children: 1 });
    expect(text.statusCode).toBe(400);
    expect(text.json().invalid_params).toEqual([{ name: 'incomeMinor', reason: 'Bitte geben Sie Ihr Jahreseinkommen als Betrag ein, zum Beispiel 52000.' }]);
  });

  it('answers 404 for an unknown municipality, also with a good body', async () => {
    const res = await calculate('gibt-es-nicht', { incomeMinor: 1, hours: 35, children: 1 });
    expect(res.statusCode).toBe(404);
    await expectMatchesOpenApi(t.app, res);
  });
});
