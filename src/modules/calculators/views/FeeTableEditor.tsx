import type { Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, TextArea, TextInput } from '../../../platform/views/components.tsx';
import { describedBy, errorId, FieldShell, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { errorText, type FieldError } from '../../forms/index.ts';
import { tableField } from '../fee-table.ts';
import type { Currency, FeeTableDraft } from '../schema.ts';

export type TableSource = 'region' | 'own' | 'inherited' | 'none';

export interface FeeTableEditorProps {
  ctx: PageContext;
  /** The organiser's organization and its region (the same for a region admin). */
  org: { name: string; slug: string; kind: 'region' | 'municipality' };
  regionName: string;
  source: TableSource;
  currency: Currency;
  draft: FeeTableDraft;
  errors: FieldError[];
  notice?: 'saved' | 'removed' | 'unsaved';
  /** The cell a keyboard user continues in after adding a bracket. */
  focus?: string;
}

export const EDITOR_PATH = '/studio/rechner/kita-beitrag';

const hoursHeading = (t: Translate, draft: FeeTableDraft, h: number) =>
  /^\d{1,2}$/.test(draft.hours[h] ?? '') ? t('calc.studio.feeColumn', { hours: draft.hours[h]! }) : t('calc.studio.hoursLabel', { n: h + 1 });

/** What the error summary calls a field: "Stufe 3, bis", "Stufe 2, 35 Std./Woche". */
export function fieldLabel(t: Translate, draft: FeeTableDraft, field: string): string {
  const fixed: Record<string, string> = {
    [tableField.validFrom]: t('calc.studio.validFrom'),
    [tableField.secondPercent]: `${t('calc.studio.siblingsLegend')}, ${t('calc.studio.second')}`,
    [tableField.furtherPercent]: `${t('calc.studio.siblingsLegend')}, ${t('calc.studio.further')}`,
    [tableField.noteDe]: t('calc.studio.noteDe'),
    [tableField.noteEn]: t('calc.studio.noteEn'),
  };
  if (fixed[field]) return fixed[field]!;
  const hours = /^hours-(\d+)$/.exec(field);
  if (hours) return t('calc.studio.hoursLabel', { n: Number(hours[1]) + 1 });
  const cell = /^b(\d+)-(from|to|fee(\d+))$/.exec(field);
  if (!cell) return field;
  const bracket = t('calc.studio.bracketN', { n: Number(cell[1]) + 1 });
  if (cell[2] === 'from') return `${bracket}, ${t('calc.studio.from')}`;
  if (cell[2] === 'to') return `${bracket}, ${t('calc.studio.to')}`;
  return `${bracket}, ${hoursHeading(t, draft, Number(cell[3]))}`;
}

/**
 * One input in a table cell: a label for assistive technology, the message above the input, nothing lost. The input
 * is as wide as eight characters (size), not the cell, so every column of the table gets its share of the width.
 */
function CellInput({
  name,
  label,
  value,
  error,
  inputMode,
  hint,
  focus,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  inputMode: 'numeric' | 'decimal';
  hint?: string;
  focus?: string;
}) {
  return (
    <FieldShell id={name} label={label} labelHidden error={error}>
      <input
        class={`${withError('kern-form-input__input', error)} kern-w-auto`}
        id={name}
        name={name}
        type="text"
        value={value}
        inputMode={inputMode}
        size={8}
        autofocus={focus === name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hint, error && errorId(name))}
      />
    </FieldShell>
  );
}

function ActionButton({ value, children }: { value: string; children: string }) {
  return (
    <button type="submit" name="action" value={value} class="kern-btn kern-btn--tertiary kern-btn--x-small">
      <span class="kern-label">{children}</span>
    </button>
  );
}

