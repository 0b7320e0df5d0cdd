import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import type { TestApp } from '../../testing/harness.ts';
import { createMailTestApp, type MailTestApp } from '../../testing/mail-app.ts';
import { Browser, DEMO_PASSWORD } from '../../testing/http.ts';
import { accountJobs } from './index.ts';

let t: TestApp;
let sink: MailTestApp['sink'];
let mail: MailTestApp;
beforeAll(async () => {
  mail = await createMailTestApp({ from: 'rathaus@kreis.example', jobs: accountJobs, config: { loginMaxFailures: 3, signInRateLimit: 1000 } });
  ({ t, sink } = mail);
});
afterAll(() => mail?.close());

const deliverMail = () => mail.deliverMail();

/** The link in the last mail to this address, with quoted-printable soft breaks undone. */
function linkFor(email: string): string {
  const mail = sink.received.filter((m) => m.to.includes(email)).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /http:\/\/rathaus\.test(\/verwaltung\/passwort-setzen\/[A-Za-z0-9._-]+)/.exec(text);
  if (!match) throw new Error('mail has no link');
  return match[1]!;
}

const userByEmail = (email: string) => inRegion(t.app.db, (tx) => tx.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst());

const auditActions = (tenantId: string, objectId: string) =>
  inTenant(t.app.db, tenantId, (tx) =>
    tx.selectFrom('audit_log').select('action').where('tenant_id', '=', tenantId).where('object_id', '=', objectId).orderBy('seq').execute(),
  ).then((rows) => rows.map((r) => r.action));

async function signedIn(email: string) {
  const b = new Browser(t.app);
  const res = await b.login(email);
  expect(res.statusCode).toBe(303);
  return b;
}

async function invite(admin: Browser, fields: Record<string, string>) {
  const form = await admin.get('/verwaltung/konten/einladen');
  expect(form.statusCode).toBe(200);
  return admin.post('/verwaltung/konten/einladen', fields, form.body);
}

