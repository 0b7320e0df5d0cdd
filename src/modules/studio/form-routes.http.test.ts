// The form editor over HTTP: a region admin edits a template's draft form, a municipality's own service form is
// edited under its services; every change is saved at once, every refusal is a 422 that names path and reason.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, csrfToken } from '../../testing/http.ts';
import { parkingContent } from '../../testing/catalog.ts';
import type { FormDefinition } from '../forms/index.ts';
import { organizationBySlug } from '../organizations/index.ts';
import { createOwnService, createTemplate, editableForm, saveEditableForm, type FormOwner, type ServiceContent } from '../services/index.ts';

let t: TestApp;
let app: FastifyInstance;
let admin: Browser;
let regionId: string;
let templateId: string;
let base: string;

// Fee rules read `jahre` and `zweitwagen`; the form adds a dog step whose rules read the first step.
const form = (): FormDefinition => ({
  steps: [
    {
      id: 'halter',
      title: { de: 'Halter' },
      fields: [
        { id: 'vorname', type: 'text', label: { de: 'Vorname' }, required: true, role: 'firstName' },
        {
          id: 'haltung',
          type: 'radio',
          label: { de: 'Haltung' },
          required: true,
          options: [
            { value: 'privat', label: { de: 'Privat' } },
            { value: 'gewerblich', label: { de: 'Gewerblich' } },
          ],
        },
        { id: 'jahre', type: 'integer', label: { de: 'Für wie viele Jahre?' }, required: true, min: 1, max: 3 },
        { id: 'zweitwagen', type: 'yesno', label: { de: 'Zweiter Hund?' } },
      ],
    },
    {
      id: 'hund',
      title: { de: 'Hund' },
      fields: [
        { id: 'hundename', type: 'text', label: { de: 'Hundename' }, required: true },
        { id: 'firma', type: 'text', label: { de: 'Firma' }, showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } },
      ],
    },
  ],
});
const content = (): ServiceContent => ({ ...parkingContent(), title: { de: 'Hund anmelden (Test)' }, form: form() });

const templateOwner = (): FormOwner => ({ kind: 'template', tenantId: regionId, id: templateId });
const savedForm = async (owner = templateOwner()) => (await inTenant(app.db, owner.tenantId, (tx) => editableForm(tx, owner)))!.form;
const ids = (f: FormDefinition, step: number) => f.steps[step]!.fields.map((x) => x.id);

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;

  regionId = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh')))!.id;
  const created = await inTenant(app.db, regionId, (tx) => createTemplate(tx, regionId, 'hund-editor-test', content()));
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  templateId = created.id;
  base = `/studio/vorlagen/${templateId}/formular`;
  admin = new Browser(app);
  expect((await admin.login('admin@kreis-guetersloh.example')).statusCode).toBe(303);
});
afterAll(() => t?.close());

