// One form field rendered with KERN UX components, and how an answer reads afterwards. Pages work without
// JavaScript: groups add and remove entries by submit buttons, rules shown by the browser only enhance.
import { formatNumber, intlLocale } from '../../../platform/i18n/format.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { describedBy, errorId, FieldShell, FieldsetShell, hintId, OptionalMark, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import type { AddressAnswer, AnswerValue, FieldDefinition, FieldError, FileAnswer, GroupItem, Logic, Option } from '../schema.ts';
import { ADDRESS_PARTS } from '../schema.ts';
import { answerText, type Currency, entryLabel, localNumber, textIn } from '../answer-text.ts';
import { dateParts, usesDateParts } from '../forms.ts';
import {
  ADDRESS_AUTOCOMPLETE,
  ADDRESS_LABELS,
  ADDRESS_WIDTHS,
  controlId,
  DATE_PARTS,
  fieldAnchor,
  fieldHint,
  fieldWidth,
  INPUTS,
  widthClass,
} from './field-layout.ts';

export { fieldAnchor, fieldHint, fieldWidth } from './field-layout.ts';

export const errorText = (t: Translate, e: FieldError): string => t(e.key as never, e.params);

const FILE_TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

const DATE_LABELS = { day: 'field.dateDay', month: 'field.dateMonth', year: 'field.dateYearLabel' } as const;

/** A date a person knows (a date of birth) as three inputs, GOV.UK's date input: never the browser's date picker. */
function DateParts({ field, path, value, ctx, optional }: ControlProps) {
  const { t, locale } = ctx;
  const id = controlId(path);
  const hint = fieldHint(field, locale, t('field.dateHint'));
  const error = ctx.errorAt(path);
  const marked = ctx.errorPartsAt(path);
  const parts = dateParts(value);
  const bday = !ctx.nested && (field.autocomplete ?? '').startsWith('bday');
  return (
    <FieldsetShell
      id={id}
      fieldsetId={id}
      class="form-date"
      legend={textIn(field.label, locale)}
      legendSuffix={<Optional t={t} show={optional} />}
      hint={hint}
      error={error}
      bodyClass="kern-fieldset__body form-date__parts"
    >
      {DATE_PARTS.map((part) => {
        const partId = `${id}-${part}`;
        const partError = error !== undefined && (marked.length === 0 || marked.includes(part));
        return (
          <div class="kern-form-input form-date__item" key={part}>
            <label class="kern-label" for={partId}>
              {t(DATE_LABELS[part])}
            </label>
            <input
              class={withError('kern-form-input__input', partError) + widthClass(part === 'year' ? 4 : 2)}
              id={partId}
              name={`${path}.${part}`}
              type="text"
              inputMode="numeric"
              maxLength={part === 'year' ? 4 : 2}
              value={parts[part]}
              autocomplete={bday ? `bday-${part}` : field.autocomplete === 'off' ? 'off' : undefined}
              aria-invalid={partError ? 'true' : undefined}
              {...focusProps(ctx, partId)}
            />
          </div>
        );
      })}
    </FieldsetShell>
  );
}

const currencySymbol = (currency: Currency) => (currency === 'EUR' ? '€' : 'CHF');

// ----- pieces -----

/** How one field (or a group entry's field) is shown, as the form's rules decide. */
interface FieldPlan {
  required: boolean;
  /** Marked "(optional)": no rule can make it required. */
  optional: boolean;
  /** The computed value as a normalised answer string. */
  computed?: string;
  /** Rules the browser re-evaluates while the person types (they read fields of the same page). */
  showIf?: Logic;
  compute?: Logic;
  /** A group entry (`kinder.1`) whose fields the rules read by their ids. */
  scope?: string;
}

/** Decides per field path; null leaves the field out (hidden by answers on other pages). */
export type FieldPlanner = (field: FieldDefinition, path: string, scope?: string) => FieldPlan | null;

const staticPlan: FieldPlanner = (field) => ({
  required: field.required === true,
  optional: field.required !== true && field.requiredIf === undefined,
});

interface Context {
  t: Translate;
  locale: Locale;
  currency: Currency;
  maxUploadMb: number;
  errorAt: (path: string) => string | undefined;
  /** The parts of a date its error is about ("day", "month", "year"); none named: all. */
  errorPartsAt: (path: string) => string[];
  plan: FieldPlanner;
  /** Group entries do not autocomplete with the applicant's own data. */
  nested: boolean;
  /** The id of the control to focus when the page loads, if any. */
  focus?: string;
  /** The form's action: group buttons post to it with the entry to focus afterwards as its fragment. */
  action?: string;
}

