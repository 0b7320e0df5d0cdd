// The legal texts of an organization: defaults made from its data until an organiser edits them, the checks of
// an edit, and saving it with an audit entry. Plain functions taking a transaction scoped to the organization.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import type { Message } from '../../platform/i18n/index.ts';
import * as repo from './repository.ts';
import { CONFORMITY, FIELDS, LEGAL_FIELDS, type LegalField, type LegalInput, type LegalTexts } from './schema.ts';

/** What the defaults are made from: an organization row (municipality or region). */
export interface OrgFacts {
  id: string;
  kind: 'region' | 'municipality';
  slug: string;
  name: string;
  official_key: string;
  country: 'DE' | 'CH';
  time_zone: string;
  contact: Record<string, string>;
  is_demo: boolean;
  created_at: Date;
}

export interface LegalState {
  texts: LegalTexts;
  /** The day the texts were last prepared or reviewed (the accessibility statement's date), "2026-12-04". */
  preparedOn: string;
  /** False while the defaults are shown: nobody has saved these texts yet. */
  saved: boolean;
}

/** North Rhine-Westphalia: the official keys (Amtlicher Gemeindeschlüssel) of its Kreise and towns begin with 05. */
const inNrw = (org: OrgFacts) => org.country === 'DE' && org.official_key.startsWith('05');
/** Canton Aargau: key 19, its municipalities have the BFS numbers 4001 to 4323. */
const inAargau = (org: OrgFacts) => {
  if (org.country !== 'CH') return false;
  const n = Number(org.official_key);
  return org.official_key === '19' || (n >= 4001 && n <= 4323);
};

const domainOf = (email: string | undefined) => (email?.includes('@') ? email.slice(email.indexOf('@') + 1) : undefined);

function representativeOf(org: OrgFacts): string {
  if (org.country === 'CH') return org.kind === 'region' ? 'den Regierungsrat' : /^Stadt\b/.test(org.name) ? 'den Stadtrat' : 'den Gemeinderat';
  if (org.kind === 'region') return /^Kreis\b/.test(org.name) ? 'die Landrätin oder den Landrat' : 'die Behördenleitung';
  return /^Stadt\b/.test(org.name) ? 'die Bürgermeisterin oder den Bürgermeister' : 'die Bürgermeisterin oder den Bürgermeister der Gemeinde';
}

function supervisoryOf(org: OrgFacts): [string, string] {
  if (inNrw(org)) return ['Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen', 'Kavalleriestraße 2–4, 40213 Düsseldorf'];
  if (inAargau(org)) return ['Beauftragte für Öffentlichkeit und Datenschutz des Kantons Aargau', 'Frey-Herosé-Strasse 12, 5001 Aarau'];
  if (org.country === 'CH') return ['Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter (EDÖB)', 'Feldeggweg 1, 3003 Bern'];
  return ['Bundesbeauftragte für den Datenschutz und die Informationsfreiheit', 'Graurheindorfer Straße 153, 53117 Bonn'];
}

function enforcementOf(org: OrgFacts): [string, string, string] {
  if (inNrw(org)) {
    return [
      'Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen bei der Beauftragten der Landesregierung für Menschen mit Behinderung',
      'Fürstenwall 25, 40219 Düsseldorf',
      'https://www.lbb.nrw.de',
    ];
  }
  if (org.country === 'CH') {
    return ['Eidgenössisches Büro für die Gleichstellung von Menschen mit Behinderungen (EBGB)', 'Inselgasse 1, 3003 Bern', 'https://www.ebgb.admin.ch'];
  }
  return [
    'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen',
    'Mauerstraße 53, 10117 Berlin',
    'https://www.schlichtungsstelle-bgg.de',
  ];
}

/**
 * Complete texts made from the organization's data: name, address (its contact's, else the address its services
 * give), e-mail and phone, and the authorities of its Land or canton. Every demo municipality has full pages
 * from the start; an organiser edits them in the studio.
 */
