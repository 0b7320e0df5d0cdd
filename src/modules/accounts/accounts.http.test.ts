import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, DEMO_PASSWORD } from '../../testing/http.ts';
import { inRegion } from '../../platform/db/database.ts';
import { createStaffUser, AccountError } from './index.ts';
import { cachedPrincipal, purgeExpiredSessions } from './accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginMaxFailures: 3 } });
});
afterAll(() => t?.close());

describe('staff sign-in', () => {
  it('sends a person who is not signed in to the login page', async () => {
    const res = await new Browser(t.app).get('/verwaltung/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/anmelden');
  });

  it('signs in with a session cookie that scripts cannot read, and signs out', async () => {
    const clerk = new Browser(t.app);
    const res = await clerk.login('SachBearbeitung@Guetersloh.example');
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/rathaus_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain('Secure');
    const inbox = await clerk.get('/verwaltung/');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('Posteingang – Stadt Gütersloh');
    const out = await clerk.post('/verwaltung/abmelden', {}, inbox.body);
    expect(out.headers.location).toBe('/verwaltung/anmelden?abgemeldet=1');
    expect((await clerk.get('/verwaltung/')).statusCode).toBe(303);
  });

  it('marks the session cookie Secure behind a TLS proxy', async () => {
    const tls = await createTestApp({ config: { trustProxy: ['127.0.0.1'] } });
    try {
      const res = await new Browser(tls.app).login('sachbearbeitung@guetersloh.example');
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      await tls.close();
    }
  });

  it('refuses uploads on routes not made for them, before reading them', async () => {
    const res = await new Browser(t.app).postMultipart('/verwaltung/anmelden', { email: 'x@y.example', password: 'z' }, [
      { field: 'datei', filename: 'gross.pdf', contentType: 'application/pdf', data: Buffer.alloc(1024 * 1024) },
    ]);
    expect(res.statusCode).toBe(415);
  });

  it('refuses a wrong password with a clear message and keeps the e-mail typed', async () => {
    const res = await new Browser(t.app).login('sachbearbeitung@baden.example', 'falsch-falsch');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    expect(res.body).toContain('value="sachbearbeitung@baden.example"');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const b = new Browser(t.app);
    for (let i = 0; i < 3; i++) await b.login('sachbearbeitung@wettingen.example', 'falsch-falsch');
    const res = await b.login('sachbearbeitung@wettingen.example', DEMO_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Zu viele Fehlversuche');
  });

  it('counts parallel wrong passwords one by one, so guessing in parallel still locks the account', async () => {
    await Promise.all(Array.from({ length: 4 }, () => new Browser(t.app).login('sachbearbeitung@rheda-wiedenbrueck.example', 'falsch-falsch')));
    const res = await new Browser(t.app).login('sachbearbeitung@rheda-wiedenbrueck.example', DEMO_PASSWORD);
    expect(res.statusCode).toBe(429);
  });

  it('removes sessions past their expiry, and only those', async () => {
    const live = new Browser(t.app);
    await live.login('sachbearbeitung@baden.example');
    await new Browser(t.app).login('sachbearbeitung@aarau.example');
    const before = await t.database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_sessions`);
    await t.database.admin.exec(`UPDATE staff_sessions SET expires_at = now() - interval '1 hour'
      WHERE user_id = (SELECT id FROM staff_users WHERE email = 'sachbearbeitung@aarau.example')`);
    expect(await purgeExpiredSessions(t.app.db)).toBeGreaterThanOrEqual(1);
    const after = await t.database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_sessions`);
    expect(after[0]!.n).toBeLessThan(before[0]!.n);
    expect((await live.get('/verwaltung/')).statusCode).toBe(200);
  });

  it('creates accounts only with a role that fits the organization', async () => {
    await inRegion(t.app.db, async (tx) => {
      const aarau = await tx.selectFrom('organizations').select('id').where('slug', '=', 'aarau').executeTakeFirstOrThrow();
      await expect(
        createStaffUser(tx, { email: 'x@aarau.example', name: 'X', role: 'region_admin', organizationId: aarau.id, password: 'lang-genug-123' }, 'test'),
      ).rejects.toBeInstanceOf(AccountError);
      await expect(
        createStaffUser(tx, { email: 'sachbearbeitung@aarau.example', name: 'X', role: 'clerk', organizationId: aarau.id, password: 'lang-genug-123' }, 'test'),
      ).rejects.toThrow('accounts.error.emailTaken');
      await expect(
        createStaffUser(tx, { email: 'neu@aarau.example', name: 'Neu', role: 'clerk', organizationId: aarau.id, password: 'kurz' }, 'test'),
      ).rejects.toThrow('accounts.error.passwordShort');
    });
  });

  it('remembers a session for a few seconds only: a session removed elsewhere ends within that time', async () => {
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@aarau.example');
    const token = clerk.cookies.get('rathaus_session')!;
    const now = Date.now();
    expect((await cachedPrincipal(t.app.db, token, now))?.tenant?.slug).toBe('aarau');
    await t.database.admin.exec(`DELETE FROM staff_sessions`);
    expect(await cachedPrincipal(t.app.db, token, now + 1000)).not.toBeNull();
    expect(await cachedPrincipal(t.app.db, token, now + 6000)).toBeNull();
  });
});
