// The form editor's edit pages for one step and one field: rules, ids and every typed value kept on a refusal.
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, DescriptionList, ErrorSummary, SubmitButton, TextArea, TextInput, type SummaryError } from '../../../platform/views/components.tsx';
import { FieldsetShell } from '../../../platform/views/field-shell.tsx';
import { fieldPlaces, RULE_KEYS, type RuleKey } from '../editor.ts';
import { builderFields, FILE_TYPES, fieldInputNames, optionRowsOf, RULE_OPS, type FieldInput } from '../editor-input.ts';
import type { DefinitionProblem, FieldDefinition, FormDefinition, StepDefinition } from '../schema.ts';
import { Checkbox, EditorLayout, type EditorContext, fieldHref, problemLinks, Select, stepHref, typeName } from './editor-parts.tsx';

interface StepEditProps extends EditorContext {
  step: StepDefinition;
  values: Record<string, string>;
  errors: Record<string, string>;
  problems: DefinitionProblem[];
}

const RULE_EXAMPLES: Record<RuleKey, string> = {
  showIf: '{"==": [{"var": "haltung"}, "gewerblich"]}',
  requiredIf: '{">": [{"var": "anzahl_hunde"}, 1]}',
  compute: '{"*": [{"var": "anzahl_hunde"}, 120]}',
};

/**
 * A condition (showIf, requiredIf) as organisers mostly write it: "[Feld] [ist / ist nicht / ist ausgefüllt] [Wert]".
 * The JSON Logic stays for experts below; a rule the builder cannot show is edited there only.
 */
function RuleBuilder({
  t,
  name,
  values,
  errors,
  fields,
  subject,
}: {
  t: Translate;
  name: 'showIf' | 'requiredIf';
  values: Record<string, string | string[] | undefined>;
  errors: Record<string, string>;
  fields: FieldDefinition[];
  subject: 'field' | 'step';
}) {
  const v = (control: string) => {
    const x = values[control];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const json = v(`${name}_modus`) === 'json';
  const help = t(`studio.form.ruleHelp.${name}${subject === 'step' ? 'Step' : ''}` as MessageKey);
  return (
    <fieldset class="kern-fieldset rule-builder" id={`e-${name}-builder`}>
      <legend class="kern-label">{t(`studio.form.rule.${name}`)}</legend>
      <p class="kern-hint">{help}</p>
      <input type="hidden" name={`${name}_vorher`} value={v(`${name}_vorher`)} />
      <input type="hidden" name={`${name}_modus`} value={json ? 'json' : 'baukasten'} />
      {json ? (
        <p class="kern-body">{t('studio.form.builder.tooComplex')}</p>
      ) : (
        <div class="rule-builder__row">
          <Select
            id={`e-${name}_feld`}
            name={`${name}_feld`}
            label={t('studio.form.builder.field')}
            value={v(`${name}_feld`)}
            error={errors[`${name}_feld`]}
            options={[['', t('studio.form.builder.noRule')], ...fields.map((f): [string, string] => [f.id, `${f.label.de} (${typeName(t, f.type)})`])]}
          />
          <Select
            id={`e-${name}_op`}
            name={`${name}_op`}
            label={t('studio.form.builder.condition')}
            value={v(`${name}_op`) || 'is'}
            options={RULE_OPS.map((op): [string, string] => [op, t(`studio.form.builder.op.${op}`)])}
          />
          <TextInput
            id={`e-${name}_wert`}
            name={`${name}_wert`}
            label={t('studio.form.builder.value')}
            hint={t('studio.form.builder.valueHint')}
            value={v(`${name}_wert`)}
            error={errors[`${name}_wert`]}
          />
        </div>
      )}
      <details class="expert" open={json || Boolean(errors[name])}>
        <summary class="kern-body">{t('studio.form.builder.expert')}</summary>
        <RuleInput t={t} name={name} value={v(name)} error={errors[name]} subject={subject} />
        <p class="kern-body--small">{t('studio.form.builder.expertHint')}</p>
      </details>
    </fieldset>
  );
}

/** The choices of a select or radio field as rows: value, German and English label; rows added and removed by buttons. */
function OptionRows({ t, values, error }: { t: Translate; values: FieldInput; error?: string }) {
  const rows = optionRowsOf(values);
  const text = (name: string) => {
    const x = values[name];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  return (
    <FieldsetShell id="e-options" legend={t('studio.form.input.options')} error={error}>
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <fieldset class="kern-fieldset option-row" key={i}>
            <legend class="kern-label">{t('studio.form.options.row', { n })}</legend>
            <div class="option-row__inputs">
              <TextInput id={`e-option-${i}-wert`} name="option_wert" label={t('studio.form.options.value')} value={row.value} required />
              <TextInput id={`e-option-${i}-de`} name="option_de" label={t('studio.form.options.de')} value={row.de} required />
              <TextInput id={`e-option-${i}-en`} name="option_en" label={t('studio.form.options.en')} value={row.en} />
            </div>
            <button type="submit" class="kern-btn kern-btn--tertiary" name="zeilen" value={`weg-${i}`} aria-label={t('studio.form.options.removeLabel', { n })}>
              <span class="kern-label">{t('studio.form.options.remove')}</span>
            </button>
          </fieldset>
        );
      })}
      <button type="submit" class="kern-btn kern-btn--secondary" name="zeilen" value="mehr">
        <span class="kern-label">{t('studio.form.options.add')}</span>
      </button>
      <details class="expert" open={text('options').trim() !== text('options_vorher').trim()}>
        <summary class="kern-body">{t('studio.form.options.expert')}</summary>
        <input type="hidden" name="options_vorher" value={text('options_vorher')} />
        <TextArea id="e-options-text" name="options" label={t('studio.form.options.text')} hint={t('studio.form.hint.options')} value={text('options')} />
      </details>
    </FieldsetShell>
  );
}

