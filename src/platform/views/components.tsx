import type { ComponentChildren } from 'preact';
import type { Translate } from '../i18n/index.ts';
import { FieldsetShell, FieldShell, OptionalMark, shellDescribedBy, withError } from './field-shell.tsx';

export interface SummaryError {
  href: string;
  text: string;
}

/** The summary's entries: each field's message linked to its input, in the order the form shows the fields. */
export function fieldSummary<F extends string, E>(ids: Record<F, string>, errors: Partial<Record<F, E>>, text: (error: E) => string): SummaryError[] {
  return (Object.keys(ids) as F[]).flatMap((field) => {
    const error = errors[field];
    return error === undefined ? [] : [{ href: `#${ids[field]}`, text: text(error) }];
  });
}

/** GOV-style error summary at the top: focusable heading and links to each field. */
export function ErrorSummary({ t, errors }: { t: Translate; errors: SummaryError[] }) {
  if (errors.length === 0) return null;
  return (
    // Focus lands here when the page loads (GOV.UK error summary): autofocus without JavaScript, form-rules.js with it.
    // biome-ignore lint/a11y/noAutofocus: the GOV.UK pattern; only pages with errors have a summary, and they need the focus on it
    <div class="kern-alert kern-alert--danger error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
        <h2 class="kern-title" id="error-summary-title">
          {t('errors.summaryTitle')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {errors.map((e, i) => (
            <li key={i}>
              <a class="kern-link" href={e.href}>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Alert({ kind, title, children }: { kind: 'info' | 'success' | 'warning' | 'danger'; title: string; children?: ComponentChildren }) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind}`} aria-hidden="true"></span>
        <span class="kern-title">{title}</span>
      </div>
      {children && <div class="kern-alert__body">{children}</div>}
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function SubmitButton({ children, variant = 'primary' }: { children: ComponentChildren; variant?: 'primary' | 'secondary' }) {
  return (
    <button type="submit" class={`kern-btn kern-btn--${variant}`}>
      <span class="kern-label">{children}</span>
    </button>
  );
}

export function DescriptionList({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="kern-description-list">
      {rows.map(([key, value]) => (
        <div class="kern-description-list-item" key={key}>
          <dt class="kern-description-list-item__key">{key}</dt>
          <dd class="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TextInput(props: {
  id: string;
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputMode?: string;
  maxLength?: number;
}) {
  return (
    <FieldShell id={props.id} label={props.label} labelSuffix={!props.required && <OptionalMark text="optional" />} hint={props.hint} error={props.error}>
      <input
        class={withError('kern-form-input__input', props.error)}
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        aria-describedby={shellDescribedBy(props.id, props)}
        aria-invalid={props.error ? 'true' : undefined}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode as never}
        required={props.required}
      />
    </FieldShell>
  );
}

export function TextArea(props: { id: string; name: string; label: string; value?: string; error?: string; hint?: string; required?: boolean }) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        class={withError('kern-form-input__input', props.error)}
        id={props.id}
        name={props.name}
        rows={5}
        aria-describedby={shellDescribedBy(props.id, props)}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
}

export function SelectInput(props: {
  id: string;
  name: string;
  label: string;
  options: ChoiceOption[];
  value?: string;
  error?: string;
  hint?: string;
  placeholder?: string;
}) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      <div class="kern-form-input__select-wrapper">
        <select
          class={withError('kern-form-input__select', props.error)}
          id={props.id}
          name={props.name}
          aria-describedby={shellDescribedBy(props.id, props)}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((o) => (
            <option key={o.value} value={o.value} selected={props.value === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}

/** Checkboxes (several answers) or radios (one) in a fieldset with legend, hint and error. */
export function ChoiceGroup(props: {
  id: string;
  name: string;
  legend: string;
  options: ChoiceOption[];
  chosen: string[];
  multiple?: boolean;
  error?: string;
  hint?: string;
}) {
  const kind = props.multiple ? 'checkbox' : 'radio';
  return (
    <FieldsetShell id={props.id} legend={props.legend} hint={props.hint} error={props.error}>
      {props.options.map((o, i) => (
        <div class={withError('kern-form-check', props.error)} key={o.value}>
          <input
            class={withError(`kern-form-check__${kind}`, props.error)}
            type={kind}
            id={`${props.id}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.chosen.includes(o.value)}
            aria-invalid={props.error ? 'true' : undefined}
          />
          <label class="kern-label" for={`${props.id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </FieldsetShell>
  );
}

/**
 * A box that scrolls sideways on a narrow screen instead of the page. It takes focus, so a keyboard can scroll it
 * (WCAG 2.1.1; axe's scrollable-region-focusable), and is a named group, not a landmark: inside a section named by
 * the same heading a second region would repeat the landmark.
 */
export function ScrollRegion({
  label,
  labelledBy,
  class: extra,
  children,
}: {
  label?: string;
  labelledBy?: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scrolling box around a table, not a set of form controls
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be focusable to be scrolled by keyboard
    <div class={extra ? `table-scroll ${extra}` : 'table-scroll'} role="group" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table of records: a caption for screen readers, column headers, and the first cell of each row as its header. */
export function DataTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: Array<{ key: string; cells: ComponentChildren[] }> }) {
  return (
    <ScrollRegion label={caption}>
      <table class="kern-table">
        <caption class="kern-sr-only">{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {headers.map((h) => (
              <th class="kern-table__header" scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row) => (
            <tr class="kern-table__row" key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th class="kern-table__header" scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td class="kern-table__cell" key={i}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
