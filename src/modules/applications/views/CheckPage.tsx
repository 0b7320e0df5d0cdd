import { CsrfField, ErrorSummary, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { allFields, AnswerList, errorText, formState, textIn, type Answers, type FieldError } from '../../forms/index.ts';
import { PrivacyNotice } from '../../legal/index.ts';
import type { Organization } from '../../organizations/index.ts';
import { computeFees, feeKind, FeeLines, type Service } from '../../services/index.ts';

export function CheckPage({
  ctx,
  org,
  service,
  answers,
  errors,
}: {
  ctx: PageContext;
  org: Organization;
  service: Service;
  answers: Answers;
  errors: Array<FieldError & { step: string }>;
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
            <AnswerList form={form} answers={answers} state={state} t={t} locale={locale} currency={org.currency} stepId={step.id} />
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
      <PrivacyNotice ctx={ctx} org={org} service={service} />
      <form method="post" action={`${base}/absenden`} class="stack">
        <CsrfField token={ctx.csrfToken} />
        <p class="kern-body">{t('check.declaration')}</p>
        <SubmitButton>{t('check.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
