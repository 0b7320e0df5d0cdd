// The Kita fee calculator over HTTP: the citizen's page with calculation and errors, the studio's table editor with
// login, roles and CSRF, and which municipality sees which table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser } from '../../testing/http.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { allOrganizations, type Organization } from '../organizations/index.ts';
import { kitaFeeTableFor } from './calculators.ts';
import { draftFromTable } from './fee-table.ts';
import { DEMO_FEE_TABLES, seedDemoFeeTables } from './demo-tables.ts';
import * as repo from './repository.ts';
import { KITA_FEE, type FeeTableDraft } from './schema.ts';

const CALC = (slug: string) => `/${slug}/rechner/kita-beitrag`;
const EDITOR = '/studio/rechner/kita-beitrag';
const REGION_ADMIN = 'admin@kreis-guetersloh.example';
const MUNICIPALITY_ADMIN = 'organisation@guetersloh.example';

let t: TestApp;
const orgs: Record<string, Organization> = {};

beforeAll(async () => {
  t = await createTestApp();
  await inRegion(t.database.db, async (tx) => {
    const all = await allOrganizations(tx);
    // The demo seeding stores these too; storing them again changes nothing.
    await seedDemoFeeTables(tx, all);
    for (const o of all) orgs[o.slug] = o;
  });
});
afterAll(() => t?.close());

/** The page's text without tags, spaces collapsed (Intl's no-break spaces too). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|[\s\u00a0\u202f]+/g, ' ');

async function calculate(slug: string, fields: Record<string, string>) {
  const citizen = new Browser(t.app);
  const page = await citizen.get(CALC(slug));
  return citizen.post(CALC(slug), fields, page.body);
}

/** The form fields of a draft, as the editor's form sends them. */
function formOf(draft: FeeTableDraft, action = 'save'): Record<string, string> {
  const fields: Record<string, string> = {
    action,
    hoursCount: String(draft.hours.length),
    bracketCount: String(draft.brackets.length),
    validFrom: draft.validFrom,
    secondPercent: draft.secondPercent,
    furtherPercent: draft.furtherPercent,
    noteDe: draft.noteDe,
    noteEn: draft.noteEn,
  };
  draft.hours.forEach((h, i) => (fields[`hours-${i}`] = h));
  draft.brackets.forEach((b, i) => {
    fields[`b${i}-from`] = b.from;
    fields[`b${i}-to`] = b.to;
    b.fees.forEach((f, h) => (fields[`b${i}-fee${h}`] = f));
  });
  return fields;
}

async function signedIn(email: string) {
  const browser = new Browser(t.app);
  const res = await browser.login(email);
  expect(res.statusCode).toBe(303);
  return browser;
}

