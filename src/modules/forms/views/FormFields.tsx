// The fields of one form step as the rules decide on the saved answers. Rules that read fields of this same
// page go to the browser (data-show-if, data-compute): without JavaScript those fields simply stay visible
// and the server ignores what it finds hidden.
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { referencedVars, type FormState } from '../logic.ts';
import type { Answers, FieldDefinition, FieldError, FormDefinition, GroupItem, Logic, StepDefinition } from '../schema.ts';
import { answerText, type Currency, groupEntryTexts, textIn } from '../answer-text.ts';
import { Field, type FieldPlanner } from './fields.tsx';

interface FormFieldsProps {
  step: StepDefinition;
  answers: Answers;
  errors: FieldError[];
  state: FormState;
  t: Translate;
  locale: Locale;
  currency?: Currency;
  maxUploadMb: number;
  /** The form's action URL: group buttons post to it with the entry to focus as fragment. */
  action?: string;
  /** The id of the control to focus when the page loads. */
  focus?: string;
}

/** What the browser script needs besides the page: field types, and the answers of other pages its rules read. */
interface RulesConfig {
  /** Field id → type ("decimal:1" with its digits); a group maps to its children's types. */
  types: Record<string, string | Record<string, string>>;
  data: Record<string, unknown>;
}

const readsAny = (rule: Logic | undefined, ids: ReadonlySet<string>): boolean => rule !== undefined && referencedVars(rule).some((id) => ids.has(id));

/** Decides per field: left out when hidden by other pages' answers, rules kept for the browser when they read this page. */
function stepPlanner(step: StepDefinition, state: FormState): FieldPlanner {
  const onPage = new Set(step.fields.map((f) => f.id));
  const inEntry = new Map<string, Set<string>>();
  for (const f of step.fields) {
    if (f.type === 'group') inEntry.set(f.id, new Set([...onPage, ...(f.fields ?? []).map((c) => c.id)]));
  }
  return (field, path, scope) => {
    const local = scope === undefined ? onPage : (inEntry.get(scope.split('.')[0]!) ?? onPage);
    const liveShow = readsAny(field.showIf, local);
    if (state.hiddenFields.has(path) && !liveShow) return null;
    const liveRequired = readsAny(field.requiredIf, local);
    const required = field.required === true || (!liveRequired && state.requiredFields.has(path));
    return {
      required,
      optional: !required && !liveRequired,
      computed: state.computed[path],
      showIf: liveShow ? field.showIf : undefined,
      compute: readsAny(field.compute, local) ? field.compute : undefined,
      scope,
    };
  };
}

// Decimals carry their digits ("decimal:1"): the script refuses more digits, as the server does.
const typeName = (f: FieldDefinition) => (f.type === 'decimal' ? `decimal:${f.fractionDigits ?? 2}` : f.type);

/** The configuration for form-rules.js, or undefined when no rule on this page needs the browser. */
export function rulesConfig(step: StepDefinition, state: FormState): RulesConfig | undefined {
  const onPage = new Set(step.fields.map((f) => f.id));
  const rules: Logic[] = [];
  const types: RulesConfig['types'] = {};
  for (const f of step.fields) {
    if (f.type === 'info') continue;
    const children = f.type === 'group' ? (f.fields ?? []) : [];
    types[f.id] = f.type === 'group' ? Object.fromEntries(children.filter((c) => c.type !== 'info').map((c) => [c.id, typeName(c)])) : typeName(f);
    const local = new Set([...onPage, ...children.map((c) => c.id)]);
    for (const candidate of [f, ...children]) {
      for (const rule of [candidate.showIf, candidate.compute]) if (readsAny(rule, candidate === f ? onPage : local)) rules.push(rule);
    }
  }
  if (rules.length === 0) return undefined;
  const data: Record<string, unknown> = {};
  const childIds = new Set(step.fields.flatMap((f) => (f.fields ?? []).map((c) => c.id)));
  for (const id of new Set(rules.flatMap((r) => referencedVars(r)))) {
    if (!onPage.has(id) && !childIds.has(id) && state.data[id] !== undefined) data[id] = state.data[id];
  }
  // Files already uploaded count until the person picks new ones.
  for (const f of step.fields) if (f.type === 'file' && state.data[f.id] !== undefined) data[f.id] = state.data[f.id];
  return { types, data };
}