describe('who may edit', () => {
  it('sends visitors to the login, refuses clerks and keeps other regions out', async () => {
    expect((await new Browser(app).get(base)).headers.location).toBe(`/verwaltung/anmelden?weiter=${base}`);
    const clerk = new Browser(app);
    await clerk.login('sachbearbeitung@guetersloh.example');
    expect((await clerk.get(base)).statusCode).toBe(403);
    const other = new Browser(app);
    await other.login('admin@kanton-aargau.example');
    expect((await other.get(base)).statusCode).toBe(404);
    const page = await other.get('/studio/vorlagen');
    expect((await other.post(`${base}/schritte/hund/felder/hundename/verschieben`, { richtung: 'hoch' }, page.body)).statusCode).toBe(404);
    expect((await admin.get('/studio/vorlagen/keine-uuid/formular')).statusCode).toBe(404);
    expect((await admin.get(`${base}/schritte/gibtsnicht`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/schritte/halter/felder/hundename`)).statusCode).toBe(404);
    // A template is not a municipality's service.
    expect((await admin.get(`/studio/leistungen/${templateId}/formular`)).statusCode).toBe(404);
  });

  it('refuses a change without the form token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${base}/schritte/hund/verschieben`,
      payload: 'richtung=hoch',
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
    expect(ids(await savedForm(), 0)).toEqual(ids(form(), 0));
  });
});

describe('the overview', () => {
  it('lists steps and fields in order with labelled buttons for each and every field type to add', async () => {
    const page = await admin.get(base);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html.indexOf('Schritt 1: Halter')).toBeLessThan(html.indexOf('Schritt 2: Hund'));
    expect(html.indexOf('Vorname')).toBeLessThan(html.indexOf('Hundename'));
    // Move buttons are named for what moves where; their visible text is the short part of that name.
    expect(html).toMatch(/aria-label="Feld „Hundename“ nach unten verschieben"><span[^>]*><\/span><span class="kern-label">Nach unten<\/span>/);
    expect(html).toMatch(/aria-label="Feld „Hundename“ nach oben verschieben"><span[^>]*><\/span><span class="kern-label">Nach oben<\/span>/);
    expect(html).toContain('aria-label="Schritt „Hund“ nach oben verschieben"');
    expect(html).toContain('aria-label="Feld hinzufügen: Schritt „Hund“"');
    expect(html).toContain('Bearbeiten<span class="kern-sr-only">: Feld „Firma“</span>');
    expect(html).toContain('Löschen<span class="kern-sr-only">: Feld „Firma“</span>');
    expect(html).toContain('Anzeigen wenn: „Haltung“ = „gewerblich“');
    // The very first field cannot move up, the last cannot move down.
    expect(html).not.toContain('Feld „Vorname“ nach oben verschieben');
    expect(html).not.toContain('Feld „Firma“ nach unten verschieben');
    for (const name of [
      'Text (eine Zeile)',
      'Langer Text',
      'Geldbetrag',
      'IBAN',
      'Postleitzahl',
      'Ja/Nein-Frage',
      'Anschrift',
      'Datei-Upload',
      'Wiederholbare Gruppe',
      'Informationstext',
    ]) {
      expect(html).toContain(`>${name}</option>`);
    }
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
  });
});

describe('changing fields', () => {
  it('moves a field down, across to the next step and back, saving each change at once', async () => {
    const page = await admin.get(base);
    const moved = await admin.post(`${base}/schritte/halter/felder/vorname/verschieben`, { richtung: 'runter' }, page.body);
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`${base}?gespeichert=1#feld-vorname`);
    expect(ids(await savedForm(), 0)).toEqual(['haltung', 'vorname', 'jahre', 'zweitwagen']);
    expect((await admin.get(`${base}?gespeichert=1`)).body).toContain('Änderung gespeichert.');
    await admin.post(`${base}/schritte/halter/felder/zweitwagen/verschieben`, { richtung: 'runter' }, page.body);
    expect(ids(await savedForm(), 1)).toEqual(['zweitwagen', 'hundename', 'firma']);
    await admin.post(`${base}/schritte/hund/felder/zweitwagen/verschieben`, { richtung: 'hoch' }, page.body);
    await admin.post(`${base}/schritte/halter/felder/vorname/verschieben`, { richtung: 'hoch' }, page.body);
    expect(await savedForm()).toEqual(form());
  });

  it('refuses to move the first field up, with the reason', async () => {
    const page = await admin.get(base);
    const refused = await admin.post(`${base}/schritte/halter/felder/vorname/verschieben`, { richtung: 'hoch' }, page.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Das Feld „Vorname“ ist schon das erste des Formulars.');
    // The place is named by the step's title and the field's label, never a JSON pointer.
    expect(refused.body).toMatch(/Schritt 1 „[^“]+“, Feld „Vorname“: Das Feld „Vorname“ ist schon das erste/);
    expect(refused.body).not.toContain('/steps/0/fields/0');
  });

  it('adds a field of a chosen type after another and opens its edit page', async () => {
    const page = await admin.get(base);
    const added = await admin.post(`${base}/schritte/hund/felder`, { typ: 'date', nach: 'hundename' }, page.body);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${base}/schritte/hund/felder/feld_1?neu=1`);
    expect(ids(await savedForm(), 1)).toEqual(['hundename', 'feld_1', 'firma']);
    const edit = await admin.get(added.headers.location as string);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Feld „Neues Datum“ bearbeiten');
    expect(edit.body).toContain('Erlaubte Daten');
    expect(edit.body).toContain('name="verwerfen" value="1"');
    const unknown = await admin.post(`${base}/schritte/hund/felder`, { typ: 'slider' }, page.body);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Unbekannter Feldtyp „slider“');
  });

  it('discards a new field when its first edit is cancelled, and keeps it once saved', async () => {
    const before = await savedForm();
    const page = await admin.get(base);
    const added = await admin.post(`${base}/schritte/hund/felder`, { typ: 'text', nach: 'hundename' }, page.body);
    const edit = await admin.get(added.headers.location as string);
    const fieldId = ids(await savedForm(), 1)[1]!;
    const cancelled = await admin.post(`${base}/schritte/hund/felder/${fieldId}`, { id: fieldId, label_de: 'Getippt', neu: '1', verwerfen: '1' }, edit.body);
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`${base}#schritt-hund`);
    expect(await savedForm()).toEqual(before);
    // Saved, a field stays; "Abbrechen" on a saved field's page is a plain link back, and a stray "verwerfen" removes nothing.
    const again = await admin.post(`${base}/schritte/hund/felder`, { typ: 'text', nach: 'hundename' }, page.body);
    const secondId = ids(await savedForm(), 1)[1]!;
    const second = await admin.get(again.headers.location as string);
    expect((await admin.post(`${base}/schritte/hund/felder/${secondId}`, { id: secondId, label_de: 'Rufname', neu: '1' }, second.body)).statusCode).toBe(303);
    const saved = await admin.get(`${base}/schritte/hund/felder/${secondId}`);
    expect(saved.body).not.toContain('name="verwerfen"');
    expect((await admin.post(`${base}/schritte/hund/felder/${secondId}`, { id: secondId, label_de: 'Rufname', verwerfen: '1' }, saved.body)).statusCode).toBe(
      303,
    );
    expect(ids(await savedForm(), 1)).toContain(secondId);
    const removed = await admin.post(`${base}/schritte/hund/felder/${secondId}/loeschen`, {}, saved.body);
    expect(removed.statusCode).toBe(303);
    expect(await savedForm()).toEqual(before);
  });

  it('changes label, id and settings; rules reading the old id read the new one', async () => {
    const edit = await admin.get(`${base}/schritte/halter/felder/haltung`);
    expect(edit.body).toContain('privat|Privat\ngewerblich|Gewerblich');
    const saved = await admin.post(
      `${base}/schritte/halter/felder/haltung`,
      {
        id: 'art',
        label_de: 'Art der Haltung',
        label_en: 'Kind of keeping',
        hint_de: '',
        options: 'privat|Privat\ngewerblich|Gewerblich|Commercial\nzucht|Zucht',
        required: 'ja',
        showIf: '',
        requiredIf: '',
      },
      edit.body,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base}?gespeichert=1#feld-art`);
    const f = await savedForm();
    expect(f.steps[0]!.fields[1]).toEqual({
      id: 'art',
      type: 'radio',
      label: { de: 'Art der Haltung', en: 'Kind of keeping' },
      required: true,
      options: [
        { value: 'privat', label: { de: 'Privat' } },
        { value: 'gewerblich', label: { de: 'Gewerblich', en: 'Commercial' } },
        { value: 'zucht', label: { de: 'Zucht' } },
      ],
    });
    expect(f.steps[1]!.fields.find((x) => x.id === 'firma')!.showIf).toEqual({ '==': [{ var: 'art' }, 'gewerblich'] });
  });

  it("saves a field's own error message, shown on its edit page", async () => {
    const edit = await admin.get(`${base}/schritte/hund/felder/hundename`);
    expect(edit.body).toContain('Eigene Fehlermeldung (Deutsch)');
    const saved = await admin.post(
      `${base}/schritte/hund/felder/hundename`,
      { id: 'hundename', label_de: 'Hundename', required: 'ja', showIf: '', requiredIf: '', errorMessage_de: 'Der Hundename hat höchstens 30 Zeichen.' },
      edit.body,
    );
    expect(saved.statusCode).toBe(303);
    const f = await savedForm();
    expect(f.steps.find((s) => s.id === 'hund')!.fields.find((x) => x.id === 'hundename')!.errorMessage).toEqual({
      de: 'Der Hundename hat höchstens 30 Zeichen.',
    });
    expect((await admin.get(`${base}/schritte/hund/felder/hundename`)).body).toContain('value="Der Hundename hat höchstens 30 Zeichen."');
  });

  it('keeps what was typed and saves nothing when a rule is not valid JSON', async () => {
    const before = await savedForm();
    const edit = await admin.get(`${base}/schritte/hund/felder/firma`);
    const refused = await admin.post(
      `${base}/schritte/hund/felder/firma`,
      {
        id: 'firma',
        label_de: 'Firmenname',
        showIf: '{"==": [{"var": "art"}, "gewerblich"]',
        requiredIf: '',
        compute: '',
      },
      edit.body,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Fehler:');
    expect(refused.body).toContain(
      'Anzeigen wenn – Für Fachleute: JSON Logic: Die Regel ist kein gültiges JSON: In Zeile 1, Zeichen 38 (am Ende der Regel) fehlt eine schließende geschweifte Klammer }.',
    );
    expect(refused.body).toContain('href="#e-showIf"');
    expect(refused.body).toContain('value="Firmenname"');
    expect(refused.body).toContain('{&quot;==&quot;: [{&quot;var&quot;: &quot;art&quot;}, &quot;gewerblich&quot;]</textarea>');
    expect(await savedForm()).toEqual(before);
  });

  it('refuses a rule reading a field the form does not have', async () => {
    const edit = await admin.get(`${base}/schritte/hund/felder/firma`);
    const refused = await admin.post(`${base}/schritte/hund/felder/firma`, { id: 'firma', label_de: 'Firma', showIf: '{"var": "rechtsform"}' }, edit.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Die Regel „Anzeigen wenn“ bezieht sich auf „rechtsform“; ein Feld mit dieser Kennung gibt es im Formular nicht.');
    expect(refused.body).not.toContain('/steps/1/fields/2/showIf');
  });

  it('shows what the definition check refuses beside the control, named by labels, and elsewhere in the summary', async () => {
    const before = await savedForm();
    const edit = await admin.get(`${base}/schritte/halter/felder/jahre`);
    const minMax = await admin.post(`${base}/schritte/halter/felder/jahre`, { id: 'jahre', label_de: 'Jahre', required: 'ja', min: '5', max: '2' }, edit.body);
    expect(minMax.statusCode).toBe(422);
    expect(minMax.body).toContain('min (5) ist größer als max (2).');
    expect(minMax.body).not.toContain('/form/steps/0');
    expect(minMax.body).toContain('href="#e-min"');
    expect(minMax.body).toContain('value="5"');
    // The fee rules of the service read `jahre`: renaming it is refused by the whole check.
    const renamed = await admin.post(
      `${base}/schritte/halter/felder/jahre`,
      { id: 'laufzeit', label_de: 'Jahre', required: 'ja', min: '1', max: '3' },
      edit.body,
    );
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toMatch(/Gebührenregel 1: [^<]*„jahre“/);
    expect(renamed.body).not.toContain('/feeRules/0');
    expect(await savedForm()).toEqual(before);
  });

  it('gives the reasons in English on the English page, and saves nothing', async () => {
    const before = await savedForm();
    const english = new Browser(app);
    expect((await english.login('admin@kreis-guetersloh.example')).statusCode).toBe(303);
    english.cookies.set('lang', 'en');
    const edit = await english.get(`${base}/schritte/halter/felder/jahre`);
    const minMax = await english.post(
      `${base}/schritte/halter/felder/jahre`,
      { id: 'jahre', label_de: 'Jahre', required: 'ja', min: '5', max: '2' },
      edit.body,
    );
    expect(minMax.statusCode).toBe(422);
    expect(minMax.body).toContain('min (5) is greater than max (2).');
    expect(minMax.body).not.toContain('/form/steps/0');
    expect(minMax.body).not.toContain('ist größer als');
    const rule = await english.post(`${base}/schritte/hund/felder/firma`, { id: 'firma', label_de: 'Firma', showIf: '{"var": "rechtsform"}' }, edit.body);
    expect(rule.statusCode).toBe(422);
    expect(rule.body).toContain('The rule “Show if” refers to “rechtsform”; the form has no field with this id.');
    const json = await english.post(`${base}/schritte/hund/felder/firma`, { id: 'firma', label_de: 'Firma', showIf: '{"var": ' }, edit.body);
    expect(json.statusCode).toBe(422);
    expect(json.body).toContain('The rule is not valid JSON: in line 1, character 8 (at the end of the rule), a value is missing.');
    expect(await savedForm()).toEqual(before);
  });

  it('asks before deleting and refuses to delete a field other rules read', async () => {
    const confirm = await admin.get(`${base}/schritte/hund/felder/hundename/loeschen`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Feld „Hundename“ wirklich löschen?');
    const deleted = await admin.post(`${base}/schritte/hund/felder/hundename/loeschen`, {}, confirm.body);
    expect(deleted.statusCode).toBe(303);
    expect(ids(await savedForm(), 1)).toEqual(['feld_1', 'firma']);

    const referenced = await admin.get(`${base}/schritte/halter/felder/art/loeschen`);
    expect(referenced.body).toContain('Das Feld „Art der Haltung“ kann nicht gelöscht werden: Die Regeln von Feld „Firma“ beziehen sich darauf.');
    expect(referenced.body).not.toContain('Ja, Feld löschen');
    const refused = await admin.post(`${base}/schritte/halter/felder/art/loeschen`, {}, confirm.body);
    expect(refused.statusCode).toBe(422);
    expect(ids(await savedForm(), 0)).toContain('art');
  });
});

describe('groups', () => {
  it('adds a repeating group and fields inside it, moved within the group', async () => {
    const page = await admin.get(base);
    const group = await admin.post(`${base}/schritte/hund/felder`, { typ: 'group' }, page.body);
    const groupId = /felder\/(feld_\d+)\?/.exec(String(group.headers.location))![1]!;
    const overview = await admin.get(base);
    expect(overview.body).toContain(`name="gruppe" value="${groupId}"`);
    expect(overview.body).toContain('Neues Feld in der Gruppe „Neue Gruppe“: Typ');
    const child = await admin.post(`${base}/schritte/hund/felder`, { typ: 'integer', gruppe: groupId }, overview.body);
    expect(child.statusCode).toBe(303);
    let f = await savedForm();
    const children = () => f.steps[1]!.fields.find((x) => x.id === groupId)!.fields!.map((c) => c.id);
    expect(children()).toHaveLength(2);
    const [firstChild, secondChild] = children();
    await admin.post(`${base}/schritte/hund/felder/${secondChild}/verschieben`, { richtung: 'hoch' }, overview.body);
    f = await savedForm();
    expect(children()).toEqual([secondChild, firstChild]);
    const edit = await admin.get(`${base}/schritte/hund/felder/${firstChild}`);
    expect(edit.body).toContain('<dt class="kern-description-list-item__key">Gruppe</dt>');
    expect(edit.body).not.toContain('name="role"');
    const refused = await admin.post(`${base}/schritte/hund/felder`, { typ: 'file', gruppe: groupId }, overview.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Eine Gruppe kann keine weitere Gruppe und keinen Datei-Upload enthalten.');
    const removed = await admin.post(`${base}/schritte/hund/felder/${groupId}/loeschen`, {}, overview.body);
    expect(removed.statusCode).toBe(303);
    expect(ids(await savedForm(), 1)).not.toContain(groupId);
  });
});

describe('changing steps', () => {
  it('adds, renames with a rule, moves and deletes a step', async () => {
    const page = await admin.get(base);
    const tooLong = await admin.post(`${base}/schritte`, { title_de: 'N'.repeat(201) }, page.body);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain(`value="${'N'.repeat(201)}"`);
    expect(tooLong.body).toContain('id="neuer-schritt-error"');
    const added = await admin.post(`${base}/schritte`, { title_de: 'Nachweise' }, page.body);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${base}?gespeichert=1#schritt-schritt_1`);
    let f = await savedForm();
    expect(f.steps.map((s) => s.title.de)).toEqual(['Halter', 'Hund', 'Nachweise']);
    expect(f.steps[2]!.fields).toHaveLength(1);

    const edit = await admin.get(`${base}/schritte/schritt_1`);
    expect(edit.body).toContain('Schritt „Nachweise“ bearbeiten');
    const badRule = await admin.post(
      `${base}/schritte/schritt_1`,
      { title_de: 'Nachweise', title_en: '', showIf: '{"==": [{"var": "art"}, gewerblich]}' },
      edit.body,
    );
    expect(badRule.statusCode).toBe(422);
    expect(badRule.body).toContain('In Zeile 1, Zeichen 25 steht ein Zeichen, das in JSON nicht vorkommen darf');
    const saved = await admin.post(
      `${base}/schritte/schritt_1`,
      { title_de: 'Gewerbenachweis', title_en: 'Proof of trade', showIf: '{"==": [{"var": "art"}, "gewerblich"]}' },
      edit.body,
    );
    expect(saved.statusCode).toBe(303);
    f = await savedForm();
    expect(f.steps[2]).toMatchObject({ title: { de: 'Gewerbenachweis', en: 'Proof of trade' }, showIf: { '==': [{ var: 'art' }, 'gewerblich'] } });

    await admin.post(`${base}/schritte/schritt_1/verschieben`, { richtung: 'hoch' }, page.body);
    expect((await savedForm()).steps.map((s) => s.id)).toEqual(['halter', 'schritt_1', 'hund']);
    const first = await admin.post(`${base}/schritte/halter/verschieben`, { richtung: 'hoch' }, page.body);
    expect(first.statusCode).toBe(422);
    expect(first.body).toContain('Der Schritt „Halter“ ist schon der erste.');

    const confirm = await admin.get(`${base}/schritte/schritt_1/loeschen`);
    expect(confirm.body).toContain('Schritt „Gewerbenachweis“ wirklich löschen?');
    expect((await admin.post(`${base}/schritte/schritt_1/loeschen`, {}, confirm.body)).statusCode).toBe(303);
    expect((await savedForm()).steps.map((s) => s.id)).toEqual(['halter', 'hund']);
  });
});

describe('preview', () => {
  it('shows a step with the real field components and nothing to submit', async () => {
    const page = await admin.get(`${base}/schritte/halter/vorschau`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Schritt 1 von 3');
    expect(page.body).toContain('<legend class="kern-label">Art der Haltung</legend>');
    expect(page.body).toMatch(/<input[^>]+name="vorname"/);
    expect(page.body).not.toMatch(/<form[^>]+action="[^"]*\/antrag/);
    expect(page.body).toContain(`href="${base}/schritte/hund/vorschau"`);
    // Fields hidden by rules are shown in the preview.
    expect((await admin.get(`${base}/schritte/hund/vorschau`)).body).toMatch(/<input[^>]+name="firma"/);
    // No municipality chosen: no tenant's colours, and the page says how to see them.
    expect(page.body).not.toContain('/theme.css');
    expect(page.body).toContain('Wählen Sie eine Kommune, um den Schritt in ihren Farben zu sehen.');
  });
});

describe("a municipality's own service", () => {
  it('is edited under its services by its municipality only', async () => {
    const guetersloh = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'guetersloh')))!;
    const created = await inTenant(app.db, guetersloh.id, (tx) =>
      createOwnService(tx, guetersloh.id, 'hund-eigen-test', content(), {
        office: { de: 'Bürgerbüro' },
        email: 'buergerbuero@guetersloh.example',
        phone: '05241 82-0',
        address: 'Berliner Str. 70',
        hours: { de: 'Mo–Fr 8–12 Uhr' },
      }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const serviceBase = `/studio/leistungen/${created.id}/formular`;
    const owner: FormOwner = { kind: 'service', tenantId: guetersloh.id, id: created.id };

    const noMunicipality = await admin.get(serviceBase);
    expect(noMunicipality.statusCode).toBe(404);
    const home = await admin.get('/verwaltung/');
    await admin.post('/verwaltung/kommune', { municipality: guetersloh.id }, home.body);
    const page = await admin.get(serviceBase);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Formular von „Hund anmelden (Test)“');
    const moved = await admin.post(`${serviceBase}/schritte/hund/verschieben`, { richtung: 'hoch' }, page.body);
    expect(moved.statusCode).toBe(303);
    expect((await savedForm(owner)).steps.map((s) => s.id)).toEqual(['hund', 'halter']);
    // The preview takes the municipality's colours (its theme.css), as its citizens see the form.
    const preview = await admin.get(`${serviceBase}/schritte/hund/vorschau`);
    expect(preview.body).toContain('<link rel="stylesheet" href="/guetersloh/theme.css"/>');
    expect(preview.body).toContain('So sieht der Schritt in den Farben von Stadt Gütersloh aus.');

    const harsewinkel = (await inRegion(app.db, (tx) => organizationBySlug(tx, 'harsewinkel')))!;
    await admin.post('/verwaltung/kommune', { municipality: harsewinkel.id }, home.body);
    expect((await admin.get(serviceBase)).statusCode).toBe(404);
  });
});

/** A form post with repeated controls (the option rows), as a browser sends it. */
function postRepeated(url: string, fields: Record<string, string | string[]>, from: string) {
  const params = new URLSearchParams({ _csrf: csrfToken(from) });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({ method: 'POST', url, payload: params.toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('the rule builder and option rows', () => {
  // Each starts from the form as written above; earlier tests changed it.
  beforeEach(async () => {
    const reset = await inTenant(app.db, regionId, (tx) => saveEditableForm(tx, templateOwner(), form()));
    if (!reset.ok) throw new Error(JSON.stringify(reset.problems));
  });

  it('shows a simple rule in the builder, saves what is chosen there as JSON Logic and keeps the JSON for experts', async () => {
    const edit = await admin.get(`${base}/schritte/hund/felder/firma`);
    expect(edit.body).toContain('<summary class="kern-body">Für Fachleute: JSON Logic</summary>');
    expect(edit.body).toMatch(/<select[^>]+name="showIf_feld"[^>]*>.*<option value="haltung" selected[^>]*>Haltung \(Einfachauswahl\)/s);
    expect(edit.body).toMatch(/<input[^>]+name="showIf_wert"[^>]+value="gewerblich"|<input[^>]+value="gewerblich"[^>]+name="showIf_wert"/);
    const body = (extra: Record<string, string>) => ({
      id: 'firma',
      label_de: 'Firma',
      showIf: '{\n  "==": [\n    {\n      "var": "haltung"\n    },\n    "gewerblich"\n  ]\n}',
      showIf_vorher: '{\n  "==": [\n    {\n      "var": "haltung"\n    },\n    "gewerblich"\n  ]\n}',
      showIf_modus: 'baukasten',
      showIf_feld: 'zweitwagen',
      showIf_op: 'is',
      showIf_wert: 'ja',
      requiredIf: '',
      requiredIf_vorher: '',
      requiredIf_modus: 'baukasten',
      requiredIf_feld: 'haltung',
      requiredIf_op: 'is',
      requiredIf_wert: 'gewerblich',
      compute: '',
      ...extra,
    });
    // A value the field cannot have: a clear German message beside the value, the choice kept, nothing saved.
    const before = await savedForm();
    const refused = await admin.post(`${base}/schritte/hund/felder/firma`, body({ showIf_wert: 'vielleicht' }), edit.body);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('„Zweiter Hund?“ ist eine Ja/Nein-Frage: Geben Sie ja oder nein an.');
    expect(refused.body).toContain('href="#e-showIf_wert"');
    expect(refused.body).toContain('Anzeigen wenn – Wert: ');
    expect(refused.body).toMatch(/value="vielleicht"/);
    expect(await savedForm()).toEqual(before);

    const saved = await admin.post(`${base}/schritte/hund/felder/firma`, body({}), edit.body);
    expect(saved.statusCode).toBe(303);
    const firma = (await savedForm()).steps[1]!.fields[1]!;
    expect(firma.showIf).toEqual({ '==': [{ var: 'zweitwagen' }, true] });
    expect(firma.requiredIf).toEqual({ '==': [{ var: 'haltung' }, 'gewerblich'] });
    // The overview says it in words.
    expect((await admin.get(base)).body).toContain('Anzeigen wenn: „Zweiter Hund?“ = true');

    // An expert's change to the JSON wins over the builder.
    const again = await admin.get(`${base}/schritte/hund/felder/firma`);
    const expert = await admin.post(
      `${base}/schritte/hund/felder/firma`,
      body({ showIf: '{">": [{"var": "jahre"}, 1]}', showIf_vorher: '{\n  "==": [\n    {\n      "var": "zweitwagen"\n    },\n    true\n  ]\n}' }),
      again.body,
    );
    expect(expert.statusCode).toBe(303);
    expect((await savedForm()).steps[1]!.fields[1]!.showIf).toEqual({ '>': [{ var: 'jahre' }, 1] });
    // That rule is beyond the builder: the page says so and opens the JSON.
    const complex = await admin.get(`${base}/schritte/hund/felder/firma`);
    expect(complex.body).toContain('Diese Regel geht über „Feld ist Wert“ hinaus.');
    expect(complex.body).toContain('name="showIf_modus" value="json"');
  });

  it('edits options as rows, adding and removing rows by buttons without saving until „Speichern“', async () => {
    const edit = await admin.get(`${base}/schritte/halter/felder/haltung`);
    expect(edit.body).toContain('<legend class="kern-label">Antwortmöglichkeit 1</legend>');
    expect(edit.body).toContain('aria-label="Antwortmöglichkeit 2 entfernen"');
    const rows = { option_wert: ['privat', 'gewerblich'], option_de: ['Privat', 'Gewerblich'], option_en: ['Private', ''] };
    const common = {
      id: 'haltung',
      label_de: 'Haltung',
      required: 'ja',
      options: 'privat|Privat\ngewerblich|Gewerblich',
      options_vorher: 'privat|Privat\ngewerblich|Gewerblich',
    };
    const before = await savedForm();
    const added = await postRepeated(`${base}/schritte/halter/felder/haltung`, { ...common, ...rows, zeilen: 'mehr' }, edit.body);
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('<legend class="kern-label">Antwortmöglichkeit 3</legend>');
    expect(added.body).toContain('value="Private"');
    expect(await savedForm()).toEqual(before);
    const removed = await postRepeated(`${base}/schritte/halter/felder/haltung`, { ...common, ...rows, zeilen: 'weg-0' }, edit.body);
    expect(removed.body).not.toContain('value="privat"');
    expect(removed.body).not.toContain('Antwortmöglichkeit 2</legend>');

    const duplicate = await postRepeated(
      `${base}/schritte/halter/felder/haltung`,
      { ...common, option_wert: ['privat', 'privat'], option_de: ['Privat', 'Auch privat'], option_en: ['', ''] },
      edit.body,
    );
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('Antwortmöglichkeit 2: Den Wert „privat“ hat schon Antwortmöglichkeit 1.');
    expect(duplicate.body).toContain('value="Auch privat"');
    expect(await savedForm()).toEqual(before);

    const saved = await postRepeated(
      `${base}/schritte/halter/felder/haltung`,
      { ...common, option_wert: ['privat', 'gewerblich', 'verein'], option_de: ['Privat', 'Gewerblich', 'Verein'], option_en: ['Private', '', 'Club'] },
      edit.body,
    );
    expect(saved.statusCode).toBe(303);
    expect((await savedForm()).steps[0]!.fields[1]!.options).toEqual([
      { value: 'privat', label: { de: 'Privat', en: 'Private' } },
      { value: 'gewerblich', label: { de: 'Gewerblich' } },
      { value: 'verein', label: { de: 'Verein', en: 'Club' } },
    ]);
  });
});
