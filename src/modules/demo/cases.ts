// Demo cases, clearly fictitious: in every demo municipality, cases in every state of their workflows, online and
// on paper, with documents in their files; some closed years ago, so retention and the archive transfer have work.
// They go through the same domain functions as real cases, with the clock set back, so history and deadlines fit.
import type { BlobStore } from '../../platform/blobs/store.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { sha256Hex } from '../../platform/ids.ts';
import { renderPdf } from '../../platform/pdf/pdf.ts';
import { caseRolesOf, staffOf } from '../accounts/index.ts';
import { answerFromPortal, applicationById, createPaperApplication, fileApplication, newMessageId, submit, takeTransition } from '../applications/index.ts';
import { builtInRemedy } from '../decisions/index.ts';
import { organizationBySlug, type Organization } from '../organizations/index.ts';
import { addDocument, ensureCaseDossier } from '../records/index.ts';
import { allServicesOf, type Service, updateLocalDetails } from '../services/index.ts';
import { DEMO_REGIONS } from './demo.ts';

const DAY = 86_400_000;

interface Person {
  first: string;
  last: string;
  street: string;
  number: string;
  born: string;
}

const PEOPLE: Record<'DE' | 'CH', Person[]> = {
  DE: [
    { first: 'Anna', last: 'Schulte', street: 'Kirchstraße', number: '4', born: '1979-03-02' },
    { first: 'Mehmet', last: 'Yılmaz', street: 'Am Wasserturm', number: '12', born: '1988-11-23' },
    { first: 'Łukasz', last: 'Nowak', street: 'Bielefelder Straße', number: '101b', born: '1992-06-30' },
    { first: 'Helga', last: 'Brinkmann', street: 'Lindenweg', number: '7', born: '1956-01-15' },
    { first: 'Jonas', last: 'Hagedorn', street: 'Hauptstraße', number: '23', born: '2001-09-09' },
    { first: 'Fatma', last: 'Demir', street: 'Parkstraße', number: '3', born: '1984-12-01' },
    { first: 'Klaus-Dieter', last: 'Meyer zu Hartum', street: 'Eichenallee', number: '55', born: '1963-07-19' },
    { first: 'Sophie', last: 'Wecker', street: 'Mühlenstraße', number: '8', born: '1995-04-27' },
    { first: 'Olena', last: 'Kovalenko', street: 'Ringstraße', number: '19', born: '1990-02-14' },
  ],
  CH: [
    { first: 'Reto', last: 'Brunner', street: 'Bahnhofstrasse', number: '14', born: '1975-05-05' },
    { first: 'Giulia', last: 'Bernasconi', street: 'Rain', number: '2', born: '1989-08-18' },
    { first: 'Urs', last: 'Widmer', street: 'Kirchweg', number: '6', born: '1961-10-10' },
    { first: 'Aylin', last: 'Kaya', street: 'Weite Gasse', number: '31', born: '1993-03-21' },
    { first: 'Béatrice', last: 'Favre', street: 'Landstrasse', number: '77', born: '1982-12-24' },
    { first: 'Nicolas', last: 'Meier', street: 'Zürcherstrasse', number: '9', born: '1998-01-03' },
    { first: 'Vreni', last: 'Huber', street: 'Obere Halde', number: '4a', born: '1950-06-11' },
    { first: 'Luca', last: 'Steiner', street: 'Seminarstrasse', number: '20', born: '1987-09-29' },
    { first: 'Mirela', last: 'Hodžić', street: 'Mellingerstrasse', number: '45', born: '1991-07-07' },
  ],
};

/** A step on the way to the case's state: a transition, who takes it, and how many days ago. */
type Step =
  | { t: string; by: 'clerk' | 'admin' | 'system'; daysAgo: number; entered?: Record<string, string> }
  | { t: 'nachfragen'; by: 'clerk'; daysAgo: number; ask: string }
  | { t: 'entscheiden'; by: 'clerk' | 'admin'; daysAgo: number; outcome: 'approved' | 'rejected'; reason: string }
  | { answer: string };

interface Scenario {
  daysAgo: number;
  steps: Step[];
}

const ASK = 'Bitte reichen Sie die Versicherungsbestätigung mit dem Namen des Hundes nach.';
const ANSWER = 'Die Bestätigung mit dem Namen des Hundes lade ich hier hoch. Vielen Dank für den Hinweis.';

