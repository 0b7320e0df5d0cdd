import { placeName } from '../../../platform/i18n/place-names.ts';
import { CsrfField, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { formatDate, formatMoney } from '../../../platform/i18n/format.ts';
import { FieldsetShell, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { errorText, textIn, type FieldError } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import { bracketRange, CALCULATOR_FIELDS } from '../calculators.ts';
import type { CalculatorDraft, KitaFeeResult, KitaFeeTable } from '../schema.ts';

export interface KitaCalculatorProps {
  ctx: PageContext;
  org: Organization;
  table: KitaFeeTable;
  /** Name of the organization whose table applies (the municipality or its region). */
  owner: string;
  draft: CalculatorDraft;
  errors: FieldError[];
  result?: KitaFeeResult;
}

const id = (field: string) => `f-${field}`;

export function KitaCalculatorPage({ ctx, org, table, owner, draft, errors, result }: KitaCalculatorProps) {
  const { t, locale } = ctx;
  const currency = table.currency;
  const errorOf = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e && errorText(t, e);
  };
  const labels: Record<string, string> = {
    [CALCULATOR_FIELDS.income]: t('calc.kita.income', { currency }),
    [CALCULATOR_FIELDS.hours]: t('calc.kita.hours'),
    [CALCULATOR_FIELDS.children]: t('calc.kita.children'),
  };
  const anchor = (field: string) => (field === CALCULATOR_FIELDS.hours ? `${id(field)}-0` : id(field));
  const hoursError = errorOf(CALCULATOR_FIELDS.hours);
  const title = t('calc.kita.title');
  return (
    <Layout ctx={ctx} title={`${errors.length ? `${t('errors.titlePrefix')} ` : ''}${title}`} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <ErrorSummary t={t} errors={errors.map((e) => ({ href: `#${anchor(e.field)}`, text: `${labels[e.field]}: ${errorText(t, e)}` }))} />
      <div class="stack">
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-body">{t('calc.kita.intro', { name: placeName(org.name).place })}</p>
        <p class="kern-body--small">{t('calc.kita.validFrom', { owner, date: formatDate(table.validFrom, locale, { country: org.country }) })}</p>

        {result && (
          <section aria-labelledby="ergebnis" class="stack" id="ergebnis-bereich">
            <h2 class="kern-heading-medium" id="ergebnis">
              {t('calc.kita.result')}: {formatMoney(result.totalMinor, currency, locale)}
            </h2>
            <div class="kern-table-responsive">
              <table class="kern-table" id="ergebnis-tabelle">
                <caption class="kern-sr-only">{t('calc.kita.result')}</caption>
                <thead class="kern-table__header">
                  <tr class="kern-table__row">
                    <th class="kern-table__header" scope="col">
                      {t('calc.kita.item')}
                    </th>
                    <th class="kern-table__header kern-table__header--numeric" scope="col">
                      {t('calc.kita.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody class="kern-table__body">
                  {result.lines.map((line, i) => (
                    <tr class="kern-table__row" key={i}>
                      <td class="kern-table__cell">{textIn(line.label, locale)}</td>
                      <td class="kern-table__cell kern-table__cell--numeric">{formatMoney(line.amountMinor, currency, locale)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot class="kern-table__footer">
                  <tr class="kern-table__row">
                    <th class="kern-table__header" scope="row">
                      {t('calc.kita.total')}
                    </th>
                    <td class="kern-table__cell kern-table__cell--numeric">
                      <strong>{formatMoney(result.totalMinor, currency, locale)}</strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <p class="kern-body--small">{t('calc.kita.disclaimer')}</p>
          </section>
        )}

        <form method="post" action={`/${org.slug}/rechner/kita-beitrag`} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id={id(CALCULATOR_FIELDS.income)}
            name={CALCULATOR_FIELDS.income}
            label={labels[CALCULATOR_FIELDS.income]!}
            hint={t('calc.kita.incomeHint')}
            value={draft.income}
            error={errorOf(CALCULATOR_FIELDS.income)}
            inputMode="decimal"
            required
          />
          <FieldsetShell id={id(CALCULATOR_FIELDS.hours)} legend={labels[CALCULATOR_FIELDS.hours]} error={hoursError} errorInBody>
            {table.hoursOptions.map((h, i) => (
              <div class="kern-form-check" key={h}>
                <input
                  class={withError('kern-form-check__radio', hoursError)}
                  type="radio"
                  id={`${id(CALCULATOR_FIELDS.hours)}-${i}`}
                  name={CALCULATOR_FIELDS.hours}
                  value={String(h)}
                  checked={draft.hours === String(h)}
                  aria-invalid={hoursError ? 'true' : undefined}
                />
                <label class="kern-label" for={`${id(CALCULATOR_FIELDS.hours)}-${i}`}>
                  {t('calc.kita.hoursOption', { hours: h })}
                </label>
              </div>
            ))}
          </FieldsetShell>
          <TextInput
            id={id(CALCULATOR_FIELDS.children)}
            name={CALCULATOR_FIELDS.children}
            label={labels[CALCULATOR_FIELDS.children]!}
            hint={t('calc.kita.childrenHint')}
            value={draft.children}
            error={errorOf(CALCULATOR_FIELDS.children)}
            inputMode="numeric"
            required
          />
          <div class="form-actions">
            <SubmitButton>{t('calc.kita.submit')}</SubmitButton>
          </div>
        </form>

        <section aria-labelledby="befreiungen">
          <h2 class="kern-heading-medium" id="befreiungen">
            {t('calc.kita.exemptions')}
          </h2>
          <p class="kern-body">{t('calc.kita.siblings', { second: table.siblingDiscount.secondPercent, further: table.siblingDiscount.furtherPercent })}</p>
          {textIn(table.exemptionNote, locale) && <p class="kern-body">{textIn(table.exemptionNote, locale)}</p>}
        </section>

        <section aria-labelledby="tabelle">
          <h2 class="kern-heading-medium" id="tabelle">
            {t('calc.kita.table')}
          </h2>
          <FeeTableOverview ctx={ctx} table={table} />
        </section>
      </div>
    </Layout>
  );
}

function FeeTableOverview({ ctx, table }: { ctx: PageContext; table: KitaFeeTable }) {
  const { t, locale } = ctx;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-body--small">{t('calc.kita.tableCaption', { currency: table.currency })}</caption>
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">
              {t('calc.kita.bracket')}
            </th>
            <th class="kern-table__header" scope="col">
              {t('calc.kita.incomeRange')}
            </th>
            {table.hoursOptions.map((h) => (
              <th class="kern-table__header kern-table__header--numeric" scope="col" key={h}>
                {t('calc.kita.hoursColumn', { hours: h })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {table.brackets.map((b, i) => (
            <tr class="kern-table__row" key={i}>
              <th class="kern-table__header" scope="row">
                {i + 1}
              </th>
              <td class="kern-table__cell">{bracketRange(b, table.currency, locale)}</td>
              {b.feesMinor.map((fee, h) => (
                <td class="kern-table__cell kern-table__cell--numeric" key={h}>
                  {formatMoney(fee, table.currency, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
