// The case page's fee (as computed at submission) and history (every event, with who and when), for the clerk.
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { DataTable, ScrollRegion } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import type { Organization } from '../../organizations/index.ts';
import { FeeLines, type FeeResult } from '../../services/index.ts';
import type { HistoryEntry } from '../history.ts';

const isFeeResult = (v: unknown): v is FeeResult =>
  !!v && typeof v === 'object' && Array.isArray((v as FeeResult).lines) && typeof (v as FeeResult).totalMinor === 'number';

export function CaseFees({ ctx, org, fees, submittedAt }: { ctx: PageContext; org: Organization; fees: unknown; submittedAt: Date }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="case-fees">
      <h2 class="kern-heading-medium" id="case-fees">
        {t('case.fee.heading')}
      </h2>
      {isFeeResult(fees) ? (
        <>
          <p class="kern-body">{t('case.fee.intro', { date: formatDateTime(new Date(submittedAt), org.time_zone, locale, org) })}</p>
          <ScrollRegion labelledBy="case-fees">
            <FeeLines fees={fees} currency={org.currency} t={t} locale={locale} id="case-fee-lines" />
          </ScrollRegion>
        </>
      ) : (
        <p class="kern-body">{t('case.fee.missing')}</p>
      )}
    </section>
  );
}

function what(t: Translate, e: HistoryEntry, names: Map<string, string>, locale: string): string {
  if (e.kind === 'transition' && e.step) {
    const text = (x: { de: string; en?: string }) => (locale === 'en' && x.en) || x.de;
    return t('case.history.transition', { label: text(e.step.label), state: text(e.step.to) });
  }
  if (e.kind === 'assigned' && e.assignee && !(e.by.kind === 'staff' && e.by.id === e.assignee)) {
    return t('case.history.assignedTo', { name: names.get(e.assignee) ?? t('case.history.unknownStaff') });
  }
  if (e.kind === 'answer' && e.files) return t('case.history.answerFiles', { count: e.files });
  return t(`case.history.${e.kind}`);
}

function who(t: Translate, e: HistoryEntry, names: Map<string, string>, applicant: string): string {
  if (e.by.kind === 'applicant') return applicant || t('case.history.applicant');
  if (e.by.kind === 'staff') return names.get(e.by.id) ?? t('case.history.unknownStaff');
  return t('case.history.system');
}

/** Oldest first, each with the time in the municipality's zone. */
export function CaseHistory({
  ctx,
  org,
  history,
  names,
  applicant,
}: {
  ctx: PageContext;
  org: Organization;
  history: HistoryEntry[];
  names: Map<string, string>;
  applicant: string;
}) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="case-history">
      <h2 class="kern-heading-medium" id="case-history">
        {t('case.history.heading')}
      </h2>
      <DataTable
        caption={t('case.history.caption')}
        headers={[t('case.history.when'), t('case.history.what'), t('case.history.who')]}
        rows={history.map((e, i) => ({
          key: String(i),
          cells: [
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, org.time_zone, locale, org)}</time>,
            what(t, e, names, locale),
            who(t, e, names, applicant),
          ],
        }))}
      />
    </section>
  );
}