function Optional({ t, show }: { t: Translate; show: boolean }) {
  return show ? <OptionalMark text={t('form.optional')} /> : null;
}

/** The control a page focuses when it loads (after adding a group entry: the new entry's first field). */
const focusProps = (ctx: Context, id: string) => (ctx.focus === id ? { autoFocus: true } : {});

const stringValue = (value: unknown): string => (typeof value === 'string' ? value : '');

interface ControlProps {
  field: FieldDefinition;
  /** The posted name: the field id, or `gruppe.1.feld` inside a group. */
  path: string;
  value: unknown;
  ctx: Context;
  required: boolean;
  optional: boolean;
  computed?: string;
}

function SingleLine(props: ControlProps) {
  const { field, path, value, ctx, required, optional } = props;
  if (usesDateParts(field)) return <DateParts {...props} />;
  const id = controlId(path);
  const spec = INPUTS[field.type] ?? { type: 'text' };
  const hint = fieldHint(field, ctx.locale);
  const error = ctx.errorAt(path);
  const raw = stringValue(value);
  const shown = field.type === 'decimal' || field.type === 'money' ? localNumber(raw, ctx.locale, ctx.currency) : raw;
  const unit = field.type === 'money' ? currencySymbol(ctx.currency) : undefined;
  const input = (
    <input
      class={withError('kern-form-input__input', error) + widthClass(fieldWidth(field))}
      id={id}
      name={path}
      type={spec.type}
      {...focusProps(ctx, id)}
      value={shown}
      inputMode={spec.inputMode as never}
      autocomplete={field.autocomplete ?? spec.autocomplete}
      spellcheck={spec.spellcheck === false ? ('false' as never) : undefined}
      autocapitalize={field.type === 'iban' ? 'characters' : undefined}
      maxLength={field.type === 'text' ? field.maxLength : undefined}
      required={required}
      aria-describedby={shellDescribedBy(id, { hint, error, extra: [unit && `${id}-unit`] })}
      aria-invalid={error ? 'true' : undefined}
    />
  );
  // Swiss usage puts the currency first ("CHF 12.50"), German usage after the amount ("12,50 €").
  const unitText = unit && (
    <span class="kern-input-group-text" id={`${id}-unit`}>
      {unit}
    </span>
  );
  return (
    <FieldShell id={id} label={textIn(field.label, ctx.locale)} labelSuffix={<Optional t={ctx.t} show={optional} />} hint={hint} error={error}>
      {unit ? (
        <div class="kern-input-group">
          {ctx.currency === 'CHF' && unitText}
          {input}
          {ctx.currency !== 'CHF' && unitText}
        </div>
      ) : (
        input
      )}
    </FieldShell>
  );
}

function MultiLine({ field, path, value, ctx, required, optional }: ControlProps) {
  const id = controlId(path);
  const hint = fieldHint(field, ctx.locale);
  const error = ctx.errorAt(path);
  return (
    <FieldShell id={id} label={textIn(field.label, ctx.locale)} labelSuffix={<Optional t={ctx.t} show={optional} />} hint={hint} error={error}>
      <textarea
        class={withError('kern-form-input__input', error)}
        id={id}
        name={path}
        rows={5}
        {...focusProps(ctx, id)}
        maxLength={field.maxLength}
        required={required}
        aria-describedby={shellDescribedBy(id, { hint, error })}
        aria-invalid={error ? 'true' : undefined}
      >
        {stringValue(value)}
      </textarea>
    </FieldShell>
  );
}