export function defaultTexts(org: OrgFacts, serviceAddress?: string): LegalTexts {
  const email = org.contact.email ?? (org.is_demo ? `info@${org.slug}.example` : '');
  const phone = org.contact.phone ?? '';
  const address = org.contact.address ?? serviceAddress ?? '';
  const domain = domainOf(email);
  const [supervisoryAuthority, supervisoryAddress] = supervisoryOf(org);
  const [enforcementName, enforcementAddress, enforcementUrl] = enforcementOf(org);
  const swiss = org.country === 'CH';
  return {
    address,
    representative: representativeOf(org),
    email,
    phone,
    imprintNotes: swiss
      ? `Verantwortlich für den Inhalt: ${org.name}. Die Inhalte der Leistungsbeschreibungen stammen von der jeweils zuständigen Stelle.`
      : `Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag: ${org.name}, Anschrift wie oben. Die Inhalte der Leistungsbeschreibungen stammen von der jeweils zuständigen Stelle.`,
    dpoName: swiss
      ? `Datenschutzverantwortliche Stelle von ${org.name}`
      : `Behördliche Datenschutzbeauftragte oder behördlicher Datenschutzbeauftragter von ${org.name}`,
    dpoEmail: domain ? `datenschutz@${domain}` : '',
    dpoAddress: address,
    supervisoryAuthority,
    supervisoryAddress,
    privacyText: [
      `Beim Besuch dieser Seiten speichert ${org.name} keine Daten zur Analyse Ihres Verhaltens und setzt keine Cookies von Dritten.`,
      'Technisch nötig sind nur diese Cookies: die gewählte Sprache, der Schutz von Formularen vor Missbrauch, ein begonnener Antrag (bis zum Absenden) und die Anmeldung der Mitarbeitenden.',
      'Der Webserver schreibt beim Aufruf einer Seite Datum, Uhrzeit, die aufgerufene Adresse und die IP-Adresse in ein Protokoll, um den Betrieb zu sichern. Das Protokoll wird nach spätestens 14 Tagen gelöscht.',
      'Was mit den Angaben in einem Antrag geschieht, steht vor dem Absenden auf der Seite „Angaben prüfen“ des jeweiligen Antrags.',
    ].join('\n'),
    conformity: 'partial',
    nonAccessible: [
      'Eingangsbestätigungen und Bescheide im PDF-Format sind noch nicht vollständig barrierefrei (PDF/UA).',
      'Dokumente, die Antragstellende oder andere Stellen hochladen, sind möglicherweise nicht barrierefrei.',
    ].join('\n'),
    feedbackEmail: email,
    feedbackPhone: phone,
    enforcementName,
    enforcementAddress,
    enforcementUrl,
    easyLanguage: [
      `Das ist die Internet-Seite von ${org.name}.`,
      'Hier können Sie Anträge stellen.',
      'Ein Antrag ist eine Bitte an das Amt.',
      'Zum Beispiel: Sie möchten einen Hund anmelden.',
      'Sie füllen dafür ein Formular aus.',
      'Das Formular hat mehrere Schritte.',
      'Am Ende prüfen Sie Ihre Angaben.',
      'Dann schicken Sie den Antrag ab.',
      'Sie bekommen ein Akten-Zeichen.',
      'Das ist eine Nummer für Ihren Antrag.',
      'Sie bekommen auch einen Link.',
      'Mit dem Link sehen Sie: So weit ist Ihr Antrag.',
      'Das Amt schreibt Ihnen eine Antwort.',
      'Brauchen Sie Hilfe?',
      ...(phone ? [`Dann rufen Sie an: ${phone}`] : []),
      ...(email ? [`Oder schreiben Sie eine E-Mail: ${email}`] : []),
    ].join('\n'),
  };
}

const dayOf = (date: Date, timeZone: string) => todayIn(timeZone, date);

/** The texts to show: the saved ones, or the defaults. serviceAddress is only read for the defaults. */
export async function legalTextsOf(tx: Tx, org: OrgFacts, serviceAddress?: () => Promise<string | undefined>): Promise<LegalState> {
  const stored = await repo.findTexts(tx, org.id);
  if (stored) {
    const defaults = defaultTexts(org);
    const texts = Object.fromEntries(LEGAL_FIELDS.map((f) => [f, stored.texts[f] ?? defaults[f]])) as LegalTexts;
    return { texts, preparedOn: dayOf(stored.updatedAt, org.time_zone), saved: true };
  }
  return { texts: defaultTexts(org, await serviceAddress?.()), preparedOn: dayOf(org.created_at, org.time_zone), saved: false };
}

// Tab, line feed and carriage return are text; every other control character is refused.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type LegalErrors = Partial<Record<LegalField, Message>>;

/** Reads and checks the studio form: every value as typed (line ends made \n), and a message per wrong field. */
export function checkTexts(input: LegalInput): { values: LegalTexts; errors: LegalErrors } {
  const values = {} as LegalTexts;
  const errors: LegalErrors = {};
  for (const field of LEGAL_FIELDS) {
    const spec = FIELDS[field];
    const raw = typeof input[field] === 'string' ? input[field] : '';
    const value = spec.kind === 'text' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
    values[field] = value;
    const label = { label: `legal.field.${field}` };
    if (CONTROL.test(value)) errors[field] = { key: 'legal.error.control', params: label };
    else if (spec.kind !== 'text' && /[\r\n]/.test(value)) errors[field] = { key: 'legal.error.singleLine', params: label };
    else if (value.length > spec.max) errors[field] = { key: 'legal.error.tooLong', params: { ...label, max: spec.max, length: value.length } };
    else if (!value) {
      if (spec.required) errors[field] = { key: `legal.required.${field}` as Message['key'] };
    } else if (spec.kind === 'email' && !EMAIL.test(value)) errors[field] = { key: 'legal.error.email', params: label };
    else if (spec.kind === 'url' && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(value)) errors[field] = { key: 'legal.error.url', params: label };
    else if (spec.kind === 'choice' && !CONFORMITY.includes(value as never)) errors[field] = { key: 'legal.required.conformity' };
  }
  if (!errors.conformity && !errors.nonAccessible && values.conformity !== 'full' && !values.nonAccessible) {
    errors.nonAccessible = { key: 'legal.required.nonAccessible' };
  }
  return { values, errors };
}

export type SaveOutcome = { ok: true } | { ok: false; values: LegalTexts; errors: LegalErrors };

/** Saves an organiser's edit of the texts of org, audited with the names of the fields changed; nothing on a refusal. */
export async function saveLegalTexts(tx: Tx, actor: { id: string }, org: OrgFacts, input: LegalInput): Promise<SaveOutcome> {
  const { values, errors } = checkTexts(input);
  if (Object.keys(errors).length) return { ok: false, values, errors };
  const before = (await repo.findTexts(tx, org.id))?.texts;
  const changed = LEGAL_FIELDS.filter((f) => before?.[f] !== values[f]);
  await repo.saveTexts(tx, org.id, values, actor.id);
  await audit(tx, org.id, {
    actor: `staff:${actor.id}`,
    action: 'legal.texts_saved',
    objectType: 'legal_texts',
    objectId: org.id,
    data: { changed, first: before === undefined },
  });
  return { ok: true };
}
