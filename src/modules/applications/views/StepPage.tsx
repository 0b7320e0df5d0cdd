import { CsrfField, ErrorSummary, SubmitButton } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import {
  allFields,
  errorText,
  fieldAnchor,
  formState,
  FormFields,
  ruleScripts,
  textIn,
  type Answers,
  type FieldError,
  type StepDefinition,
} from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';

interface StepPageProps {
  ctx: PageContext;
  org: Organization;
  service: Service;
  step: StepDefinition;
  answers: Answers;
  errors: FieldError[];
  returnToCheck: boolean;
  maxUploadMb: number;
  /** The id of a control to focus when the page loads (e.g. `f-kinder-2-vorname` after adding an entry). */
  focus?: string;
}

export function StepPage({ ctx, org, service, step, answers, errors, returnToCheck, maxUploadMb, focus }: StepPageProps) {
  const { t, locale } = ctx;
  const form = service.definition.form;
  const state = formState(form, answers);
  const steps = form.steps.filter((s) => !state.hiddenSteps.has(s.id));
  const position = Math.max(0, steps.indexOf(step));
  const base = `/${org.slug}/leistungen/${service.slug}/antrag`;
  const hasFile = step.fields.some((f) => f.type === 'file');
  const title = textIn(step.title, locale);
  const fields = allFields(form);
  const action = `${base}/${step.id}${returnToCheck ? '?von=pruefen' : ''}`;
  const previous = steps[position - 1];
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length ? `${t('errors.titlePrefix')} ` : ''}${title}`}
      org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}
      scripts={ruleScripts(step, state)}
    >
      <p class="kern-preline">{service.title}</p>
      <p class="kern-body--small" id="step-progress">
        {t('form.stepOf', { current: position + 1, total: steps.length + 1 })}
      </p>
      <ErrorSummary
        t={t}
        errors={errors.map((e) => {
          const [id, index, child] = e.field.split('.');
          const field = fields.find((f) => f.id === id);
          const childField = child ? field?.fields?.find((f) => f.id === child) : undefined;
          // A message of its field ("Geben Sie Ihren Nachnamen ein") stands alone, inside a group after its entry
          // ("Kind 2: …"); any other is preceded by the field's name: "Bitte füllen Sie dieses Feld aus" four times would say nothing.
          const named = e.key.startsWith('field.');
          const entry = childField ? `${textIn(field?.label, locale)} ${Number(index) + 1}` : '';
          const name = childField ? `${entry}: ${textIn(childField.label, locale)}` : textIn(field?.label, locale);
          const prefix = named ? (entry ? `${entry}: ` : '') : `${name}: `;
          // A date's message links to the part it is about ("muss einen Monat enthalten": the month).
          const part = typeof e.params?.parts === 'string' ? e.params.parts.split(',')[0] : undefined;
          const anchor = field ? fieldAnchor(field, part ? `${e.field}.${part}` : e.field) : '';
          return { href: `#${anchor}`, text: `${prefix}${errorText(t, e)}` };
        })}
      />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={action} class="stack" id="antrag-schritt" novalidate enctype={hasFile ? 'multipart/form-data' : undefined}>
        <CsrfField token={ctx.csrfToken} />
        <FormFields
          step={step}
          answers={answers}
          errors={errors}
          state={state}
          t={t}
          locale={locale}
          currency={org.currency}
          maxUploadMb={maxUploadMb}
          action={action}
          focus={errors.length ? undefined : focus}
        />
        <div class="form-actions">
          <SubmitButton>{returnToCheck ? t('form.saveAndReturn') : t('form.continue')}</SubmitButton>
          <button type="submit" name="_aktion" value="speichern" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('form.saveForLater')}</span>
          </button>
        </div>
      </form>
      {previous && (
        <p>
          <a class="kern-link" href={`${base}/${previous.id}`}>
            {t('form.back')}
          </a>
        </p>
      )}
    </Layout>
  );
}
