// The studio's form editor: an overview of steps and fields with buttons for every change, a confirmation before
// deleting and a preview of a step (the edit pages are in FormEditorEdit.tsx). Every button is a small POST form,
// so it all works without JavaScript; each button names what it acts on for screen readers.
import type { Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { fieldPlaces, RULE_KEYS } from '../editor.ts';
import { describeRule } from '../editor-input.ts';
import { formState } from '../logic.ts';
import { FIELD_TYPES, type DefinitionProblem, type FieldDefinition, type FormDefinition, type StepDefinition } from '../schema.ts';
import { FormFields } from './FormFields.tsx';
import { type Currency, textIn } from '../answer-text.ts';
import { ActionLink, EditorLayout, type EditorContext, fieldHref, IconButton, problemLinks, Select, stepHref, typeName } from './editor-parts.tsx';

export type { EditorContext } from './editor-parts.tsx';

interface FormEditorProps extends EditorContext {
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
  const nameOf = fieldNames(t, form);
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
              {t('studio.form.rule.showIf')}: {describeRule(t, step.showIf, nameOf)}
            </p>
          )}
          <div class="form-actions">
            {index > 0 && (
              <IconButton
                ctx={ctx}
                id={`hoch-schritt-${step.id}`}
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
                id={`runter-schritt-${step.id}`}
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

function fieldNames(t: Translate, form: FormDefinition) {
  const labels = new Map(fieldPlaces(form).map((p) => [p.field.id, t('forms.describe.quoted', { text: p.field.label.de })]));
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
              {t(`studio.form.rule.${k}`)}: {describeRule(t, field[k], nameOf)}
            </li>
          ))}
        </ul>
      </td>
      <td class="kern-table__cell">
        <div class="form-actions">
          {!first && (
            <IconButton
              ctx={ctx}
              id={`hoch-feld-${field.id}`}
              action={`${href}/verschieben`}
              fields={{ richtung: 'hoch' }}
              icon="arrow-up"
              label={t('studio.form.up')}
              target={name}
            />
          )}
          {!last && (
            <IconButton
              ctx={ctx}
              id={`runter-feld-${field.id}`}
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

// ----- deleting -----

interface ConfirmDeleteProps extends EditorContext {
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

interface PreviewProps extends EditorContext {
  step: StepDefinition;
  maxUploadMb: number;
  currency?: Currency;
  /** The municipality whose colours the preview takes, when one is chosen. */
  theme?: { name: string; slug: string };
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
    <EditorLayout e={p} title={t('studio.form.previewTitle', { title })} theme={p.theme}>
      <Alert kind="info" title={t('studio.form.previewNote')}>
        <p class="kern-body">{p.theme ? t('studio.form.previewTheme', { name: p.theme.name }) : t('studio.form.previewNoTheme')}</p>
      </Alert>
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
