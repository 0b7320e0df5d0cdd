// The municipality admin's editor for the decision letter's template, with the placeholders it may use.
import type { Message } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, SubmitButton } from '../../../platform/views/components.tsx';
import { describedBy, ErrorMessage, errorId, Hint, hintId, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { BUILT_IN } from '../letter.ts';

export function TemplateEditorPage(p: {
  ctx: PageContext;
  municipality: string;
  body: string;
  fieldIds: string[];
  error?: Message;
  saved?: boolean;
  /** No template saved yet: decisions carry only the built-in greeting, and the text shown is a suggestion. */
  none?: boolean;
}) {
  const { t } = p.ctx;
  const error = p.error ? t(p.error.key, p.error.params) : undefined;
  return (
    <Layout ctx={p.ctx} title={`${error ? `${t('errors.titlePrefix')} ` : ''}${t('casework.template.title')}`} area="backoffice">
      {error && <ErrorSummary t={t} errors={[{ href: '#f-template', text: error }]} />}
      {p.saved && <Alert kind="success" title={t('casework.template.saved')} />}
      <h1 class="kern-heading-large">{t('casework.template.title')}</h1>
      <p class="kern-body">{t('casework.template.intro', { organization: p.municipality })}</p>
      {p.none && <p class="kern-body">{t('casework.template.none')}</p>}
      <form method="post" action="/verwaltung/bescheidvorlage" class="stack" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <div class="kern-form-input">
          <label class="kern-label" for="f-template">
            {t('casework.template.body')}
          </label>
          <Hint id={hintId('f-template')}>{t('casework.template.hint')}</Hint>
          <ErrorMessage id={errorId('f-template')} text={error} />
          <textarea
            class={withError('kern-form-input__input', error)}
            id="f-template"
            name="body"
            rows={14}
            aria-describedby={describedBy(hintId('f-template'), error && errorId('f-template'))}
            aria-invalid={error ? 'true' : undefined}
            required
          >
            {p.body}
          </textarea>
        </div>
        <SubmitButton>{t('casework.template.save')}</SubmitButton>
      </form>
      <section aria-labelledby="template-placeholders">
        <h2 class="kern-heading-medium" id="template-placeholders">
          {t('casework.template.placeholders')}
        </h2>
        <p class="kern-body">{t('casework.template.builtIn')}</p>
        <ul class="kern-list kern-list--bullet">
          {BUILT_IN.map((name) => (
            <li key={name}>
              <code>{`{{${name}}}`}</code> – {t(`casework.template.placeholder.${name}`)}
            </li>
          ))}
        </ul>
        <p class="kern-body">{t('casework.template.fields')}</p>
        <p class="kern-body">
          {p.fieldIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <code>{`{{${id}}}`}</code>
            </span>
          ))}
        </p>
      </section>
    </Layout>
  );
}
