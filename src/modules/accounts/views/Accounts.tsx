// The admin's account pages: the list, the invitation form and one account with its role, access and password link.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import {
  Alert,
  ChoiceGroup,
  CsrfField,
  DataTable,
  ErrorSummary,
  fieldSummary,
  SelectInput,
  SubmitButton,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Errors } from '../administration.ts';
import type { Role } from '../schema.ts';

export interface AccountItem {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationName: string;
  status: 'active' | 'invited' | 'inactive';
}

const roleLabel = (ctx: PageContext, role: Role) => ctx.t(`accounts.role.${role}` as MessageKey);
const statusLabel = (ctx: PageContext, status: AccountItem['status']) => ctx.t(`accounts.status.${status}` as MessageKey);

const summaryOf = (ctx: PageContext, errors: Errors, ids: Partial<Record<keyof Errors, string>>) =>
  fieldSummary(ids as Record<keyof Errors, string>, errors, (key: MessageKey) => ctx.t(key));

export function AccountsPage({ ctx, accounts, notice }: { ctx: PageContext; accounts: AccountItem[]; notice?: MessageKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.list.title')} area="backoffice">
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('accounts.list.title')}</h1>
      <p class="kern-body">{t('accounts.list.intro')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href="/verwaltung/konten/einladen">
          <span class="kern-label">{t('accounts.list.invite')}</span>
        </a>
      </p>
      {accounts.length === 0 ? (
        <p class="kern-body">{t('accounts.list.empty')}</p>
      ) : (
        <DataTable
          caption={t('accounts.list.title')}
          headers={[t('accounts.col.name'), t('accounts.col.email'), t('accounts.col.organization'), t('accounts.col.role'), t('accounts.col.status')]}
          rows={accounts.map((a) => ({
            key: a.id,
            cells: [
              <a class="kern-link" href={`/verwaltung/konten/${a.id}`}>
                {a.name}
              </a>,
              a.email,
              a.organizationName,
              roleLabel(ctx, a.role),
              statusLabel(ctx, a.status),
            ],
          }))}
        />
      )}
    </Layout>
  );
}

export interface InviteValues {
  email?: string;
  name?: string;
  role?: string;
  organization?: string;
}

