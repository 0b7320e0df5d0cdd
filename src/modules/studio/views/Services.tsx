// The municipality's services in the studio: adopt templates, define its own, and its local details and fees.
import { type Currency, formatNumber } from '../../../platform/i18n/format.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { Alert, type ChoiceOption, CsrfField, ScrollRegion, SelectInput, SubmitButton, TextArea, TextInput } from '../../../platform/views/components.tsx';
import type { DefinitionProblem } from '../../forms/index.ts';
import type { FeeRule, PendingUpdate, TemplateSummary } from '../../services/index.ts';
import type { ContentForm } from '../studio.ts';
import { problemsByInput, StudioLayout, Summary } from './shared.tsx';

interface ServiceListItem {
  id: string;
  slug: string;
  title: string;
  version: number;
  own: boolean;
  templateVersion: number | null;
  published: boolean;
  /** What a draft still lacks before it can be published. */
  missing: DefinitionProblem[];
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
  const errors = problemsByInput(t, problems);
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
        <ScrollRegion class="studio-table" label={t('studio.offeredTable')}>
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
                  {t('studio.state')}
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
                    {s.published ? (
                      <a class="kern-link" href={`/${slug}/leistungen/${s.slug}`}>
                        {s.title}
                      </a>
                    ) : (
                      s.title
                    )}
                  </td>
                  <td class="kern-table__cell">{s.own ? t('studio.own') : t('studio.fromTemplate', { version: s.templateVersion ?? 0 })}</td>
                  <td class="kern-table__cell">{s.version}</td>
                  <td class="kern-table__cell">
                    <ServiceState t={t} published={s.published} missing={s.missing} />
                  </td>
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
        </ScrollRegion>
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

/** Whether citizens see the service; for a draft, what is still missing (or that it is ready to publish). */
function ServiceState({ t, published, missing }: { t: PageContext['t']; published: boolean; missing: DefinitionProblem[] }) {
  if (published) return <span class="kern-badge kern-badge--success">{t('studio.statePublished')}</span>;
  return (
    <>
      <span class="kern-badge kern-badge--warning">{t('studio.stateDraft')}</span>
      {missing.length > 0 ? (
        <>
          <p class="kern-body--small">{t('studio.missingIntro')}</p>
          <ul class="kern-list kern-list--bullet kern-body--small">
            {missing.map((m) => (
              <li key={m.path}>{t(m.key, m.params)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p class="kern-body--small">{t('studio.readyToPublish')}</p>
      )}
    </>
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
  draft,
  workflows = [],
}: {
  ctx: PageContext;
  title: string;
  action: string;
  values: ContentForm;
  overridable: FeeRule[];
  currency: Currency;
  problems?: DefinitionProblem[];
  notice?: string;
  links: Array<[string, string]>;
  /** A service not yet public: what it lacks and where to publish it. */
  draft?: { missing: DefinitionProblem[]; publish: string };
  /** The municipality's workflows the service may follow. */
  workflows?: ChoiceOption[];
}) {
  const { t } = ctx;
  const errors = problemsByInput(t, problems);
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
      {draft && (
        <section aria-labelledby="draft-state" class="draft-state">
          <h2 class="kern-heading-medium" id="draft-state">
            {t('studio.draftHeading')}
          </h2>
          <p class="kern-body">{t('studio.draftIntro')}</p>
          <ServiceState t={t} published={false} missing={draft.missing} />
          <form method="post" action={draft.publish} class="stack">
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">{t('studio.publishService')}</SubmitButton>
          </form>
        </section>
      )}
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
        {workflows.length > 0 && (
          <div id="in-workflow">
            <SelectInput
              id="f-workflow"
              name="workflow"
              label={t('workflows.service.label')}
              hint={t('workflows.service.hint')}
              value={v('workflow')}
              error={errors.workflow}
              options={workflows}
            />
          </div>
        )}
        {overridable.map((r) => (
          <div id={`in-fee_${r.id}`} key={r.id}>
            <TextInput
              id={`f-fee_${r.id}`}
              name={`fee_${r.id}`}
              label={t('studio.localFee', { label: r.label.de })}
              hint={t('studio.localFeeHint', {
                amount: r.unitMinor !== undefined ? formatNumber(r.unitMinor / 100, ctx.locale, { currency }, { min: 2, max: 2 }) : '–',
                currency,
              })}
              value={v(`fee_${r.id}`)}
              error={errors[`fee_${r.id}`]}
              inputMode="decimal"
            />
          </div>
        ))}
        <SubmitButton>{draft ? t('studio.saveDraft') : t('studio.saveAndPublish')}</SubmitButton>
      </form>
    </StudioLayout>
  );
}
