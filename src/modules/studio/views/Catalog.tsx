// The studio's template pages: home, templates, a template's content and the changes of a new version.
import { type Currency, formatMoney } from '../../../platform/i18n/format.ts';
import { Alert, CsrfField, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import type { DefinitionProblem, FormDefinition } from '../../forms/index.ts';
import { LIFE_SITUATIONS, type TemplateSummary } from '../../services/index.ts';
import type { Change, Part } from '../../services/diff.ts';
import { TEXT_KEYS, type ContentForm } from '../studio.ts';
import { problemsByInput, StudioLayout, Summary } from './shared.tsx';

export function StudioHomePage({ ctx, isRegionAdmin, municipality }: { ctx: PageContext; isRegionAdmin: boolean; municipality?: string }) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={t('studio.home')}>
      <h1 class="kern-heading-large">{t('studio.home')}</h1>
      <p class="kern-body">{t('studio.intro')}</p>
      <ul class="kern-list kern-list--bullet">
        {isRegionAdmin && (
          <li>
            <a class="kern-link" href="/studio/vorlagen">
              {t('studio.templates')}
            </a>
          </li>
        )}
        {municipality && (
          <li>
            <a class="kern-link" href="/studio/leistungen">
              {t('studio.services', { municipality })}
            </a>
          </li>
        )}
        {municipality && (
          <li>
            <a class="kern-link" href="/studio/ablaeufe">
              {t('workflows.list.title', { municipality })}
            </a>
          </li>
        )}
        <li>
          <a class="kern-link" href="/studio/rechner/kita-beitrag">
            {t('studio.calculator')}
          </a>
        </li>
      </ul>
      {!municipality && isRegionAdmin && <p class="kern-body--small">{t('studio.chooseMunicipality')}</p>}
    </StudioLayout>
  );
}