export function FeeTableEditor({ ctx, org, regionName, source, currency, draft, errors, notice, focus }: FeeTableEditorProps) {
  const { t } = ctx;
  const errorOf = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e && errorText(t, e);
  };
  const intro = {
    region: t('calc.studio.regionIntro', { region: regionName }),
    own: t('calc.studio.ownIntro', { name: org.name, region: regionName }),
    inherited: t('calc.studio.inheritedIntro', { name: org.name, region: regionName }),
    none: t('calc.studio.noneIntro'),
  }[source];
  const title = t('calc.studio.title');
  return (
    <Layout ctx={ctx} title={`${errors.length ? `${t('errors.titlePrefix')} ` : ''}${title}`} area="studio">
      {notice === 'saved' && <Alert kind="success" title={t('calc.studio.saved')} />}
      {notice === 'removed' && <Alert kind="success" title={t('calc.studio.removed', { region: regionName })} />}
      {notice === 'unsaved' && <Alert kind="info" title={t('calc.studio.unsaved')} />}
      <ErrorSummary t={t} errors={errors.map((e) => ({ href: `#${e.field}`, text: `${fieldLabel(t, draft, e.field)}: ${errorText(t, e)}` }))} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{intro}</p>
      {org.kind === 'municipality' && (
        <p>
          <a class="kern-link" href={`/${org.slug}/rechner/kita-beitrag`}>
            {t('calc.studio.preview')}
          </a>
        </p>
      )}

      <form method="post" action={EDITOR_PATH} class="stack" novalidate>
        {/* Enter in any cell saves: the first submit button of a form is the one Enter presses, not "remove". */}
        <button type="submit" name="action" value="save" hidden>
          {t('calc.studio.save')}
        </button>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="hoursCount" value={String(draft.hours.length)} />
        <input type="hidden" name="bracketCount" value={String(draft.brackets.length)} />

        <TextInput
          id={tableField.validFrom}
          name={tableField.validFrom}
          type="date"
          label={t('calc.studio.validFrom')}
          value={draft.validFrom}
          error={errorOf(tableField.validFrom)}
          required
        />

        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('calc.studio.hoursLegend')}</legend>
          <div class="kern-fieldset__body stack">
            {draft.hours.map((value, h) => (
              <div key={h}>
                <TextInput
                  id={tableField.hours(h)}
                  name={tableField.hours(h)}
                  label={t('calc.studio.hoursLabel', { n: h + 1 })}
                  value={value}
                  error={errorOf(tableField.hours(h))}
                  inputMode="numeric"
                  required
                />
                {draft.hours.length > 1 && <ActionButton value={`remove-hours:${h}`}>{t('calc.studio.removeHours', { n: h + 1 })}</ActionButton>}
              </div>
            ))}
            <div>
              <ActionButton value="add-hours">{t('calc.studio.addHours')}</ActionButton>
            </div>
          </div>
        </fieldset>

        <div class="kern-table-responsive">
          <table class="kern-table" id="beitragstabelle">
            <caption class="kern-title">{t('calc.studio.bracketsCaption', { currency })}</caption>
            <thead class="kern-table__header">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">
                  <span class="kern-sr-only">{t('calc.kita.bracket')}</span>
                </th>
                <th class="kern-table__header" scope="col">
                  {t('calc.studio.from')}
                </th>
                <th class="kern-table__header" scope="col">
                  {t('calc.studio.to')}
                </th>
                {draft.hours.map((_, h) => (
                  <th class="kern-table__header" scope="col" key={h}>
                    {hoursHeading(t, draft, h)}
                  </th>
                ))}
                <th class="kern-table__header" scope="col">
                  {t('calc.studio.actions')}
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {draft.brackets.map((b, i) => {
                const bracket = t('calc.studio.bracketN', { n: i + 1 });
                return (
                  <tr class="kern-table__row" key={i}>
                    <th class="kern-table__header" scope="row">
                      {bracket}
                    </th>
                    <td class="kern-table__cell">
                      <CellInput
                        name={tableField.from(i)}
                        label={`${bracket}, ${t('calc.studio.from')}`}
                        value={b.from}
                        error={errorOf(tableField.from(i))}
                        inputMode="numeric"
                        focus={focus}
                      />
                    </td>
                    <td class="kern-table__cell">
                      <CellInput
                        name={tableField.to(i)}
                        label={`${bracket}, ${t('calc.studio.to')}`}
                        value={b.to}
                        error={errorOf(tableField.to(i))}
                        inputMode="numeric"
                        focus={focus}
                        hint={i === draft.brackets.length - 1 ? 'editor-to-hint' : undefined}
                      />
                    </td>
                    {b.fees.map((fee, h) => (
                      <td class="kern-table__cell" key={h}>
                        <CellInput
                          name={tableField.fee(i, h)}
                          label={`${bracket}, ${hoursHeading(t, draft, h)}`}
                          value={fee}
                          error={errorOf(tableField.fee(i, h))}
                          inputMode="decimal"
                        />
                      </td>
                    ))}
                    <td class="kern-table__cell">
                      {draft.brackets.length > 1 && <ActionButton value={`remove-bracket:${i}`}>{t('calc.studio.removeBracket', { n: i + 1 })}</ActionButton>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p class="kern-hint" id="editor-to-hint">
          {t('calc.studio.toHint')}
        </p>
        <ActionButton value="add-bracket">{t('calc.studio.addBracket')}</ActionButton>

        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('calc.studio.siblingsLegend')}</legend>
          <div class="kern-fieldset__body">
            <TextInput
              id={tableField.secondPercent}
              name={tableField.secondPercent}
              label={t('calc.studio.second')}
              value={draft.secondPercent}
              error={errorOf(tableField.secondPercent)}
              inputMode="numeric"
              required
            />
            <TextInput
              id={tableField.furtherPercent}
              name={tableField.furtherPercent}
              label={t('calc.studio.further')}
              value={draft.furtherPercent}
              error={errorOf(tableField.furtherPercent)}
              inputMode="numeric"
              required
            />
          </div>
        </fieldset>

        <TextArea id={tableField.noteDe} name={tableField.noteDe} label={t('calc.studio.noteDe')} value={draft.noteDe} error={errorOf(tableField.noteDe)} />
        <TextArea id={tableField.noteEn} name={tableField.noteEn} label={t('calc.studio.noteEn')} value={draft.noteEn} error={errorOf(tableField.noteEn)} />

        <div class="form-actions">
          <button type="submit" name="action" value="save" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('calc.studio.save')}</span>
          </button>
        </div>
      </form>

      {source === 'own' && (
        <form method="post" action={`${EDITOR_PATH}/eigene-tabelle-loeschen`} class="stack">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('calc.studio.removeOwn', { region: regionName })}</span>
          </button>
        </form>
      )}
    </Layout>
  );
}
