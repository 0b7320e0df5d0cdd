// The remedy settings: the municipality's Rechtsbehelfsbelehrung, the services that differ, and the form for one.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Alert, ChoiceGroup, CsrfField, DataTable, ErrorSummary, fieldSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type Remedy, type RemedyErrors, type RemedyField, type RemedyInput, type RemedyKind, remedyMessage } from '../decisions.ts';

const kindLabel = (ctx: PageContext, kind: RemedyKind) => ctx.t(`decisions.remedy.kind.${kind}` as MessageKey);
const remedyText = (ctx: PageContext, remedy: Remedy) => {
  const m = remedyMessage(remedy);
  return ctx.t(m.key, m.params);
};

export function RemediesPage({
  ctx,
  municipality,
  remedy,
  services,
  notice,
}: {
  ctx: PageContext;
  municipality: string;
  remedy: Remedy;
  services: Array<{ id: string; title: string; remedy: Remedy }>;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('decisions.settings.title')} area="backoffice">
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('decisions.settings.title')}</h1>
      <p class="kern-body">{t('decisions.settings.intro')}</p>
      <section aria-labelledby="remedy-municipality" class="stack">
        <h2 class="kern-heading-medium" id="remedy-municipality">
          {t('decisions.settings.municipality')}: {municipality}
        </h2>
        <RemedySummary ctx={ctx} remedy={remedy} />
        <p>
          <a class="kern-btn kern-btn--secondary" href="/verwaltung/rechtsbehelfe/kommune">
            <span class="kern-label">{t('decisions.settings.edit')}</span>
          </a>
        </p>
      </section>
      {services.length > 0 && (
        <section aria-labelledby="remedy-services">
          <h2 class="kern-heading-medium" id="remedy-services">
            {t('decisions.settings.services')}
          </h2>
          <DataTable
            caption={t('decisions.settings.services')}
            headers={[
              t('decisions.settings.col.service'),
              t('decisions.settings.col.remedy'),
              t('decisions.settings.col.authority'),
              t('decisions.settings.col.source'),
            ]}
            rows={services.map((s) => ({
              key: s.id,
              cells: [
                <a class="kern-link" href={`/verwaltung/rechtsbehelfe/${s.id}`} aria-label={t('decisions.settings.editFor', { name: s.title })}>
                  {s.title}
                </a>,
                kindLabel(ctx, s.remedy.kind),
                s.remedy.authority,
                t(`decisions.settings.source.${s.remedy.source}` as MessageKey),
              ],
            }))}
          />
        </section>
      )}
    </Layout>
  );
}

function RemedySummary({ ctx, remedy }: { ctx: PageContext; remedy: Remedy }) {
  const { t } = ctx;
  return (
    <>
      <dl class="kern-description-list">
        {(
          [
            [t('decisions.settings.kind'), kindLabel(ctx, remedy.kind)],
            [t('decisions.settings.authority'), remedy.authority],
            [t('decisions.settings.address'), remedy.address],
            [t('decisions.settings.deadline'), remedy.deadline],
            [t('decisions.settings.col.source'), t(`decisions.settings.source.${remedy.source}` as MessageKey)],
          ] as const
        ).map(([key, value]) => (
          <div class="kern-description-list-item" key={key}>
            <dt class="kern-description-list-item__key">{key}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 class="kern-heading-small">{t('decisions.settings.preview')}</h3>
      <p class="kern-body remedy-preview">{remedyText(ctx, remedy)}</p>
    </>
  );
}

export function RemedyEditPage({
  ctx,
  action,
  heading,
  kinds,
  remedy,
  values,
  errors = {},
  canReset,
}: {
  ctx: PageContext;
  action: string;
  heading: string;
  kinds: RemedyKind[];
  remedy: Remedy;
  values?: RemedyInput;
  errors?: RemedyErrors;
  canReset: boolean;
}) {
  const { t } = ctx;
  const v: RemedyInput = values ?? remedy;
  const ids: Record<RemedyField, string> = { kind: 'f-kind-0', authority: 'f-authority', address: 'f-address', deadline: 'f-deadline' };
  const text = (field: RemedyField) => (errors[field] ? t(errors[field]!.key, errors[field]!.params) : undefined);
  return (
    <Layout
      ctx={ctx}
      title={`${Object.keys(errors).length ? `${t('errors.titlePrefix')} ` : ''}${t('decisions.settings.editTitle')}: ${heading}`}
      area="backoffice"
    >
      <ErrorSummary t={t} errors={fieldSummary(ids, errors, (e) => t(e.key, e.params))} />
      <p>
        <a class="kern-link" href="/verwaltung/rechtsbehelfe">
          {t('decisions.settings.back')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        {t('decisions.settings.editTitle')}: {heading}
      </h1>
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ChoiceGroup
          id="f-kind"
          name="kind"
          legend={t('decisions.settings.kind')}
          options={kinds.map((k) => ({ value: k, label: kindLabel(ctx, k) }))}
          chosen={v.kind ? [v.kind] : []}
          error={text('kind')}
        />
        <TextInput
          id="f-authority"
          name="authority"
          label={t('decisions.settings.authority')}
          hint={t('decisions.settings.authorityHint')}
          value={v.authority}
          error={text('authority')}
          required
        />
        <TextInput
          id="f-address"
          name="address"
          label={t('decisions.settings.address')}
          hint={t('decisions.settings.addressHint')}
          value={v.address}
          error={text('address')}
          required
        />
        <TextInput
          id="f-deadline"
          name="deadline"
          label={t('decisions.settings.deadline')}
          hint={t('decisions.settings.deadlineHint')}
          value={v.deadline}
          error={text('deadline')}
          required
        />
        <SubmitButton>{t('decisions.settings.save')}</SubmitButton>
      </form>
      {canReset && (
        <form method="post" action={`${action}/zuruecksetzen`}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton variant="secondary">{t('decisions.settings.reset')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}
