import { CsrfField, ErrorSummary, ScrollRegion, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Translate, Locale } from '../../../platform/i18n/index.ts';
import {
  allFields,
  answerRows,
  answerText,
  errorText,
  formState,
  textIn,
  type Answers,
  type FieldDefinition,
  type FieldError,
  type FormDefinition,
} from '../../forms/index.ts';
import { type LegalState, PrivacyNotice } from '../../legal/index.ts';
import type { Organization } from '../../organizations/index.ts';
import { computeFees, feeKind, FeeLines, type Service } from '../../services/index.ts';

export function CheckPage({
  ctx,
  org,
  service,
  answers,
  errors,
  legal,
}: {
  ctx: PageContext;
  org: Organization;
  service: Service;
  answers: Answers;
  errors: Array<FieldError & { step: string }>;
  /** The municipality's legal texts, for the privacy notice before submitting. */
  legal: LegalState;
}) {
  const { t, locale } = ctx;
  const base = `/${org.slug}/leistungen/${service.slug}/antrag`;
  const form = service.definition.form;
  const state = formState(form, answers);
  const steps = form.steps.filter((s) => !state.hiddenSteps.has(s.id));
  const fields = allFields(form);
  const fees = computeFees(service.definition, answers, form, state.data);
  return (
    <Layout ctx={ctx} title={t('check.title')} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <p class="kern-preline">{service.title}</p>
      <p class="kern-body--small">{t('form.stepOf', { current: steps.length + 1, total: steps.length + 1 })}</p>
      <ErrorSummary
        t={t}
        errors={errors.map((e) => {
          const field = fields.find((f) => f.id === e.field.split('.')[0]);
          // A message of its field (field.*: "Geben Sie Ihren Nachnamen ein") stands alone; others follow the label.
          const text = e.key.startsWith('field.') ? errorText(t, e) : `${textIn(field?.label, locale)}: ${errorText(t, e)}`;
          return { href: `${base}/${e.step}?von=pruefen`, text };
        })}
      />
      <h1 class="kern-heading-large">{t('check.title')}</h1>
      {steps.map((step) => (
        <section key={step.id} aria-labelledby={`check-${step.id}`} class="kern-summary">
          <div class="kern-summary__header">
            <h2 class="kern-heading-medium" id={`check-${step.id}`}>
              {textIn(step.title, locale)}
            </h2>
          </div>
          <div class="kern-summary__body">
            <StepAnswers form={form} answers={answers} state={state} t={t} locale={locale} currency={org.currency} stepId={step.id} />
            <a class="kern-link" href={`${base}/${step.id}?von=pruefen`}>
              {t('check.change')}
              <span class="kern-sr-only"> {textIn(step.title, locale)}</span>
            </a>
          </div>
        </section>
      ))}
      <section aria-labelledby="check-fees">
        <h2 class="kern-heading-medium" id="check-fees">
          {t(`journey.fees.heading.${feeKind(service.definition.feeRules)}`)}
        </h2>
        <FeeLines fees={fees} currency={org.currency} t={t} locale={locale} kind={feeKind(service.definition.feeRules)} />
        {service.definition.feeNotes && <p class="kern-body">{textIn(service.definition.feeNotes, locale)}</p>}
      </section>
      <PrivacyNotice ctx={ctx} org={org} service={service} legal={legal} />
      <form method="post" action={`${base}/absenden`} class="stack">
        <CsrfField token={ctx.csrfToken} />
        <p class="kern-body">{t('check.declaration')}</p>
        <SubmitButton>{t('check.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

type FormState = ReturnType<typeof formState>;

/** A step's answers: fields as a description list, each repeatable group as a table (one row per entry). */
function StepAnswers(p: { form: FormDefinition; answers: Answers; state: FormState; t: Translate; locale: Locale; currency: 'EUR' | 'CHF'; stepId: string }) {
  const rows = answerRows(p.form, p.answers, p.state, p.t, p.locale, p.currency).filter((r) => r.step.id === p.stepId);
  const plain = rows.filter((r) => !(r.field.type === 'group' && r.entries));
  const groups = rows.filter((r) => r.field.type === 'group' && r.entries);
  return (
    <>
      {plain.length > 0 && (
        <dl class="kern-description-list">
          {plain.map((r) => (
            <div class="kern-description-list-item" key={r.field.id}>
              <dt class="kern-description-list-item__key">{r.label}</dt>
              <dd class="kern-description-list-item__value">{r.text}</dd>
            </div>
          ))}
        </dl>
      )}
      {groups.map((r) => (
        <GroupTable key={r.field.id} field={r.field} {...p} />
      ))}
    </>
  );
}

function GroupTable({
  field,
  answers,
  state,
  t,
  locale,
  currency,
}: {
  field: FieldDefinition;
  answers: Answers;
  state: FormState;
  t: Translate;
  locale: Locale;
  currency: 'EUR' | 'CHF';
}) {
  const items = Array.isArray(answers[field.id]) ? (answers[field.id] as Array<Record<string, unknown>>) : [];
  const children = (field.fields ?? []).filter((c) => c.type !== 'info');
  const captionId = `check-group-${field.id}`;
  const itemLabel = textIn(field.itemLabel, locale);
  const cell = (child: FieldDefinition, i: number) => {
    const path = `${field.id}.${i}.${child.id}`;
    if (state.hiddenFields.has(path)) return '–';
    const value = child.compute !== undefined ? state.computed[path] : items[i]?.[child.id];
    return answerText(child, value as never, t, locale, currency);
  };
  return (
    // A wide group scrolls inside its box on a small screen, never the page.
    <ScrollRegion class="check-group" labelledBy={captionId}>
      <table class="kern-table">
        <caption class="kern-title" id={captionId}>
          {textIn(field.label, locale)}
        </caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">
              <span class="kern-sr-only">{t('form.groupItem', { index: '' }).trim()}</span>
            </th>
            {children.map((c) => (
              <th class="kern-table__header" scope="col" key={c.id}>
                {textIn(c.label, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {items.map((_, i) => (
            <tr class="kern-table__row" key={i}>
              <th class="kern-table__header" scope="row">
                {itemLabel ? `${itemLabel} ${i + 1}` : t('form.groupItem', { index: i + 1 })}
              </th>
              {children.map((c) => (
                <td class="kern-table__cell" key={c.id}>
                  {cell(c, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