describe("the citizen's calculator", () => {
  it('shows the form with the table that applies', async () => {
    const res = await new Browser(t.app).get(CALC('guetersloh'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const text = textOf(res.body);
    expect(text).toContain('Kita-Beitrag berechnen');
    expect(text).toContain('Beitragstabelle: Kreis Gütersloh, gültig ab 01.08.2026.');
    for (const h of [25, 35, 45]) expect(res.body).toContain(`name="stunden" value="${h}"`);
    expect(text).toContain('45.001–60.000 €');
    expect(text).toContain('beitragsfrei');
  });

  it('explains the fee line by line', async () => {
    const res = await calculate('guetersloh', { einkommen: '52.000', stunden: '35', kinder: '2' });
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('1. Kind: Einkommensstufe 3 (45.001–60.000 €), 35 Stunden 182,00 €');
    expect(text).toContain('Geschwisterermäßigung 2. Kind −50 % -91,00 €');
    expect(text).toContain('Summe monatlich 273,00 €');
    // What was typed stays in the form for the next calculation.
    expect(res.body).toContain('value="52.000"');
    expect(res.body).toMatch(/value="35" checked/);
  });

  it("uses a municipality's own table and the region's elsewhere", async () => {
    const rheda = textOf((await calculate('rheda-wiedenbrueck', { einkommen: '52000', stunden: '35', kinder: '2' })).body);
    expect(rheda).toContain('Beitragstabelle: Stadt Rheda-Wiedenbrück');
    expect(rheda).toContain('Summe monatlich 154,00 €');
    const harsewinkel = textOf((await calculate('harsewinkel', { einkommen: '52000', stunden: '35', kinder: '2' })).body);
    expect(harsewinkel).toContain('Summe monatlich 273,00 €');
    const aarau = textOf((await calculate('aarau', { einkommen: "70'000", stunden: '30', kinder: '1' })).body);
    expect(aarau).toContain("Einkommensstufe 3 (CHF 60'001–80'000), 30 Stunden");
    expect(aarau).toContain('Summe monatlich CHF 840.00');
  });

  it('answers 422 with a message per field and keeps what was typed', async () => {
    const res = await calculate('guetersloh', { einkommen: '-5000', stunden: '30', kinder: 'zwei' });
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Bitte korrigieren Sie Folgendes');
    expect(text).toContain('Jahreseinkommen des Haushalts in EUR: Die Zahl darf nicht negativ sein.');
    expect(text).toContain('Betreuungszeit pro Woche: Bitte wählen Sie eine Antwort aus.');
    expect(text).toContain('Anzahl Ihrer Kinder in Betreuung: Bitte geben Sie eine ganze Zahl ohne Nachkommastellen ein');
    expect(res.body).toContain('value="-5000"');
    expect(res.body).toContain('value="zwei"');
    expect(res.body).toMatch(/id="f-einkommen"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-einkommen"/);
    expect(res.body).toContain('href="#f-stunden-0"');
    expect(text).not.toContain('Summe monatlich');
    expect(res.body).toMatch(/<title>Fehler: Kita-Beitrag berechnen/);
  });

  it('refuses amounts too large, letters and control characters', async () => {
    const big = await calculate('guetersloh', { einkommen: '999999999999', stunden: '35', kinder: '11' });
    expect(big.statusCode).toBe(422);
    expect(textOf(big.body)).toContain('Der Rechner nimmt höchstens 100000000 an.');
    expect(textOf(big.body)).toContain('Bitte geben Sie eine ganze Zahl von 1 bis 10 ein.');
    const control = await calculate('guetersloh', { einkommen: '52000\u0000\u0007', stunden: '35\u0001', kinder: '1' });
    expect(control.statusCode).toBe(422);
    expect(textOf(control.body)).toContain('unzulässige Steuerzeichen');
    expect(control.body).not.toContain('\u0000');
  });

  it('speaks English when asked', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get(`${CALC('guetersloh')}?lang=en`);
    expect(textOf(page.body)).toContain('Calculate the day-care fee');
    const res = await citizen.post(CALC('guetersloh'), { einkommen: '52000', stunden: '45', kinder: '2' }, page.body);
    const text = textOf(res.body);
    expect(text).toContain('1st child: Income bracket 3 (€45,001 – €60,000), 45 hours €234.00');
    expect(text).toContain('Sibling discount 2nd child −50 % -€117.00');
    expect(text).toContain('Total per month €351.00');
    expect(text).toContain('The last two kindergarten years before school are free');
  });

  it("needs the form's CSRF token and a municipality that exists", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: CALC('guetersloh'),
      payload: 'einkommen=1&stunden=35&kinder=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
    for (const slug of ['nirgendwo', 'kreis-guetersloh', 'GROSS']) expect((await new Browser(t.app).get(CALC(slug))).statusCode, slug).toBe(404);
  });
});

describe("the studio's fee table editor", () => {
  it('is for organisers only', async () => {
    const anonymous = await new Browser(t.app).get(EDITOR);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/verwaltung/anmelden?weiter=${EDITOR}`);
    const clerk = await signedIn('sachbearbeitung@guetersloh.example');
    expect((await clerk.get(EDITOR)).statusCode).toBe(403);
    const page = await (await signedIn(REGION_ADMIN)).get(EDITOR);
    expect((await clerk.post(EDITOR, formOf(draftFromTable(DEMO_FEE_TABLES['kreis-guetersloh']!)), page.body)).statusCode).toBe(403);
  });

  it("shows the region's table as a table of inputs", async () => {
    const admin = await signedIn(REGION_ADMIN);
    const res = await admin.get(EDITOR);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const text = textOf(res.body);
    expect(text).toContain('Diese Tabelle gilt für alle Kommunen der Region (Kreis Gütersloh), die keine eigene Tabelle haben.');
    expect(res.body).toContain('name="b2-from" type="text" value="45001"');
    expect(res.body).toContain('name="b2-fee1" type="text" value="182,00"');
    expect(res.body).toContain('<label class="kern-label kern-sr-only" for="b2-fee1">Stufe 3, 35 Std./Woche</label>');
    expect(res.body).toContain('value="remove-bracket:6"');
  });

  it('adds and removes a bracket without saving, keeping what was typed', async () => {
    const admin = await signedIn(REGION_ADMIN);
    const page = await admin.get(EDITOR);
    const draft = draftFromTable(DEMO_FEE_TABLES['kreis-guetersloh']!);
    draft.brackets[0]!.fees[0] = 'noch offen';
    draft.brackets[6]!.to = '130000';
    const added = await admin.post(EDITOR, formOf(draft, 'add-bracket'), page.body);
    expect(added.statusCode).toBe(200);
    expect(textOf(added.body)).toContain('Die Änderung ist noch nicht gespeichert.');
    expect(added.body).toContain('value="noch offen"');
    expect(added.body).toContain('name="b7-from" type="text" value="130001"');
    expect(added.body).toMatch(/id="b7-to"[^>]*autofocus/);
    const removed = await admin.post(EDITOR, { ...formOf(draft, 'remove-bracket:0') }, added.body);
    expect(removed.body).toContain('name="b0-from" type="text" value="20001"');
    expect(removed.body).not.toContain('value="noch offen"');
    // Nothing of it was stored.
    expect(textOf((await calculate('guetersloh', { einkommen: '52000', stunden: '35', kinder: '1' })).body)).toContain('Summe monatlich 182,00 €');
    expect((await admin.post(EDITOR, formOf(draft, 'drop-table'), page.body)).statusCode).toBe(400);
  });

  it('answers 422 with a message beside each cell and every typed value kept', async () => {
    const admin = await signedIn(REGION_ADMIN);
    const page = await admin.get(EDITOR);
    const draft = draftFromTable(DEMO_FEE_TABLES['kreis-guetersloh']!);
    draft.brackets[2]!.from = '46000';
    draft.brackets[3]!.fees[1] = '-10';
    draft.hours[2] = '35';
    draft.brackets[4]!.fees[0] = '2\u0007';
    const res = await admin.post(EDITOR, formOf(draft), page.body);
    expect(res.statusCode).toBe(422);
    const text = textOf(res.body);
    expect(text).toContain('Bitte korrigieren Sie Folgendes');
    expect(text).toContain('Betreuungszeit 3: Die Betreuungszeit 35 Stunden gibt es schon.');
    expect(text).toContain('Stufe 3, von: Zwischen dieser und der vorigen Stufe ist eine Lücke: Die Stufe muss bei 45001 beginnen');
    expect(text).toContain('Stufe 4, 35 Std./Woche: Die Zahl darf nicht negativ sein.');
    expect(text).toContain('Stufe 5, 25 Std./Woche: Die Eingabe enthält unzulässige Steuerzeichen.');
    expect(res.body).toContain('href="#b2-from"');
    expect(res.body).toContain('id="b3-fee1-error"');
    expect(res.body).toMatch(/id="b3-fee1"[^>]*aria-invalid="true"[^>]*aria-describedby="b3-fee1-error"/);
    expect(res.body).toContain('name="b2-from" type="text" value="46000"');
    expect(res.body).toContain('name="b3-fee1" type="text" value="-10"');
    expect(res.body).toContain('name="hours-2" type="text" value="35"');
  });

  it("saves the region's table for every municipality without its own", async () => {
    const admin = await signedIn(REGION_ADMIN);
    const page = await admin.get(EDITOR);
    const draft = draftFromTable(DEMO_FEE_TABLES['kreis-guetersloh']!);
    draft.brackets[2]!.fees[1] = '190,50';
    const res = await admin.post(EDITOR, formOf(draft), page.body);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${EDITOR}?gespeichert=1`);
    expect(textOf((await admin.get(res.headers.location!)).body)).toContain('Die Beitragstabelle ist gespeichert.');
    expect(textOf((await calculate('harsewinkel', { einkommen: '52000', stunden: '35', kinder: '1' })).body)).toContain('Summe monatlich 190,50 €');
    // Rheda-Wiedenbrück keeps its own table; Aargau's municipalities never see Gütersloh's.
    expect(textOf((await calculate('rheda-wiedenbrueck', { einkommen: '52000', stunden: '35', kinder: '1' })).body)).toContain('Summe monatlich 154,00 €');
    expect(textOf((await calculate('aarau', { einkommen: '52000', stunden: '30', kinder: '1' })).body)).toContain('Summe monatlich CHF 570.00');
    const entry = await inTenant(t.database.db, orgs['kreis-guetersloh']!.id, (tx) =>
      tx.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'fee_table.saved').executeTakeFirst(),
    );
    expect(entry?.actor).toMatch(/^staff:/);
  });

  it("gives a municipality admin an own table, created from the region's, and takes it back", async () => {
    const admin = await signedIn(MUNICIPALITY_ADMIN);
    const page = await admin.get(EDITOR);
    expect(textOf(page.body)).toContain('Stadt Gütersloh verwendet die Tabelle der Region (Kreis Gütersloh).');
    expect(page.body).toContain('href="/guetersloh/rechner/kita-beitrag"');
    expect(page.body).toContain('name="b2-from" type="text" value="45001"');
    const draft = draftFromTable((await inTenant(t.database.db, orgs.guetersloh!.id, (tx) => kitaFeeTableFor(tx, orgs.guetersloh!)))!.table);
    draft.brackets[2]!.fees[1] = '99,00';
    draft.secondPercent = '100';
    expect((await admin.post(EDITOR, formOf(draft), page.body)).statusCode).toBe(303);

    const own = await admin.get(EDITOR);
    expect(textOf(own.body)).toContain('Stadt Gütersloh hat eine eigene Tabelle.');
    expect(textOf((await calculate('guetersloh', { einkommen: '52000', stunden: '35', kinder: '2' })).body)).toContain('Summe monatlich 99,00 €');
    expect(textOf((await calculate('harsewinkel', { einkommen: '52000', stunden: '35', kinder: '1' })).body)).not.toContain('99,00 €');
    const region = await inTenant(t.database.db, orgs['kreis-guetersloh']!.id, (tx) => repo.findTables(tx, KITA_FEE, [orgs['kreis-guetersloh']!.id]));
    expect(JSON.stringify(region[0]!.content)).not.toContain('9900');

    const back = await admin.post(`${EDITOR}/eigene-tabelle-loeschen`, {}, own.body);
    expect(back.statusCode).toBe(303);
    expect(textOf((await admin.get(back.headers.location!)).body)).toContain(
      'Die eigene Tabelle ist gelöscht. Es gilt wieder die Tabelle der Region (Kreis Gütersloh).',
    );
    expect(textOf((await calculate('guetersloh', { einkommen: '52000', stunden: '35', kinder: '1' })).body)).not.toContain('99,00 €');
  });

  it("lets a region admin not drop the region's default table", async () => {
    const admin = await signedIn(REGION_ADMIN);
    const page = await admin.get(EDITOR);
    expect(page.body).not.toContain('eigene-tabelle-loeschen');
    expect((await admin.post(`${EDITOR}/eigene-tabelle-loeschen`, {}, page.body)).statusCode).toBe(400);
  });
});

