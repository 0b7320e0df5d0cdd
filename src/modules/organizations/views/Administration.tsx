// The region admin's pages: the list of the region's municipalities, the form to add one, and one municipality
// with its master data, portal colours, logo and status.
import { formatNumber } from '../../../platform/i18n/format.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { FieldShell } from '../../../platform/views/field-shell.tsx';
import { Alert, ChoiceGroup, CsrfField, DataTable, ErrorSummary, fieldSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { ColorValues, ContrastCheck, Errors, MunicipalityField, MunicipalityValues, Problem } from '../administration.ts';
import { CURRENCIES } from '../rules.ts';

export interface MunicipalityItem {
  id: string;
  name: string;
  slug: string;
  officialKey: string;
  active: boolean;
}

export interface RegionInfo {
  name: string;
  country: 'DE' | 'CH';
  officialKey: string;
}

const BASE = '/verwaltung/organisationen';

/** A refused value's message, with the figures in it written the way the page's language writes them. */
export function messageOf(ctx: PageContext, problem: Problem): string {
  const params = Object.fromEntries(
    Object.entries(problem.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v, ctx.locale, {}, { max: 2 }) : v]),
  );
  return ctx.t(problem.key, params);
}

const FIELD_IDS: Record<string, string> = {
  name: 'f-name',
  slug: 'f-slug',
  officialKey: 'f-key',
  prefix: 'f-prefix',
  address: 'f-address',
  email: 'f-email',
  phone: 'f-phone',
  website: 'f-website',
  timeZone: 'f-timezone',
  currency: 'f-currency-0',
  primary: 'f-primary',
  text: 'f-text',
  logo: 'f-logo',
};

const summaryOf = (ctx: PageContext, errors: Partial<Record<string, Problem>>) => fieldSummary(FIELD_IDS, errors, (p: Problem) => messageOf(ctx, p));

const statusLabel = (ctx: PageContext, active: boolean) => ctx.t(active ? 'organizations.status.active' : 'organizations.status.inactive');

export function MunicipalitiesPage({
  ctx,
  region,
  municipalities,
  notice,
}: {
  ctx: PageContext;
  region: RegionInfo;
  municipalities: MunicipalityItem[];
  notice?: MessageKey;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('organizations.list.title')} area="backoffice">
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">
        {t('organizations.list.title')} – {region.name}
      </h1>
      <p class="kern-body">{t('organizations.list.intro')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href={`${BASE}/neu`}>
          <span class="kern-label">{t('organizations.list.add')}</span>
        </a>
      </p>
      {municipalities.length === 0 ? (
        <p class="kern-body">{t('organizations.list.empty')}</p>
      ) : (
        <DataTable
          caption={`${t('organizations.list.title')} – ${region.name}`}
          headers={[t('organizations.col.name'), t('organizations.col.slug'), t('organizations.col.key'), t('organizations.col.status')]}
          rows={municipalities.map((m) => ({
            key: m.id,
            cells: [
              <a class="kern-link" href={`${BASE}/${m.id}`}>
                {m.name}
              </a>,
              `/${m.slug}/`,
              m.officialKey,
              statusLabel(ctx, m.active),
            ],
          }))}
        />
      )}
    </Layout>
  );
}

