// The studio's form editor: an overview of steps and fields with buttons for every change, edit pages for a
// step and a field, a confirmation before deleting and a preview of a step. Every button is a small POST form,
// so it all works without JavaScript; each button names what it acts on for screen readers.
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, DescriptionList, ErrorSummary, SubmitButton, TextArea, TextInput, type SummaryError } from '../../../platform/views/components.tsx';
import { FieldShell, FieldsetShell, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { fieldPlaces, RULE_KEYS, type RuleKey } from '../editor.ts';
import { describePath, describeRule, FILE_TYPES, fieldInputNames, type FieldInput } from '../editor-input.ts';
import { formState } from '../logic.ts';
import { FIELD_TYPES, type DefinitionProblem, type FieldDefinition, type FieldType, type FormDefinition, type StepDefinition } from '../schema.ts';
import { FormFields } from './FormFields.tsx';
import { type Currency, textIn } from './answer-text.ts';

export interface EditorContext {
  ctx: PageContext;
  /** The editor's address, e.g. /studio/vorlagen/{id}/formular. */
  base: string;
  /** The page of the template or service the form belongs to. */
  ownerHref: string;
  /** The template's or service's title. */
  title: string;
  form: FormDefinition;
  version: number;
  /** The changed definition the problems point into, when a change was refused. */
  problemForm?: FormDefinition;
  /** A new step's title as typed, and why it was refused, so nothing typed is lost. */
  newStep?: { title: string; error?: string };
}

const quoted = (s: string) => `„${s}“`;
export const typeName = (t: Translate, type: FieldType) => t(`studio.form.type.${type}` as MessageKey);
const stepHref = (base: string, step: StepDefinition) => `${base}/schritte/${encodeURIComponent(step.id)}`;
const fieldHref = (base: string, step: StepDefinition, field: FieldDefinition) => `${stepHref(base, step)}/felder/${encodeURIComponent(field.id)}`;

/** Summary entries for problems of the whole definition: where in words, the exact path, and why. */
function problemLinks(e: EditorContext, problems: DefinitionProblem[]): SummaryError[] {
  const form = e.problemForm ?? e.form;
  const saved = new Set(fieldPlaces(e.form).map((p) => p.field.id));
  const places = fieldPlaces(form);
  return problems.map((p) => {
    const inForm = p.path.replace(/^\/form(?=\/|$)/, '');
    const field = places.filter((pl) => inForm === pl.path || inForm.startsWith(`${pl.path}/`)).at(-1);
    const step = /^\/steps\/(\d+)/.exec(inForm);
    const stepAt = step ? form.steps[Number(step[1])] : undefined;
    // Links lead to pages of what is saved: a field only the refused change would have made has none.
    const href =
      field && saved.has(field.field.id)
        ? fieldHref(e.base, field.step, field.field)
        : stepAt && e.form.steps.some((s) => s.id === stepAt.id)
          ? stepHref(e.base, stepAt)
          : `${e.base}#editor-steps`;
    return { href, text: `${describePath(form, p.path)} (${p.path}): ${p.message}` };
  });
}

function EditorLayout({ e, title, failed, children }: { e: EditorContext; title: string; failed?: boolean; children: ComponentChildren }) {
  const { t } = e.ctx;
  return (
    <Layout ctx={e.ctx} title={`${failed ? `${t('errors.titlePrefix')} ` : ''}${title}`} area="studio">
      <p class="kern-preline">{t('studio.form.preline', { title: e.title })}</p>
      {children}
    </Layout>
  );
}

/** An icon button in a small POST form (KERN's icon button); its text says what it does to what. */
function IconButton({
  ctx,
  action,
  fields = {},
  label,
  target,
  icon,
}: {
  ctx: PageContext;
  action: string;
  fields?: Record<string, string>;
  label: string;
  target: string;
  icon: 'arrow-up' | 'arrow-down';
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={ctx.csrfToken} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="kern-btn kern-btn--tertiary">
        <span class={`kern-icon kern-icon--${icon}`} aria-hidden="true"></span>
        <span class="kern-label kern-sr-only">
          {label}: {target}
        </span>
      </button>
    </form>
  );
}

function ActionLink({ href, label, target }: { href: string; label: string; target: string }) {
  return (
    <a class="kern-link" href={href}>
      {label}
      <span class="kern-sr-only">: {target}</span>
    </a>
  );
}

function Select({
  id,
  name,
  label,
  value,
  options,
  hint,
  error,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  hint?: string;
  error?: string;
}) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <div class="kern-form-input__select-wrapper">
        <select
          class={withError('kern-form-input__select', error)}
          id={id}
          name={name}
          aria-describedby={shellDescribedBy(id, { hint, error })}
          aria-invalid={error ? 'true' : undefined}
        >
          {options.map(([v, text]) => (
            <option key={v} value={v} selected={v === value}>
              {text}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}

function Checkbox({ id, name, value, label, checked }: { id: string; name: string; value: string; label: string; checked: boolean }) {
  return (
    <div class="kern-form-check">
      <input class="kern-form-check__checkbox" type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label class="kern-label" for={id}>
        {label}
      </label>
    </div>
  );
}

// ----- the overview -----

export interface FormEditorProps extends EditorContext {
  problems?: DefinitionProblem[];
  /** A change was just saved. */
  saved?: boolean;
}

export function FormEditorPage(e: FormEditorProps) {
  const { ctx, form } = e;
  const { t } = ctx;
  const problems = e.problems ?? [];
  return (
    <EditorLayout e={e} title={t('studio.form.title', { title: e.title })} failed={problems.length > 0}>
      <ErrorSummary t={t} errors={problemLinks(e, problems)} />
      {e.saved && <Alert kind="success" title={t('studio.form.saved')} />}
      <h1 class="kern-heading-large">{t('studio.form.heading')}</h1>
      <p class="kern-body">{t('studio.form.intro', { version: e.version })}</p>
      <p>
        <a class="kern-link" href={e.ownerHref}>
          {t('studio.form.backToOwner')}
        </a>
      </p>
      <div id="editor-steps" class="stack">
        {form.steps.map((step, i) => (
          <StepSection key={step.id} e={e} step={step} index={i} />
        ))}
      </div>
      <h2 class="kern-heading-medium">{t('studio.form.addStep')}</h2>
      <form method="post" action={`${e.base}/schritte`} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          id="neuer-schritt"
          name="title_de"
          label={t('studio.form.newStepTitle')}
          hint={t('studio.form.newStepHint')}
          value={e.newStep?.title}
          error={e.newStep?.error}
        />
        <SubmitButton variant="secondary">{t('studio.form.addStep')}</SubmitButton>
      </form>
    </EditorLayout>
  );
}

function StepSection({ e, step, index }: { e: FormEditorProps; step: StepDefinition; index: number }) {
  const { ctx, base, form } = e;
  const { t } = ctx;
  const name = t('studio.form.stepTarget', { title: step.title.de });
  const nameOf = fieldNames(form);
  const fieldAction = (field: FieldDefinition) => fieldHref(base, step, field);
  const headingId = `schritt-${step.id}-titel`;
  return (
    <section id={`schritt-${step.id}`} aria-labelledby={headingId} class="kern-card kern-card--small">
      <div class="kern-card__container">
        <div class="kern-card__body">
          <h2 class="kern-heading-medium" id={headingId}>
            {t('studio.form.stepHeading', { n: index + 1, title: textIn(step.title, ctx.locale) })}
          </h2>
          {step.showIf !== undefined && (
            <p class="kern-body--small">
              {t('studio.form.rule.showIf')}: {describeRule(step.showIf, nameOf)}
            </p>
          )}
          <div class="form-actions">
            {index > 0 && (
              <IconButton
                ctx={ctx}
                action={`${stepHref(base, step)}/verschieben`}
                fields={{ richtung: 'hoch' }}
                icon="arrow-up"
                label={t('studio.form.up')}
                target={name}
              />
            )}
            {index < form.steps.length - 1 && (
              <IconButton
                ctx={ctx}
                action={`${stepHref(base, step)}/verschieben`}
                fields={{ richtung: 'runter' }}
                icon="arrow-down"
                label={t('studio.form.down')}
                target={name}
              />
            )}
            <ActionLink href={stepHref(base, step)} label={t('studio.form.edit')} target={name} />
            <ActionLink href={`${stepHref(base, step)}/vorschau`} label={t('studio.form.preview')} target={name} />
            {form.steps.length > 1 && <ActionLink href={`${stepHref(base, step)}/loeschen`} label={t('studio.form.delete')} target={name} />}
          </div>
          <div class="kern-table-responsive">
            <table class="kern-table kern-table--small">
              <caption class="kern-sr-only">{t('studio.form.fieldsCaption', { title: step.title.de })}</caption>
              <thead class="kern-table__header">
                <tr class="kern-table__row">
                  <th class="kern-table__header" scope="col">
                    {t('studio.form.col.label')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('studio.form.col.type')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('studio.form.col.id')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('studio.form.col.rules')}
                  </th>
                  <th class="kern-table__header" scope="col">
                    {t('studio.form.col.actions')}
                  </th>
                </tr>
              </thead>
              <tbody class="kern-table__body">
                {step.fields.flatMap((field, i) => [
                  <FieldRow
                    key={field.id}
                    e={e}
                    nameOf={nameOf}
                    field={field}
                    first={index === 0 && i === 0}
                    last={index === form.steps.length - 1 && i === step.fields.length - 1}
                    href={fieldAction(field)}
                  />,
                  ...(field.type === 'group'
                    ? [
                        ...(field.fields ?? []).map((child, c) => (
                          <FieldRow
                            key={child.id}
                            e={e}
                            nameOf={nameOf}
                            field={child}
                            group={field}
                            first={c === 0}
                            last={c === field.fields!.length - 1}
                            href={fieldAction(child)}
                          />
                        )),
                        <tr class="kern-table__row" key={`${field.id}-add`}>
                          <td class="kern-table__cell" colSpan={5}>
                            <AddFieldForm e={e} step={step} group={field} />
                          </td>
                        </tr>,
                      ]
                    : []),
                ])}
              </tbody>
            </table>
          </div>
          <AddFieldForm e={e} step={step} />
        </div>
      </div>
    </section>
  );
}

function fieldNames(form: FormDefinition) {
  const labels = new Map(fieldPlaces(form).map((p) => [p.field.id, quoted(p.field.label.de)]));
  return (id: string) => labels.get(id) ?? id;
}

function FieldRow({
  e,
  nameOf,
  field,
  group,
  first,
  last,
  href,
}: {
  e: FormEditorProps;
  nameOf: (id: string) => string;
  field: FieldDefinition;
  group?: FieldDefinition;
  first: boolean;
  last: boolean;
  href: string;
}) {
  const { ctx } = e;
  const { t, locale } = ctx;
  const name = t('studio.form.fieldTarget', { label: field.label.de });
  const rules = RULE_KEYS.filter((k) => field[k] !== undefined);
  return (
    <tr class="kern-table__row" id={`feld-${field.id}`}>
      <td class="kern-table__cell">
        {group && <span aria-hidden="true">↳ </span>}
        {group && <span class="kern-sr-only">{t('studio.form.inGroup', { label: group.label.de })} </span>}
        {textIn(field.label, locale)}
      </td>
      <td class="kern-table__cell">{typeName(t, field.type)}</td>
      <td class="kern-table__cell">
        <code>{field.id}</code>
      </td>
      <td class="kern-table__cell">
        <ul class="kern-list kern-list--small">
          {field.type !== 'info' && field.type !== 'group' && <li>{field.required ? t('studio.form.required') : t('studio.form.optional')}</li>}
          {rules.map((k) => (
            <li key={k}>
              {t(`studio.form.rule.${k}`)}: {describeRule(field[k], nameOf)}
            </li>
          ))}
        </ul>
      </td>
      <td class="kern-table__cell">
        <div class="form-actions">
          {!first && (
            <IconButton ctx={ctx} action={`${href}/verschieben`} fields={{ richtung: 'hoch' }} icon="arrow-up" label={t('studio.form.up')} target={name} />
          )}
          {!last && (
            <IconButton
              ctx={ctx}
              action={`${href}/verschieben`}
              fields={{ richtung: 'runter' }}
              icon="arrow-down"
              label={t('studio.form.down')}
              target={name}
            />
          )}
          <ActionLink href={href} label={t('studio.form.edit')} target={name} />
          <ActionLink href={`${href}/loeschen`} label={t('studio.form.delete')} target={name} />
        </div>
      </td>
    </tr>
  );
}

function AddFieldForm({ e, step, group }: { e: FormEditorProps; step: StepDefinition; group?: FieldDefinition }) {
  const { ctx } = e;
  const { t } = ctx;
  const types = FIELD_TYPES.filter((type) => !group || (type !== 'group' && type !== 'file'));
  const list = group ? (group.fields ?? []) : step.fields;
  const id = group ? `neu-gruppe-${group.id}` : `neu-schritt-${step.id}`;
  const target = group ? t('studio.form.groupTarget', { label: group.label.de }) : t('studio.form.stepTarget', { title: step.title.de });
  return (
    <form method="post" action={`${stepHref(e.base, step)}/felder`} class="filter-bar" novalidate>
      <CsrfField token={ctx.csrfToken} />
      {group && <input type="hidden" name="gruppe" value={group.id} />}
      <Select
        id={`${id}-typ`}
        name="typ"
        label={group ? t('studio.form.newGroupFieldType', { label: group.label.de }) : t('studio.form.newFieldType', { title: step.title.de })}
        value="text"
        options={types.map((type) => [type, typeName(t, type)])}
      />
      <Select
        id={`${id}-nach`}
        name="nach"
        label={t('studio.form.position')}
        value=""
        options={[['', t('studio.form.atEnd')], ...list.map((f): [string, string] => [f.id, t('studio.form.after', { label: f.label.de })])]}
      />
      <button type="submit" class="kern-btn kern-btn--secondary" aria-label={`${t('studio.form.addField')}: ${target}`}>
        <span class="kern-label">{t('studio.form.addField')}</span>
      </button>
    </form>
  );
}

// ----- editing a step -----

export interface StepEditProps extends EditorContext {
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
  const labels = { title_de: t('studio.form.stepTitleDe'), title_en: t('studio.form.stepTitleEn'), showIf: t('studio.form.rule.showIf') };
  const failed = Object.keys(p.errors).length > 0 || p.problems.length > 0;
  return (
    <EditorLayout e={p} title={t('studio.form.editStepTitle', { title: step.title.de })} failed={failed}>
      <ErrorSummary t={t} errors={summaryOf(p, labels, p.errors, p.problems)} />
      <h1 class="kern-heading-large">{t('studio.form.editStepTitle', { title: step.title.de })}</h1>
      <form method="post" action={stepHref(p.base, step)} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput id="e-title_de" name="title_de" label={labels.title_de} value={p.values.title_de} error={p.errors.title_de} required />
        <TextInput id="e-title_en" name="title_en" label={labels.title_en} value={p.values.title_en} error={p.errors.title_en} />
        <RuleInput t={t} name="showIf" value={p.values.showIf ?? ''} error={p.errors.showIf} subject="step" />
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

export interface FieldEditProps extends EditorContext {
  step: StepDefinition;
  field: FieldDefinition;
  group?: FieldDefinition;
  values: FieldInput;
  errors: Record<string, string>;
  /** Problems elsewhere in the definition, shown in the summary only. */
  problems: DefinitionProblem[];
  /** The field was just added or saved. */
  saved?: boolean;
}

const ONE_LINE_TEXTS = new Set(['label_de', 'label_en', 'itemLabel_de', 'itemLabel_en', 'id', 'pattern']);
const MULTI_LINE_TEXTS = new Set(['hint_de', 'hint_en', 'text_de', 'text_en']);
const NUMBERS = new Set(['minLength', 'maxLength', 'min', 'max', 'fractionDigits', 'minSelected', 'maxSelected', 'maxFiles', 'maxMb', 'minItems', 'maxItems']);

export function fieldInputLabels(t: Translate): Record<string, string> {
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
  ];
  return {
    ...Object.fromEntries(names.map((n) => [n, t(`studio.form.input.${n}` as MessageKey)])),
    showIf: t('studio.form.rule.showIf'),
    requiredIf: t('studio.form.rule.requiredIf'),
    compute: t('studio.form.rule.compute'),
  };
}

const HINTS: Record<string, MessageKey> = {
  id: 'studio.form.hint.id',
  pattern: 'studio.form.hint.pattern',
  options: 'studio.form.hint.options',
  maxMb: 'studio.form.hint.maxMb',
  role: 'studio.form.hint.role',
  min: 'studio.form.hint.min',
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
    if (MULTI_LINE_TEXTS.has(name) || name === 'options') return <TextArea key={name} {...common} value={value(name)} />;
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
    if ((RULE_KEYS as readonly string[]).includes(name))
      return <RuleInput key={name} t={t} name={name as RuleKey} value={value(name)} error={p.errors[name]} subject="field" />;
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
          <a class="kern-btn kern-btn--secondary" href={`${p.base}#feld-${field.id}`}>
            <span class="kern-label">{t('studio.form.cancel')}</span>
          </a>
        </div>
      </form>
    </EditorLayout>
  );
}

// ----- deleting -----

export interface ConfirmDeleteProps extends EditorContext {
  step: StepDefinition;
  field?: FieldDefinition;
  /** Why it cannot be deleted, when it cannot. */
  refusal?: string;
}

export function ConfirmDeletePage(p: ConfirmDeleteProps) {
  const { ctx, step, field } = p;
  const { t } = ctx;
  const question = field ? t('studio.form.deleteFieldQuestion', { label: field.label.de }) : t('studio.form.deleteStepQuestion', { title: step.title.de });
  const back = field ? `${p.base}#feld-${field.id}` : `${p.base}#schritt-${step.id}`;
  const action = `${field ? fieldHref(p.base, step, field) : stepHref(p.base, step)}/loeschen`;
  return (
    <EditorLayout e={p} title={question}>
      <h1 class="kern-heading-large">{question}</h1>
      {p.refusal ? (
        <Alert kind="warning" title={t('studio.form.cannotDelete')}>
          <p class="kern-body">{p.refusal}</p>
        </Alert>
      ) : (
        <p class="kern-body">{field ? t('studio.form.deleteFieldText') : t('studio.form.deleteStepText', { count: step.fields.length })}</p>
      )}
      <div class="form-actions">
        {!p.refusal && (
          <form method="post" action={action} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton>{field ? t('studio.form.confirmDeleteField') : t('studio.form.confirmDeleteStep')}</SubmitButton>
          </form>
        )}
        <a class="kern-btn kern-btn--secondary" href={back}>
          <span class="kern-label">{p.refusal ? t('studio.form.backToEditor') : t('studio.form.cancel')}</span>
        </a>
      </div>
    </EditorLayout>
  );
}

// ----- preview -----

export interface PreviewProps extends EditorContext {
  step: StepDefinition;
  maxUploadMb: number;
  currency?: Currency;
}

/** A step as a citizen sees it, every field shown whatever the rules would decide, and nothing to submit. */
export function PreviewPage(p: PreviewProps) {
  const { ctx, form, step } = p;
  const { t, locale } = ctx;
  const index = form.steps.indexOf(step);
  const previous = form.steps[index - 1];
  const next = form.steps[index + 1];
  const state = { ...formState(form, {}), hiddenSteps: new Set<string>(), hiddenFields: new Set<string>() };
  const title = textIn(step.title, locale);
  return (
    <EditorLayout e={p} title={t('studio.form.previewTitle', { title })}>
      <Alert kind="info" title={t('studio.form.previewNote')} />
      <p class="kern-body--small">{t('form.stepOf', { current: index + 1, total: form.steps.length + 1 })}</p>
      <h1 class="kern-heading-large">{title}</h1>
      {/* No form element: the preview has nothing to send. */}
      <div class="stack">
        <FormFields step={step} answers={{}} errors={[]} state={state} t={t} locale={locale} currency={p.currency} maxUploadMb={p.maxUploadMb} />
      </div>
      <nav aria-label={t('studio.form.previewNav')} class="form-actions">
        {previous && (
          <a class="kern-link" href={`${stepHref(p.base, previous)}/vorschau`}>
            {t('studio.form.previewPrevious', { title: previous.title.de })}
          </a>
        )}
        {next && (
          <a class="kern-link" href={`${stepHref(p.base, next)}/vorschau`}>
            {t('studio.form.previewNext', { title: next.title.de })}
          </a>
        )}
        <a class="kern-link" href={`${p.base}#schritt-${step.id}`}>
          {t('studio.form.backToEditor')}
        </a>
      </nav>
    </EditorLayout>
  );
}