export function InvitePage({
  ctx,
  organizations,
  roles,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  organizations: Array<{ id: string; name: string }>;
  roles: Role[];
  values?: InviteValues;
  errors?: Errors;
}) {
  const { t } = ctx;
  const ids = { name: 'f-name', email: 'f-email', role: 'f-role', organization: 'f-organization' };
  return (
    <Layout ctx={ctx} title={t('accounts.invite.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors, ids)} />
      <h1 class="kern-heading-large">{t('accounts.invite.title')}</h1>
      <p class="kern-body">{t('accounts.invite.intro')}</p>
      <form method="post" action="/verwaltung/konten/einladen" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput
          id={ids.name}
          name="name"
          label={t('accounts.field.name')}
          value={values.name}
          error={errors.name && t(errors.name)}
          required
          autocomplete="off"
        />
        <TextInput
          id={ids.email}
          name="email"
          type="email"
          label={t('accounts.field.email')}
          value={values.email}
          error={errors.email && t(errors.email)}
          required
          autocomplete="off"
        />
        {organizations.length > 1 && (
          <SelectInput
            id={ids.organization}
            name="organization"
            label={t('accounts.field.organization')}
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            value={values.organization}
            error={errors.organization && t(errors.organization)}
          />
        )}
        {organizations.length === 1 && <input type="hidden" name="organization" value={organizations[0]!.id} />}
        <SelectInput
          id={ids.role}
          name="role"
          label={t('accounts.field.role')}
          options={roles.map((r) => ({ value: r, label: roleLabel(ctx, r) }))}
          value={values.role}
          placeholder=""
          error={errors.role && t(errors.role)}
        />
        <SubmitButton>{t('accounts.invite.submit')}</SubmitButton>
      </form>
      <p>
        <a class="kern-link" href="/verwaltung/konten">
          {t('accounts.account.back')}
        </a>
      </p>
    </Layout>
  );
}

export function AccountPage({
  ctx,
  account,
  roles,
  self,
  errors = {},
  notice,
  caseRoles,
}: {
  ctx: PageContext;
  account: AccountItem;
  roles: Role[];
  self: boolean;
  errors?: Errors;
  notice?: MessageKey;
  /** The roles the municipality's workflows name, and which of them the account holds; none for a region's account. */
  caseRoles?: { available: Array<{ id: string; label: string; workflows: string[] }>; held: string[]; error?: string };
}) {
  const { t } = ctx;
  const base = `/verwaltung/konten/${account.id}`;
  return (
    <Layout ctx={ctx} title={account.name} area="backoffice">
      <ErrorSummary
        t={t}
        errors={[...summaryOf(ctx, errors, { role: 'f-role' }), ...(caseRoles?.error ? [{ href: '#f-case-roles-0', text: caseRoles.error }] : [])]}
      />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{account.name}</h1>
      <p class="kern-body">
        {account.email} · {account.organizationName} · {statusLabel(ctx, account.status)}
      </p>
      <section aria-labelledby="role-heading">
        <h2 class="kern-heading-medium" id="role-heading">
          {t('accounts.account.roleHeading')}
        </h2>
        <form method="post" action={`${base}/rolle`} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectInput
            id="f-role"
            name="role"
            label={t('accounts.field.role')}
            options={roles.map((r) => ({ value: r, label: roleLabel(ctx, r) }))}
            value={account.role}
            error={errors.role && t(errors.role)}
          />
          <SubmitButton variant="secondary">{t('accounts.account.roleSubmit')}</SubmitButton>
        </form>
      </section>
      {caseRoles && <CaseRoles ctx={ctx} action={`${base}/fallrollen`} {...caseRoles} />}
      <section aria-labelledby="status-heading">
        <h2 class="kern-heading-medium" id="status-heading">
          {t('accounts.account.statusHeading')}
        </h2>
        {account.status === 'inactive' ? (
          <form method="post" action={`${base}/freigeben`}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">{t('accounts.account.reactivate')}</SubmitButton>
          </form>
        ) : (
          !self && (
            <form method="post" action={`${base}/sperren`} class="stack">
              <p class="kern-body">{t('accounts.account.deactivateHint')}</p>
              <CsrfField token={ctx.csrfToken} />
              <SubmitButton variant="secondary">{t('accounts.account.deactivate')}</SubmitButton>
            </form>
          )
        )}
      </section>
      {account.status !== 'inactive' && (
        <section aria-labelledby="link-heading">
          <h2 class="kern-heading-medium" id="link-heading">
            {t('accounts.account.linkHeading')}
          </h2>
          <form method="post" action={`${base}/link`}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton variant="secondary">
              {account.status === 'invited' ? t('accounts.account.sendInvitation') : t('accounts.account.sendReset')}
            </SubmitButton>
          </form>
        </section>
      )}
      <p>
        <a class="kern-link" href="/verwaltung/konten">
          {t('accounts.account.back')}
        </a>
      </p>
    </Layout>
  );
}

/** Workflow roles beyond case work (leitung, kasse): the ones the municipality's workflows name, as checkboxes. */
function CaseRoles({
  ctx,
  action,
  available,
  held,
  error,
}: {
  ctx: PageContext;
  action: string;
  available: Array<{ id: string; label: string; workflows: string[] }>;
  held: string[];
  error?: string;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="case-roles-heading">
      <h2 class="kern-heading-medium" id="case-roles-heading">
        {t('workflows.accounts.heading')}
      </h2>
      {available.length === 0 ? (
        <p class="kern-body">{t('workflows.accounts.none')}</p>
      ) : (
        <form method="post" action={action} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <ChoiceGroup
            id="f-case-roles"
            name="roles"
            legend={t('workflows.accounts.legend')}
            hint={t('workflows.accounts.intro')}
            multiple
            error={error}
            chosen={held}
            options={available.map((r) => ({
              value: r.id,
              label: t('workflows.accounts.role', { label: r.label, id: r.id, workflows: r.workflows.join(', ') }),
            }))}
          />
          <SubmitButton variant="secondary">{t('workflows.accounts.submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
