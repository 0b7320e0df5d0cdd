// The retention pages over HTTP: rules with a refused input kept, legal holds set and lifted with reasons, the protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';

let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp();
  admin = new Browser(t.app);
  expect((await admin.login('organisation@guetersloh.example')).statusCode).toBe(303);
});
afterAll(() => t?.close());

describe('retention pages', () => {
  it('saves a rule, refuses a bad one with the values kept, and deletes it', async () => {
    const page = await admin.get('/verwaltung/aufbewahrung');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Noch keine Regeln');
    const refused = await admin.post('/verwaltung/aufbewahrung/regeln', { service: '', documentType: 'bescheid', years: 'zehn', months: '3' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Bitte wählen Sie, mit welchem Ereignis die Frist beginnt.');
    expect(refused.body).toContain('Bitte geben Sie die Jahre als ganze Zahl von 0 bis 100 ein');
    expect(refused.body).toContain('value="zehn"');
    expect(refused.body).toMatch(/<option value="bescheid" selected/);

    const saved = await admin.post('/verwaltung/aufbewahrung/regeln', { service: '', startEvent: 'decided', years: '6', months: '0', offer: 'ja' }, page.body);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/verwaltung/aufbewahrung?hinweis=gespeichert');
    const list = await admin.get('/verwaltung/aufbewahrung?hinweis=gespeichert');
    expect(list.body).toContain('Die Regel ist gespeichert.');
    expect(list.body).toContain('6 Jahre, 0 Monate');
    expect(list.body).toContain('Standard der Kommune');
    // The same pair again changes the rule instead of adding one.
    await admin.post('/verwaltung/aufbewahrung/regeln', { service: '', startEvent: 'closed', years: '8', months: '6' }, list.body);
    const changed = await admin.get('/verwaltung/aufbewahrung');
    expect(changed.body).toContain('8 Jahre, 6 Monate');
    expect(changed.body).not.toContain('6 Jahre, 0 Monate');
    const id = /\/verwaltung\/aufbewahrung\/regeln\/([0-9a-f-]{36})\/loeschen/.exec(changed.body)![1]!;
    expect((await admin.post(`/verwaltung/aufbewahrung/regeln/${id}/loeschen`, {}, changed.body)).headers.location).toBe(
      '/verwaltung/aufbewahrung?hinweis=geloescht',
    );
    expect((await admin.get('/verwaltung/aufbewahrung')).body).toContain('Noch keine Regeln');
    const audit = await inTenant(t.app.db, await tenant(), (tx) =>
      tx.selectFrom('audit_log').select('action').where('action', 'like', 'retention.%').execute(),
    );
    expect(audit.map((a) => a.action)).toEqual(['retention.rule_saved', 'retention.rule_saved', 'retention.rule_deleted']);
  });

  it('sets a hold by reference with a reason and lifts it; a clerk may too, and bad input is refused', async () => {
    const citizen = new Browser(t.app);
    await fillApplication(citizen);
    await submitApplication(citizen);
    const reference = (await inTenant(t.app.db, await tenant(), (tx) => tx.selectFrom('applications').select('reference').executeTakeFirstOrThrow())).reference;
    const clerk = new Browser(t.app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    const page = await clerk.get('/verwaltung/aufbewahrung/sperren');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kein Vorgang ist gesperrt.');
    const refused = await clerk.post('/verwaltung/aufbewahrung/sperren', { reference: 'GT-1999-999999', reason: '' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Diese Kommune hat keinen Vorgang mit diesem Aktenzeichen.');
    expect(refused.body).toContain('Bitte nennen Sie den Grund');
    expect(refused.body).toContain('value="GT-1999-999999"');
    const held = await clerk.post('/verwaltung/aufbewahrung/sperren', { reference: reference.toLowerCase(), reason: 'Klage 3 K 112/26' }, page.body);
    expect(held.headers.location).toBe('/verwaltung/aufbewahrung/sperren?hinweis=gesperrt');
    const list = await clerk.get('/verwaltung/aufbewahrung/sperren?hinweis=gesperrt');
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Klage 3 K 112/26');
    const id = /sperren\/([0-9a-f-]{36})\/aufheben/.exec(list.body)![1]!;
    const noReason = await clerk.post(`/verwaltung/aufbewahrung/sperren/${id}/aufheben`, { reason: ' ' }, list.body);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain(`href="#f-lift-${id}"`);
    const lifted = await clerk.post(`/verwaltung/aufbewahrung/sperren/${id}/aufheben`, { reason: 'Verfahren beendet' }, list.body);
    expect(lifted.headers.location).toBe('/verwaltung/aufbewahrung/sperren?hinweis=aufgehoben');
    expect((await clerk.get('/verwaltung/aufbewahrung/sperren')).body).toContain('Kein Vorgang ist gesperrt.');
    // Rules and the protocol are the admin's.
    expect((await clerk.get('/verwaltung/aufbewahrung')).statusCode).toBe(403);
  });

  it('shows a region admin who has chosen no municipality where to choose one', async () => {
    const region = new Browser(t.app);
    await region.login('admin@kreis-guetersloh.example');
    for (const url of ['/verwaltung/aufbewahrung', '/verwaltung/archiv']) {
      const page = await region.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('Bitte wählen Sie zuerst die Kommune, für die Sie arbeiten.');
    }
  });

  it('shows the protocol', async () => {
    const page = await admin.get('/verwaltung/aufbewahrung/protokoll');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bisher wurde nichts gelöscht.');
  });
});

async function tenant() {
  return (await inRegion(t.app.db, (tx) => tx.selectFrom('organizations').select('id').where('slug', '=', 'guetersloh').executeTakeFirstOrThrow())).id;
}
