import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { DefinitionProblem } from '../../forms/index.ts';
import { LIFE_SITUATIONS, type FeeRule, type PendingUpdate, type TemplateSummary } from '../../services/index.ts';
import type { Change } from '../../services/diff.ts';
import { inputOf, TEXT_KEYS, type ContentForm } from '../studio.ts';

type Errors = Record<string, string>;

/** Problems keyed by input name (the first one per input), plus the summary linking to each input. */
export function problemsByInput(problems: DefinitionProblem[]): Errors {
  const errors: Errors = {};
  for (const p of problems) {
    const input = inputOf(p.path) || '_';
    if (!errors[input]) errors[input] = p.path && !p.path.startsWith(`/${input}`) ? `${p.message} (${p.path})` : p.message;
  }
  return errors;
}

function Summary({ t, problems }: { t: Translate; problems: DefinitionProblem[] }) {
  return (
    <ErrorSummary t={t} errors={problems.map((p) => ({ href: `#in-${inputOf(p.path) || 'top'}`, text: p.path ? `${p.path}: ${p.message}` : p.message }))} />
  );
}

function StudioLayout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} area="studio">
      <nav aria-label={ctx.t('studio.nav')} class="studio-nav">
        <ul class="kern-list kern-list--horizontal">
          <li>
            <a class="kern-link" href="/studio/">
              {ctx.t('studio.home')}
            </a>
          </li>
        </ul>
      </nav>
      {children}
    </Layout>
  );
}

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
  const errors = problemsByInput(problems);
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
}) {
  const { ctx, values } = props;
  const { t } = ctx;
  const problems = props.problems ?? [];
  const errors = problemsByInput(problems);
  const v = (k: string) => String(values[k] ?? '');
  return (
    <StudioLayout ctx={ctx} title={props.heading}>
      <Summary t={t} problems={problems} />
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

export function ChangesList({ t, changes }: { t: Translate; changes: Change[] }) {
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
              {c.subject}
            </th>
            <td class="kern-table__cell">{t(`studio.change.${c.kind}`)}</td>
            <td class="kern-table__cell">
              <del>{c.before ?? ''}</del>
            </td>
            <td class="kern-table__cell">
              <ins>{c.after ?? ''}</ins>
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
  accept,
  back,
}: {
  ctx: PageContext;
  heading: string;
  from: number;
  to: number;
  changes: Change[];
  accept?: string;
  back: string;
}) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={heading}>
      <h1 class="kern-heading-large">{heading}</h1>
      <p class="kern-body">{t('studio.changesBetween', { from, to })}</p>
      <ChangesList t={t} changes={changes} />
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

export interface ServiceListItem {
  id: string;
  slug: string;
  title: string;
  version: number;
  own: boolean;
  templateVersion: number | null;
}

export function ServicesPage({
  ctx,
  municipality,
  slug,
  services,
  pending,
  adoptable,
  problems = [],
  values = {},
  notice,
}: {
  ctx: PageContext;
  municipality: string;
  slug: string;
  services: ServiceListItem[];
  pending: PendingUpdate[];
  adoptable: TemplateSummary[];
  problems?: DefinitionProblem[];
  values?: ContentForm;
  notice?: string;
}) {
  const { t } = ctx;
  const errors = problemsByInput(problems);
  return (
    <StudioLayout ctx={ctx} title={t('studio.services', { municipality })}>
      <Summary t={t} problems={problems} />
      {notice && <Alert kind="success" title={notice} />}
      <h1 class="kern-heading-large">{t('studio.services', { municipality })}</h1>
      {pending.length > 0 && (
        <section aria-labelledby="pending">
          <h2 class="kern-heading-medium" id="pending">
            {t('studio.pending')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {pending.map((p) => (
              <li key={p.serviceId}>
                <a class="kern-link" href={`/studio/leistungen/${p.serviceId}/aktualisierung`}>
                  {t('studio.pendingItem', { title: p.title, current: p.current, latest: p.latest })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="offered">
        <h2 class="kern-heading-medium" id="offered">
          {t('studio.offered')}
        </h2>
        <table class="kern-table">
          <caption class="kern-sr-only">{t('studio.offered')}</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">
                {t('studio.title')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('studio.origin')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('studio.version')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('studio.actions')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {services.map((s) => (
              <tr class="kern-table__row" key={s.id}>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/${slug}/leistungen/${s.slug}`}>
                    {s.title}
                  </a>
                </td>
                <td class="kern-table__cell">{s.own ? t('studio.own') : t('studio.fromTemplate', { version: s.templateVersion ?? 0 })}</td>
                <td class="kern-table__cell">{s.version}</td>
                <td class="kern-table__cell">
                  <a class="kern-link" href={`/studio/leistungen/${s.id}`}>
                    {t('studio.localDetails')}
                    <span class="kern-sr-only"> – {s.title}</span>
                  </a>
                  {s.own && (
                    <>
                      {' '}
                      ·{' '}
                      <a class="kern-link" href={`/studio/leistungen/${s.id}/inhalt`}>
                        {t('studio.content')}
                        <span class="kern-sr-only"> – {s.title}</span>
                      </a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {adoptable.length > 0 && (
        <section aria-labelledby="adopt">
          <h2 class="kern-heading-medium" id="adopt">
            {t('studio.adopt')}
          </h2>
          <form method="post" action="/studio/leistungen/uebernehmen" class="stack" id="in-template" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <div class="kern-form-input">
              <label class="kern-label" for="f-template">
                {t('studio.template')}
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id="f-template" name="template">
                  {adoptable.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.title}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div id="in-adoptSlug">
              <TextInput
                id="f-adoptSlug"
                name="adoptSlug"
                label={t('studio.slug')}
                hint={t('studio.adoptSlugHint')}
                value={String(values.adoptSlug ?? '')}
                error={errors.adoptSlug}
              />
            </div>
            <SubmitButton>{t('studio.adoptButton')}</SubmitButton>
          </form>
        </section>
      )}
      <section aria-labelledby="own">
        <h2 class="kern-heading-medium" id="own">
          {t('studio.newOwn')}
        </h2>
        <form method="post" action="/studio/leistungen/eigene" class="stack" id="in-top" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div id="in-title_de">
            <TextInput id="own-title" name="title" label={t('studio.title')} value={String(values.title ?? '')} error={errors.title_de} required />
          </div>
          <div id="in-slug">
            <TextInput
              id="own-slug"
              name="slug"
              label={t('studio.slug')}
              hint={t('studio.slugHint')}
              value={String(values.slug ?? '')}
              error={errors.slug}
              required
            />
          </div>
          <SubmitButton variant="secondary">{t('studio.create')}</SubmitButton>
        </form>
      </section>
    </StudioLayout>
  );
}

export function LocalPage({
  ctx,
  title,
  action,
  values,
  overridable,
  currency,
  problems = [],
  notice,
  links,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  values: ContentForm;
  overridable: FeeRule[];
  currency: string;
  problems?: DefinitionProblem[];
  notice?: string;
  links: Array<[string, string]>;
}) {
  const { t } = ctx;
  const errors = problemsByInput(problems);
  const v = (k: string) => String(values[k] ?? '');
  return (
    <StudioLayout ctx={ctx} title={title}>
      <Summary t={t} problems={problems} />
      {notice && <Alert kind="success" title={notice} />}
      <h1 class="kern-heading-large">{title}</h1>
      <ul class="kern-list kern-list--horizontal">
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="kern-link" href={href}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <form method="post" action={action} class="stack" id="in-top" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div id="in-office_de">
          <TextInput id="f-office_de" name="office_de" label={t('service.office')} value={v('office_de')} error={errors.office_de} required />
        </div>
        <div id="in-office_en">
          <TextInput id="f-office_en" name="office_en" label={`${t('service.office')} (${t('studio.english')})`} value={v('office_en')} />
        </div>
        <div id="in-email">
          <TextInput id="f-email" name="email" type="email" label={t('service.email')} value={v('email')} error={errors.email} required />
        </div>
        <div id="in-phone">
          <TextInput id="f-phone" name="phone" type="tel" label={t('service.phone')} value={v('phone')} error={errors.phone} />
        </div>
        <div id="in-address">
          <TextInput id="f-address" name="address" label={t('service.address')} value={v('address')} error={errors.address} />
        </div>
        <div id="in-hours_de">
          <TextArea id="f-hours_de" name="hours_de" label={t('service.hours')} value={v('hours_de')} error={errors.hours_de} />
        </div>
        <div id="in-hours_en">
          <TextArea id="f-hours_en" name="hours_en" label={`${t('service.hours')} (${t('studio.english')})`} value={v('hours_en')} />
        </div>
        <div id="in-notes_de">
          <TextArea id="f-notes_de" name="notes_de" label={t('service.localNotes')} value={v('notes_de')} error={errors.notes_de} />
        </div>
        <div id="in-notes_en">
          <TextArea id="f-notes_en" name="notes_en" label={`${t('service.localNotes')} (${t('studio.english')})`} value={v('notes_en')} />
        </div>
        {overridable.map((r) => (
          <div id={`in-fee_${r.id}`} key={r.id}>
            <TextInput
              id={`f-fee_${r.id}`}
              name={`fee_${r.id}`}
              label={t('studio.localFee', { label: r.label.de })}
              hint={t('studio.localFeeHint', { amount: r.unitMinor !== undefined ? (r.unitMinor / 100).toFixed(2).replace('.', ',') : '–', currency })}
              value={v(`fee_${r.id}`)}
              error={errors[`fee_${r.id}`]}
              inputMode="decimal"
            />
          </div>
        ))}
        <SubmitButton>{t('studio.saveAndPublish')}</SubmitButton>
      </form>
    </StudioLayout>
  );
}

export interface ImportReport {
  templateId: string;
  title: string;
  standard: string;
  steps: number;
  fields: number;
  notes: Array<{ path: string; message: string }>;
}

/** Upload of a FIM XDatenfelder file; after the import, what was taken over and what could not be. */
export function ImportPage({ ctx, error, slug, report }: { ctx: PageContext; error?: string; slug?: string; report?: ImportReport }) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={t('studio.import.title')}>
      <ErrorSummary t={t} errors={error ? [{ href: '#f-datei', text: error }] : []} />
      <h1 class="kern-heading-large">{t('studio.import.title')}</h1>
      {report ? (
        <>
          <Alert kind="success" title={t('studio.import.done', { title: report.title, standard: report.standard })}>
            <p class="kern-body">{t('studio.import.counts', { steps: report.steps, fields: report.fields })}</p>
          </Alert>
          <h2 class="kern-heading-medium">{t('studio.import.notes', { count: report.notes.length })}</h2>
          {report.notes.length > 0 && (
            <ul class="kern-list kern-list--bullet">
              {report.notes.map((n, i) => (
                <li key={i}>
                  <strong>{n.path}</strong>: {n.message}
                </li>
              ))}
            </ul>
          )}
          <p class="kern-body">
            <a class="kern-link" href={`/studio/vorlagen/${report.templateId}`}>
              {t('studio.import.open')}
            </a>
          </p>
        </>
      ) : (
        <form method="post" action="/studio/vorlagen/import" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <p class="kern-body">{t('studio.import.intro')}</p>
          <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="f-datei">
              {t('studio.import.file')}
            </label>
            {error && (
              <p class="kern-error" id="f-datei-error">
                {error}
              </p>
            )}
            <input
              class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
              type="file"
              id="f-datei"
              name="datei"
              accept=".xml,application/xml,text/xml"
              aria-describedby={error ? 'f-datei-error' : undefined}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
          <TextInput id="f-slug" name="slug" label={t('studio.slug')} hint={t('studio.slugHint')} value={slug ?? ''} required />
          <SubmitButton>{t('studio.import.submit')}</SubmitButton>
        </form>
      )}
    </StudioLayout>
  );
}
