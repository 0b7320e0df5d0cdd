// The confirmation page: the Bescheid as it will be issued (the same content as its PDF, as HTML), and the one
// button that decides, with the choices carried as hidden fields and a token binding them to this preview.
import { Alert, CsrfField, ErrorSummary } from '../../../platform/views/components.tsx';
import { ErrorMessage } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { PdfDocumentInput } from '../../../platform/pdf/pdf.ts';
import type { DecisionBody, DecisionErrors } from '../decision-input.ts';
import { decisionSummary } from './DecisionForm.tsx';

function Rows({ rows, caption }: { rows: Array<[string, string]> | string[][]; caption: string }) {
  return (
    <div class="bescheid-table-wrap">
      <table class="kern-table bescheid-table">
        <caption class="kern-sr-only">{caption}</caption>
        <tbody class="kern-table__body">
          {rows.map((r, i) => (
            <tr class="kern-table__row" key={i}>
              <th class="kern-table__header" scope="row">
                {r[0]}
              </th>
              {r.slice(1).map((cell, j) => (
                <td class="kern-table__cell kern-preline-text" key={j}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The document description rendered as HTML, headings one level below the page's h1. */
export function BescheidHtml({ doc, label }: { doc: PdfDocumentInput; label: string }) {
  return (
    <article class="bescheid-preview" aria-label={label}>
      <p class="kern-body bescheid-preview__issuer">
        <strong>{doc.issuer}</strong>
        {(doc.issuerLines ?? []).map((l) => (
          <span key={l}>
            <br />
            {l}
          </span>
        ))}
      </p>
      {doc.addressee?.length ? (
        <p class="kern-body bescheid-preview__addressee">
          {doc.addressee.map((l, i) => (
            <span key={i}>
              {i > 0 && <br />}
              {l}
            </span>
          ))}
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{doc.title}</h2>
      {doc.subtitle && <p class="kern-body">{doc.subtitle}</p>}
      <Rows rows={doc.meta} caption={doc.title} />
      {(doc.paragraphs ?? []).map((p, i) => (
        <p class="kern-body kern-preline-text" key={`p${i}`}>
          {p}
        </p>
      ))}
      {doc.sections.map((s, i) => (
        <section key={`s${i}`} aria-labelledby={`bescheid-s${i}`}>
          <h3 class="kern-heading-small" id={`bescheid-s${i}`}>
            {s.heading}
          </h3>
          {(s.paragraphs ?? []).map((p, j) => (
            <p class="kern-body kern-preline-text" key={j}>
              {p}
            </p>
          ))}
          {s.rows?.length ? <Rows rows={s.rows} caption={s.heading} /> : null}
          {(s.tables ?? []).map((table, j) => (
            <div class="bescheid-table-wrap" key={`t${j}`}>
              <table class="kern-table bescheid-table">
                <caption class="kern-body">{table.caption ?? s.heading}</caption>
                {table.headers && (
                  <thead class="kern-table__head">
                    <tr class="kern-table__row">
                      {table.headers.map((h, k) => (
                        <th class="kern-table__header" scope="col" key={k}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                )}
                <tbody class="kern-table__body">
                  {table.rows.map((r, k) => (
                    <tr class="kern-table__row" key={k}>
                      {r.map((cell, m) => (
                        <td class="kern-table__cell" key={m}>
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
      {(doc.closing ?? []).map((line, i) => (
        <p class="kern-body" key={`c${i}`}>
          {line}
        </p>
      ))}
    </article>
  );
}

export function DecisionPreview({
  ctx,
  base,
  reference,
  doc,
  values,
  token,
  errors = {},
}: {
  ctx: PageContext;
  base: string;
  reference: string;
  doc: PdfDocumentInput;
  values: DecisionBody;
  token: string;
  errors?: DecisionErrors;
}) {
  const { t } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  const title = `${hasErrors ? `${t('errors.titlePrefix')} ` : ''}${t('decisions.preview.title')} – ${reference}`;
  const confirmError = errors.confirm ? t(errors.confirm.key, errors.confirm.params) : undefined;
  const hidden = (['outcome', 'reason', 'day', 'month', 'year', 'transition', 'lock'] as const).map((name) => (
    <input type="hidden" name={name} value={values[name] ?? ''} key={name} />
  ));
  return (
    <Layout ctx={ctx} title={title} area="backoffice">
      <ErrorSummary t={t} errors={decisionSummary(ctx, errors)} />
      <p>
        <a class="kern-link" href={base}>
          {t('case.title')} {reference}
        </a>
      </p>
      <h1 class="kern-heading-large">{t('decisions.preview.title')}</h1>
      <Alert kind="warning" title={t('decisions.preview.intro')} />
      <BescheidHtml doc={doc} label={t('decisions.preview.documentLabel')} />
      <form method="post" action={`${base}/entscheidung`} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {hidden}
        <input type="hidden" name="token" value={token} />
        <fieldset class={`kern-fieldset${confirmError ? ' kern-fieldset--error' : ''}`} aria-describedby={confirmError ? 'f-confirm-error' : undefined}>
          <legend class="kern-label">{t('decisions.preview.confirmLegend')}</legend>
          <ErrorMessage id="f-confirm-error" text={confirmError} />
          <div class="kern-fieldset__body">
            <div class={`kern-form-check${confirmError ? ' kern-form-check--error' : ''}`}>
              <input
                class="kern-form-check__checkbox"
                type="checkbox"
                id="f-confirm"
                name="confirm"
                value="ja"
                aria-invalid={confirmError ? 'true' : undefined}
              />
              <label class="kern-label" for="f-confirm">
                {t('decisions.preview.confirm')}
              </label>
            </div>
          </div>
        </fieldset>
        <div class="button-row">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('decisions.preview.submit')}</span>
          </button>
          <button type="submit" class="kern-btn kern-btn--secondary" name="change" value="1">
            <span class="kern-label">{t('decisions.preview.change')}</span>
          </button>
        </div>
      </form>
    </Layout>
  );
}
