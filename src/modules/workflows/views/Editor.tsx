// The workflow editor: one form with numbered rows for roles, states and transitions. Adding or removing a row
// posts the form and shows it again with everything typed kept; only "Speichern" stores a version. The add buttons
// post to the new row's fragment, so the page opens at that row and the next Tab lands in its first input.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { Alert, CsrfField, ErrorSummary, SelectInput, TextArea, TextInput } from '../../../platform/views/components.tsx';
import { FieldsetShell, withError } from '../../../platform/views/field-shell.tsx';
import { StudioLayout } from '../../../platform/views/studio-layout.tsx';
import { type TransitionRow, type WorkflowForm, inputOf, SIMPLE_GUARDS } from '../editor.ts';
import { PHASES, type WorkflowDefinition, type WorkflowProblem } from '../schema.ts';
import { Diagram } from './Description.tsx';

type Errors = Record<string, string>;

function Button({ value, children, primary, formAction }: { value: string; children: string; primary?: boolean; formAction?: string }) {
  return (
    <button type="submit" name="_aktion" value={value} class={`kern-btn kern-btn--${primary ? 'primary' : 'secondary'}`} formAction={formAction}>
      <span class="kern-label">{children}</span>
    </button>
  );
}

function Checks({
  id,
  name,
  legend,
  options,
  chosen,
  error,
  hint,
}: {
  id: string;
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  chosen: string[];
  error?: string;
  hint?: string;
}) {
  return (
    <FieldsetShell id={id} fieldsetId={id} legend={legend} error={error} hint={hint}>
      {options.map((o, i) => (
        <div class={withError('kern-form-check', error)} key={o.value}>
          <input
            class={withError('kern-form-check__checkbox', error)}
            type="checkbox"
            id={`${id}-${i}`}
            name={name}
            value={o.value}
            checked={chosen.includes(o.value)}
            aria-invalid={error ? 'true' : undefined}
          />
          <label class="kern-label" for={`${id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </FieldsetShell>
  );
}

export function EditorPage({
  ctx,
  workflowKey,
  name,
  form,
  version,
  preview,
  problems = [],
  notice,
}: {
  ctx: PageContext;
  workflowKey: string;
  name: string;
  form: WorkflowForm;
  version: number;
  preview: WorkflowDefinition;
  problems?: WorkflowProblem[];
  notice?: string;
}) {
  const { t } = ctx;
  const action = `/studio/ablaeufe/${workflowKey}/bearbeiten`;
  const errors: Errors = {};
  for (const p of problems) {
    const id = inputOf(p.path);
    errors[id] ??= t(p.key as MessageKey, p.params);
  }
  const summary = problems.map((p) => ({ href: `#${inputOf(p.path)}`, text: t(p.key as MessageKey, p.params) }));
  const stateOptions = form.states.filter((s) => s.id.trim()).map((s) => ({ value: s.id.trim(), label: s.label_de.trim() ? `${s.label_de} (${s.id})` : s.id }));
  const roleOptions = form.roles.filter((r) => r.id.trim()).map((r) => ({ value: r.id.trim(), label: r.label_de.trim() || r.id }));
  const transitionOptions = form.transitions.filter((x) => x.id.trim()).map((x) => ({ value: x.id.trim(), label: x.label_de.trim() || x.id }));
  const title = t('workflows.editor.title', { name });
  return (
    <StudioLayout ctx={ctx} title={title}>
      <ErrorSummary t={t} errors={summary} />
      {notice && <Alert kind="success" title={notice} />}
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('workflows.editor.intro', { version })}</p>
      <form method="post" action={action} class="studio-form wf-editor" id="top" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        {/* The first button of a form is the one Enter presses: saving, never removing a row. */}
        <Button value="speichern" primary>
          {t('workflows.editor.save')}
        </Button>
        <section aria-labelledby="wf-general">
          <h2 class="kern-heading-medium" id="wf-general">
            {t('workflows.editor.general')}
          </h2>
          <TextInput id="name_de" name="name_de" label={t('workflows.editor.name')} value={form.name_de} error={errors.name_de} required />
          <TextInput id="name_en" name="name_en" label={t('workflows.editor.nameEn')} value={form.name_en} />
          <TextArea id="description_de" name="description_de" label={t('workflows.editor.description')} value={form.description_de} />
          <input type="hidden" name="description_en" value={form.description_en} />
          <SelectInput
            id="initial"
            name="initial"
            label={t('workflows.editor.initial')}
            value={form.initial}
            error={errors.initial}
            placeholder={t('workflows.editor.choose')}
            options={stateOptions}
          />
        </section>

        <section aria-labelledby="wf-roles" id="roles">
          <h2 class="kern-heading-medium" id="wf-roles">
            {t('workflows.editor.roles')}
          </h2>
          <p class="kern-body">{t('workflows.editor.rolesIntro')}</p>
          {form.roles.map((r, i) => (
            <fieldset class="kern-fieldset wf-row" key={`r${i}`} id={`r${i}`}>
              <legend class="kern-label">{t('workflows.editor.roleN', { n: i + 1, label: r.label_de })}</legend>
              <div class="kern-fieldset__body">
                <TextInput
                  id={`r${i}-id`}
                  name={`r${i}_id`}
                  label={t('workflows.editor.id')}
                  hint={t('workflows.editor.idHint')}
                  value={r.id}
                  error={errors[`r${i}-id`]}
                  required
                />
                <TextInput
                  id={`r${i}-label_de`}
                  name={`r${i}_label_de`}
                  label={t('workflows.editor.label')}
                  value={r.label_de}
                  error={errors[`r${i}-label_de`]}
                  required
                />
                <TextInput id={`r${i}-label_en`} name={`r${i}_label_en`} label={t('workflows.editor.labelEn')} value={r.label_en} />
                <Button value={`rolle-entfernen-${i}`}>{t('workflows.editor.removeRole', { n: i + 1 })}</Button>
              </div>
            </fieldset>
          ))}
          <Button value="rolle-neu" formAction={`${action}#r${form.roles.length}`}>
            {t('workflows.editor.addRole')}
          </Button>
        </section>

        <section aria-labelledby="wf-states" id="states">
          <h2 class="kern-heading-medium" id="wf-states">
            {t('workflows.editor.states')}
          </h2>
          {errors.states && <Alert kind="danger" title={errors.states} />}
          {form.states.map((s, i) => (
            <fieldset class="kern-fieldset wf-row" key={`s${i}`} id={`s${i}`}>
              <legend class="kern-label">{t('workflows.editor.stateN', { n: i + 1, label: s.label_de })}</legend>
              <div class="kern-fieldset__body">
                <TextInput
                  id={`s${i}-id`}
                  name={`s${i}_id`}
                  label={t('workflows.editor.id')}
                  hint={t('workflows.editor.idHint')}
                  value={s.id}
                  error={errors[`s${i}-id`]}
                  required
                />
                <TextInput
                  id={`s${i}-label_de`}
                  name={`s${i}_label_de`}
                  label={t('workflows.editor.label')}
                  value={s.label_de}
                  error={errors[`s${i}-label_de`]}
                  required
                />
                <TextInput id={`s${i}-label_en`} name={`s${i}_label_en`} label={t('workflows.editor.labelEn')} value={s.label_en} />
                <SelectInput
                  id={`s${i}-phase`}
                  name={`s${i}_phase`}
                  label={t('workflows.editor.phase')}
                  hint={t('workflows.editor.phaseHint')}
                  value={s.phase}
                  error={errors[`s${i}-phase`]}
                  options={PHASES.map((p) => ({ value: p, label: t(`workflows.phase.${p}`) }))}
                />
                <Checks
                  id={`s${i}-final`}
                  name={`s${i}_final`}
                  legend={t('workflows.editor.finalLegend')}
                  options={[{ value: 'ja', label: t('workflows.editor.final') }]}
                  chosen={s.final ? ['ja'] : []}
                  error={errors[`s${i}-final`]}
                />
                <TextInput
                  id={`s${i}-deadline_days`}
                  name={`s${i}_deadline_days`}
                  label={t('workflows.editor.deadlineDays')}
                  hint={t('workflows.editor.deadlineHint')}
                  inputMode="numeric"
                  value={s.deadline_days}
                  error={errors[`s${i}-deadline_days`]}
                />
                <SelectInput
                  id={`s${i}-deadline_from`}
                  name={`s${i}_deadline_from`}
                  label={t('workflows.editor.deadlineFrom')}
                  value={s.deadline_from}
                  error={errors[`s${i}-deadline_from`]}
                  options={(['entered', 'submitted', 'complete'] as const).map((f) => ({ value: f, label: t(`workflows.deadlineFrom.${f}`) }))}
                />
                <TextInput
                  id={`s${i}-deadline_warn`}
                  name={`s${i}_deadline_warn`}
                  label={t('workflows.editor.deadlineWarn')}
                  inputMode="numeric"
                  value={s.deadline_warn}
                  error={errors[`s${i}-deadline_warn`]}
                />
                <Button value={`zustand-entfernen-${i}`}>{t('workflows.editor.removeState', { n: i + 1 })}</Button>
              </div>
            </fieldset>
          ))}
          <Button value="zustand-neu" formAction={`${action}#s${form.states.length}`}>
            {t('workflows.editor.addState')}
          </Button>
        </section>

        <section aria-labelledby="wf-transitions" id="transitions">
          <h2 class="kern-heading-medium" id="wf-transitions">
            {t('workflows.editor.transitions')}
          </h2>
          {errors.transitions && <Alert kind="danger" title={errors.transitions} />}
          {form.transitions.map((row, i) => (
            <TransitionFields
              key={`t${i}`}
              ctx={ctx}
              i={i}
              row={row}
              errors={errors}
              states={stateOptions}
              roles={roleOptions}
              transitions={transitionOptions.filter((x) => x.value !== row.id.trim())}
            />
          ))}
          <Button value="uebergang-neu" formAction={`${action}#t${form.transitions.length}`}>
            {t('workflows.editor.addTransition')}
          </Button>
        </section>
        <div class="wf-editor__actions">
          <Button value="speichern" primary>
            {t('workflows.editor.save')}
          </Button>{' '}
          <Button value="vorschau">{t('workflows.editor.refresh')}</Button>
        </div>
      </form>
      <section aria-labelledby="wf-preview">
        <h2 class="kern-heading-medium" id="wf-preview">
          {t('workflows.editor.preview')}
        </h2>
        <p class="kern-body">{t('workflows.editor.previewIntro')}</p>
        <Diagram ctx={ctx} def={preview} />
        <p class="kern-body">
          <a class="kern-link" href={`/studio/ablaeufe/${workflowKey}`}>
            {t('workflows.editor.back')}
          </a>
        </p>
      </section>
    </StudioLayout>
  );
}

function TransitionFields({
  ctx,
  i,
  row,
  errors,
  states,
  roles,
  transitions,
}: {
  ctx: PageContext;
  i: number;
  row: TransitionRow;
  errors: Errors;
  states: Array<{ value: string; label: string }>;
  roles: Array<{ value: string; label: string }>;
  transitions: Array<{ value: string; label: string }>;
}) {
  const { t } = ctx;
  const id = (n: string) => `t${i}-${n}`;
  const name = (n: string) => `t${i}_${n}`;
  return (
    <fieldset class="kern-fieldset wf-row" id={`t${i}`}>
      <legend class="kern-label">{t('workflows.editor.transitionN', { n: i + 1, label: row.label_de })}</legend>
      <div class="kern-fieldset__body">
        <TextInput
          id={id('id')}
          name={name('id')}
          label={t('workflows.editor.id')}
          hint={t('workflows.editor.idHint')}
          value={row.id}
          error={errors[id('id')]}
          required
        />
        <TextInput
          id={id('label_de')}
          name={name('label_de')}
          label={t('workflows.editor.label')}
          value={row.label_de}
          error={errors[id('label_de')]}
          required
        />
        <TextInput id={id('label_en')} name={name('label_en')} label={t('workflows.editor.labelEn')} value={row.label_en} />
        <SelectInput
          id={id('from')}
          name={name('from')}
          label={t('workflows.text.from')}
          value={row.from}
          error={errors[id('from')]}
          placeholder={t('workflows.editor.choose')}
          options={states}
        />
        <SelectInput
          id={id('to')}
          name={name('to')}
          label={t('workflows.text.to')}
          value={row.to}
          error={errors[id('to')]}
          placeholder={t('workflows.editor.choose')}
          options={states}
        />
        <SelectInput
          id={id('trigger')}
          name={name('trigger')}
          label={t('workflows.editor.trigger')}
          value={row.trigger}
          error={errors[id('trigger')]}
          options={(['manual', 'applicantAnswer', 'timer'] as const).map((x) => ({ value: x, label: t(`workflows.trigger.${x}`) }))}
        />
        <TextInput
          id={id('timer_days')}
          name={name('timer_days')}
          label={t('workflows.editor.timerDays')}
          hint={t('workflows.editor.timerHint')}
          inputMode="numeric"
          value={row.timer_days}
          error={errors[id('timer_days')]}
        />
        <Checks
          id={id('roles')}
          name={name('roles')}
          legend={t('workflows.editor.transitionRoles')}
          hint={roles.length ? undefined : t('workflows.editor.noRoles')}
          options={roles}
          chosen={row.roles}
          error={errors[id('roles')]}
        />
        <Checks
          id={id('guards')}
          name={name('guards')}
          legend={t('workflows.editor.guards')}
          options={SIMPLE_GUARDS.map((g) => ({ value: g, label: t(`workflows.guard.${g}`) }))}
          chosen={row.guards}
          error={errors[id('guards')]}
        />
        <TextInput
          id={id('answered')}
          name={name('answered')}
          label={t('workflows.editor.answered')}
          hint={t('workflows.editor.answeredHint')}
          value={row.answered}
        />
        <SelectInput
          id={id('other_than')}
          name={name('other_than')}
          label={t('workflows.editor.otherThan')}
          value={row.other_than}
          placeholder={t('workflows.editor.nobody')}
          options={transitions}
        />
        <SelectInput
          id={id('effect')}
          name={name('effect')}
          label={t('workflows.text.effect')}
          value={row.effect}
          error={errors[id('effect')]}
          placeholder={t('workflows.effect.none')}
          options={(['ask', 'decide', 'complete', 'payment'] as const).map((x) => ({ value: x, label: t(`workflows.effect.${x}`) }))}
        />
        <TextArea
          id={id('fields')}
          name={name('fields')}
          label={t('workflows.editor.fields')}
          hint={t('workflows.editor.fieldsHint')}
          value={row.fields}
          error={errors[id('fields')]}
        />
        <Button value={`uebergang-entfernen-${i}`}>{t('workflows.editor.removeTransition', { n: i + 1 })}</Button>
      </div>
    </fieldset>
  );
}