/** The scripts (for the layout's `scripts`) a step needs: json-logic-js, then form-rules.js; none without browser rules. */
export function ruleScripts(step: StepDefinition, state: FormState): string[] {
  // form-rules.js also moves focus (to the error summary, to a group entry after adding or removing it): every step loads it.
  return rulesConfig(step, state) ? ['/assets/vendor/json-logic.js', '/assets/form-rules.js'] : ['/assets/form-rules.js'];
}

/** A step's fields inside a container that carries the rules' configuration for the browser script. */
export function FormFields({ step, answers, errors, state, t, locale, currency = 'EUR', maxUploadMb, action, focus }: FormFieldsProps) {
  const plan = stepPlanner(step, state);
  const config = rulesConfig(step, state);
  const hasGroup = step.fields.some((f) => f.type === 'group');
  return (
    <div class="form-fields stack" data-form-rules={config ? JSON.stringify(config) : undefined}>
      {hasGroup && (
        // Enter in a text field submits with the form's first button; without this one that would remove a group entry.
        <button type="submit" class="form-default-submit" tabIndex={-1} aria-hidden="true">
          {t('form.continue')}
        </button>
      )}
      {step.fields.map((field) => (
        <Field
          key={field.id}
          field={field}
          value={answers[field.id]}
          errors={errors}
          t={t}
          locale={locale}
          currency={currency}
          maxUploadMb={maxUploadMb}
          plan={plan}
          action={action}
          focus={focus}
        />
      ))}
    </div>
  );
}

interface AnswerRow {
  step: StepDefinition;
  field: FieldDefinition;
  label: string;
  text: string;
  /** A group's entries, one text each. */
  entries?: string[];
}

/** Every answer a person gave on visible steps and fields (no information texts), as text. */
export function answerRows(form: FormDefinition, answers: Answers, state: FormState, t: Translate, locale: Locale, currency: Currency = 'EUR'): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const step of form.steps) {
    if (state.hiddenSteps.has(step.id)) continue;
    for (const field of step.fields) {
      if (field.type === 'info' || state.hiddenFields.has(field.id)) continue;
      const value = field.compute !== undefined ? state.computed[field.id] : answers[field.id];
      const shown = visibleValue(field, value, state);
      const entries =
        field.type === 'group' && Array.isArray(shown) && shown.length > 0 ? groupEntryTexts(field, shown as GroupItem[], t, locale, currency) : undefined;
      rows.push({ step, field, label: textIn(field.label, locale), text: answerText(field, shown, t, locale, currency), entries });
    }
  }
  return rows;
}

/** Group entries without the fields their rules hid, and with their computed values. */
function visibleValue(field: FieldDefinition, value: Answers[string] | undefined, state: FormState): Answers[string] | undefined {
  if (field.type !== 'group' || !Array.isArray(value)) return value;
  return (value as Array<Record<string, unknown>>).map((item, i) => {
    const entry: Record<string, unknown> = {};
    for (const child of field.fields ?? []) {
      const path = `${field.id}.${i}.${child.id}`;
      if (state.hiddenFields.has(path)) continue;
      entry[child.id] = child.compute !== undefined ? state.computed[path] : item?.[child.id];
    }
    return entry;
  }) as Answers[string];
}

/** The answers of a form (or of one step) as a KERN description list; groups list their entries. */
export function AnswerList({
  form,
  answers,
  state,
  t,
  locale,
  currency = 'EUR',
  stepId,
}: {
  form: FormDefinition;
  answers: Answers;
  state: FormState;
  t: Translate;
  locale: Locale;
  currency?: Currency;
  stepId?: string;
}) {
  const rows = answerRows(form, answers, state, t, locale, currency).filter((r) => stepId === undefined || r.step.id === stepId);
  return (
    <dl class="kern-description-list">
      {rows.map((r) => (
        <div class="kern-description-list-item" key={r.field.id}>
          <dt class="kern-description-list-item__key">{r.label}</dt>
          <dd class="kern-description-list-item__value">
            {r.entries ? (
              <ul class="kern-list">
                {r.entries.map((entry, i) => (
                  <li key={i}>{entry}</li>
                ))}
              </ul>
            ) : (
              r.text
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
