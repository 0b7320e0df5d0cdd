// The receipt (Eingangsbestätigung) and the decision (Bescheid) as PDF.
import type { PdfDocumentInput } from '../../platform/pdf/pdf.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { answerText, formState, textIn, type Answers } from '../forms/index.ts';
import { formatDateTime, formatMoney } from '../../platform/i18n/format.ts';
import type { Organization } from '../organizations/index.ts';
import type { FeeResult, Service } from '../services/index.ts';
import type { Application } from './applications.ts';

// pdf-lib and fontkit take about 45 MiB: loaded with the first document, not with the server.
const renderPdf = async (input: PdfDocumentInput) => (await import('../../platform/pdf/pdf.ts')).renderPdf(input);

function issuerLines(service: Service, locale: Locale): string[] {
  const c = service.definition.local;
  return [textIn(c.office, locale), c.address, `${c.phone} · ${c.email}`];
}

export function receiptPdf(org: Organization, service: Service, a: Application, t: Translate, locale: Locale) {
  const answers = a.answers as Answers;
  const form = service.definition.form;
  const state = formState(form, answers);
  const fees = a.fees as FeeResult | null;
  const money = (minor: number) => formatMoney(minor, org.currency, locale, org.country);
  const feeRows = fees
    ? [
        ...fees.lines.map(
          (l) =>
            [
              textIn(l.label, locale),
              l.quantity !== undefined && l.unitMinor !== undefined ? `${l.quantity} × ${money(l.unitMinor)} = ${money(l.amountMinor)}` : money(l.amountMinor),
            ] as [string, string],
        ),
        [t('fees.total'), money(fees.totalMinor)] as [string, string],
      ]
    : [];
  return renderPdf({
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
      ...form.steps
        .filter((s) => !state.hiddenSteps.has(s.id))
        .map((step) => ({
          heading: textIn(step.title, locale),
          rows: step.fields
            .filter((f) => f.type !== 'info' && !state.hiddenFields.has(f.id))
            .map((f) => [textIn(f.label, locale), answerText(f, answers[f.id], t, locale, org.currency)] as [string, string]),
        })),
      ...(feeRows.length ? [{ heading: t('service.fees'), rows: feeRows }] : []),
    ],
    footer: t('pdf.footer', { name: org.name }),
    language: locale,
  });
}

export function decisionPdf(org: Organization, service: Service, a: Application, t: Translate, locale: Locale) {
  return renderPdf({
    title: t('pdf.decisionTitle'),
    issuer: org.name,
    issuerLines: issuerLines(service, locale),
    subtitle: service.title,
    meta: [
      [t('status.reference'), a.reference],
      [t('status.submittedAt'), formatDateTime(new Date(a.submitted_at), org.time_zone, locale, org)],
      [t('pdf.decidedAt'), formatDateTime(new Date(a.decided_at!), org.time_zone, locale, org)],
      [t('pdf.addressee'), a.applicant_name],
    ],
    paragraphs: [
      t(a.status === 'approved' ? 'pdf.approvedText' : 'pdf.rejectedText', { service: service.title }),
      `${t('status.reason')}: ${a.decision_reason ?? ''}`,
      t('pdf.remedy'),
    ],
    sections: [],
    footer: t('pdf.footer', { name: org.name }),
    language: locale,
  });
}