/** The standard workflow: every state, and decided and closed cases of different ages. */
const STANDARD_SCENARIOS: Scenario[] = [
  { daysAgo: 0, steps: [] },
  { daysAgo: 5, steps: [] },
  { daysAgo: 8, steps: [{ t: 'uebernehmen', by: 'clerk', daysAgo: 7 }] },
  {
    daysAgo: 20,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 19 },
      { t: 'vollstaendig', by: 'clerk', daysAgo: 18 },
    ],
  },
  {
    daysAgo: 12,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 11 },
      { t: 'nachfragen', by: 'clerk', daysAgo: 10, ask: ASK },
    ],
  },
  { daysAgo: 15, steps: [{ t: 'uebernehmen', by: 'clerk', daysAgo: 14 }, { t: 'nachfragen', by: 'clerk', daysAgo: 13, ask: ASK }, { answer: ANSWER }] },
  {
    daysAgo: 30,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 29 },
      { t: 'vollstaendig', by: 'clerk', daysAgo: 28 },
      { t: 'entscheiden', by: 'clerk', daysAgo: 25, outcome: 'approved', reason: 'Die Voraussetzungen für die Anmeldung liegen vor.' },
    ],
  },
  {
    daysAgo: 40,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 39 },
      { t: 'entscheiden', by: 'clerk', daysAgo: 33, outcome: 'rejected', reason: 'Der Hund ist bereits unter diesem Halter angemeldet.' },
    ],
  },
  {
    daysAgo: 90,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 89 },
      { t: 'vollstaendig', by: 'clerk', daysAgo: 88 },
      { t: 'entscheiden', by: 'clerk', daysAgo: 80, outcome: 'approved', reason: 'Die Voraussetzungen für die Anmeldung liegen vor.' },
      { t: 'abschliessen', by: 'clerk', daysAgo: 79 },
    ],
  },
  {
    daysAgo: 6 * 365,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 6 * 365 - 1 },
      { t: 'entscheiden', by: 'clerk', daysAgo: 6 * 365 - 10, outcome: 'approved', reason: 'Die Voraussetzungen für die Anmeldung liegen vor.' },
      { t: 'abschliessen', by: 'clerk', daysAgo: 6 * 365 - 11 },
    ],
  },
];

/** Second approval: waiting for the head of the team, sent back, approved and closed long ago. */
const FOUR_EYES_SCENARIOS: Scenario[] = [
  { daysAgo: 2, steps: [] },
  {
    daysAgo: 9,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 8 },
      { t: 'zur-freigabe', by: 'clerk', daysAgo: 6, entered: { vorschlag: 'Genehmigung mit der Auflage, die Nachbarn zu informieren.' } },
    ],
  },
  {
    daysAgo: 16,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 15 },
      { t: 'zur-freigabe', by: 'clerk', daysAgo: 12, entered: { vorschlag: 'Ablehnung, da die Fläche nicht zur Verfügung steht.' } },
      { t: 'zurueckgeben', by: 'admin', daysAgo: 11, entered: { begruendung: 'Bitte Ausweichfläche prüfen.' } },
    ],
  },
  {
    daysAgo: 7,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 6 },
      { t: 'nachfragen', by: 'clerk', daysAgo: 5, ask: 'Bitte senden Sie uns einen Lageplan der Fläche.' },
    ],
  },
  {
    daysAgo: 21,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 20 },
      { t: 'zur-freigabe', by: 'clerk', daysAgo: 18, entered: { vorschlag: 'Genehmigung.' } },
      { t: 'entscheiden', by: 'admin', daysAgo: 17, outcome: 'approved', reason: 'Dem Antrag wird entsprochen.' },
    ],
  },
  {
    daysAgo: 4 * 365,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 4 * 365 - 1 },
      { t: 'zur-freigabe', by: 'clerk', daysAgo: 4 * 365 - 5, entered: { vorschlag: 'Genehmigung.' } },
      { t: 'entscheiden', by: 'admin', daysAgo: 4 * 365 - 6, outcome: 'approved', reason: 'Dem Antrag wird entsprochen.' },
      { t: 'abschliessen', by: 'clerk', daysAgo: 4 * 365 - 7 },
    ],
  },
];

const PAID = (daysAgo: number): Step[] => [
  { t: 'uebernehmen', by: 'clerk', daysAgo: daysAgo - 1 },
  { t: 'zahlung-anfordern', by: 'clerk', daysAgo: daysAgo - 2 },
  { t: 'zahlung-verbuchen', by: 'admin', daysAgo: daysAgo - 10, entered: { betrag: '25', buchungstag: '' } },
];

