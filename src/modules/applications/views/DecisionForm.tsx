// The case page's decision form: no outcome preselected, the day it takes effect as three fields, the reasons;
// it leads to the preview of the Bescheid, never straight to a decision.
import type { Message } from '../../../platform/i18n/index.ts';
import { ChoiceGroup, CsrfField, fieldSummary, type SummaryError, SubmitButton, TextArea } from '../../../platform/views/components.tsx';
import { ErrorMessage, Hint } from '../../../platform/views/field-shell.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import type { DecisionBody, DecisionErrors, DecisionField } from '../decision-input.ts';

const IDS: Record<DecisionField, string> = { outcome: 'f-outcome-0', effectiveFrom: 'f-effective-day', reason: 'f-reason', confirm: 'f-confirm' };

/** The decision form's problems for the error summary, each linked to its field. */
export const decisionSummary = (ctx: PageContext, errors: DecisionErrors): SummaryError[] => fieldSummary(IDS, errors, (e: Message) => ctx.t(e.key, e.params));

export function DecisionForm({
  ctx,
  action,
  heading,
  hidden = {},
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  action: string;
  /** The workflow transition's label ("Freigeben und entscheiden"); a step among the case's next steps. */
  heading?: string;
  /** The transition and the case's lock version, carried through the preview to the binding step. */
  hidden?: Record<string, string>;
  values?: DecisionBody;
  errors?: DecisionErrors;
}) {
  const { t } = ctx;
  const text = (field: DecisionField) => (errors[field] ? t(errors[field]!.key, errors[field]!.params) : undefined);
  const dateError = text('effectiveFrom');
  const part = (name: 'day' | 'month' | 'year', label: string, width: 2 | 4) => (
    <div class="kern-form-input form-date__item">
      <label class="kern-label" for={`f-effective-${name}`}>
        {label}
      </label>
      <input
        class={`kern-form-input__input form-input--width-${width}${dateError ? ' kern-form-input__input--error' : ''}`}
        id={`f-effective-${name}`}
        name={name}
        type="text"
        inputMode="numeric"
        maxLength={name === 'year' ? 4 : 2}
        value={values[name] ?? ''}
        aria-invalid={dateError ? 'true' : undefined}
      />
    </div>
  );
  return (
    <form method="post" action={action} class="stack" novalidate aria-labelledby="decision-heading">
      <h3 class="kern-heading-small" id="decision-heading">
        {heading ?? t('decisions.form.heading')}
      </h3>
      <CsrfField token={ctx.csrfToken} />
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <ChoiceGroup
        id="f-outcome"
        name="outcome"
        legend={t('decisions.form.outcome')}
        options={[
          { value: 'approved', label: t('decisions.form.approve') },
          { value: 'rejected', label: t('decisions.form.reject') },
        ]}
        chosen={values.outcome ? [values.outcome] : []}
        error={text('outcome')}
      />
      <fieldset
        class={`kern-fieldset${dateError ? ' kern-fieldset--error' : ''}`}
        aria-describedby={`f-effective-hint${dateError ? ' f-effective-error' : ''}`}
      >
        <legend class="kern-label">{t('decisions.form.effectiveFrom')}</legend>
        <Hint id="f-effective-hint">{t('decisions.form.effectiveFromHint')}</Hint>
        <ErrorMessage id="f-effective-error" text={dateError} />
        <div class="kern-fieldset__body form-date__parts">
          {part('day', t('decisions.form.day'), 2)}
          {part('month', t('decisions.form.month'), 2)}
          {part('year', t('decisions.form.year'), 4)}
        </div>
      </fieldset>
      <TextArea
        id="f-reason"
        name="reason"
        label={t('decisions.form.reason')}
        hint={t('decisions.form.reasonHint')}
        value={values.reason}
        error={text('reason')}
      />
      <SubmitButton>{t('decisions.form.preview')}</SubmitButton>
    </form>
  );
}
