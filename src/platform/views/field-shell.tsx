// What every form control on every page shares, written once: the label (or legend), the hint, the error message
// beside the field, and the ids that tie them to the control through aria-describedby. Axe and screen readers
// rely on that wiring, so pages build it here rather than by hand.
import type { ComponentChildren } from 'preact';

/** aria-describedby of a control: the ids given, where present; undefined when none is. */
export const describedBy = (...ids: Array<string | false | undefined | null>): string | undefined => ids.filter(Boolean).join(' ') || undefined;

/** The ids of a control's hint and error message: `{id}-hint`, `{id}-error`. */
export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/** aria-describedby for a control with a shell: its hint, then `extra` (e.g. a unit), then its error. */
export const shellDescribedBy = (id: string, p: { hint?: unknown; error?: unknown; extra?: Array<string | false | undefined> }) =>
  describedBy(p.hint ? hintId(id) : undefined, ...(p.extra ?? []), p.error ? errorId(id) : undefined);

/** A KERN class with its error modifier: `kern-form-input__input` → `kern-form-input__input kern-form-input__input--error`. */
export const withError = (base: string, error: unknown) => (error ? `${base} ${base}--error` : base);

export function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <div class="kern-hint" id={id}>
      {children}
    </div>
  );
}

export function ErrorMessage({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="kern-error" id={id}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
      {text}
    </p>
  );
}

export function OptionalMark({ text }: { text: string }) {
  return <span class="kern-label__optional"> ({text})</span>;
}

export interface FieldShellProps {
  /** The control's id: the label's `for`, and the stem of the hint's and error's ids. */
  id: string;
  label: ComponentChildren;
  /** Shown after the label, e.g. the "(optional)" mark. */
  labelSuffix?: ComponentChildren;
  /** Only for assistive technology (a table cell's input whose column heading shows the label). */
  labelHidden?: boolean;
  hint?: ComponentChildren;
  error?: string;
  /** Further classes on the wrapper. */
  class?: string;
  /** Whether the wrapper takes KERN's error modifier; default: when there is an error. */
  marksError?: boolean;
  /** The control itself: it takes `aria-describedby={shellDescribedBy(id, { hint, error })}`. */
  children: ComponentChildren;
}

/** KERN's kern-form-input: label, hint, error message, then the control. */
export function FieldShell(p: FieldShellProps) {
  const marked = p.marksError ?? Boolean(p.error);
  const classes = ['kern-form-input', p.class, marked && 'kern-form-input--error'].filter(Boolean).join(' ');
  return (
    <div class={classes}>
      <label class={p.labelHidden ? 'kern-label kern-sr-only' : 'kern-label'} for={p.id}>
        {p.label}
        {p.labelSuffix}
      </label>
      {p.hint && <Hint id={hintId(p.id)}>{p.hint}</Hint>}
      <ErrorMessage id={errorId(p.id)} text={p.error} />
      {p.children}
    </div>
  );
}

export interface FieldsetShellProps {
  /** The stem of the hint's and error's ids (the first control's id without its index). */
  id: string;
  legend: ComponentChildren;
  legendSuffix?: ComponentChildren;
  hint?: ComponentChildren;
  error?: string;
  /** Further classes on the fieldset. */
  class?: string;
  /** The fieldset's own id, where something links to it. */
  fieldsetId?: string;
  /** The error message inside the body: KERN floats the legend, and only the body clears it. */
  errorInBody?: boolean;
  /** Classes of the body; the body is left out (children placed as they are) when null. */
  bodyClass?: string | null;
  children: ComponentChildren;
}

/** A group of controls (radios, checkboxes, an address): KERN's kern-fieldset with legend, hint and error. */
export function FieldsetShell(p: FieldsetShellProps) {
  const classes = ['kern-fieldset', p.class, p.error && 'kern-fieldset--error'].filter(Boolean).join(' ');
  const error = <ErrorMessage id={errorId(p.id)} text={p.error} />;
  return (
    <fieldset class={classes} id={p.fieldsetId} aria-describedby={shellDescribedBy(p.id, { hint: p.hint, error: p.error })}>
      <legend class="kern-label">
        {p.legend}
        {p.legendSuffix}
      </legend>
      {p.hint && <Hint id={hintId(p.id)}>{p.hint}</Hint>}
      {!p.errorInBody && error}
      {p.bodyClass === null ? (
        p.children
      ) : (
        <div class={p.bodyClass ?? 'kern-fieldset__body'}>
          {p.errorInBody && error}
          {p.children}
        </div>
      )}
    </fieldset>
  );
}