function RuleInput({ t, name, value, error, subject }: { t: Translate; name: RuleKey; value: string; error?: string; subject: 'field' | 'step' }) {
  const help = t(`studio.form.ruleHelp.${name}${subject === 'step' ? 'Step' : ''}` as MessageKey);
  return (
    <TextArea
      id={`e-${name}`}
      name={name}
      label={t(`studio.form.rule.${name}`)}
      value={value}
      error={error}
      hint={`${help} ${t('studio.form.ruleExample', { example: RULE_EXAMPLES[name] })}`}
    />
  );
}

/** The ids rules can read, with their labels: organisers write rules with them. */
function FieldIds({ t, form }: { t: Translate; form: FormDefinition }) {
  return (
    <details>
      <summary class="kern-body">{t('studio.form.idsSummary')}</summary>
      <p class="kern-body--small">{t('studio.form.idsIntro')}</p>
      <ul class="kern-list kern-list--small">
        {fieldPlaces(form)
          .filter((p) => p.field.type !== 'info')
          .map((p) => (
            <li key={p.field.id}>
              <code>{p.field.id}</code> – {p.field.label.de} ({typeName(t, p.field.type)}
              {p.group ? `, ${t('studio.form.inGroup', { label: p.group.label.de })}` : ''})
            </li>
          ))}
      </ul>
    </details>
  );
}

function summaryOf(e: EditorContext, labels: Record<string, string>, errors: Record<string, string>, problems: DefinitionProblem[]): SummaryError[] {
  return [
    ...Object.entries(errors).map(([name, message]) => ({ href: `#e-${name}`, text: `${labels[name] ?? name}: ${message}` })),
    ...problemLinks(e, problems),
  ];
}

export function StepEditPage(p: StepEditProps) {
  const { ctx, step } = p;
  const { t } = ctx;
  const labels = { title_de: t('studio.form.stepTitleDe'), title_en: t('studio.form.stepTitleEn'), ...ruleLabels(t) };
  const failed = Object.keys(p.errors).length > 0 || p.problems.length > 0;
  return (
    <EditorLayout e={p} title={t('studio.form.editStepTitle', { title: step.title.de })} failed={failed}>
      <ErrorSummary t={t} errors={summaryOf(p, labels, p.errors, p.problems)} />
      <h1 class="kern-heading-large">{t('studio.form.editStepTitle', { title: step.title.de })}</h1>
      <form method="post" action={stepHref(p.base, step)} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput id="e-title_de" name="title_de" label={labels.title_de} value={p.values.title_de} error={p.errors.title_de} required />
        <TextInput id="e-title_en" name="title_en" label={labels.title_en} value={p.values.title_en} error={p.errors.title_en} />
        <RuleBuilder t={t} name="showIf" values={p.values} errors={p.errors} fields={builderFields(p.form)} subject="step" />
        <FieldIds t={t} form={p.form} />
        <div class="form-actions">
          <SubmitButton>{t('studio.form.save')}</SubmitButton>
          <a class="kern-btn kern-btn--secondary" href={`${p.base}#schritt-${step.id}`}>
            <span class="kern-label">{t('studio.form.cancel')}</span>
          </a>
        </div>
      </form>
    </EditorLayout>
  );
}