export function TemplatesPage({
  ctx,
  templates,
  problems = [],
  values = {},
}: {
  ctx: PageContext;
  templates: TemplateSummary[];
  problems?: DefinitionProblem[];
  values?: ContentForm;
}) {
  const { t } = ctx;
  const errors = problemsByInput(t, problems);
  return (
    <StudioLayout ctx={ctx} title={t('studio.templates')}>
      <Summary t={t} problems={problems} />
      <h1 class="kern-heading-large">{t('studio.templates')}</h1>
      <table class="kern-table">
        <caption class="kern-sr-only">{t('studio.templates')}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">
              {t('studio.title')}
            </th>
            <th class="kern-table__header" scope="col">
              {t('studio.published')}
            </th>
            <th class="kern-table__header" scope="col">
              {t('studio.draft')}
            </th>
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {templates.map((tp) => (
            <tr class="kern-table__row" key={tp.id}>
              <td class="kern-table__cell">
                <a class="kern-link" href={`/studio/vorlagen/${tp.id}`}>
                  {tp.title}
                </a>
              </td>
              <td class="kern-table__cell">{tp.published ? t('service.version', { version: tp.published }) : '–'}</td>
              <td class="kern-table__cell">{tp.draft ? t('service.version', { version: tp.draft }) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="kern-body">
        <a class="kern-link" href="/studio/vorlagen/import">
          {t('studio.import.link')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('studio.newTemplate')}</h2>
      <form method="post" action="/studio/vorlagen" class="stack" id="in-top" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div id="in-title_de">
          <TextInput id="new-title" name="title" label={t('studio.title')} value={String(values.title ?? '')} error={errors.title_de} required />
        </div>
        <div id="in-slug">
          <TextInput
            id="new-slug"
            name="slug"
            label={t('studio.slug')}
            hint={t('studio.slugHint')}
            value={String(values.slug ?? '')}
            error={errors.slug}
            required
          />
        </div>
        <SubmitButton>{t('studio.create')}</SubmitButton>
      </form>
    </StudioLayout>
  );
}

function Checkboxes({ name, legend, options, checked }: { name: string; legend: string; options: Array<[string, string]>; checked: string[] }) {
  return (
    <fieldset class="kern-fieldset" id={`in-${name}`}>
      <legend class="kern-label">{legend}</legend>
      <div class="kern-fieldset__body kern-fieldset__body--horizontal">
        {options.map(([value, label]) => (
          <div class="kern-form-check" key={value}>
            <input class="kern-form-check__checkbox" type="checkbox" id={`${name}-${value}`} name={name} value={value} checked={checked.includes(value)} />
            <label class="kern-label" for={`${name}-${value}`}>
              {label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Texts, keywords and fee rules of a template or own service; the form has its own editor. */
export function ContentPage(props: {
  ctx: PageContext;
  heading: string;
  action: string;
  values: ContentForm;
  problems?: DefinitionProblem[];
  notice?: string;
  links: Array<[string, string]>;
  publish?: { action: string; label: string };
  status: string;
  /** The form of the content, to name a problem's place in it by its steps' and fields' titles. */
  form?: FormDefinition;
}) {
  const { ctx, values } = props;
  const { t } = ctx;
  const problems = props.problems ?? [];
  const errors = problemsByInput(t, problems, props.form);
  const v = (k: string) => String(values[k] ?? '');
  return (
    <StudioLayout ctx={ctx} title={props.heading}>
      <Summary t={t} problems={problems} form={props.form} />
      {props.notice && <Alert kind="success" title={props.notice} />}
      <h1 class="kern-heading-large">{props.heading}</h1>
      <p class="kern-body">{props.status}</p>
      <ul class="kern-list kern-list--horizontal">
        {props.links.map(([href, label]) => (
          <li key={href}>
            <a class="kern-link" href={href}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <form method="post" action={props.action} class="stack" id="in-top" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {TEXT_KEYS.map((key) => (
          <fieldset class="kern-fieldset" key={key}>
            <legend class="kern-label">{t(`studio.text.${key}`)}</legend>
            <div id={`in-${key}_de`}>
              {key === 'title' ? (
                <TextInput id={`f-${key}_de`} name={`${key}_de`} label={t('studio.german')} value={v(`${key}_de`)} error={errors[`${key}_de`]} required />
              ) : (
                <TextArea
                  id={`f-${key}_de`}
                  name={`${key}_de`}
                  label={t('studio.german')}
                  value={v(`${key}_de`)}
                  error={errors[`${key}_de`]}
                  required={key !== 'feeNotes'}
                />
              )}
            </div>
            <div id={`in-${key}_en`}>
              {key === 'title' ? (
                <TextInput id={`f-${key}_en`} name={`${key}_en`} label={t('studio.english')} value={v(`${key}_en`)} error={errors[`${key}_en`]} />
              ) : (
                <TextArea id={`f-${key}_en`} name={`${key}_en`} label={t('studio.english')} value={v(`${key}_en`)} error={errors[`${key}_en`]} />
              )}
            </div>
          </fieldset>
        ))}
        <div id="in-documents">
          <TextArea
            id="f-documents"
            name="documents"
            label={t('studio.documents')}
            hint={t('studio.onePerLine')}
            value={v('documents')}
            error={errors.documents}
          />
        </div>
        <div id="in-keywords">
          <TextInput
            id="f-keywords"
            name="keywords"
            label={t('studio.keywords')}
            hint={t('studio.commaSeparated')}
            value={v('keywords')}
            error={errors.keywords}
          />
        </div>
        <div id="in-synonyms">
          <TextInput
            id="f-synonyms"
            name="synonyms"
            label={t('studio.synonyms')}
            hint={t('studio.commaSeparated')}
            value={v('synonyms')}
            error={errors.synonyms}
          />
        </div>
        <Checkboxes
          name="lifeSituations"
          legend={t('studio.lifeSituations')}
          options={LIFE_SITUATIONS.map((l) => [l, t(`lifeSituation.${l}` as never)])}
          checked={Array.isArray(values.lifeSituations) ? values.lifeSituations : values.lifeSituations ? [values.lifeSituations] : []}
        />
        {errors.lifeSituations && <p class="kern-error">{errors.lifeSituations}</p>}
        <div id="in-leikaKey">
          <TextInput
            id="f-leikaKey"
            name="leikaKey"
            label={t('service.leikaKey')}
            hint={t('studio.leikaHint')}
            value={v('leikaKey')}
            error={errors.leikaKey}
            inputMode="numeric"
            maxLength={14}
          />
        </div>
        <div id="in-retentionYears">
          <TextInput
            id="f-retentionYears"
            name="retentionYears"
            label={t('studio.retentionYears')}
            value={v('retentionYears')}
            error={errors.retentionYears}
            inputMode="numeric"
            required
          />
        </div>
        <div id="in-feeRules">
          <TextArea
            id="f-feeRules"
            name="feeRules"
            label={t('studio.feeRules')}
            hint={t('studio.feeRulesHint')}
            value={v('feeRules')}
            error={errors.feeRules}
          />
        </div>
        {errors.form && (
          <div id="in-form">
            <Alert kind="danger" title={t('studio.formProblem')}>
              <p class="kern-body">{errors.form}</p>
            </Alert>
          </div>
        )}
        <SubmitButton>{t('studio.saveDraft')}</SubmitButton>
      </form>
      {props.publish && (
        <form method="post" action={props.publish.action} class="stack">
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton variant="secondary">{props.publish.label}</SubmitButton>
        </form>
      )}
    </StudioLayout>
  );
}

/** A described version, worded in the page's language, with amounts in the organization's currency. */
function partsText(ctx: PageContext, currency: Currency, parts: Part[] | undefined): string {
  return (parts ?? [])
    .map((p) => ('value' in p ? p.value : 'perUnit' in p ? `${formatMoney(p.perUnit, currency, ctx.locale)} ${ctx.t('fees.perUnit')}` : ctx.t(p.key, p.params)))
    .join('; ');
}

function ChangesList({ ctx, currency, changes }: { ctx: PageContext; currency: Currency; changes: Change[] }) {
  const { t } = ctx;
  if (changes.length === 0) return <p class="kern-body">{t('studio.noChanges')}</p>;
  return (
    <table class="kern-table diff-table">
      <caption class="kern-sr-only">{t('studio.changes')}</caption>
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th class="kern-table__header" scope="col">
            {t('studio.change.what')}
          </th>
          <th class="kern-table__header" scope="col">
            {t('studio.change.kind')}
          </th>
          <th class="kern-table__header" scope="col">
            {t('studio.change.before')}
          </th>
          <th class="kern-table__header" scope="col">
            {t('studio.change.after')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {changes.map((c, i) => (
          <tr class="kern-table__row" key={i}>
            <th class="kern-table__header" scope="row">
              {t(c.subject.key, c.subject.params)}
            </th>
            <td class="kern-table__cell">{t(`studio.change.${c.kind}`)}</td>
            <td class="kern-table__cell">
              <del>{partsText(ctx, currency, c.before)}</del>
            </td>
            <td class="kern-table__cell">
              <ins>{partsText(ctx, currency, c.after)}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChangesPage({
  ctx,
  heading,
  from,
  to,
  changes,
  currency,
  accept,
  back,
}: {
  ctx: PageContext;
  heading: string;
  from: number;
  to: number;
  changes: Change[];
  currency: Currency;
  accept?: string;
  back: string;
}) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={heading}>
      <h1 class="kern-heading-large">{heading}</h1>
      <p class="kern-body">{t('studio.changesBetween', { from, to })}</p>
      <ChangesList ctx={ctx} currency={currency} changes={changes} />
      {accept && (
        <form method="post" action={accept} class="stack">
          <CsrfField token={ctx.csrfToken} />
          <p class="kern-body">{t('studio.acceptExplain')}</p>
          <SubmitButton>{t('studio.accept', { version: to })}</SubmitButton>
        </form>
      )}
      <p class="kern-body">
        <a class="kern-link" href={back}>
          {t('studio.back')}
        </a>
      </p>
    </StudioLayout>
  );
}
