// Signing in brings a person back to the staff page they came from, and never to another site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, DEMO_PASSWORD } from '../../testing/http.ts';

let t: TestApp;
beforeAll(async () => {
  // Many sign-ins from one address in a minute: the limit is raised so the cases below are not refused by it.
  t = await createTestApp({ config: { signInRateLimit: 200 } });
});
afterAll(() => t?.close());

describe('the address one came from', () => {
  it('brings a person back to the staff page they came from after signing in', async () => {
    const clerk = new Browser(t.app);
    const sent = await clerk.get('/verwaltung/konto');
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/verwaltung/anmelden?weiter=/verwaltung/konto');
    const page = await clerk.get(sent.headers.location as string);
    expect(page.body).toContain('<input type="hidden" name="weiter" value="/verwaltung/konto"/>');
    const wrong = await clerk.post(
      '/verwaltung/anmelden',
      { email: 'sachbearbeitung@guetersloh.example', password: 'falsch-falsch', weiter: '/verwaltung/konto' },
      page.body,
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('name="weiter" value="/verwaltung/konto"');
    const res = await clerk.post(
      '/verwaltung/anmelden',
      { email: 'sachbearbeitung@guetersloh.example', password: DEMO_PASSWORD, weiter: '/verwaltung/konto' },
      wrong.body,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/konto');
    expect((await clerk.get('/verwaltung/konto')).statusCode).toBe(200);
    // Signed in already, the sign-in page sends on at once.
    expect((await clerk.get('/verwaltung/anmelden?weiter=/verwaltung/konto')).headers.location).toBe('/verwaltung/konto');
  });

  it('keeps the filters of an inbox address and brings organisers back to the studio', async () => {
    const clerk = new Browser(t.app);
    const inbox = '/verwaltung/?status=awaiting_applicant&q=M%C3%BCller&sort=name&dir=asc';
    const sent = await clerk.get(inbox);
    expect(sent.headers.location).toBe(`/verwaltung/anmelden?weiter=${encodeURIComponent(inbox).replace(/%2F/g, '/')}`);
    const page = await clerk.get(sent.headers.location as string);
    const res = await clerk.post('/verwaltung/anmelden', { email: 'sachbearbeitung@guetersloh.example', password: DEMO_PASSWORD, weiter: inbox }, page.body);
    expect(res.headers.location).toBe(inbox);

    const organiser = new Browser(t.app);
    const studio = await organiser.get('/studio/');
    expect(studio.headers.location).toBe('/verwaltung/anmelden?weiter=/studio/');
    const login = await organiser.get(studio.headers.location as string);
    const back = await organiser.post(
      '/verwaltung/anmelden',
      { email: 'organisation@harsewinkel.example', password: DEMO_PASSWORD, weiter: '/studio/' },
      login.body,
    );
    expect(back.headers.location).toBe('/studio/');
  });

  it('ignores return addresses that lead to another site or outside the staff pages', async () => {
    const attempts = [
      '//evil.example',
      '//evil.example/verwaltung/',
      'https://evil.example',
      'https://evil.example/verwaltung/',
      '/\\evil.example',
      '/\\evil.example/verwaltung/',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/verwaltung/../..//evil.example',
      '/verwaltung/\r\nLocation: https://evil.example',
      '/guetersloh/',
      '/verwaltungx',
      '/verwaltung/anmelden',
      'verwaltung/',
    ];
    for (const weiter of attempts) {
      const b = new Browser(t.app);
      const page = await b.get(`/verwaltung/anmelden?weiter=${encodeURIComponent(weiter)}`);
      expect(page.statusCode, weiter).toBe(200);
      expect(page.body, weiter).not.toContain('name="weiter"');
      const res = await b.post('/verwaltung/anmelden', { email: 'sachbearbeitung@harsewinkel.example', password: DEMO_PASSWORD, weiter }, page.body);
      expect(res.statusCode, weiter).toBe(303);
      expect(res.headers.location, weiter).toBe('/verwaltung/');
    }
  });

  it('links "Passwort vergessen" from the sign-in page', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/verwaltung/anmelden');
    expect(page.body).toContain('<a class="kern-link" href="/verwaltung/passwort-vergessen">Passwort vergessen?</a>');
    expect((await b.get('/verwaltung/passwort-vergessen')).statusCode).toBe(200);
  });

  it('leaves a form posted without a session to the default landing page', async () => {
    const res = await new Browser(t.app).post('/verwaltung/kommune', { municipality: 'x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/anmelden');
  });
});
