import { CsrfField, ErrorSummary, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { errorText, Field, fieldAnchor, textIn, type Answers, type FieldError } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';

export interface StepPageProps {
  ctx: PageContext; org: Organization; service: Service; stepIndex: number; answers: Answers; errors: FieldError[];
  returnToCheck: boolean; maxUploadMb: number;
}

export function StepPage({ ctx, org, service, stepIndex, answers, errors, returnToCheck, maxUploadMb }: StepPageProps) {
  const { t, locale } = ctx;
  const steps = service.definition.form.steps;
  const step = steps[stepIndex]!;
  const base = `/${org.slug}/leistungen/${service.slug}/antrag`;
  const hasFile = step.fields.some((f) => f.type === 'file');
  const title = textIn(step.title, locale);
  const errorOf = (id: string) => errors.find((e) => e.field === id);
  const action = `${base}/${step.id}${returnToCheck ? '?von=pruefen' : ''}`;
  return (
    <Layout ctx={ctx} title={`${errors.length ? t('errors.titlePrefix') + ' ' : ''}${title}`} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <p class="kern-preline">{service.title}</p>
      <p class="kern-body--small" id="step-progress">{t('form.stepOf', { current: stepIndex + 1, total: steps.length + 1 })}</p>
      <ErrorSummary t={t} errors={errors.map((e) => {
        const field = step.fields.find((f) => f.id === e.field)!;
        // The summary names the field: "Bitte füllen Sie dieses Feld aus" four times would say nothing.
        return { href: `#${fieldAnchor(field)}`, text: `${textIn(field.label, locale)}: ${errorText(t, e)}` };
      })} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={action} class="stack" novalidate enctype={hasFile ? 'multipart/form-data' : undefined}>
        <CsrfField token={ctx.csrfToken} />
        {step.fields.map((field) => (
          <Field key={field.id} field={field} value={answers[field.id]} error={errorOf(field.id)} t={t} locale={locale} maxUploadMb={maxUploadMb} />
        ))}
        <div class="form-actions">
          <SubmitButton>{returnToCheck ? t('form.saveAndReturn') : t('form.continue')}</SubmitButton>
        </div>
      </form>
      {stepIndex > 0 && (
        <p><a class="kern-link" href={`${base}/${steps[stepIndex - 1]!.id}`}>{t('form.back')}</a></p>
      )}
    </Layout>
  );
}
