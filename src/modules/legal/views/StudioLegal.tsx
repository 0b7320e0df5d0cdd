// The studio page where organisers edit their municipality's legal texts; a refused save shows every value as typed.
import type { Message, MessageKey } from '../../../platform/i18n/index.ts';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, fieldSummary, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { LegalErrors } from '../legal.ts';
import { CONFORMITY, FIELDS, LEGAL_FIELDS, type LegalField, type LegalTexts, SECTIONS } from '../schema.ts';
import { type LegalPageKind, legalHref } from './LegalPages.tsx';

const idOf = (field: LegalField) => `legal-${field}`;

/** A message with a field's label as parameter: the label is a key, translated here. */
export function messageText(ctx: PageContext, m: Message): string {
  const params = m.params?.label ? { ...m.params, label: ctx.t(m.params.label as MessageKey) } : m.params;
  return ctx.t(m.key, params);
}

export function StudioLegalPage({
  ctx,
  owner,
  values,
  errors = {},
  saved,
  defaults,
}: {
  ctx: PageContext;
  /** The organization whose texts these are; a region (slug null) has the operator's texts of the platform pages. */
  owner: { name: string; slug: string | null };
  values: LegalTexts;
  errors?: LegalErrors;
  saved?: boolean;
  /** True while nobody has saved the texts: they are suggestions. */
  defaults?: boolean;
}) {
  const { t } = ctx;
  const ids = Object.fromEntries(LEGAL_FIELDS.map((f) => [f, f === 'conformity' ? `${idOf(f)}-0` : idOf(f)])) as Record<LegalField, string>;
  const field = (f: LegalField) => {
    const spec = FIELDS[f];
    const label = t(`legal.field.${f}`);
    const error = errors[f] && messageText(ctx, errors[f]);
    const hintKey = `legal.hint.${f}` as MessageKey;
    const hint = t(hintKey) === hintKey ? undefined : t(hintKey);
    if (spec.kind === 'choice') {
      return (
        <ChoiceGroup
          key={f}
          id={idOf(f)}
          name={f}
          legend={label}
          options={CONFORMITY.map((c) => ({ value: c, label: t(`legal.conformity.${c}`) }))}
          chosen={[values[f]]}
          error={error}
        />
      );
    }
    if (spec.kind === 'text')
      return <TextArea key={f} id={idOf(f)} name={f} label={label} value={values[f]} error={error} hint={hint} required={spec.required} />;
    return (
      <TextInput
        key={f}
        id={idOf(f)}
        name={f}
        label={label}
        value={values[f]}
        error={error}
        hint={hint}
        required={spec.required}
        type={spec.kind === 'email' ? 'email' : spec.kind === 'url' ? 'url' : f.endsWith('hone') ? 'tel' : 'text'}
        autocomplete="off"
      />
    );
  };
  const pageOf: Record<(typeof SECTIONS)[number]['id'], LegalPageKind> = {
    imprint: 'imprint',
    privacy: 'privacy',
    accessibility: 'accessibility',
    easy: 'easy',
  };
  return (
    <Layout ctx={ctx} title={t('legal.studio.title')} area="studio">
      <p class="kern-body">
        <a class="kern-link" href="/studio/">
          {t('studio.home')}
        </a>
      </p>
      {saved && <Alert kind="success" title={t('legal.studio.saved')} />}
      <ErrorSummary t={t} errors={fieldSummary(ids, errors, (m: Message) => messageText(ctx, m))} />
      <h1 class="kern-heading-large">{t('legal.studio.title')}</h1>
      <p class="kern-body">{t(owner.slug ? 'legal.studio.intro' : 'legal.studio.regionIntro', { name: owner.name })}</p>
      {defaults && <Alert kind="info" title={t('legal.studio.defaults', { name: owner.name })} />}
      <form method="post" action="/studio/rechtliches" class="stack legal-form" noValidate>
        <CsrfField token={ctx.csrfToken} />
        {SECTIONS.map((section) => (
          <section key={section.id} aria-labelledby={`legal-section-${section.id}`} class="stack">
            <h2 class="kern-heading-medium" id={`legal-section-${section.id}`}>
              {t(`legal.section.${section.id}`)}
            </h2>
            <p class="kern-body">
              <a class="kern-link" href={legalHref(owner.slug, pageOf[section.id])}>
                {t('legal.studio.view', { page: t(`legal.${pageOf[section.id]}.title` as MessageKey) })}
              </a>
            </p>
            {section.fields.map(field)}
          </section>
        ))}
        <SubmitButton>{t('legal.studio.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
