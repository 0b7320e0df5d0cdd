// Turns the studio's HTML forms into catalog content and back; problems are mapped to the inputs they concern.
import { formatNumber, type Where } from '../../platform/i18n/format.ts';
import type { DefinitionProblem, Text } from '../forms/index.ts';
import { LIFE_SITUATIONS, type FeeRule, type LifeSituation, type LocalDetails, type ServiceContent } from '../services/index.ts';

/** A refused input of a studio form: where (a path into the content, as the definition check names it) and why. */
export type StudioProblem = DefinitionProblem;

export const TEXT_KEYS = ['title', 'summary', 'description', 'eligibility', 'legalBasis', 'processingTime', 'feeNotes'] as const;
export type ContentForm = Record<string, string | string[]>;

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').normalize('NFC').trim() : '');
const list = (v: unknown, sep: RegExp) =>
  str(v)
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);
const textOf = (de: unknown, en: unknown): Text => (str(en) ? { de: str(de), en: str(en) } : { de: str(de) });

/** The values the content form shows for a stored content. */
export function contentToForm(c: ServiceContent): ContentForm {
  const form: ContentForm = {};
  for (const key of TEXT_KEYS) {
    form[`${key}_de`] = c[key]?.de ?? '';
    form[`${key}_en`] = c[key]?.en ?? '';
  }
  form.documents = c.documents.map((d) => d.de).join('\n');
  form.keywords = c.keywords.join(', ');
  form.synonyms = c.synonyms.join(', ');
  form.lifeSituations = [...c.lifeSituations];
  form.leikaKey = c.leikaKey ?? '';
  form.retentionYears = String(c.retentionYears);
  form.feeRules = JSON.stringify(c.feeRules, null, 2);
  return form;
}

/** Reads the posted content form; the form definition itself is edited in the form editor and kept from `base`. */
export function contentFromForm(
  body: Record<string, unknown>,
  base: ServiceContent,
): { content: ServiceContent; values: ContentForm; problems: StudioProblem[] } {
  const values: ContentForm = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf') values[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  const problems: StudioProblem[] = [];
  let feeRules: FeeRule[] = base.feeRules;
  try {
    feeRules = JSON.parse(str(body.feeRules) || '[]');
  } catch (e) {
    problems.push({ path: '/feeRules', key: 'studio.error.feeRulesJson', params: { detail: (e as Error).message } });
  }
  const situations = (Array.isArray(body.lifeSituations) ? body.lifeSituations : body.lifeSituations ? [body.lifeSituations] : []).map(String);
  const texts = Object.fromEntries(TEXT_KEYS.map((k) => [k, textOf(body[`${k}_de`], body[`${k}_en`])])) as Record<(typeof TEXT_KEYS)[number], Text>;
  const retention = Number(str(body.retentionYears));
  const content: ServiceContent = {
    ...base,
    ...texts,
    feeNotes: texts.feeNotes.de ? texts.feeNotes : undefined,
    documents: list(body.documents, /\n/).map((de) => ({ de })),
    keywords: list(body.keywords, /[,;\n]/),
    synonyms: list(body.synonyms, /[,;\n]/),
    lifeSituations: situations.filter((s): s is LifeSituation => (LIFE_SITUATIONS as readonly string[]).includes(s)),
    leikaKey: str(body.leikaKey) || undefined,
    retentionYears: Number.isFinite(retention) ? retention : NaN,
    feeRules,
  };
  if (!content.feeNotes) delete content.feeNotes;
  if (!content.leikaKey) delete content.leikaKey;
  return { content, values, problems };
}

/** The input a problem belongs to: "/summary/de" → "summary_de", "/feeRules/2/unitMinor" → "feeRules". */
export function inputOf(path: string): string {
  const [first, second] = path.split('/').filter(Boolean);
  if (!first) return '';
  if ((TEXT_KEYS as readonly string[]).includes(first)) return `${first}_${second === 'en' ? 'en' : 'de'}`;
  if (first === 'local')
    return second === 'feeOverrides'
      ? `fee_${path.split('/')[3] ?? ''}`
      : second === 'office' || second === 'hours' || second === 'notes'
        ? `${second}_de`
        : (second ?? '');
  return first;
}

/** The values the local details form shows; local fees written as the tenant writes amounts ("96,00", "1'250.00"). */
export function localToForm(l: LocalDetails, where: Where): ContentForm {
  const form: ContentForm = {
    office_de: l.office.de,
    office_en: l.office.en ?? '',
    hours_de: l.hours.de,
    hours_en: l.hours.en ?? '',
    notes_de: l.notes?.de ?? '',
    notes_en: l.notes?.en ?? '',
    email: l.email,
    phone: l.phone,
    address: l.address,
    workflow: l.workflow ?? '',
  };
  for (const [id, v] of Object.entries(l.feeOverrides ?? {})) form[`fee_${id}`] = formatNumber(v / 100, 'de', where, { min: 2, max: 2 });
  return form;
}