// ----- editing a field -----

interface FieldEditProps extends EditorContext {
  step: StepDefinition;
  field: FieldDefinition;
  group?: FieldDefinition;
  values: FieldInput;
  errors: Record<string, string>;
  /** Problems elsewhere in the definition, shown in the summary only. */
  problems: DefinitionProblem[];
  /** The field was just saved. */
  saved?: boolean;
  /** The field was just added: cancelling discards it. */
  isNew?: boolean;
}

const ONE_LINE_TEXTS = new Set(['label_de', 'label_en', 'itemLabel_de', 'itemLabel_en', 'id', 'pattern', 'errorMessage_de', 'errorMessage_en']);
const MULTI_LINE_TEXTS = new Set(['hint_de', 'hint_en', 'text_de', 'text_en']);
const NUMBERS = new Set(['minLength', 'maxLength', 'min', 'max', 'fractionDigits', 'minSelected', 'maxSelected', 'maxFiles', 'maxMb', 'minItems', 'maxItems']);

/** The rules' controls by name, for the error summary: "Anzeigen wenn – Feld". */
function ruleLabels(t: Translate): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of RULE_KEYS) {
    const rule = t(`studio.form.rule.${key}`);
    labels[key] = key === 'compute' ? rule : `${rule} – ${t('studio.form.builder.expert')}`;
    labels[`${key}_feld`] = `${rule} – ${t('studio.form.builder.field')}`;
    labels[`${key}_wert`] = `${rule} – ${t('studio.form.builder.value')}`;
  }
  return labels;
}

function fieldInputLabels(t: Translate): Record<string, string> {
  const names = [
    'label_de',
    'label_en',
    'hint_de',
    'hint_en',
    'id',
    'text_de',
    'text_en',
    'required',
    'minLength',
    'maxLength',
    'pattern',
    'min',
    'max',
    'fractionDigits',
    'dateRange',
    'country',
    'options',
    'minSelected',
    'maxSelected',
    'accept',
    'maxFiles',
    'maxMb',
    'minItems',
    'maxItems',
    'itemLabel_de',
    'itemLabel_en',
    'role',
    'errorMessage_de',
    'errorMessage_en',
  ];
  return {
    ...Object.fromEntries(names.map((n) => [n, t(`studio.form.input.${n}` as MessageKey)])),
    ...ruleLabels(t),
  };
}

const HINTS: Record<string, MessageKey> = {
  id: 'studio.form.hint.id',
  pattern: 'studio.form.hint.pattern',
  options: 'studio.form.hint.options',
  maxMb: 'studio.form.hint.maxMb',
  role: 'studio.form.hint.role',
  min: 'studio.form.hint.min',
  errorMessage_de: 'studio.form.hint.errorMessage',
};