describe('row-level security on fee tables', () => {
  it("lets a municipality read its region's table but not another municipality's or region's", async () => {
    const { harsewinkel, aarau } = orgs;
    const seen = await inTenant(t.database.db, harsewinkel!.id, (tx) =>
      repo.findTables(tx, KITA_FEE, [orgs['rheda-wiedenbrueck']!.id, orgs['kreis-guetersloh']!.id, orgs['kanton-aargau']!.id]),
    );
    expect(seen.map((r) => r.tenant_id)).toEqual([orgs['kreis-guetersloh']!.id]);
    const fromAarau = await inTenant(t.database.db, aarau!.id, (tx) =>
      repo.findTables(tx, KITA_FEE, [orgs['kreis-guetersloh']!.id, orgs['rheda-wiedenbrueck']!.id]),
    );
    expect(fromAarau).toEqual([]);
  });

  it("lets no municipality write its region's table", async () => {
    const table = DEMO_FEE_TABLES['kreis-guetersloh']!;
    await expect(inTenant(t.database.db, orgs.harsewinkel!.id, (tx) => repo.upsertTable(tx, orgs['kreis-guetersloh']!.id, KITA_FEE, table))).rejects.toThrow(
      /row-level security/,
    );
    const deleted = await inTenant(t.database.db, orgs.harsewinkel!.id, (tx) => repo.deleteTable(tx, orgs['kreis-guetersloh']!.id, KITA_FEE));
    expect(deleted).toBe(false);
    const still = await inTenant(t.database.db, orgs['kreis-guetersloh']!.id, (tx) => repo.findTables(tx, KITA_FEE, [orgs['kreis-guetersloh']!.id]));
    expect(still).toHaveLength(1);
  });
});