describe('inviting an account', () => {
  it('invites by mail; the link sets the password once, then the person signs in', async () => {
    const admin = await signedIn('organisation@guetersloh.example');
    const res = await invite(admin, { email: 'Neu.Kollegin@Guetersloh.example', name: 'Neue Kollegin', role: 'clerk' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/verwaltung/konten?eingeladen=1');
    const list = await admin.get('/verwaltung/konten?eingeladen=1');
    expect(list.body).toContain('Die Einladung ist verschickt.');
    expect(list.body).toContain('neu.kollegin@guetersloh.example');

    const user = await userByEmail('neu.kollegin@guetersloh.example');
    expect(user?.password_hash).toBeNull();
    await deliverMail();
    const link = linkFor('neu.kollegin@guetersloh.example');

    const person = new Browser(t.app);
    const form = await person.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.body).toContain('Hallo Neue Kollegin');

    const short = await person.post(link, { password: 'kurz', repeat: 'kurz' }, form.body);
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Das Passwort muss mindestens 10 Zeichen lang sein.');
    expect((await userByEmail('neu.kollegin@guetersloh.example'))?.password_hash).toBeNull();

    const mismatch = await person.post(link, { password: 'ein-gutes-Passwort', repeat: 'ein-anderes-Passwort' }, form.body);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Die beiden Passwörter stimmen nicht überein.');

    const done = await person.post(link, { password: 'ein-gutes-Passwort', repeat: 'ein-gutes-Passwort' }, form.body);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/verwaltung/anmelden?passwort=1');
    const signIn = await person.login('neu.kollegin@guetersloh.example', 'ein-gutes-Passwort');
    expect(signIn.statusCode).toBe(303);
    expect((await person.get('/verwaltung/')).statusCode).toBe(200);

    const again = await new Browser(t.app).get(link);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Dieser Link wurde schon benutzt.');
    const reused = await new Browser(t.app).post(link, { password: 'noch-ein-Passwort', repeat: 'noch-ein-Passwort' });
    expect(reused.statusCode).toBe(410);
    expect((await person.login('neu.kollegin@guetersloh.example', 'ein-gutes-Passwort')).statusCode).toBe(303);

    expect(await auditActions(user!.organization_id, user!.id)).toEqual(
      expect.arrayContaining(['staff_user.invited', 'staff_user.invitation_accepted', 'staff_user.signed_in']),
    );
  });

  it('refuses an expired link and a forged one with 410, and says how to get a new one', async () => {
    const admin = await signedIn('organisation@harsewinkel.example');
    expect((await invite(admin, { email: 'spaet@harsewinkel.example', name: 'Spät', role: 'clerk' })).statusCode).toBe(303);
    await deliverMail();
    const link = linkFor('spaet@harsewinkel.example');
    const user = await userByEmail('spaet@harsewinkel.example');
    await inRegion(t.app.db, (tx) =>
      tx
        .updateTable('account_links')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', user!.id)
        .execute(),
    );
    const expired = await new Browser(t.app).get(link);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('Dieser Link ist abgelaufen.');
    expect(expired.body).toContain('Fordern Sie einen neuen Link an');
    const forged = await new Browser(t.app).get(`${link.slice(0, -4)}abcd`);
    expect(forged.statusCode).toBe(410);
    expect(forged.body).toContain('Dieser Link ist ungültig.');
    expect((await userByEmail('spaet@harsewinkel.example'))?.password_hash).toBeNull();
  });

  it('refuses a malformed or taken address and a missing role, keeps what was typed and creates nothing', async () => {
    const admin = await signedIn('organisation@rheda-wiedenbrueck.example');
    const count = () =>
      inRegion(t.app.db, (tx) =>
        tx
          .selectFrom('staff_users')
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      );
    const before = (await count()).n;
    const bad = await invite(admin, { email: 'keine-adresse', name: 'Hans Meier', role: 'clerk' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(bad.body).toContain('value="Hans Meier"');
    const taken = await invite(admin, { email: 'sachbearbeitung@baden.example', name: 'Doppelt', role: 'clerk' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Diese E-Mail-Adresse ist schon vergeben.');
    const noRole = await invite(admin, { email: 'ohne-rolle@rheda-wiedenbrueck.example', name: 'Ohne Rolle' });
    expect(noRole.statusCode).toBe(422);
    expect(noRole.body).toContain('Bitte wählen Sie eine Rolle.');
    const wrongRole = await invite(admin, { email: 'region@rheda-wiedenbrueck.example', name: 'Region', role: 'region_admin' });
    expect(wrongRole.statusCode).toBe(422);
    expect((await count()).n).toBe(before);
  });
});

describe('who may administer which account', () => {
  it('gives clerks 403 and hides other municipalities’ accounts behind 404', async () => {
    const clerk = await signedIn('sachbearbeitung@baden.example');
    expect((await clerk.get('/verwaltung/konten')).statusCode).toBe(403);
    expect((await clerk.get('/verwaltung/konten/einladen')).statusCode).toBe(403);
    const stranger = await userByEmail('sachbearbeitung@guetersloh.example');
    const admin = await signedIn('organisation@baden.example');
    expect((await admin.get(`/verwaltung/konten/${stranger!.id}`)).statusCode).toBe(404);
    const page = await admin.get('/verwaltung/konten');
    const res = await admin.post(`/verwaltung/konten/${stranger!.id}/sperren`, {}, page.body);
    expect(res.statusCode).toBe(404);
    expect((await userByEmail('sachbearbeitung@guetersloh.example'))?.active).toBe(true);
    expect(page.body).not.toContain('guetersloh.example');
  });

  it('lets a region admin see the accounts of the whole region', async () => {
    const region = await signedIn('admin@kanton-aargau.example');
    const page = await region.get('/verwaltung/konten');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('sachbearbeitung@aarau.example');
    expect(page.body).toContain('sachbearbeitung@wettingen.example');
    expect(page.body).not.toContain('guetersloh.example');
  });

  it('keeps the last admin: no removing one’s own last admin role, no locking oneself out', async () => {
    const admin = await signedIn('organisation@wettingen.example');
    const self = await userByEmail('organisation@wettingen.example');
    const page = await admin.get(`/verwaltung/konten/${self!.id}`);
    expect(page.statusCode).toBe(200);
    const demote = await admin.post(`/verwaltung/konten/${self!.id}/rolle`, { role: 'clerk' }, page.body);
    expect(demote.statusCode).toBe(422);
    expect(demote.body).toContain('Das ist das letzte aktive Admin-Konto dieser Organisation.');
    const lock = await admin.post(`/verwaltung/konten/${self!.id}/sperren`, {}, page.body);
    expect(lock.statusCode).toBe(422);
    expect(lock.body).toContain('Sie können Ihr eigenes Konto nicht sperren.');
    const after = await userByEmail('organisation@wettingen.example');
    expect(after?.role).toBe('municipality_admin');
    expect(after?.active).toBe(true);
    expect((await admin.get('/verwaltung/konten')).statusCode).toBe(200);
  });

  it('changes a role, and the changed account works with the new rights at once', async () => {
    const admin = await signedIn('organisation@aarau.example');
    const clerk = await signedIn('sachbearbeitung@aarau.example');
    expect((await clerk.get('/verwaltung/konten')).statusCode).toBe(403);
    const target = await userByEmail('sachbearbeitung@aarau.example');
    const page = await admin.get(`/verwaltung/konten/${target!.id}`);
    const res = await admin.post(`/verwaltung/konten/${target!.id}/rolle`, { role: 'municipality_admin' }, page.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/verwaltung/konten/${target!.id}?geaendert=1`);
    expect((await clerk.get('/verwaltung/konten')).statusCode).toBe(200);
    const back = await admin.post(`/verwaltung/konten/${target!.id}/rolle`, { role: 'clerk' }, page.body);
    expect(back.statusCode).toBe(303);
    expect((await clerk.get('/verwaltung/konten')).statusCode).toBe(403);
    const bogus = await admin.post(`/verwaltung/konten/${target!.id}/rolle`, { role: 'kaiser' }, page.body);
    expect(bogus.statusCode).toBe(422);
    expect((await userByEmail('sachbearbeitung@aarau.example'))?.role).toBe('clerk');
    expect(await auditActions(target!.organization_id, target!.id)).toEqual(expect.arrayContaining(['staff_user.role_changed']));
  });

  it('ends every session of a deactivated account, refuses its sign-in, and lets it back in when reactivated', async () => {
    const admin = await signedIn('organisation@baden.example');
    const clerk = await signedIn('sachbearbeitung@baden.example');
    expect((await clerk.get('/verwaltung/')).statusCode).toBe(200);
    const target = await userByEmail('sachbearbeitung@baden.example');
    const page = await admin.get(`/verwaltung/konten/${target!.id}`);
    expect((await admin.post(`/verwaltung/konten/${target!.id}/sperren`, {}, page.body)).statusCode).toBe(303);
    expect((await clerk.get('/verwaltung/')).statusCode).toBe(303);
    const refused = await new Browser(t.app).login('sachbearbeitung@baden.example');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    expect((await admin.get('/verwaltung/konten')).body).toContain('gesperrt');
    expect((await admin.post(`/verwaltung/konten/${target!.id}/freigeben`, {}, page.body)).statusCode).toBe(303);
    expect((await new Browser(t.app).login('sachbearbeitung@baden.example')).statusCode).toBe(303);
    expect(await auditActions(target!.organization_id, target!.id)).toEqual(expect.arrayContaining(['staff_user.deactivated', 'staff_user.reactivated']));
  });
});

describe('forgotten passwords', () => {
  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const known = new Browser(t.app);
    const form = await known.get('/verwaltung/passwort-vergessen');
    expect(form.statusCode).toBe(200);
    const sent = sink.received.length;
    const a = await known.post('/verwaltung/passwort-vergessen', { email: 'sachbearbeitung@wettingen.example' }, form.body);
    const b = await known.post('/verwaltung/passwort-vergessen', { email: 'niemand@wettingen.example' }, form.body);
    expect(a.statusCode).toBe(303);
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.headers.location).toBe(a.headers.location);
    await deliverMail();
    const newMail = sink.received.slice(sent);
    expect(newMail.flatMap((m) => m.to)).toEqual(['sachbearbeitung@wettingen.example']);
    const link = linkFor('sachbearbeitung@wettingen.example');
    const person = new Browser(t.app);
    const page = await person.get(link);
    expect(page.statusCode).toBe(200);
    expect((await person.post(link, { password: 'Neues-Passwort-1', repeat: 'Neues-Passwort-1' }, page.body)).statusCode).toBe(303);
    expect((await new Browser(t.app).login('sachbearbeitung@wettingen.example', 'Neues-Passwort-1')).statusCode).toBe(303);
    expect((await new Browser(t.app).login('sachbearbeitung@wettingen.example', DEMO_PASSWORD)).statusCode).toBe(422);
  });

  it('asks again for a malformed address', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/verwaltung/passwort-vergessen');
    const res = await b.post('/verwaltung/passwort-vergessen', { email: 'kein at zeichen' }, form.body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(res.body).toContain('value="kein at zeichen"');
  });
});

describe('one’s own account', () => {
  it('changes the password only with the current one, and ends the other sessions', async () => {
    const here = await signedIn('sachbearbeitung@rheda-wiedenbrueck.example');
    const elsewhere = await signedIn('sachbearbeitung@rheda-wiedenbrueck.example');
    const page = await here.get('/verwaltung/konto');
    expect(page.statusCode).toBe(200);
    const wrong = await here.post('/verwaltung/konto/passwort', { current: 'falsch-falsch', password: 'Ganz-neu-2026', repeat: 'Ganz-neu-2026' }, page.body);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das bisherige Passwort ist nicht richtig.');
    expect((await elsewhere.get('/verwaltung/')).statusCode).toBe(200);
    const ok = await here.post('/verwaltung/konto/passwort', { current: DEMO_PASSWORD, password: 'Ganz-neu-2026', repeat: 'Ganz-neu-2026' }, page.body);
    expect(ok.statusCode).toBe(303);
    expect((await here.get('/verwaltung/konto?geaendert=1')).body).toContain('Ihr Passwort ist geändert.');
    expect((await elsewhere.get('/verwaltung/')).statusCode).toBe(303);
    expect((await new Browser(t.app).login('sachbearbeitung@rheda-wiedenbrueck.example', 'Ganz-neu-2026')).statusCode).toBe(303);
  });

  it('lists one’s sessions and ends one of them, but not someone else’s', async () => {
    const here = await signedIn('organisation@harsewinkel.example');
    const other = new Browser(t.app);
    expect((await other.login('organisation@harsewinkel.example', DEMO_PASSWORD, { 'user-agent': 'Zweitbrowser/1.0' })).statusCode).toBe(303);
    expect((await other.get('/verwaltung/')).statusCode).toBe(200);
    const page = await here.get('/verwaltung/konto');
    expect(page.body).toContain('Zweitbrowser/1.0');
    expect(page.body).toContain('diese Sitzung');
    const user = await userByEmail('organisation@harsewinkel.example');
    const sessions = await inRegion(t.app.db, (tx) => tx.selectFrom('staff_sessions').select(['id', 'user_agent']).where('user_id', '=', user!.id).execute());
    const second = sessions.find((s) => s.user_agent === 'Zweitbrowser/1.0')!;
    const stranger = await signedIn('organisation@baden.example');
    const strangerPage = await stranger.get('/verwaltung/konto');
    expect((await stranger.post(`/verwaltung/konto/sitzungen/${second.id}/beenden`, {}, strangerPage.body)).statusCode).toBe(404);
    expect((await other.get('/verwaltung/')).statusCode).toBe(200);
    const end = await here.post(`/verwaltung/konto/sitzungen/${second.id}/beenden`, {}, page.body);
    expect(end.statusCode).toBe(303);
    expect(end.headers.location).toBe('/verwaltung/konto?beendet=1');
    expect((await other.get('/verwaltung/')).statusCode).toBe(303);
    expect((await here.get('/verwaltung/')).statusCode).toBe(200);
  });
});

describe('the lockout', () => {
  it('answers an unknown address exactly as a known one, before and after the lock', async () => {
    const attempt = (email: string) => new Browser(t.app).login(email, 'falsch-falsch');
    // Everything but the address typed and the form's token must be the same, byte for byte.
    const page = (body: string, email: string) =>
      body
        .replaceAll(email, '@')
        .replace(/value="[^"]{20,}"/g, 'value="token"')
        .replace(/nonce="[^"]+"/g, '');
    const known: Array<{ status: number; body: string }> = [];
    const unknown: Array<{ status: number; body: string }> = [];
    for (let i = 0; i < 4; i++) {
      const a = await attempt('organisation@rheda-wiedenbrueck.example');
      known.push({ status: a.statusCode, body: page(a.body, 'organisation@rheda-wiedenbrueck.example') });
      const b = await attempt('gibt-es-nicht@rheda-wiedenbrueck.example');
      unknown.push({ status: b.statusCode, body: page(b.body, 'gibt-es-nicht@rheda-wiedenbrueck.example') });
    }
    expect(known.map((k) => k.status)).toEqual([422, 422, 429, 429]);
    expect(unknown).toEqual(known);
    expect(known[2]!.body).toContain('Zu viele Fehlversuche mit dieser E-Mail-Adresse.');
    expect(known[0]!.body).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    expect((await new Browser(t.app).login('organisation@rheda-wiedenbrueck.example')).statusCode).toBe(429);
  });
});