/** Fee payment: every state, the end without payment taken by its timer. */
const FEE_SCENARIOS: Scenario[] = [
  { daysAgo: 1, steps: [] },
  { daysAgo: 4, steps: [{ t: 'uebernehmen', by: 'clerk', daysAgo: 3 }] },
  {
    daysAgo: 6,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 5 },
      { t: 'nachfragen', by: 'clerk', daysAgo: 4, ask: 'Bitte nennen Sie den Verwendungszweck.' },
    ],
  },
  {
    daysAgo: 30,
    steps: [...PAID(30), { t: 'entscheiden', by: 'clerk', daysAgo: 18, outcome: 'approved', reason: 'Die Gebühr ist bezahlt; dem Antrag wird entsprochen.' }],
  },
  {
    daysAgo: 5 * 365,
    steps: [
      ...PAID(5 * 365),
      { t: 'entscheiden', by: 'clerk', daysAgo: 5 * 365 - 12, outcome: 'approved', reason: 'Die Gebühr ist bezahlt; dem Antrag wird entsprochen.' },
      { t: 'abschliessen', by: 'clerk', daysAgo: 5 * 365 - 13 },
    ],
  },
  {
    daysAgo: 4 * 365,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 4 * 365 - 1 },
      { t: 'zahlung-anfordern', by: 'clerk', daysAgo: 4 * 365 - 2 },
      { t: 'nicht-bezahlt', by: 'system', daysAgo: 4 * 365 - 62 },
    ],
  },
  {
    daysAgo: 10,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 9 },
      { t: 'zahlung-anfordern', by: 'clerk', daysAgo: 8 },
    ],
  },
  {
    daysAgo: 14,
    steps: [
      { t: 'uebernehmen', by: 'clerk', daysAgo: 13 },
      { t: 'zahlung-anfordern', by: 'clerk', daysAgo: 12 },
      { t: 'zahlung-verbuchen', by: 'admin', daysAgo: 3, entered: { betrag: '25', buchungstag: '' } },
    ],
  },
];

const FOUR_EYES_SERVICES = ['bauvoranfrage', 'veranstaltungsbewilligung', 'sondernutzung-veranstaltung'];
const FEE_SERVICES = ['fuehrungszeugnis', 'wohnsitzbestaetigung', 'melderegisterauskunft', 'parkkarte'];

