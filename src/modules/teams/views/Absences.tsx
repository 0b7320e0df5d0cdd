// Absences and substitutes: the form to record one, and the absences not over yet.
import type { Country } from '../../../platform/i18n/format.ts';
import { formatDate } from '../../../platform/i18n/format.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, DataTable, ErrorSummary, SelectInput, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Errors } from '../schema.ts';
import { summaryOf } from './Teams.tsx';

export interface AbsenceItem {
  id: string;
  user_id: string;
  user_name: string;
  substitute_id: string;
  substitute_name: string;
  starts_on: string;
  ends_on: string;
}

export interface AbsenceValues {
  person?: string;
  from?: string;
  to?: string;
  substitute?: string;
}

export function AbsencesPage({
  ctx,
  municipality,
  country,
  viewer,
  admin,
  absences,
  people,
  substitutes,
  values = {},
  errors = {},
  notice,
}: {
  ctx: PageContext;
  municipality: string;
  country: Country;
  viewer: { id: string; name: string };
  /** Admins record and delete absences of anyone of the municipality; a clerk only their own. */
  admin: boolean;
  absences: AbsenceItem[];
  people: Array<{ id: string; name: string }>;
  substitutes: Array<{ id: string; name: string }>;
  values?: AbsenceValues;
  errors?: Errors;
  notice?: MessageKey;
}) {
  const { t, locale } = ctx;
  const date = (iso: string) => formatDate(iso, locale, { country });
  const substituteOptions = substitutes.filter((s) => admin || s.id !== viewer.id).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Layout ctx={ctx} title={t('teams.absences.title')} area="backoffice">
      <ErrorSummary t={t} errors={summaryOf(ctx, errors)} />
      {notice && <Alert kind="success" title={t(notice)} />}
      <h1 class="kern-heading-large">{t('teams.absences.heading', { municipality })}</h1>
      <p class="kern-body">{admin ? t('teams.absences.introAdmin') : t('teams.absences.introClerk')}</p>

      <section aria-labelledby="eintragen-heading">
        <h2 class="kern-heading-medium" id="eintragen-heading">
          {t('teams.absences.new')}
        </h2>
        <form method="post" action="/verwaltung/abwesenheiten" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {admin ? (
            <SelectInput
              id="f-person"
              name="person"
              label={t('teams.field.person')}
              options={people.map((p) => ({ value: p.id, label: p.name }))}
              value={values.person}
              placeholder=""
              error={errors.person && t(errors.person)}
            />
          ) : (
            <p class="kern-body" id="f-person">
              {t('teams.absences.forSelf', { name: viewer.name })}
            </p>
          )}
          <TextInput
            id="f-from"
            name="from"
            type="date"
            label={t('teams.field.from')}
            hint={t('teams.field.dateHint')}
            value={values.from}
            error={errors.from && t(errors.from)}
            required
          />
          <TextInput
            id="f-to"
            name="to"
            type="date"
            label={t('teams.field.to')}
            hint={t('teams.field.toHint')}
            value={values.to}
            error={errors.to && t(errors.to)}
            required
          />
          <SelectInput
            id="f-substitute"
            name="substitute"
            label={t('teams.field.substitute')}
            hint={t('teams.field.substituteHint')}
            options={substituteOptions}
            value={values.substitute}
            placeholder=""
            error={errors.substitute && t(errors.substitute)}
          />
          <SubmitButton>{t('teams.absences.submit')}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="liste-heading">
        <h2 class="kern-heading-medium" id="liste-heading">
          {t('teams.absences.listHeading')}
        </h2>
        {absences.length === 0 ? (
          <p class="kern-body">{t('teams.absences.empty')}</p>
        ) : (
          <DataTable
            caption={t('teams.absences.listHeading')}
            headers={[t('teams.col.person'), t('teams.col.from'), t('teams.col.to'), t('teams.col.substitute'), t('teams.col.action')]}
            rows={absences.map((a) => ({
              key: a.id,
              cells: [
                a.user_name,
                date(a.starts_on),
                date(a.ends_on),
                a.substitute_name,
                admin || a.user_id === viewer.id ? (
                  <form method="post" action={`/verwaltung/abwesenheiten/${a.id}/loeschen`} class="inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <SubmitButton variant="secondary">
                      {t('teams.absences.delete')}
                      <span class="kern-sr-only">{t('teams.absences.deleteWhich', { name: a.user_name, from: date(a.starts_on), to: date(a.ends_on) })}</span>
                    </SubmitButton>
                  </form>
                ) : (
                  t('teams.absences.youCover')
                ),
              ],
            }))}
          />
        )}
      </section>
    </Layout>
  );
}
