import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { textIn } from '../../forms/index.ts';
import { formatMoney, formatNumber } from '../../../platform/i18n/format.ts';
import type { FeeResult } from '../fees.ts';
import type { FeeKind } from '../schema.ts';

/** The fee explained line by line: "2 × 96,00 € = 192,00 €", then the sum. */
export function FeeLines({
  fees,
  currency,
  t,
  locale,
  id = 'gebuehren',
  kind = 'fee',
}: {
  fees: FeeResult;
  currency: 'EUR' | 'CHF';
  t: Translate;
  locale: Locale;
  id?: string;
  /** What the charges are together (feeKind): names the table and the line "no charge". */
  kind?: FeeKind | 'mixed';
}) {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  if (fees.lines.length === 0)
    return (
      <p class="kern-body" id={id}>
        {t(`journey.fees.none.${kind}`)}
      </p>
    );
  return (
    <table class="kern-table fee-table" id={id}>
      <caption class="kern-sr-only">{t(`journey.fees.heading.${kind}`)}</caption>
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th class="kern-table__header" scope="col">
            {t('fees.item')}
          </th>
          <th class="kern-table__header" scope="col">
            {t('fees.calculation')}
          </th>
          <th class="kern-table__header kern-table__header--numeric" scope="col">
            {t('fees.amount')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {fees.lines.map((l) => (
          <tr class="kern-table__row" key={l.id}>
            <th class="kern-table__header" scope="row">
              {textIn(l.label, locale)}
              {kind === 'mixed' && <span class="fee-kind"> ({t(`journey.fees.kind.${l.kind}`)})</span>}
            </th>
            <td class="kern-table__cell">
              {l.quantity !== undefined && l.unitMinor !== undefined ? `${formatNumber(l.quantity, locale, { currency })} × ${money(l.unitMinor)}` : ''}
            </td>
            <td class="kern-table__cell kern-table__cell--numeric">{money(l.amountMinor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr class="kern-table__row">
          <th class="kern-table__header" scope="row" colSpan={2}>
            {t('fees.total')}
          </th>
          <td class="kern-table__cell kern-table__cell--numeric">
            <strong>{money(fees.totalMinor)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
