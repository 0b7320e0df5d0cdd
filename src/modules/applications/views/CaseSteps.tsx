// The case's workflow on its page: where it stands (state, deadline) among the essentials, and the next steps: each
// transition open to the viewer as a form with its fields, those that happen by themselves, and those refused with
// the reason. Every form carries the transition and the case's lock version.
import type { Message } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { CsrfField, type SummaryError, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { TransitionField, TransitionOption } from '../../workflows/index.ts';
import type { CaseRun } from '../case-workflow.ts';
import type { DecisionBody, DecisionErrors } from '../decision-input.ts';
import { DecisionForm } from './DecisionForm.tsx';

/** A save that was not taken: stale (the case changed), or refused and its fields' problems, with what was typed. */
export interface StepProblem {
  transition: string;
  stale: boolean;
  refused: Message[];
  fields: Record<string, Message>;
  values: Record<string, string>;
}

const fieldId = (transition: string, field: string) => `f-step-${transition}-${field}`;
const formId = (transition: string) => `step-${transition}`;

/** The step problems for the error summary: the refusal linked to the next steps, each field's problem to its field. */
export function stepSummary(ctx: PageContext, step: StepProblem): SummaryError[] {
  return [
    ...step.refused.map((m) => ({ href: '#case-next', text: ctx.t(m.key, m.params) })),
    ...Object.entries(step.fields).map(([id, m]) => ({ href: `#${fieldId(step.transition, id)}`, text: ctx.t(m.key, m.params) })),
  ];
}

/** The essentials' rows about the workflow: state (workflow and version) and deadline with its warning. */
export function workflowRows(ctx: PageContext, org: Organization, run: CaseRun): Array<[string, preact.ComponentChildren]> {
  const { t, locale } = ctx;
  const day = (d: Date) => formatDateTime(new Date(d), org.time_zone, locale, org);
  const state = run.state ? textIn(run.state.label, locale) : '–';
  const deadline = (() => {
    if (!run.state?.deadline) return t('workflow.case.noDeadline');
    if (!run.dueAt) return t('workflow.case.deadlineOpen');
    const date = day(run.dueAt);
    if (run.warning === 'overdue')
      return (
        <strong class="deadline deadline--overdue">
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span> {t('workflow.case.overdue', { date })}
        </strong>
      );
    if (run.warning === 'soon')
      return (
        <strong class="deadline deadline--soon">
          <span class="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true"></span> {t('workflow.case.dueSoon', { date })}
        </strong>
      );
    return t('workflow.case.dueOn', { date });
  })();
  const rows: Array<[string, preact.ComponentChildren]> = [
    [t('workflow.case.state'), t('workflow.case.stateIn', { state, workflow: textIn(run.workflow.definition.name, locale), version: run.workflow.version })],
    [t('workflow.case.deadline'), deadline],
  ];
  if (run.facts.completeAt) rows.push([t('workflow.case.completeAt'), day(run.facts.completeAt)]);
  if (run.facts.feePaidAt) rows.push([t('workflow.case.feePaidAt'), day(run.facts.feePaidAt)]);
  return rows;
}

function StepField({
  ctx,
  transition,
  field,
  value,
  error,
}: {
  ctx: PageContext;
  transition: string;
  field: TransitionField;
  value?: string;
  error?: Message;
}) {
  const { t, locale } = ctx;
  const label = textIn(field.label, locale);
  const props = {
    id: fieldId(transition, field.id),
    name: `f_${field.id}`,
    label,
    value,
    error: error && t(error.key, error.params),
    required: field.required,
  };
  if (field.type === 'text') return <TextArea {...props} />;
  if (field.type === 'date') return <TextInput {...props} hint={t('workflow.case.dateHint')} inputMode="numeric" />;
  return <TextInput {...props} inputMode="decimal" />;
}

interface StepsProps {
  ctx: PageContext;
  base: string;
  run: CaseRun;
  lockVersion: number;
  step?: StepProblem;
  question?: { value?: string; error?: string };
  decisionValues?: DecisionBody;
  decisionErrors?: DecisionErrors;
}

function Hidden({ ctx, transition, lock }: { ctx: PageContext; transition: string; lock: number }) {
  return (
    <>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="transition" value={transition} />
      <input type="hidden" name="lock" value={String(lock)} />
    </>
  );
}

function StepForm({ option, ...p }: StepsProps & { option: TransitionOption }) {
  const { t, locale } = p.ctx;
  const tr = option.transition;
  const label = textIn(tr.label, locale);
  const mine = p.step?.transition === tr.id ? p.step : undefined;
  const goesTo = <p class="kern-body kern-body--small">{t('workflow.case.goesTo', { state: textIn(option.target.label, locale) })}</p>;
  if (tr.effect === 'ask') {
    return (
      <form method="post" action={`${p.base}/rueckfrage`} class="stack" novalidate aria-labelledby={formId(tr.id)}>
        <h3 class="kern-heading-small" id={formId(tr.id)}>
          {label}
        </h3>
        {goesTo}
        <Hidden ctx={p.ctx} transition={tr.id} lock={p.lockVersion} />
        <TextArea id="f-question" name="question" label={t('case.question')} value={p.question?.value} error={p.question?.error} />
        <SubmitButton variant="secondary">{t('case.askSubmit')}</SubmitButton>
      </form>
    );
  }
  if (tr.effect === 'decide') {
    const values = mine || !p.decisionValues ? { ...p.decisionValues, ...(mine?.values ?? {}) } : p.decisionValues;
    return (
      <DecisionForm
        ctx={p.ctx}
        action={`${p.base}/entscheidung/vorschau`}
        heading={label}
        hidden={{ transition: tr.id, lock: String(p.lockVersion) }}
        values={values}
        errors={p.decisionErrors}
      />
    );
  }
  return (
    <form method="post" action={`${p.base}/schritt`} class="stack" novalidate aria-labelledby={formId(tr.id)}>
      <h3 class="kern-heading-small" id={formId(tr.id)}>
        {label}
      </h3>
      {goesTo}
      <Hidden ctx={p.ctx} transition={tr.id} lock={p.lockVersion} />
      {(tr.fields ?? []).map((f) => (
        <StepField key={f.id} ctx={p.ctx} transition={tr.id} field={f} value={mine?.values[f.id]} error={mine?.fields[f.id]} />
      ))}
      <SubmitButton variant={tr.effect === 'complete' || tr.effect === 'payment' ? 'primary' : 'secondary'}>{label}</SubmitButton>
    </form>
  );
}

/** What a stale or refused save had typed, shown when its form is no longer offered, so nothing typed is lost. */
function KeptInput({ ctx, run, step, question }: { ctx: PageContext; run: CaseRun; step: StepProblem; question?: string }) {
  const tr = run.workflow.definition.transitions.find((x) => x.id === step.transition);
  const rows = [
    ...(tr?.fields ?? []).filter((f) => step.values[f.id]).map((f) => [textIn(f.label, ctx.locale), step.values[f.id]!] as const),
    ...(question ? [[ctx.t('case.question'), question] as const] : []),
    ...(step.values.reason ? [[ctx.t('decisions.form.reason'), step.values.reason] as const] : []),
  ];
  if (!rows.length) return null;
  return (
    <div class="kern-alert kern-alert--info">
      <div class="kern-alert__body">
        <dl class="kern-description-list">
          {rows.map(([k, v]) => (
            <div class="kern-description-list-item" key={k}>
              <dt class="kern-description-list-item__key">{k}</dt>
              <dd class="kern-description-list-item__value kern-preline-text">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

export function CaseSteps(p: StepsProps) {
  const { t, locale } = p.ctx;
  const allowed = p.run.options.filter((o) => o.allowed);
  const automatic = p.run.options.filter((o) => o.automatic);
  const refused = p.run.options.filter((o) => !o.allowed && !o.automatic);
  const offered = p.step && allowed.some((o) => o.transition.id === p.step!.transition);
  return (
    <section aria-labelledby="case-next" class="case-steps">
      <h2 class="kern-heading-medium" id="case-next" tabIndex={-1}>
        {t('workflow.case.nextSteps')}
      </h2>
      {p.step && !offered && <KeptInput ctx={p.ctx} run={p.run} step={p.step} question={p.question?.value} />}
      {p.run.options.length === 0 && <p class="kern-body">{t('workflow.case.noSteps')}</p>}
      {allowed.length > 0 && (
        <div class="actions-grid">
          {allowed.map((o) => (
            <StepForm key={o.transition.id} option={o} {...p} />
          ))}
        </div>
      )}
      {automatic.length > 0 && (
        <ul class="kern-list">
          {automatic.map((o) => (
            <li key={o.transition.id}>
              {t('workflow.case.automatic', { label: textIn(o.transition.label, locale) })} (
              {o.transition.trigger === 'timer' ? t('workflow.case.byTimer', { days: o.transition.timerDays ?? 0 }) : t('workflow.case.byAnswer')})
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <>
          <h3 class="kern-heading-small">{t('workflow.case.refusedHeading')}</h3>
          <ul class="kern-list">
            {refused.map((o) => (
              <li key={o.transition.id}>
                <strong>{textIn(o.transition.label, locale)}:</strong> {o.reasons.map((r) => t(r.key, r.params)).join(' ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
