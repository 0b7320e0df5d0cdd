// The receipt (Eingangsbestätigung) and the decision (Bescheid): their content as one document description, which
// the PDF renders and the case page's preview shows as HTML, so the clerk sees what is issued.
import { electronicFormatIBAN } from 'ibantools';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../platform/i18n/format.ts';
import type { Locale, Translate } from '../../platform/i18n/index.ts';
import type { PdfDocumentInput, PdfSection, PdfTable } from '../../platform/pdf/pdf.ts';
import { builtInRemedy, type Remedy, remedyMessage } from '../decisions/index.ts';
import { answerText, type Answers, type FieldDefinition, type FormDefinition, formState, textIn } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import { type FeeResult, feeKind, type Service } from '../services/index.ts';
import type { Application } from './applications.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';

// pdfkit and fontkit are large: loaded with the first document, not with the server.
const renderPdf = async (input: PdfDocumentInput) => (await import('../../platform/pdf/pdf.ts')).renderPdf(input);

/** An IBAN as documents print it: the country code and the last four characters, the rest masked ("DE** **** **** **** **30 00"). */
export function maskIban(value: string): string {
  const compact = electronicFormatIBAN(value) ?? value.replace(/\s+/g, '').toUpperCase();
  if (compact.length <= 6) return '*'.repeat(compact.length);
  const masked = `${compact.slice(0, 2)}${'*'.repeat(compact.length - 6)}${compact.slice(-4)}`;
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

interface Words {
  t: Translate;
  locale: Locale;
  org: Organization;
}

function printed(field: FieldDefinition, value: unknown, w: Words): string {
  if (field.type === 'iban' && typeof value === 'string' && value.trim()) return maskIban(value);
  return answerText(field, value as never, w.t, w.locale, w.org.currency);
}

const entryName = (field: FieldDefinition, index: number, w: Words) => {
  const item = textIn(field.itemLabel, w.locale);
  return item ? `${item} ${index + 1}` : w.t('form.groupItem', { index: index + 1 });
};

/** A repeatable group as a table: one row per entry, one column per field of the entry. */
function groupTable(field: FieldDefinition, value: unknown, hidden: Set<string>, w: Words): PdfTable | undefined {
  const items = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  if (!items.length) return undefined;
  const children = (field.fields ?? []).filter((c) => c.type !== 'info' && c.type !== 'file');
  return {
    caption: textIn(field.label, w.locale),
    headers: [w.t('decisions.doc.entry'), ...children.map((c) => textIn(c.label, w.locale))],
    rows: items.map((item, i) => [
      entryName(field, i, w),
      ...children.map((c) => (hidden.has(`${field.id}.${i}.${c.id}`) ? '–' : printed(c, item?.[c.id], w))),
    ]),
  };
}

/** The answers step by step: fields as label/value rows, repeatable groups as tables. */
function answerSections(form: FormDefinition, answers: Answers, w: Words, heading?: (step: string) => string): PdfSection[] {
  const state = formState(form, answers);
  return form.steps
    .filter((s) => !state.hiddenSteps.has(s.id))
    .map((step) => {
      const fields = step.fields.filter((f) => f.type !== 'info' && !state.hiddenFields.has(f.id));
      const rows: Array<[string, string]> = [];
      const tables: PdfTable[] = [];
      for (const f of fields) {
        const table = f.type === 'group' ? groupTable(f, answers[f.id], state.hiddenFields, w) : undefined;
        if (table) tables.push(table);
        else rows.push([textIn(f.label, w.locale), printed(f, answers[f.id], w)]);
      }
      const title = textIn(step.title, w.locale);
      return { heading: heading ? heading(title) : title, rows, tables };
    });
}

function feeRows(fees: FeeResult | null, w: Words, totalLabel: string): Array<[string, string]> {
  if (!fees || fees.lines.length === 0) return [];
  const money = (minor: number) => formatMoney(minor, w.org.currency, w.locale, w.org.country);
  return [
    ...fees.lines.map((l): [string, string] => [
      textIn(l.label, w.locale),
      l.quantity !== undefined && l.unitMinor !== undefined ? `${l.quantity} × ${money(l.unitMinor)} = ${money(l.amountMinor)}` : money(l.amountMinor),
    ]),
    [totalLabel, money(fees.totalMinor)],
  ];
}

/** The office with its address and contact; what the service does not name comes from the municipality's contact. */
function issuerLines(service: Service, locale: Locale, org?: Organization): string[] {
  const c = service.definition.local;
  const own = (org?.contact ?? {}) as Record<string, string | undefined>;
  return [textIn(c.office, locale), c.address || own.address, [c.phone || own.phone, c.email || own.email].filter(Boolean).join(' · ')].filter(
    (line): line is string => !!line,
  );
}

const ADDRESS_PARTS = {
  street: /strasse|straße|street/i,
  number: /hausnummer|hausnr|house_?number|^nummer$|^number$/i,
  place: /^ort$|wohnort|^place$|^city$|^town$/i,
} as const;

/**
 * Name and postal address from the answers: the name from the fields with the name roles (the applicant's name),
 * the address from the first address field, or else from the postal code field and the street, house number and
 * town fields of its step (by role where the form gives one, otherwise by their usual ids).
 */
export function addresseeLines(form: FormDefinition, answers: Answers, applicantName: string): string[] {
  const str = (id: string | undefined) => (id && typeof answers[id] === 'string' ? (answers[id] as string).trim() : '');
  const fields = form.steps.flatMap((s) => s.fields);
  const address = fields.find((f) => f.type === 'address' && answers[f.id] && typeof answers[f.id] === 'object');
  let lines: string[];
  if (address) {
    const a = answers[address.id] as { street?: string; number?: string; postalCode?: string; place?: string };
    lines = [[a.street, a.number].filter(Boolean).join(' '), [a.postalCode, a.place].filter(Boolean).join(' ')];
  } else {
    const step = form.steps.find((s) => s.fields.some((f) => f.type === 'postalCode' && str(f.id)));
    const inStep = step?.fields ?? [];
    const part = (name: keyof typeof ADDRESS_PARTS) =>
      str(inStep.find((f) => (f as { role?: string }).role === name)?.id ?? inStep.find((f) => f.type === 'text' && ADDRESS_PARTS[name].test(f.id))?.id);
    const postalCode = str(inStep.find((f) => f.type === 'postalCode')?.id);
    lines = step ? [[part('street'), part('number')].filter(Boolean).join(' '), [postalCode, part('place')].filter(Boolean).join(' ')] : [];
  }
  return [applicantName, ...lines].filter((line) => line.trim());
}

export function receiptDocument(org: Organization, service: Service, a: Application, t: Translate, locale: Locale): PdfDocumentInput {
  const w = { t, locale, org };
  const answers = a.answers as Answers;
  const fees = feeRows(a.fees as FeeResult | null, w, t('fees.total'));
  return {
    title: t('pdf.receiptTitle'),
    issuer: org.name,
    issuerLines: issuerLines(service, locale),
    subtitle: service.title,
    meta: [
      [t('status.reference'), a.reference],
      [t('status.submittedAt'), formatDateTime(new Date(a.submitted_at), org.time_zone, locale, org)],
    ],
    paragraphs: [t('pdf.receiptText')],
    sections: [
      ...answerSections(service.definition.form, answers, w),
      ...(fees.length ? [{ heading: t(`journey.fees.heading.${feeKind(service.definition.feeRules)}`), rows: fees }] : []),
    ],
    closing: [t('decisions.doc.machine')],
    footer: t('pdf.footer', { name: org.name }),
    language: locale,
  };
}

export const receiptPdf = (org: Organization, service: Service, a: Application, t: Translate, locale: Locale) =>
  renderPdf(receiptDocument(org, service, a, t, locale));

/** What the clerk decided, before or after it is saved. */
export interface DecisionContent {
  outcome: 'approved' | 'rejected';
  reason: string;
  /** "2027-01-01", or none: from notification. */
  effectiveFrom?: string | null;
  decidedAt: Date;
  remedy: Remedy;
  /** The municipality's letter (salutation and body from its template), when it has one. */
  letter?: { salutation: string; paragraphs: string[] } | null;
  /** The municipality's logo for the letterhead (organizations module), when it has one. */
  logo?: Uint8Array;
}

/**
 * The Bescheid: letterhead, addressee, date and reference, the operative part (what is decided, from when, the
 * amounts), the reasons, the applicant's details, the Rechtsbehelfsbelehrung with the remedy, authority, address and
 * deadline, and that it is valid without signature.
 */
export function decisionDocument(org: Organization, service: Service, a: Application, d: DecisionContent, t: Translate, locale: Locale): PdfDocumentInput {
  const w = { t, locale, org };
  const answers = a.answers as Answers;
  const fees = d.outcome === 'approved' ? (a.fees as FeeResult | null) : null;
  const amounts = fees && fees.totalMinor > 0 ? feeRows(fees, w, t('decisions.doc.feeTotal')) : [];
  const day = (iso: string) => formatDate(iso, locale, org);
  const remedy = remedyMessage(d.remedy);
  const name = a.applicant_name.trim();
  return {
    title: t('decisions.doc.title'),
    issuer: org.name,
    issuerLines: issuerLines(service, locale, org),
    ...(d.logo ? { logo: { bytes: d.logo, alt: t('casework.letter.logo', { name: org.name }) } } : {}),
    addressee: addresseeLines(service.definition.form, answers, a.applicant_name),
    subtitle: t('decisions.doc.subject', { service: service.title }),
    meta: [
      [t('decisions.doc.reference'), a.reference],
      [t('decisions.doc.date'), day(todayIn(org.time_zone, d.decidedAt))],
      [t('decisions.doc.submittedAt'), day(todayIn(org.time_zone, new Date(a.submitted_at)))],
    ],
    paragraphs: d.letter ? [d.letter.salutation, ...d.letter.paragraphs] : [name ? t('decisions.doc.greeting', { name }) : t('decisions.doc.greetingNoName')],
    sections: [
      {
        heading: t('decisions.doc.tenor'),
        paragraphs: [
          t(d.outcome === 'approved' ? 'decisions.doc.tenor.approved' : 'decisions.doc.tenor.rejected', { service: service.title }),
          ...(d.outcome === 'approved'
            ? [d.effectiveFrom ? t('decisions.doc.tenor.from', { date: day(d.effectiveFrom) }) : t('decisions.doc.tenor.fromNotice')]
            : []),
          ...(amounts.length && fees ? [t('decisions.doc.tenor.fee', { amount: formatMoney(fees.totalMinor, org.currency, locale, org.country) })] : []),
        ],
        rows: amounts,
      },
      { heading: t('decisions.doc.reasons'), paragraphs: [d.reason] },
      ...answerSections(service.definition.form, answers, w, (step) => `${t('decisions.doc.answers')}: ${step}`),
      { heading: t(org.country === 'CH' ? 'decisions.doc.remedyCH' : 'decisions.doc.remedy'), paragraphs: [t(remedy.key, remedy.params)] },
    ],
    closing: [t('decisions.doc.regards'), org.name, t('decisions.doc.machine')],
    footer: t('pdf.footer', { name: org.name }),
    language: locale,
  };
}

/** The remedy a saved decision named; decisions made before remedies were kept name the municipality's default. */
export function savedRemedy(org: Organization, a: Application): Remedy {
  const r = a.decision_remedy as Partial<Remedy> | null;
  return r?.kind && r.authority && r.address && r.deadline ? (r as Remedy) : builtInRemedy(org);
}

/** The municipality's logo from the blob store, when it has one; a missing blob leaves the letterhead without it. */
export const logoBytes = async (org: Organization, blobs: BlobStore): Promise<Uint8Array | undefined> =>
  org.logo_sha256 ? blobs.get(org.id, org.logo_sha256).catch(() => undefined) : undefined;

export async function decisionPdf(org: Organization, service: Service, a: Application, t: Translate, locale: Locale, blobs?: BlobStore) {
  const content: DecisionContent = {
    outcome: a.status === 'rejected' ? 'rejected' : 'approved',
    reason: a.decision_reason ?? '',
    effectiveFrom: a.decision_effective_from,
    decidedAt: new Date(a.decided_at!),
    remedy: savedRemedy(org, a),
    letter: a.decision_letter,
    logo: blobs ? await logoBytes(org, blobs) : undefined,
  };
  return renderPdf(decisionDocument(org, service, a, content, t, locale));
}