function Select({ field, path, value, ctx, required, optional }: ControlProps) {
  const id = controlId(path);
  const hint = fieldHint(field, ctx.locale);
  const error = ctx.errorAt(path);
  const current = stringValue(value);
  return (
    <FieldShell id={id} label={textIn(field.label, ctx.locale)} labelSuffix={<Optional t={ctx.t} show={optional} />} hint={hint} error={error}>
      <div class="kern-form-input__select-wrapper">
        <select
          class={withError('kern-form-input__select', error)}
          id={id}
          name={path}
          required={required}
          {...focusProps(ctx, id)}
          aria-describedby={shellDescribedBy(id, { hint, error })}
          aria-invalid={error ? 'true' : undefined}
        >
          <option value="">{ctx.t('form.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value} selected={current === o.value}>
              {textIn(o.label, ctx.locale)}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}

const yesNoOptions = (t: Translate): Option[] => [
  { value: 'ja', label: { de: t('common.yes') } },
  { value: 'nein', label: { de: t('common.no') } },
];

function Choices({ field, path, value, ctx, optional }: ControlProps) {
  const id = controlId(path);
  const hint = fieldHint(field, ctx.locale);
  const error = ctx.errorAt(path);
  const multiple = field.type === 'checkboxes';
  const options = field.type === 'yesno' ? yesNoOptions(ctx.t) : (field.options ?? []);
  const chosen = Array.isArray(value) ? (value as unknown[]) : [value];
  const kind = multiple ? 'checkbox' : 'radio';
  return (
    <FieldsetShell
      id={id}
      legend={textIn(field.label, ctx.locale)}
      // A yes/no question has two answers and no third: "(optional)" beside it reads as a trap.
      legendSuffix={<Optional t={ctx.t} show={optional && field.type !== 'yesno'} />}
      hint={hint}
      error={error}
      bodyClass={`kern-fieldset__body${field.type === 'yesno' ? ' kern-fieldset__body--horizontal' : ''}`}
    >
      {options.map((o, i) => (
        <div class={withError('kern-form-check', error)} key={o.value}>
          <input
            class={withError(`kern-form-check__${kind}`, error)}
            type={kind}
            id={`${id}-${i}`}
            name={path}
            value={o.value}
            {...focusProps(ctx, `${id}-${i}`)}
            checked={chosen.includes(o.value)}
            aria-invalid={error ? 'true' : undefined}
          />
          <label class="kern-label" for={`${id}-${i}`}>
            {textIn(o.label, ctx.locale)}
          </label>
        </div>
      ))}
    </FieldsetShell>
  );
}

function Address({ field, path, value, ctx, optional }: ControlProps) {
  const id = controlId(path);
  const hint = fieldHint(field, ctx.locale);
  const error = ctx.errorAt(path);
  const address = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Partial<AddressAnswer>;
  const ownData = !ctx.nested && field.autocomplete !== 'off';
  return (
    <FieldsetShell
      id={id}
      class="form-address"
      legend={textIn(field.label, ctx.locale)}
      legendSuffix={<Optional t={ctx.t} show={optional} />}
      hint={hint}
      error={error}
      bodyClass="kern-fieldset__body form-address__parts"
    >
      {ADDRESS_PARTS.map((part) => {
        const partPath = `${path}.${part}`;
        const partId = controlId(partPath);
        const partError = ctx.errorAt(partPath);
        return (
          <FieldShell key={part} id={partId} class={`form-address__${part}`} label={ctx.t(ADDRESS_LABELS[part])} error={partError}>
            <input
              class={withError('kern-form-input__input', partError) + widthClass(ADDRESS_WIDTHS[part])}
              id={partId}
              name={partPath}
              {...focusProps(ctx, partId)}
              type="text"
              value={stringValue(address[part])}
              inputMode={part === 'postalCode' ? 'numeric' : undefined}
              autocomplete={ownData ? ADDRESS_AUTOCOMPLETE[part] : undefined}
              aria-describedby={shellDescribedBy(partId, { error: partError })}
              aria-invalid={partError || error ? 'true' : undefined}
            />
          </FieldShell>
        );
      })}
    </FieldsetShell>
  );
}

function FileUpload({ field, path, value, ctx, optional }: ControlProps) {
  const { t, locale } = ctx;
  const id = controlId(path);
  const error = ctx.errorAt(path);
  const files = Array.isArray(value) ? (value as FileAnswer[]).filter((f) => f && typeof f.filename === 'string') : [];
  const maxFiles = field.maxFiles ?? 1;
  const mb = field.maxBytes ? Math.min(field.maxBytes / 1048576, ctx.maxUploadMb) : ctx.maxUploadMb;
  const types = (field.accept ?? []).map((type) => FILE_TYPE_NAMES[type] ?? type.split('/').pop()!.toUpperCase());
  const hint = fieldHint(
    field,
    locale,
    // "PDF, JPG oder PNG." in the definition's hint already says which types: not a second time.
    types.length > 0 && !types.every((type) => textIn(field.hint, locale).includes(type)) && t('form.fileTypes', { types: types.join(', ') }),
    maxFiles > 1 && t('form.fileMaxFiles', { count: maxFiles }),
    t('form.fileHint', { mb: formatNumber(mb, locale, { currency: ctx.currency }, { max: 1 }) }),
  );
  return (
    <FieldShell id={id} label={textIn(field.label, locale)} labelSuffix={<Optional t={t} show={optional} />} hint={hint} error={error}>
      {files.length > 0 && (
        <div class="form-files" id={`${id}-current`}>
          <p class="kern-body">{t('form.fileCurrent')}</p>
          <ul class="kern-list">
            {files.map((f, i) => (
              <li key={i}>{f.filename}</li>
            ))}
          </ul>
          <p class="kern-body">{t('form.fileReplace')}</p>
        </div>
      )}
      <input
        class={withError('kern-form-input__input', error)}
        type="file"
        id={id}
        name={path}
        multiple={maxFiles > 1}
        {...focusProps(ctx, id)}
        accept={(field.accept ?? []).join(',') || undefined}
        aria-describedby={describedBy(hintId(id), error && errorId(id), files.length > 0 && `${id}-current`)}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldShell>
  );
}

function Group({ field, path, value, ctx, optional }: ControlProps) {
  const { t, locale } = ctx;
  const id = controlId(path);
  const error = ctx.errorAt(path);
  const items = Array.isArray(value) ? (value as GroupItem[]) : [];
  // Never fewer entries than the form asks for: the person fills them in rather than adding them first.
  const count = Math.max(items.length, field.minItems ?? 0);
  const canRemove = count > (field.minItems ?? 0);
  const canAdd = field.maxItems === undefined || count < field.maxItems;
  const hint = fieldHint(field, locale, field.maxItems !== undefined && t('form.groupLimit', { max: field.maxItems }));
  const inner: Context = { ...ctx, nested: true };
  // Where focus goes after the round trip (the button posts to the form's action with it as the fragment): the new
  // entry's first field after adding; after removing, the entry before, or the add button when none is left before.
  const first = (field.fields ?? []).find((c) => c.type !== 'info' && c.compute === undefined);
  const entryAnchor = (i: number) => (first ? fieldAnchor(field, `${field.id}.${i}.${first.id}`) : `${id}-${i}`);
  const addId = `${id}-add`;
  const after = (anchor: string) => (ctx.action ? `${ctx.action}#${anchor}` : `#${anchor}`);
  return (
    <FieldsetShell
      id={id}
      fieldsetId={id}
      class="form-group"
      legend={textIn(field.label, locale)}
      legendSuffix={<Optional t={t} show={optional && !(field.minItems && field.minItems > 0)} />}
      hint={hint}
      error={error}
      bodyClass={null}
    >
      <div class="form-group__entries">
        {count === 0 && <p class="kern-body">{t('form.groupEmpty')}</p>}
        {Array.from({ length: count }, (_, i) => {
          const item = (items[i] ?? {}) as GroupItem;
          const label = entryLabel(field, i, ctx);
          return (
            <fieldset class="kern-fieldset form-group__entry" key={i} id={`${id}-${i}`}>
              <legend class="kern-label">{label}</legend>
              <div class="kern-fieldset__body">
                {(field.fields ?? []).map((child) => (
                  <Planned key={child.id} field={child} path={`${path}.${i}.${child.id}`} value={item[child.id]} ctx={inner} scope={`${path}.${i}`} />
                ))}
              </div>
              {canRemove && (
                <button
                  type="submit"
                  class="kern-btn kern-btn--tertiary form-group__remove"
                  name="_aktion"
                  value={`entfernen:${field.id}:${i}`}
                  formAction={after(i > 0 ? entryAnchor(i - 1) : count > 1 ? entryAnchor(0) : addId)}
                >
                  <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
                  <span class="kern-label">
                    {t('form.groupRemove')}
                    <span class="kern-sr-only">: {label}</span>
                  </span>
                </button>
              )}
            </fieldset>
          );
        })}
      </div>
      {canAdd && (
        <button
          type="submit"
          class="kern-btn kern-btn--secondary form-group__add"
          id={addId}
          name="_aktion"
          value={`hinzufuegen:${field.id}`}
          formAction={after(entryAnchor(count))}
          {...focusProps(ctx, addId)}
        >
          <span class="kern-icon kern-icon--add" aria-hidden="true"></span>
          <span class="kern-label">
            {t('form.groupAdd')}
            <span class="kern-sr-only">: {textIn(field.label, locale)}</span>
          </span>
        </button>
      )}
    </FieldsetShell>
  );
}

function Info({ field, path, ctx }: ControlProps) {
  const title = textIn(field.label, ctx.locale);
  const body = textIn(field.text, ctx.locale) || textIn(field.hint, ctx.locale);
  return (
    <div class="kern-alert kern-alert--info form-info" id={controlId(path)}>
      {title && (
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
          <span class="kern-title">{title}</span>
        </div>
      )}
      {body && (
        <div class="kern-alert__body">
          {body.split(/\n{2,}/).map((p, i) => (
            <p class="kern-body" key={i}>
              {p}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** A value worked out by the form's rules: shown, never an input a person could change or post. */
function Computed({ field, path, ctx, computed }: ControlProps) {
  const { t, locale, currency } = ctx;
  const id = controlId(path);
  const hint = textIn(field.hint, locale) || t('form.computedHint');
  const digits = field.type === 'money' ? 2 : field.type === 'decimal' ? (field.fractionDigits ?? 2) : field.type === 'integer' ? 0 : undefined;
  return (
    <FieldShell id={id} class="form-computed" label={textIn(field.label, locale)} hint={hint}>
      <output
        class="form-computed__value"
        id={id}
        aria-describedby={hintId(id)}
        data-type={field.type}
        data-value={computed}
        data-locale={intlLocale(locale, { currency })}
        data-currency={field.type === 'money' ? currency : undefined}
        data-digits={digits}
        data-yes={field.type === 'yesno' ? t('common.yes') : undefined}
        data-no={field.type === 'yesno' ? t('common.no') : undefined}
      >
        {answerText(field, computed, t, locale, currency)}
      </output>
    </FieldShell>
  );
}

function Control(props: ControlProps) {
  const { field } = props;
  if (field.compute !== undefined) return <Computed {...props} />;
  switch (field.type) {
    case 'textarea':
      return <MultiLine {...props} />;
    case 'select':
      return <Select {...props} />;
    case 'radio':
    case 'yesno':
    case 'checkboxes':
      return <Choices {...props} />;
    case 'address':
      return <Address {...props} />;
    case 'file':
      return <FileUpload {...props} />;
    case 'group':
      return <Group {...props} />;
    case 'info':
      return <Info {...props} />;
    default:
      return <SingleLine {...props} />;
  }
}

/** A field as its plan says: left out, plain, or wrapped with the rules the browser script re-evaluates. */
function Planned({ field, path, value, ctx, scope }: { field: FieldDefinition; path: string; value: unknown; ctx: Context; scope?: string }) {
  const plan = ctx.plan(field, path, scope);
  if (!plan) return null;
  const control = <Control field={field} path={path} value={value} ctx={ctx} required={plan.required} optional={plan.optional} computed={plan.computed} />;
  if (plan.showIf === undefined && plan.compute === undefined) return control;
  return (
    <div
      class="form-rule"
      data-field={path}
      data-scope={plan.scope}
      data-show-if={plan.showIf === undefined ? undefined : JSON.stringify(plan.showIf)}
      data-compute={plan.compute === undefined ? undefined : JSON.stringify(plan.compute)}
    >
      {control}
    </div>
  );
}

export interface FieldProps {
  field: FieldDefinition;
  value: AnswerValue | undefined;
  /** The field's own error (callers that look it up themselves). */
  error?: FieldError;
  /** All errors of the step: the field shows its own and those of its parts and entries beside them. */
  errors?: FieldError[];
  t: Translate;
  locale: Locale;
  maxUploadMb: number;
  currency?: Currency;
  /** Whether the field is required now (a rule may make it so); default `field.required`. */
  required?: boolean;
  /** The value the form's rules computed (normalised answer string), for a field with `compute`. */
  computed?: string;
  /** Per-path decisions of the form's rules (FormFields passes one); overrides `required` and `computed`. */
  plan?: FieldPlanner;
  /** The id of the control that takes focus when the page loads. */
  focus?: string;
  /** The form's action URL, for the group buttons' return fragment. */
  action?: string;
}

/** Renders any field type; names are the field id, `id.part` for addresses and `id.<i>.<child>` in groups. */
export function Field(props: FieldProps) {
  const { field, t, locale } = props;
  const all = props.errors ?? [];
  const find = (path: string) => (path === field.id ? props.error : undefined) ?? all.find((e) => e.field === path);
  const errorAt = (path: string): string | undefined => {
    const found = find(path);
    return found ? errorText(t, found) : undefined;
  };
  const errorPartsAt = (path: string): string[] => {
    const parts = find(path)?.params?.parts;
    return typeof parts === 'string' && parts !== '' ? parts.split(',') : [];
  };
  const plan: FieldPlanner =
    props.plan ??
    ((f, path, scope) => {
      if (scope !== undefined) return staticPlan(f, path);
      const required = props.required ?? f.required === true;
      return { required, optional: !required && f.requiredIf === undefined, computed: props.computed };
    });
  const ctx: Context = {
    t,
    locale,
    currency: props.currency ?? 'EUR',
    maxUploadMb: props.maxUploadMb,
    errorAt,
    errorPartsAt,
    plan,
    nested: false,
    focus: props.focus,
    action: props.action,
  };
  return <Planned field={field} path={field.id} value={props.value} ctx={ctx} />;
}
