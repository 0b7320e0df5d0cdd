import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { Browser } from '../../testing/http.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { fieldWithRole, type Answers } from '../forms/index.ts';
import { organizationBySlug } from '../organizations/index.ts';
import { allServicesOf, checkContent, computeFees, listTemplates, pendingTemplateUpdates, type Service, type ServiceContent } from '../services/index.ts';
import { DEMO_REGIONS, demoOwnServices, demoTemplates, demoTemplateUpdates, seedDemo, updatedContent } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const orgId = (slug: string) => inRegion(t.database.db, async (tx) => (await organizationBySlug(tx, slug))!.id);

async function servicesOf(municipality: string): Promise<Service[]> {
  const id = await orgId(municipality);
  return inTenant(t.database.db, id, (tx) => allServicesOf(tx, id));
}

async function service(municipality: string, slug: string): Promise<Service> {
  const found = (await servicesOf(municipality)).find((s) => s.slug === slug);
  if (!found) throw new Error(`${municipality} bietet ${slug} nicht an`);
  return found;
}

const fees = async (municipality: string, slug: string, answers: Answers) => computeFees((await service(municipality, slug)).definition, answers).totalMinor;

const everyContent = (): Array<{ name: string; content: ServiceContent }> => [
  ...demoTemplates('de').map((x) => ({ name: `de/${x.slug}`, content: x.content })),
  ...demoTemplates('ch').map((x) => ({ name: `ch/${x.slug}`, content: x.content })),
  ...demoOwnServices().map((x) => ({ name: `${x.municipality}/${x.slug}`, content: x.content })),
];

