// The citizen's step page over HTTP: a date of birth in three inputs read back as one date, messages that name
// their field, the summary focused, everything typed kept and nothing saved that was wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { BASE, VALID_STEPS } from '../../testing/flows.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const { geburtsdatum: _single, ...HALTER } = VALID_STEPS.halter!;

describe('the first step of the dog registration', () => {
  it('asks for the date of birth as day, month and year, with widths fitting the answers', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="geburtsdatum.day"');
    expect(page.body).toContain('name="geburtsdatum.month"');
    expect(page.body).toContain('name="geburtsdatum.year"');
    expect(page.body).not.toMatch(/type="date"[^>]*name="geburtsdatum"|name="geburtsdatum"[^>]*type="date"/);
    expect(page.body).toMatch(
      /id="f-geburtsdatum-year"[^>]*class="[^"]*form-input--width-4|class="[^"]*form-input--width-4[^"]*"[^>]*id="f-geburtsdatum-year"/,
    );
    expect(page.body).toContain('/assets/form-rules.js');
  });

  it('refuses a date of birth without a year: 422, the summary focused and naming the field, all typed kept, nothing saved', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    const res = await citizen.post(
      `${BASE}/halter`,
      { ...HALTER, nachname: '', 'geburtsdatum.day': '12', 'geburtsdatum.month': '4', 'geburtsdatum.year': '' },
      page.body,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<div class="kern-alert kern-alert--danger error-summary"[^>]*autofocus/);
    expect(res.body).toContain('href="#f-geburtsdatum-year">Das Geburtsdatum muss ein Jahr enthalten.</a>');
    expect(res.body).toContain('href="#f-nachname">Geben Sie Ihren Nachnamen ein.</a>');
    expect(res.body).toContain('id="f-nachname-error"');
    expect(res.body).toMatch(/id="f-geburtsdatum-day"[^>]*value="12"|value="12"[^>]*id="f-geburtsdatum-day"/);
    expect(res.body).toContain(`value="${HALTER.vorname}"`);
    // It does not go on: no redirect to the next step.
    expect(res.headers.location).toBeUndefined();
  });

  it('reads day, month and year as one date and goes on to the next step', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter`);
    const res = await citizen.post(
      `${BASE}/halter`,
      { ...HALTER, 'geburtsdatum.day': '12', 'geburtsdatum.month': '4', 'geburtsdatum.year': '1985' },
      page.body,
    );
    expect(res.statusCode).toBe(303);
    const back = await citizen.get(`${BASE}/halter`);
    expect(back.body).toMatch(/id="f-geburtsdatum-month"[^>]*value="4"|value="4"[^>]*id="f-geburtsdatum-month"/);
    expect(back.body).toMatch(/id="f-geburtsdatum-year"[^>]*value="1985"|value="1985"[^>]*id="f-geburtsdatum-year"/);
  });

  it('in English, the same messages in English', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${BASE}/halter?lang=en`);
    const res = await citizen.post(
      `${BASE}/halter?lang=en`,
      { ...HALTER, nachname: '', 'geburtsdatum.day': '', 'geburtsdatum.month': '4', 'geburtsdatum.year': '1985' },
      page.body,
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter your last name.');
    expect(res.body).toContain('The date of birth must include a day.');
  });
});