/** The master-data fields, the same for adding and editing. */
function MunicipalityFields({
  ctx,
  region,
  values,
  errors,
}: {
  ctx: PageContext;
  region: RegionInfo;
  values: MunicipalityValues;
  errors: Errors<MunicipalityField>;
}) {
  const { t } = ctx;
  const err = (f: MunicipalityField) => (errors[f] ? messageOf(ctx, errors[f]!) : undefined);
  const de = region.country === 'DE';
  return (
    <>
      <TextInput
        id="f-name"
        name="name"
        label={t('organizations.field.name')}
        hint={t('organizations.field.nameHint')}
        value={values.name}
        error={err('name')}
        required
        autocomplete="off"
      />
      <TextInput
        id="f-slug"
        name="slug"
        label={t('organizations.field.slug')}
        hint={t('organizations.field.slugHint')}
        value={values.slug}
        error={err('slug')}
        required
        autocomplete="off"
      />
      <TextInput
        id="f-key"
        name="officialKey"
        label={t(de ? 'organizations.field.keyDE' : 'organizations.field.keyCH')}
        hint={de ? t('organizations.field.keyHintDE', { region: region.officialKey }) : t('organizations.field.keyHintCH')}
        value={values.officialKey}
        error={err('officialKey')}
        required
        inputMode="numeric"
        autocomplete="off"
      />
      <TextInput
        id="f-prefix"
        name="prefix"
        label={t('organizations.field.prefix')}
        hint={t('organizations.field.prefixHint')}
        value={values.prefix}
        error={err('prefix')}
        required
        autocomplete="off"
      />
      <fieldset class="kern-fieldset">
        <legend class="kern-label">{t('organizations.field.contact')}</legend>
        <div class="kern-fieldset__body stack">
          <TextInput id="f-address" name="address" label={t('organizations.field.address')} value={values.address} error={err('address')} autocomplete="off" />
          <TextInput
            id="f-email"
            name="email"
            type="email"
            label={t('organizations.field.email')}
            value={values.email}
            error={err('email')}
            autocomplete="off"
          />
          <TextInput id="f-phone" name="phone" type="tel" label={t('organizations.field.phone')} value={values.phone} error={err('phone')} autocomplete="off" />
          <TextInput
            id="f-website"
            name="website"
            type="url"
            label={t('organizations.field.website')}
            hint={t('organizations.field.websiteHint')}
            value={values.website}
            error={err('website')}
            autocomplete="off"
          />
        </div>
      </fieldset>
      <TextInput
        id="f-timezone"
        name="timeZone"
        label={t('organizations.field.timeZone')}
        hint={t('organizations.field.timeZoneHint')}
        value={values.timeZone}
        error={err('timeZone')}
        required
        autocomplete="off"
      />
      <ChoiceGroup
        id="f-currency"
        name="currency"
        legend={t('organizations.field.currency')}
        options={CURRENCIES.map((c) => ({ value: c, label: t(`organizations.currency.${c}`) }))}
        chosen={[values.currency]}
        error={err('currency')}
      />
    </>
  );
}

export function NewMunicipalityPage({
  ctx,
  region,
  values,
  errors = {},
}: {
  ctx: PageContext;
  region: RegionInfo;
  values: MunicipalityValues;
  errors?: Errors<MunicipalityField>;
}) {
  const { t } = ctx;
  const failed = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={`${failed ? `${t('errors.titlePrefix')} ` : ''}${t('organizations.new.title')}`} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      <h1 class="kern-heading-large">{t('organizations.new.title')}</h1>
      <p class="kern-body">{t('organizations.new.intro')}</p>
      <form method="post" action={`${BASE}/neu`} class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <MunicipalityFields ctx={ctx} region={region} values={values} errors={errors} />
        <SubmitButton>{t('organizations.new.submit')}</SubmitButton>
      </form>
      <p>
        <a class="kern-link" href={BASE}>
          {t('organizations.back')}
        </a>
      </p>
    </Layout>
  );
}

export interface MunicipalityView {
  id: string;
  name: string;
  slug: string;
  active: boolean;
  logoUrl: string | null;
  colors: ColorValues;
  contrast: ContrastCheck;
}

export interface PageErrors {
  data?: Errors<MunicipalityField>;
  colors?: Errors<'primary' | 'text'>;
  logo?: Errors<'logo'>;
}