describe('the demo content', () => {
  it('passes the catalog check in every template, own service and later template version', () => {
    for (const { name, content } of everyContent()) expect(checkContent(content), name).toEqual([]);
    for (const update of demoTemplateUpdates()) {
      const set = DEMO_REGIONS.find((r) => r.slug === update.region)!.templateSet;
      const base = demoTemplates(set).find((x) => x.slug === update.slug)!.content;
      expect(checkContent(updatedContent(base, update)), update.slug).toEqual([]);
    }
  });

  it('gives every form 2 to 5 steps, the applicant name and e-mail fields, fee rules and English texts', () => {
    for (const { name, content } of everyContent()) {
      expect(content.form.steps.length, name).toBeGreaterThanOrEqual(2);
      expect(content.form.steps.length, name).toBeLessThanOrEqual(5);
      for (const role of ['firstName', 'lastName', 'email'] as const) expect(fieldWithRole(content.form, role), `${name}: ${role}`).toBeDefined();
      expect(content.feeRules.length, name).toBeGreaterThan(0);
      for (const text of [content.title, content.summary, content.description, content.legalBasis, ...content.feeRules.map((r) => r.label)]) {
        expect(text.en, `${name}: ${text.de}`).toBeTruthy();
      }
    }
  });

  it('covers the services the region is asked for, across life situations, and a smaller Swiss set', () => {
    const german = demoTemplates('de').map((x) => x.slug);
    for (const slug of [
      'ummeldung',
      'kita-platz',
      'hund-anmelden',
      'bauvoranfrage',
      'bewohnerparkausweis',
      'schuelerfahrkarte',
      'gewerbeanmeldung',
      'sperrmuell',
      'sondernutzung-veranstaltung',
      'melderegisterauskunft',
      'fuehrungszeugnis',
    ])
      expect(german).toContain(slug);
    expect(german.length).toBeGreaterThanOrEqual(12);
    expect(new Set(demoTemplates('de').flatMap((x) => x.content.lifeSituations)).size).toBeGreaterThanOrEqual(10);
    expect(demoTemplates('ch').map((x) => x.slug)).toEqual([
      'hund-anmelden',
      'parkkarte',
      'sperrgut',
      'umzug-melden',
      'veranstaltungsbewilligung',
      'wohnsitzbestaetigung',
    ]);
    expect(demoTemplates('ch').find((x) => x.slug === 'hund-anmelden')!.content.title.de).toContain('Hundetaxe');
  });

  it('keeps the dog form the portal tests walk through', () => {
    const form = demoTemplates('de').find((x) => x.slug === 'hund-anmelden')!.content.form;
    expect(form.steps.map((s) => s.id)).toEqual(['halter', 'adresse', 'hund', 'nachweis']);
    const ids = (step: number) => form.steps[step]!.fields.filter((f) => f.required).map((f) => f.id);
    expect(ids(0)).toEqual(['vorname', 'nachname', 'geburtsdatum', 'email']);
    expect(ids(1)).toEqual(['strasse', 'hausnummer', 'plz', 'ort']);
    expect(ids(2)).toEqual(['hundename', 'rasse', 'geschlecht', 'haltung_seit', 'gefaehrlich']);
    expect(ids(3)).toEqual(['versicherung']);
  });

  it('takes a dog registration in Gütersloh from the service page to submission', async () => {
    const citizen = new Browser(t.app);
    const page = await citizen.get('/guetersloh/leistungen/hund-anmelden');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('120,00');
    await fillApplication(citizen);
    expect(await submitApplication(citizen)).toMatch(/^\/guetersloh\/antraege\//);
  });
});

describe('the seeded municipalities', () => {
  it('offer at least 12 services in each German and 6 in each Swiss municipality, with local offices', async () => {
    for (const region of DEMO_REGIONS) {
      for (const m of region.municipalities) {
        const services = await servicesOf(m.slug);
        expect(services.length, m.slug).toBeGreaterThanOrEqual(region.country === 'DE' ? 12 : 6);
        for (const s of services) expect(s.definition.local.email, `${m.slug}/${s.slug}`).toMatch(new RegExp(`@${m.slug}\\.example$`));
      }
    }
    const harsewinkel = (await servicesOf('harsewinkel')).map((s) => s.slug);
    expect(harsewinkel).toContain('gruppenfuehrung');
    expect(harsewinkel).not.toContain('bewohnerparkausweis');
    expect((await service('baden', 'saisonabo-terrassenbad')).templateId).toBeNull();
    expect((await service('aarau', 'hund-anmelden')).definition.legalBasis.de).toContain('Hundegesetz');
  });

  it('renders every service page and every form step in every municipality', async () => {
    const citizen = new Browser(t.app);
    for (const m of DEMO_REGIONS.flatMap((r) => r.municipalities)) {
      for (const s of await servicesOf(m.slug)) {
        const base = `/${m.slug}/leistungen/${s.slug}`;
        const page = await citizen.get(base);
        expect(page.statusCode, base).toBe(200);
        expect(page.body, base).toContain(s.definition.local.email);
        for (const step of s.definition.form.steps) {
          const res = await citizen.get(`${base}/antrag/${step.id}`);
          // A step hidden by its rule sends the citizen on to the next one.
          expect(res.statusCode, `${base}/antrag/${step.id}`).toBe(step.showIf === undefined ? 200 : 303);
        }
      }
    }
  });

  it('shows Swiss examples on Swiss portals: no German postcodes, phone numbers, euros or Länder in hints, placeholders and messages', async () => {
    const citizen = new Browser(t.app);
    const german = [/\b0\d{4} ?\d/, /\+49/, /€/, /\bEUR\b/, /Bundesland|Nordrhein|Bayern/, /beispiel\.de\b/, /\b33\d{3}\b/, /Personalausweis/, /Steuer-ID/];
    const found: string[] = [];
    const look = (where: string, html: string) => {
      const visible = html
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<[^>]*?(placeholder|title|aria-label)="([^"]*)"[^>]*>/g, ' $2 ')
        .replace(/<[^>]+>/g, ' ');
      for (const pattern of german)
        if (pattern.test(visible))
          found.push(
            `${where}: ${pattern} in …${visible.match(pattern)?.index !== undefined ? visible.slice(Math.max(0, visible.search(pattern) - 60), visible.search(pattern) + 30).replace(/\s+/g, ' ') : ''}…`,
          );
    };
    for (const m of DEMO_REGIONS.filter((r) => r.country === 'CH').flatMap((r) => r.municipalities)) {
      for (const s of await servicesOf(m.slug)) {
        const base = `/${m.slug}/leistungen/${s.slug}`;
        look(base, (await citizen.get(base)).body);
        for (const step of s.definition.form.steps.filter((x) => x.showIf === undefined)) {
          const page = await citizen.get(`${base}/antrag/${step.id}`);
          look(`${base}/antrag/${step.id}`, page.body);
          // The messages of an empty step, and of answers in a wrong format.
          const wrong = Object.fromEntries(
            step.fields.map((f) => [f.id, f.type === 'email' ? 'kein-at' : f.type === 'phone' ? 'abc' : f.type === 'postalCode' ? '1' : '']),
          );
          look(`${base}/antrag/${step.id} (errors)`, (await citizen.post(`${base}/antrag/${step.id}`, wrong, page.body)).body);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('shows a newer template version accepted by one municipality and pending in the others', async () => {
    expect((await service('guetersloh', 'sperrmuell')).templateVersion).toBe(2);
    expect((await service('guetersloh', 'sperrmuell')).definition.form.steps[2]!.fields.map((f) => f.id)).toContain('sms_erinnerung');
    expect((await service('rheda-wiedenbrueck', 'sperrmuell')).templateVersion).toBe(1);
    const rheda = await orgId('rheda-wiedenbrueck');
    const pending = await inTenant(t.database.db, rheda, (tx) => pendingTemplateUpdates(tx, rheda));
    expect(pending).toEqual([expect.objectContaining({ slug: 'sperrmuell', current: 1, latest: 2 })]);
  });
});

/** One plausible application per service and what it costs, in cents or Rappen, in the municipality named. */
const gesellschafter = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    g_vorname: `Person ${i}`,
    g_nachname: 'Muster',
    g_geburtsdatum: '1980-01-01',
    g_anschrift: { street: 'Markt', number: '1', postalCode: '33330', place: 'Gütersloh' },
  }));

const SAMPLES: Record<string, Array<{ in: string; answers: Answers; total: number }>> = {
  ummeldung: [
    { in: 'guetersloh', answers: { meldebescheinigungen: '2' }, total: 1400 },
    { in: 'guetersloh', answers: {}, total: 0 },
  ],
  'kita-platz': [
    { in: 'guetersloh', answers: { einkommen: 'b4', betreuungsumfang: '35', geschwister_in_kita: 'nein' }, total: 12000 },
    { in: 'guetersloh', answers: { einkommen: 'b7', betreuungsumfang: '45', geschwister_in_kita: 'nein' }, total: 34000 },
    { in: 'guetersloh', answers: { einkommen: 'b7', betreuungsumfang: '45', geschwister_in_kita: 'ja' }, total: 0 },
    { in: 'guetersloh', answers: { einkommen: 'b1', betreuungsumfang: '25', geschwister_in_kita: 'nein' }, total: 0 },
  ],
  'hund-anmelden': [
    { in: 'guetersloh', answers: { gefaehrlich: 'nein' }, total: 12000 },
    { in: 'guetersloh', answers: { gefaehrlich: 'nein', weitere_hunde: '1' }, total: 15600 },
    { in: 'guetersloh', answers: { gefaehrlich: 'ja' }, total: 60000 },
    { in: 'guetersloh', answers: { gefaehrlich: 'nein', steuerbefreiung: 'ja', befreiungsgrund: 'blindenfuehrhund' }, total: 0 },
    { in: 'rheda-wiedenbrueck', answers: { gefaehrlich: 'nein' }, total: 9600 },
    { in: 'harsewinkel', answers: { gefaehrlich: 'ja' }, total: 54000 },
    { in: 'aarau', answers: { gefaehrlich: 'nein' }, total: 15000 },
    { in: 'baden', answers: { gefaehrlich: 'ja' }, total: 24000 },
  ],
  bauvoranfrage: [
    {
      in: 'guetersloh',
      answers: { fragen: [{ frage: 'Ist ein Wohnhaus mit zwei Vollgeschossen zulässig?' }, { frage: 'Ist ein Flachdach zulässig?' }] },
      total: 40000,
    },
  ],
  bewohnerparkausweis: [
    { in: 'guetersloh', answers: { laufzeit: '2' }, total: 6000 },
    { in: 'rheda-wiedenbrueck', answers: { laufzeit: '2' }, total: 8000 },
  ],
  schuelerfahrkarte: [
    { in: 'guetersloh', answers: { schulform: 'gymnasium', klasse: '11', befoerderung: 'oepnv' }, total: 1200 },
    { in: 'guetersloh', answers: { schulform: 'gymnasium', klasse: '7', befoerderung: 'oepnv' }, total: 0 },
  ],
  gewerbeanmeldung: [
    { in: 'guetersloh', answers: { rechtsform: 'einzelunternehmen' }, total: 2600 },
    { in: 'guetersloh', answers: { rechtsform: 'gbr', gesellschafter: gesellschafter(2) }, total: 7800 },
    { in: 'harsewinkel', answers: { rechtsform: 'gbr', gesellschafter: gesellschafter(1) }, total: 4000 },
  ],
  sperrmuell: [
    // 2 × 1.5 m³ + 6 × 0.2 m³ = 4.2 m³, of which 1.2 m³ are charged; carrying from the flat on top.
    {
      in: 'guetersloh',
      answers: {
        gegenstaende: [
          { gegenstand: 'Sofa', anzahl: '2', volumen: '1.5' },
          { gegenstand: 'Stuhl', anzahl: '6', volumen: '0.2' },
        ],
        abstellort: 'wohnung',
        express: 'nein',
      },
      total: 3000 + 3500,
    },
    {
      in: 'rheda-wiedenbrueck',
      answers: {
        gegenstaende: [
          { gegenstand: 'Sofa', anzahl: '2', volumen: '1.5' },
          { gegenstand: 'Stuhl', anzahl: '6', volumen: '0.2' },
        ],
        abstellort: 'strasse',
        express: 'ja',
      },
      total: 3600 + 5000,
    },
    {
      in: 'guetersloh',
      answers: { gegenstaende: [{ gegenstand: 'Matratze', anzahl: '2', volumen: '0.4' }], abstellort: 'strasse', express: 'nein' },
      total: 0,
    },
  ],
  'sondernutzung-veranstaltung': [
    // 20 m × 5 m on 2 days: 200 m²-days at the local 1.50 €, the fee and the traffic order.
    { in: 'guetersloh', answers: { laenge: '20.0', breite: '5.0', tage: '2', gemeinnuetzig: 'nein', sperrung: 'ja' }, total: 5000 + 30000 + 7500 },
    { in: 'harsewinkel', answers: { laenge: '20.0', breite: '5.0', tage: '2', gemeinnuetzig: 'ja', sperrung: 'nein' }, total: 5000 },
  ],
  melderegisterauskunft: [
    {
      in: 'guetersloh',
      answers: {
        auskunftsart: 'erweitert',
        personen: [
          { p_vorname: 'Max', p_nachname: 'Muster' },
          { p_vorname: 'Eva', p_nachname: 'Muster' },
        ],
      },
      total: 3000,
    },
  ],
  fuehrungszeugnis: [
    { in: 'guetersloh', answers: { ehrenamt: 'nein' }, total: 1300 },
    { in: 'guetersloh', answers: { ehrenamt: 'ja' }, total: 0 },
  ],
  'eheschliessung-anmelden': [
    { in: 'guetersloh', answers: { p1_deutsch: 'ja', p2_deutsch: 'nein', samstag: 'ja', trauort: 'trauzimmer' }, total: 6000 + 8000 + 10000 },
  ],
  baumfaellgenehmigung: [
    { in: 'guetersloh', answers: { baeume: [{ baumart: 'Birke' }, { baumart: 'Bergahorn' }, { baumart: 'Stieleiche' }] }, total: 2500 + 3 * 2000 },
  ],
  umzugshalteverbot: [{ in: 'guetersloh', answers: { tage: '3', schilder: 'stadt', beide_seiten: 'ja' }, total: 4500 + 2000 + 17000 }],
  'umzug-melden': [
    {
      in: 'aarau',
      answers: {
        meldeart: 'zuzug',
        mitziehende: [
          { mp_vorname: 'Anna', mp_volljaehrig: 'ja' },
          { mp_vorname: 'Lea', mp_volljaehrig: 'nein' },
        ],
      },
      total: 3000 + 1000,
    },
    { in: 'aarau', answers: { meldeart: 'wegzug' }, total: 0 },
  ],
  parkkarte: [
    { in: 'baden', answers: { dauer: '12' }, total: 66000 },
    { in: 'wettingen', answers: { dauer: '3' }, total: 10500 },
  ],
  sperrgut: [
    {
      in: 'baden',
      answers: {
        gegenstaende: [
          { gegenstand: 'Stuhl', anzahl: '2' },
          { gegenstand: 'Sofa', anzahl: '1' },
        ],
        im_haus: 'ja',
      },
      total: 2400 + 4000,
    },
  ],
  veranstaltungsbewilligung: [
    { in: 'wettingen', answers: { flaeche: '100.0', tage: '2', gemeinnuetzig: 'nein', festwirtschaft: 'ja' }, total: 8000 + 10000 + 10000 },
  ],
  wohnsitzbestaetigung: [{ in: 'aarau', answers: { anzahl: '2', zustellung: 'a_post_plus' }, total: 5000 + 700 }],
  gruppenfuehrung: [
    { in: 'harsewinkel', answers: { gruppenart: 'verein', teilnehmende: '30', sprache: 'en' }, total: 6500 + 1250 + 1500 },
    { in: 'harsewinkel', answers: { gruppenart: 'schulklasse', teilnehmende: '28', sprache: 'de' }, total: 0 },
  ],
  'saisonabo-terrassenbad': [
    {
      in: 'baden',
      answers: {
        einwohner: 'ja',
        personen: [
          { abo_vorname: 'A', kategorie: 'erwachsen' },
          { abo_vorname: 'B', kategorie: 'erwachsen' },
          { abo_vorname: 'C', kategorie: 'kind' },
        ],
      },
      total: 2 * 12000 + 4000 - 5600,
    },
  ],
};

describe('fee rules on sample applications', () => {
  it('has a sample for every service of the demo', () => {
    const slugs = new Set([...demoTemplates('de'), ...demoTemplates('ch'), ...demoOwnServices()].map((x) => x.slug));
    expect(Object.keys(SAMPLES).sort()).toEqual([...slugs].sort());
  });

  for (const [slug, samples] of Object.entries(SAMPLES)) {
    it(`computes ${slug} with the municipality's own rates`, async () => {
      for (const sample of samples) expect(await fees(sample.in, slug, sample.answers), `${sample.in}: ${JSON.stringify(sample.answers)}`).toBe(sample.total);
    });
  }

  it('explains the Kita fee line by line with its income bracket', async () => {
    const result = computeFees((await service('guetersloh', 'kita-platz')).definition, {
      einkommen: 'b3',
      betreuungsumfang: '25',
      geschwister_in_kita: 'nein',
    });
    expect(result.lines).toEqual([
      expect.objectContaining({
        id: 'elternbeitrag_b3',
        amountMinor: 5500,
        label: expect.objectContaining({ de: expect.stringContaining('37.001 bis 49.000') }),
      }),
    ]);
  });
});

describe('seeding again', () => {
  it('changes nothing and lists an organiser login for every municipality', async () => {
    const count = async () => {
      const services = await Promise.all(
        DEMO_REGIONS.flatMap((r) => r.municipalities.map(async (m) => (await servicesOf(m.slug)).map((s) => `${m.slug}/${s.slug}@${s.version}`))),
      );
      const templates = await Promise.all(
        DEMO_REGIONS.map(async (r) => {
          const id = await orgId(r.slug);
          return inTenant(t.database.db, id, async (tx) => (await listTemplates(tx, id)).map((x) => `${x.slug}@${x.published}`));
        }),
      );
      return { services: services.flat().sort(), templates: templates.flat().sort() };
    };
    const before = await count();
    const again = await seedDemo(t.database.db);
    expect(again.created).toBe(false);
    expect(await count()).toEqual(before);
    for (const m of DEMO_REGIONS.flatMap((r) => r.municipalities)) {
      expect(again.logins).toContainEqual({ email: `organisation@${m.slug}.example`, role: 'municipality_admin', organization: m.name });
      expect(again.logins).toContainEqual({ email: `sachbearbeitung@${m.slug}.example`, role: 'clerk', organization: m.name });
    }
  });

  it('leaves the organiser accounts able to sign in with the demo password', async () => {
    const res = await new Browser(t.app).login('organisation@harsewinkel.example');
    expect(res.statusCode).toBe(303);
  });
});
