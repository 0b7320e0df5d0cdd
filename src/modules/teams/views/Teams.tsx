// The admin's team pages: the list with the form for a new team, and one team with its members, services and name.
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
import { ErrorMessage } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Errors, TeamField, TeamKind } from '../schema.ts';

/** Where each message of the summary leads: the field, or the section a button-only form sits in. */
const TARGETS: Record<TeamField, string> = {
  name: 'f-name',
  kind: 'f-kind-0',
  parent: 'f-parent',
  member: 'f-member',
  members: 'mitglieder-heading',
  service: 'f-service',
  team: 'loeschen-heading',
  person: 'f-person',
  from: 'f-from',
  to: 'f-to',
  substitute: 'f-substitute',
  absence: 'f-person',
};

export const summaryOf = (ctx: PageContext, errors: Errors) => fieldSummary(TARGETS, errors, (key: MessageKey) => ctx.t(key));

export const kindLabel = (ctx: PageContext, kind: TeamKind) => ctx.t(`teams.kind.${kind}` as MessageKey);

export interface TeamListItem {
  id: string;
  name: string;
  kind: TeamKind;
  parent_name: string | null;
  members: number;
  services: number;
}

export interface TeamValues {
  name?: string;
  kind?: string;
  parent?: string;
}

export function TeamsPage({
  ctx,
  municipality,
  teams,
  parents,
  values = {},
  errors = {},
  notice,
}: {
  ctx: PageContext;
  municipality: string;
  teams: TeamListItem[];
  parents: Array<{ id: string; name: string }>;
  values?: TeamValues;
  errors?: Errors;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('teams.list.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('teams.list.heading', { municipality })}</h1>
      <p class="kern-body">{t('teams.list.intro')}</p>
      <p>
        <a class="kern-link" href="/verwaltung/abwesenheiten">
          {t('teams.list.absencesLink')}
        </a>
      </p>
      {teams.length === 0 ? (
        <p class="kern-body">{t('teams.list.empty')}</p>
      ) : (
        <DataTable
          caption={t('teams.list.title')}
          headers={[t('teams.col.name'), t('teams.col.kind'), t('teams.col.parent'), t('teams.col.members'), t('teams.col.services')]}
          rows={teams.map((team) => ({
            key: team.id,
            cells: [
              <a class="kern-link" href={`/verwaltung/teams/${team.id}`}>
                {team.name}
              </a>,
              kindLabel(ctx, team.kind),
              team.parent_name ?? '–',
              String(team.members),
              String(team.services),
            ],
          }))}
        />
      )}
      <section aria-labelledby="new-heading">
        <h2 class="kern-heading-medium" id="new-heading">
          {t('teams.new.heading')}
        </h2>
        <form method="post" action="/verwaltung/teams" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id="f-name"
            name="name"
            label={t('teams.field.name')}
            value={values.name}
            error={errors.name && t(errors.name)}
            required
            autocomplete="off"
          />
          <ChoiceGroup
            id="f-kind"
            name="kind"
            legend={t('teams.field.kind')}
            options={[
              { value: 'fachbereich', label: t('teams.kind.fachbereich') },
              { value: 'sachgebiet', label: t('teams.kind.sachgebiet') },
            ]}
            chosen={values.kind ? [values.kind] : []}
            error={errors.kind && t(errors.kind)}
          />
          <SelectInput
            id="f-parent"
            name="parent"
            label={t('teams.field.parent')}
            hint={t('teams.field.parentHint')}
            options={parents.map((p) => ({ value: p.id, label: p.name }))}
            value={values.parent}
            placeholder={t('teams.field.noParent')}
            error={errors.parent && t(errors.parent)}
          />
          <SubmitButton>{t('teams.new.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export interface TeamView {
  team: { id: string; name: string; kind: TeamKind; parent_id: string | null };
  parentName?: string;
  parents: Array<{ id: string; name: string }>;
  children: number;
  members: Array<{ id: string; name: string; email: string; active: boolean }>;
  candidates: Array<{ id: string; name: string; email: string }>;
  services: Array<{ id: string; title: string }>;
  serviceOptions: Array<{ id: string; title: string }>;
}

export function TeamPage({
  ctx,
  view,
  values = {},
  errors = {},
  notice,
}: {
  ctx: PageContext;
  view: TeamView;
  values?: { name?: string; parent?: string; member?: string; service?: string };
  errors?: Errors;
  notice?: MessageKey;
}) {
  const { t } = ctx;
  const { team } = view;
  const base = `/verwaltung/teams/${team.id}`;
  const describe = view.parentName ? t('teams.team.kindIn', { kind: kindLabel(ctx, team.kind), parent: view.parentName }) : kindLabel(ctx, team.kind);
  return (
    <Layout ctx={ctx} title={team.name} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{team.name}</h1>
      <p class="kern-body">{describe}</p>

      <section aria-labelledby="mitglieder-heading">
        <h2 class="kern-heading-medium" id="mitglieder-heading" tabIndex={-1}>
          {t('teams.members.heading')}
        </h2>
        <ErrorMessage id="mitglieder-error" text={errors.members && t(errors.members)} />
        {view.members.length === 0 ? (
          <p class="kern-body">{t('teams.members.empty')}</p>
        ) : (
          <DataTable
            caption={t('teams.members.heading')}
            headers={[t('teams.col.name'), t('teams.col.email'), t('teams.col.action')]}
            rows={view.members.map((m) => ({
              key: m.id,
              cells: [
                m.active ? m.name : t('teams.members.inactive', { name: m.name }),
                m.email,
                <form method="post" action={`${base}/mitglieder/${m.id}/entfernen`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <SubmitButton variant="secondary">
                    {t('teams.members.remove')}
                    <span class="kern-sr-only">: {m.name}</span>
                  </SubmitButton>
                </form>,
              ],
            }))}
          />
        )}
        {view.candidates.length === 0 ? (
          <p class="kern-body">{t('teams.members.noCandidates')}</p>
        ) : (
          <form method="post" action={`${base}/mitglieder`} class="stack" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectInput
              id="f-member"
              name="member"
              label={t('teams.field.member')}
              options={view.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))}
              value={values.member}
              placeholder=""
              error={errors.member && t(errors.member)}
            />
            <SubmitButton variant="secondary">{t('teams.members.add')}</SubmitButton>
          </form>
        )}
      </section>

      <section aria-labelledby="leistungen-heading">
        <h2 class="kern-heading-medium" id="leistungen-heading">
          {t('teams.services.heading')}
        </h2>
        {view.services.length === 0 ? (
          <p class="kern-body">{t('teams.services.empty')}</p>
        ) : (
          <DataTable
            caption={t('teams.services.heading')}
            headers={[t('teams.col.service'), t('teams.col.action')]}
            rows={view.services.map((s) => ({
              key: s.id,
              cells: [
                s.title,
                <form method="post" action={`${base}/leistungen/${s.id}/entfernen`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <SubmitButton variant="secondary">
                    {t('teams.services.remove')}
                    <span class="kern-sr-only">: {s.title}</span>
                  </SubmitButton>
                </form>,
              ],
            }))}
          />
        )}
        {view.serviceOptions.length > 0 && (
          <form method="post" action={`${base}/leistungen`} class="stack" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectInput
              id="f-service"
              name="service"
              label={t('teams.field.service')}
              hint={view.members.length === 0 ? t('teams.services.needsMembers') : undefined}
              options={view.serviceOptions.map((s) => ({ value: s.id, label: s.title }))}
              value={values.service}
              placeholder=""
              error={errors.service && t(errors.service)}
            />
            <SubmitButton variant="secondary">{t('teams.services.add')}</SubmitButton>
          </form>
        )}
      </section>

      <section aria-labelledby="angaben-heading">
        <h2 class="kern-heading-medium" id="angaben-heading">
          {t('teams.edit.heading')}
        </h2>
        <form method="post" action={`${base}/angaben`} class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id="f-name"
            name="name"
            label={t('teams.field.name')}
            value={values.name ?? team.name}
            error={errors.name && t(errors.name)}
            required
            autocomplete="off"
          />
          {team.kind === 'sachgebiet' && (
            <SelectInput
              id="f-parent"
              name="parent"
              label={t('teams.field.parent')}
              options={view.parents.map((p) => ({ value: p.id, label: p.name }))}
              value={values.parent ?? team.parent_id ?? ''}
              placeholder={t('teams.field.noParent')}
              error={errors.parent && t(errors.parent)}
            />
          )}
          <SubmitButton variant="secondary">{t('teams.edit.submit')}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="loeschen-heading">
        <h2 class="kern-heading-medium" id="loeschen-heading" tabIndex={-1}>
          {t('teams.delete.heading')}
        </h2>
        <ErrorMessage id="loeschen-error" text={errors.team && t(errors.team)} />
        <form method="post" action={`${base}/loeschen`} class="stack">
          <p class="kern-body">{view.children > 0 ? t('teams.delete.hasChildren', { count: view.children }) : t('teams.delete.hint')}</p>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton variant="secondary">{t('teams.delete.submit', { name: team.name })}</SubmitButton>
        </form>
      </section>

      <p>
        <a class="kern-link" href="/verwaltung/teams">
          {t('teams.team.back')}
        </a>
      </p>
    </Layout>
  );
}

/** A region admin reaches the pages before choosing a municipality: they say where to choose one. */