interface Staff {
  clerk: { id: string; role: 'clerk'; caseRoles: string[] };
  admin: { id: string; role: 'municipality_admin'; caseRoles: string[] };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const letters = new Map<string, Promise<Uint8Array>>();
/**
 * A letter as the applicant's attachment or the scanned paper, with the text the file's search finds. The same
 * letter in two municipalities is rendered once (a PDF costs about 0.1 s).
 */
function letterPdf(issuer: string, title: string, text: string): Promise<Uint8Array> {
  const key = JSON.stringify([issuer, title, text]);
  const known = letters.get(key);
  if (known) return known;
  const pdf = renderPdf({ title, issuer, meta: [], paragraphs: [text], sections: [], language: 'de-DE' });
  letters.set(key, pdf);
  return pdf;
}

async function storeFile(blobs: BlobStore, tenantId: string, filename: string, bytes: Uint8Array) {
  const sha256 = await blobs.put(tenantId, bytes);
  return { sha256, filename, contentType: 'application/pdf', size: bytes.byteLength };
}

function dogAnswers(p: Person, org: Organization, i: number, at: Date, file: { sha256: string; filename: string; contentType: string; size: number }) {
  const ch = org.country === 'CH';
  return {
    vorname: p.first,
    nachname: p.last,
    geburtsdatum: p.born,
    email:
      `${p.first}.${p.last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '') + '@example.org',
    strasse: p.street,
    hausnummer: p.number,
    plz: ch ? '5000' : '33330',
    ort: ch ? 'Aarau' : 'Gütersloh',
    hundename: ['Bello', 'Luna', 'Rocky', 'Frieda', 'Balu', 'Nala', 'Max', 'Emma', 'Paul', 'Kira'][i % 10]!,
    rasse: ['Labrador', 'Mischling', 'Dackel', 'Berner Sennenhund', 'Beagle'][i % 5]!,
    geschlecht: i % 2 ? 'huendin' : 'ruede',
    haltung_seit: isoDay(new Date(at.getTime() - 60 * DAY)),
    gefaehrlich: 'nein',
    ...(ch ? { chipnummer: `7560981${String(10000000 + i).slice(-8)}`, heimtierausweis: [file] } : { versicherung: [file] }),
  };
}

async function walk(tx: Tx, org: Organization, service: Service, applicationId: string, scenario: Scenario, staff: Staff, blobs: BlobStore, now: Date) {
  for (const step of scenario.steps) {
    if ('answer' in step) {
      const application = (await applicationById(tx, org.id, applicationId))!;
      const answered = await answerFromPortal(tx, { blobs, tenantId: org.id, service, application, text: step.answer, files: [], uploadMaxBytes: 1 << 20 });
      if (!answered.ok) throw new Error(`demo answer refused: ${answered.key}`);
      continue;
    }
    const at = new Date(now.getTime() - step.daysAgo * DAY);
    const entered = 'entered' in step && step.entered ? { ...step.entered } : undefined;
    if (entered && 'buchungstag' in entered) entered.buchungstag = isoDay(at);
    const effect =
      'ask' in step
        ? { kind: 'ask' as const, messageId: newMessageId(), text: step.ask }
        : 'outcome' in step
          ? {
              kind: 'decide' as const,
              outcome: step.outcome,
              reason: step.reason,
              effectiveFrom: null,
              remedy: builtInRemedy(org) as unknown as Record<string, string>,
              retentionYears: service.definition.retentionYears,
            }
          : undefined;
    const result = await takeTransition(tx, {
      tenantId: org.id,
      applicationId,
      service,
      by: step.by === 'system' ? { kind: 'system' } : { kind: 'staff', actor: staff[step.by] },
      transitionId: step.t,
      entered,
      effect,
      locale: 'de',
      now: at,
    });
    if (!result.ok) throw new Error(`demo transition ${step.t} refused: ${JSON.stringify(result)}`);
  }
}

async function fileDocuments(
  tx: Tx,
  org: Organization,
  applicationId: string,
  reference: string,
  title: string,
  docs: Array<{
    title: string;
    kind: 'anlage' | 'scan';
    file: { sha256: string; filename: string; contentType: string; size: number };
    text: string;
    date: Date;
    correspondent: string;
  }>,
) {
  const dossier = await ensureCaseDossier(tx, {
    tenantId: org.id,
    applicationId,
    reference,
    title,
    actor: 'system:demo',
    today: isoDay(new Date()),
    country: org.country,
  });
  for (const d of docs) {
    await addDocument(tx, {
      tenantId: org.id,
      dossierId: dossier.id,
      title: d.title,
      kind: d.kind,
      documentDate: isoDay(d.date),
      correspondent: d.correspondent,
      file: d.file,
      text: d.text,
      actor: 'system:demo',
    });
  }
}

/** The municipality's services for the demo cases, with a workflow of each kind chosen for one service. */
async function prepare(tx: Tx, org: Organization) {
  const services = (await allServicesOf(tx, org.id)).filter((s) => s.published);
  const byWorkflow = async (candidates: string[], workflow: string) => {
    const service = services.find((s) => candidates.includes(s.slug));
    if (!service) return undefined;
    if (service.definition.local.workflow === workflow) return service;
    const saved = await updateLocalDetails(tx, org.id, service.id, { ...service.definition.local, workflow });
    if (!saved.ok) throw new Error(`demo workflow for ${service.slug}: ${JSON.stringify(saved.problems)}`);
    return (await allServicesOf(tx, org.id)).find((s) => s.id === service.id);
  };
  return {
    dog: services.find((s) => s.slug === 'hund-anmelden'),
    fourEyes: await byWorkflow(FOUR_EYES_SERVICES, 'vier-augen'),
    fee: await byWorkflow(FEE_SERVICES, 'gebuehr'),
    staff: await demoStaff(tx, org),
  };
}

async function onlineCase(tx: Tx, c: CaseInput, i: number, scenario: Scenario): Promise<string | undefined> {
  const { org, service, staff, blobs, secret, now } = c;
  const p = c.people[i % c.people.length]!;
  const at = new Date(now.getTime() - scenario.daysAgo * DAY);
  const name = `${p.first} ${p.last}`;
  const text = `Bestätigung der Hundehalter-Haftpflichtversicherung für ${name}. Versicherungsschein Nr. ${100200 + i}. Die Deckungssumme beträgt fünf Millionen.`;
  const file = await storeFile(blobs, org.id, 'versicherung.pdf', await letterPdf('Muster-Versicherung AG (Demo)', 'Versicherungsbestätigung', text));
  const token = `demo-${org.slug}-hund-${i}-${'x'.repeat(12)}`;
  const answers = dogAnswers(p, org, i, at, file);
  const draft = { tokenHash: sha256Hex(token), serviceId: service.id, serviceVersion: service.version, answers, expiresAt: new Date(now.getTime() + DAY) };
  const ctx = { country: org.country as 'DE' | 'CH', today: isoDay(at) };
  const result = await submit(tx, { org, service, draftToken: token, draft, ctx, locale: 'de', secret, now: at });
  if (result.kind === 'already') return undefined;
  if (result.kind !== 'submitted') throw new Error(`demo application refused: ${JSON.stringify(result)}`);
  await walk(tx, org, service, result.applicationId, scenario, staff, blobs, now);
  return result.applicationId;
}

async function paperCase(tx: Tx, c: CaseInput, i: number, scenario: Scenario): Promise<boolean> {
  const { org, service, staff, blobs, secret, now } = c;
  const p = c.people[(i + 4) % c.people.length]!;
  const at = new Date(now.getTime() - scenario.daysAgo * DAY);
  const name = `${p.first} ${p.last}`;
  const address = `${p.street} ${p.number}, ${org.country === 'CH' ? '5000 Aarau' : '33330 Gütersloh'}`;
  const made = await createPaperApplication(tx, {
    org,
    service,
    applicant: { name, email: '', address },
    actor: 'system:demo',
    secret,
    idempotencyKey: `demo-${org.slug}-${service.slug}-${i}`,
    now: at,
    today: isoDay(at),
  });
  if (!made.created) return false;
  const text = `Sehr geehrte Damen und Herren, hiermit beantrage ich ${service.title}. Mit freundlichen Grüßen, ${name}, ${address}`;
  const file = await storeFile(blobs, org.id, 'scan.pdf', await letterPdf(name, `Schreiben von ${name}`, text));
  await fileDocuments(tx, org, made.applicationId, made.reference, `${service.title}: ${name}`, [
    { title: `Antrag auf Papier von ${name}`, kind: 'scan', file, text, date: at, correspondent: name },
  ]);
  await walk(tx, org, service, made.applicationId, scenario, staff, blobs, now);
  return true;
}

interface CaseInput {
  org: Organization;
  service: Service;
  staff: Staff;
  people: Person[];
  blobs: BlobStore;
  secret: string;
  now: Date;
}

/** Each case is a transaction of its own, so a server that answers meanwhile is never held up for long. */
async function seedMunicipality(db: Db, blobs: BlobStore, secret: string, slug: string, now: Date): Promise<number> {
  const org = await inRegion(db, (tx) => organizationBySlug(tx, slug));
  if (!org) return 0;
  const { dog, fourEyes, fee, staff } = await inTenant(db, org.id, (tx) => prepare(tx, org));
  if (!dog || !staff) return 0;
  const people = PEOPLE[org.country as 'DE' | 'CH'] ?? PEOPLE.DE;
  const base = { org, staff, people, blobs, secret, now };
  let made = 0;
  for (const [i, scenario] of STANDARD_SCENARIOS.entries()) {
    const applicationId = await inTenant(db, org.id, (tx) => onlineCase(tx, { ...base, service: dog }, i, scenario));
    if (!applicationId) continue;
    // Filed now as the outbox's job would file it, so the demo's files are there before the job loop runs.
    await fileApplication({ db, blobs, log: console }, org.id, applicationId);
    made++;
  }
  for (const [service, scenarios] of [
    [fourEyes, FOUR_EYES_SCENARIOS],
    [fee, FEE_SCENARIOS],
  ] as const) {
    if (!service) continue;
    for (const [i, scenario] of scenarios.entries()) {
      if (await inTenant(db, org.id, (tx) => paperCase(tx, { ...base, service }, i, scenario))) made++;
    }
  }
  return made;
}

async function demoStaff(tx: Tx, org: Organization): Promise<Staff | undefined> {
  const accounts = await staffOf(tx, org.id);
  const clerk = accounts.find((a) => a.email === `sachbearbeitung@${org.slug}.example`);
  const admin = accounts.find((a) => a.email === `organisation@${org.slug}.example`);
  if (!clerk || !admin) return undefined;
  return {
    clerk: { id: clerk.id, role: 'clerk', caseRoles: await caseRolesOf(tx, clerk.id) },
    admin: { id: admin.id, role: 'municipality_admin', caseRoles: await caseRolesOf(tx, admin.id) },
  };
}

/** Seeds the demo cases; each has a fixed idempotency key, so running it again adds nothing. Returns how many were made. */
export async function seedDemoCases(db: Db, blobs: BlobStore, secret: string, now = new Date()): Promise<number> {
  let made = 0;
  for (const region of DEMO_REGIONS) {
    for (const m of region.municipalities) made += await seedMunicipality(db, blobs, secret, m.slug, now);
  }
  return made;
}