export function MunicipalityPage({
  ctx,
  region,
  municipality: m,
  values,
  colors,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  region: RegionInfo;
  municipality: MunicipalityView;
  /** The master data as stored, or as typed when that form was refused. */
  values: MunicipalityValues;
  /** The colours as stored, or as typed when that form was refused. */
  colors: ColorValues;
  errors?: PageErrors;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  const all = { ...errors.data, ...errors.colors, ...errors.logo };
  const failed = Object.keys(all).length > 0;
  const base = `${BASE}/${m.id}`;
  const colorError = (f: 'primary' | 'text') => (errors.colors?.[f] ? messageOf(ctx, errors.colors[f]!) : undefined);
  const logoError = errors.logo?.logo ? messageOf(ctx, errors.logo.logo) : undefined;
  const ratio = (n: number) => formatNumber(Math.floor(n * 100) / 100, ctx.locale, {}, { max: 2 });
  return (
    <Layout ctx={ctx} title={`${failed ? `${t('errors.titlePrefix')} ` : ''}${m.name}`} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, all)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{m.name}</h1>
      <p class="kern-body">
        {statusLabel(ctx, m.active)}
        {m.active && (
          <>
            {' · '}
            <a class="kern-link" href={`/${m.slug}/`}>
              {t('organizations.page.portal')}
            </a>
          </>
        )}
      </p>

      <section aria-labelledby="data-heading">
        <h2 class="kern-heading-medium" id="data-heading">
          {t('organizations.edit.title')}
        </h2>
        <form method="post" action={base} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <MunicipalityFields ctx={ctx} region={region} values={values} errors={errors.data ?? {}} />
          <SubmitButton>{t('organizations.edit.submit')}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="colors-heading">
        <h2 class="kern-heading-medium" id="colors-heading">
          {t('organizations.colors.title')}
        </h2>
        <p class="kern-body">{t('organizations.colors.intro')}</p>
        <p class="kern-body">
          {t('organizations.colors.current', { textOnPrimary: ratio(m.contrast.textOnPrimary), primaryOnWhite: ratio(m.contrast.primaryOnWhite) })}
        </p>
        <form method="post" action={`${base}/farben`} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id="f-primary"
            name="primary"
            label={t('organizations.colors.primary')}
            hint={t('organizations.colors.primaryHint')}
            value={colors.primary}
            error={colorError('primary')}
            required
            autocomplete="off"
          />
          <TextInput
            id="f-text"
            name="text"
            label={t('organizations.colors.text')}
            hint={t('organizations.colors.textHint')}
            value={colors.text}
            error={colorError('text')}
            required
            autocomplete="off"
          />
          <SubmitButton variant="secondary">{t('organizations.colors.submit')}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="logo-heading">
        <h2 class="kern-heading-medium" id="logo-heading">
          {t('organizations.logo.title')}
        </h2>
        <p class="kern-body">{t('organizations.logo.intro')}</p>
        {m.logoUrl ? (
          <figure class="organization-logo">
            <img src={m.logoUrl} alt={t('organizations.logo.current')} height={80} />
          </figure>
        ) : (
          <p class="kern-body">{t('organizations.logo.none')}</p>
        )}
        <form method="post" action={`${base}/logo`} enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <FieldShell id="f-logo" label={t('organizations.logo.field')} hint={t('organizations.logo.hint')} error={logoError}>
            <input
              class={withError('kern-form-input__input', logoError)}
              type="file"
              id="f-logo"
              name="logo"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={shellDescribedBy('f-logo', { hint: true, error: logoError })}
              aria-invalid={logoError ? 'true' : undefined}
            />
          </FieldShell>
          <SubmitButton variant="secondary">{t('organizations.logo.submit')}</SubmitButton>
        </form>
        {m.logoUrl && (
          <form method="post" action={`${base}/logo/entfernen`}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">{t('organizations.logo.remove')}</SubmitButton>
          </form>
        )}
      </section>

      <section aria-labelledby="state-heading">
        <h2 class="kern-heading-medium" id="state-heading">
          {t('organizations.state.title')}
        </h2>
        <p class="kern-body">{t(m.active ? 'organizations.state.active' : 'organizations.state.inactive')}</p>
        {m.active ? (
          <form method="post" action={`${base}/deaktivieren`} class="stack">
            <p class="kern-body">{t('organizations.state.deactivateHint')}</p>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">{t('organizations.state.deactivate')}</SubmitButton>
          </form>
        ) : (
          <form method="post" action={`${base}/aktivieren`}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">{t('organizations.state.reactivate')}</SubmitButton>
          </form>
        )}
      </section>

      <p>
        <a class="kern-link" href={BASE}>
          {t('organizations.back')}
        </a>
      </p>
    </Layout>
  );
}