/** Local details from the posted form; local fees are typed in euros/francs ("96,00", "1'250.00") and kept in minor units. */
export function localFromForm(
  body: Record<string, unknown>,
  overridable: string[],
  /** A public service's details stay complete; a draft's may still lack the office and e-mail address. */
  complete = true,
): { local: LocalDetails; values: ContentForm; problems: StudioProblem[] } {
  const values: ContentForm = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf') values[k] = String(v ?? '');
  const problems: StudioProblem[] = [];
  const feeOverrides: Record<string, number> = {};
  for (const id of overridable) {
    const raw = str(body[`fee_${id}`]);
    if (!raw) continue;
    const n = Number(
      raw
        .replace(/\s|['’]|€|CHF/g, '')
        .replace(/\.(?=\d{3}(\D|$))/g, '')
        .replace(',', '.'),
    );
    if (!Number.isFinite(n) || n < 0 || n > 1_000_000) problems.push({ path: `/local/feeOverrides/${id}`, key: 'studio.error.feeAmount' });
    else feeOverrides[id] = Math.round(n * 100);
  }
  const local: LocalDetails = {
    office: textOf(body.office_de, body.office_en),
    hours: textOf(body.hours_de, body.hours_en),
    email: str(body.email),
    phone: str(body.phone),
    address: str(body.address),
  };
  if (str(body.notes_de)) local.notes = textOf(body.notes_de, body.notes_en);
  if (str(body.workflow)) local.workflow = str(body.workflow);
  if (Object.keys(feeOverrides).length) local.feeOverrides = feeOverrides;
  if (!local.office.de && complete) problems.push({ path: '/local/office/de', key: 'studio.error.officeRequired' });
  if ((local.email || complete) && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(local.email)) problems.push({ path: '/local/email', key: 'studio.error.email' });
  return { local, values, problems };
}

/** What a new template or own service starts with: texts to fill in and a first step asking for the applicant. */
export function starterContent(title: string): ServiceContent {
  const t = (de: string): Text => ({ de });
  return {
    title: t(title),
    summary: t(`Kurzbeschreibung von „${title}“`),
    description: t('Beschreibung folgt.'),
    eligibility: t('Alle Einwohnerinnen und Einwohner.'),
    documents: [],
    legalBasis: t('Rechtsgrundlage folgt.'),
    processingTime: t('In der Regel zwei Wochen.'),
    lifeSituations: [],
    keywords: [],
    synonyms: [],
    feeRules: [],
    retentionYears: 3,
    workflow: 'standard',
    form: {
      steps: [
        {
          id: 'person',
          title: { de: 'Angaben zur Person', en: 'About you' },
          fields: [
            { id: 'vorname', type: 'text', label: { de: 'Vorname', en: 'First name' }, required: true, role: 'firstName', autocomplete: 'given-name' },
            { id: 'nachname', type: 'text', label: { de: 'Nachname', en: 'Last name' }, required: true, role: 'lastName', autocomplete: 'family-name' },
            { id: 'email', type: 'email', label: { de: 'E-Mail-Adresse', en: 'Email address' }, required: true, role: 'email', autocomplete: 'email' },
          ],
        },
      ],
    },
  };
}

/** The local details a municipality's newly adopted or created service starts with: its office and contact. */
export function defaultLocal(org: { name: string; contact?: unknown }): LocalDetails {
  const contact = (org.contact ?? {}) as Record<string, string>;
  return {
    office: { de: `Bürgerbüro – ${org.name}` },
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    address: contact.address ?? '',
    hours: { de: '' },
  };
}

/** The local details an adopted service starts with: the municipality's contact; the office is left to the organiser. */
export const adoptionLocal = (org: { name: string; contact?: unknown }): LocalDetails => ({ ...defaultLocal(org), office: { de: '' } });

/** Made-up local details for the preview of a template, which no municipality has adopted yet. */
export const sampleLocal = (org: { name: string }): LocalDetails => ({
  office: { de: `Bürgerbüro – ${org.name}`, en: `Citizens' office – ${org.name}` },
  email: 'buergerbuero@kommune.example',
  phone: '+49 1234 5678-0',
  address: 'Rathausplatz 1',
  hours: { de: 'Mo–Fr 8–12 Uhr', en: 'Mon–Fri 8am–12pm' },
});