export function FieldEditPage(p: FieldEditProps) {
  const { ctx, field, step } = p;
  const { t } = ctx;
  const labels = fieldInputLabels(t);
  // Only a form's own fields name the applicant; a group's fields repeat per entry.
  const names = fieldInputNames(field.type).filter((n) => !(p.group && n === 'role'));
  const value = (name: string) => {
    const v = p.values[name];
    return Array.isArray(v) ? v.join('\n') : (v ?? '');
  };
  const failed = Object.keys(p.errors).length > 0 || p.problems.length > 0;
  const heading = t('studio.form.editFieldTitle', { label: field.label.de });
  const control = (name: string) => {
    const hint = HINTS[name] ? t(HINTS[name]) : undefined;
    const common = { id: `e-${name}`, name, label: labels[name]!, error: p.errors[name], hint };
    if (ONE_LINE_TEXTS.has(name)) return <TextInput key={name} {...common} value={value(name)} required={name === 'label_de' || name === 'id'} />;
    if (name === 'options') return <OptionRows key={name} t={t} values={p.values} error={p.errors.options} />;
    if (MULTI_LINE_TEXTS.has(name)) return <TextArea key={name} {...common} value={value(name)} />;
    if (NUMBERS.has(name))
      return <TextInput key={name} {...common} value={value(name)} inputMode={name === 'min' || name === 'max' || name === 'maxMb' ? 'decimal' : 'numeric'} />;
    if (name === 'required')
      return <Checkbox key={name} id="e-required" name="required" value="ja" label={labels.required!} checked={value('required') === 'ja'} />;
    if (name === 'dateRange')
      return (
        <Select
          key={name}
          {...common}
          value={value(name)}
          options={[
            ['', t('studio.form.dateRange.any')],
            ['past', t('studio.form.dateRange.past')],
            ['future', t('studio.form.dateRange.future')],
          ]}
        />
      );
    if (name === 'country')
      return (
        <Select
          key={name}
          {...common}
          value={value(name)}
          options={[
            ['', t('studio.form.country.own')],
            ['DE', t('studio.form.country.DE')],
            ['CH', t('studio.form.country.CH')],
          ]}
        />
      );
    if (name === 'role')
      return (
        <Select
          key={name}
          {...common}
          value={value(name)}
          options={[
            ['', t('studio.form.role.none')],
            ['firstName', t('studio.form.role.firstName')],
            ['lastName', t('studio.form.role.lastName')],
            ['email', t('studio.form.role.email')],
          ]}
        />
      );
    if (name === 'accept') {
      const chosen = new Set(Array.isArray(p.values.accept) ? p.values.accept : p.values.accept ? [p.values.accept] : []);
      const error = p.errors.accept;
      return (
        <FieldsetShell key={name} id="e-accept" legend={labels.accept} error={error}>
          {FILE_TYPES.map((type, i) => (
            <Checkbox
              key={type}
              id={i === 0 ? 'e-accept' : `e-accept-${i}`}
              name="accept"
              value={type}
              label={t(`studio.form.fileType.${i}` as MessageKey)}
              checked={chosen.has(type)}
            />
          ))}
        </FieldsetShell>
      );
    }
    if (name === 'showIf' || name === 'requiredIf')
      return <RuleBuilder key={name} t={t} name={name} values={p.values} errors={p.errors} fields={builderFields(p.form, field.id)} subject="field" />;
    if (name === 'compute') return <RuleInput key={name} t={t} name="compute" value={value(name)} error={p.errors[name]} subject="field" />;
    return null;
  };
  const settings = names.filter((n) => !(RULE_KEYS as readonly string[]).includes(n));
  const rules = names.filter((n) => (RULE_KEYS as readonly string[]).includes(n));
  return (
    <EditorLayout e={p} title={heading} failed={failed}>
      <ErrorSummary t={t} errors={summaryOf(p, labels, p.errors, p.problems)} />
      {p.saved && <Alert kind="success" title={t('studio.form.saved')} />}
      <h1 class="kern-heading-large">{heading}</h1>
      <DescriptionList
        rows={[
          [t('studio.form.col.type'), typeName(t, field.type)],
          [t('studio.form.inStep'), step.title.de],
          ...(p.group ? [[t('studio.form.col.group'), p.group.label.de] as [string, string]] : []),
        ]}
      />
      <form method="post" action={fieldHref(p.base, step, field)} class="stack" novalidate>
        {/* Enter in a text input presses the form's first button: saving, not adding or removing an option row. */}
        <button type="submit" class="kern-sr-only" tabindex={-1}>
          {t('studio.form.save')}
        </button>
        <CsrfField token={ctx.csrfToken} />
        <h2 class="kern-heading-medium">{t('studio.form.settingsHeading')}</h2>
        {settings.map(control)}
        {field.type === 'group' && (
          <div>
            <h3 class="kern-heading-small">{t('studio.form.groupFields')}</h3>
            <ul class="kern-list">
              {(field.fields ?? []).map((child) => (
                <li key={child.id}>
                  <a class="kern-link" href={fieldHref(p.base, step, child)}>
                    {child.label.de} ({typeName(t, child.type)})
                  </a>
                </li>
              ))}
            </ul>
            <p class="kern-body--small">{t('studio.form.groupFieldsHint')}</p>
          </div>
        )}
        <h2 class="kern-heading-medium">{t('studio.form.rulesHeading')}</h2>
        <p class="kern-body">{t('studio.form.rulesIntro')}</p>
        {rules.map(control)}
        <FieldIds t={t} form={p.form} />
        <div class="form-actions">
          <SubmitButton>{t('studio.form.save')}</SubmitButton>
          {p.isNew ? (
            <>
              <input type="hidden" name="neu" value="1" />
              <button type="submit" class="kern-btn kern-btn--secondary" name="verwerfen" value="1">
                <span class="kern-label">{t('studio.form.cancel')}</span>
              </button>
            </>
          ) : (
            <a class="kern-btn kern-btn--secondary" href={`${p.base}#feld-${field.id}`}>
              <span class="kern-label">{t('studio.form.cancel')}</span>
            </a>
          )}
        </div>
        {p.isNew && <p class="kern-body--small">{t('studio.form.newFieldHint')}</p>}
      </form>
    </EditorLayout>
  );
}
