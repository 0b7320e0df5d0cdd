// Pieces of the form editor's pages: their context, layout, addresses, problem links and small controls.
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { CsrfField, type SummaryError } from '../../../platform/views/components.tsx';
import { FieldShell, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { fieldPlaces } from '../editor.ts';
import { describePath } from '../editor-input.ts';
import type { DefinitionProblem, FieldDefinition, FieldType, FormDefinition, StepDefinition } from '../schema.ts';

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

export const typeName = (t: Translate, type: FieldType) => t(`studio.form.type.${type}` as MessageKey);
export const stepHref = (base: string, step: StepDefinition) => `${base}/schritte/${encodeURIComponent(step.id)}`;
export const fieldHref = (base: string, step: StepDefinition, field: FieldDefinition) => `${stepHref(base, step)}/felder/${encodeURIComponent(field.id)}`;

/** Summary entries for problems of the whole definition: where in words (steps and fields by their titles), and why. */
export function problemLinks(e: EditorContext, problems: DefinitionProblem[]): SummaryError[] {
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
    return { href, text: `${describePath(e.ctx.t, form, p.path)}: ${e.ctx.t(p.key, p.params)}` };
  });
}

export function EditorLayout({
  e,
  title,
  failed,
  theme,
  children,
}: {
  e: EditorContext;
  title: string;
  failed?: boolean;
  /** The municipality whose colours (its theme.css) the page takes: the preview shows the form as its citizens see it. */
  theme?: { name: string; slug: string };
  children: ComponentChildren;
}) {
  const { t } = e.ctx;
  return (
    <Layout ctx={e.ctx} title={`${failed ? `${t('errors.titlePrefix')} ` : ''}${title}`} area="studio" org={theme && { name: theme.name, slug: theme.slug }}>
      <p class="kern-preline">{t('studio.form.preline', { title: e.title })}</p>
      {children}
    </Layout>
  );
}

/** An icon button in a small POST form (KERN's icon button); its text says what it does to what. */
export function IconButton({
  ctx,
  action,
  fields = {},
  label,
  target,
  icon,
  id,
}: {
  ctx: PageContext;
  action: string;
  fields?: Record<string, string>;
  label: string;
  target: string;
  icon: 'arrow-up' | 'arrow-down';
  /** The button's id, e.g. hoch-feld-hundename. */
  id?: string;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={ctx.csrfToken} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* The accessible name says what moves where ("Feld „Hundename“ nach oben verschieben"); it contains the short visible text. */}
      <button
        id={id}
        type="submit"
        class="kern-btn kern-btn--tertiary"
        aria-label={ctx.t(icon === 'arrow-up' ? 'studio.form.moveUp' : 'studio.form.moveDown', { target })}
      >
        <span class={`kern-icon kern-icon--${icon}`} aria-hidden="true"></span>
        <span class="kern-label">{label}</span>
      </button>
    </form>
  );
}

export function ActionLink({ href, label, target }: { href: string; label: string; target: string }) {
  return (
    <a class="kern-link" href={href}>
      {label}
      <span class="kern-sr-only">: {target}</span>
    </a>
  );
}

export function Select({
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

export function Checkbox({ id, name, value, label, checked }: { id: string; name: string; value: string; label: string; checked: boolean }) {
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
