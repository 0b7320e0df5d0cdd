// The scanning intake's page: the upload form (into a case by its reference, or a new paper case) and the recent
// intakes with the state of their text recognition.
import type { Translate } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import {
  Alert,
  ChoiceGroup,
  CsrfField,
  DataTable,
  ErrorSummary,
  fieldSummary,
  SelectInput,
  SubmitButton,
  TextArea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { FieldsetShell, FieldShell, OptionalMark, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { IntakeJob } from '../intake.ts';
import { INTAKE_FIELDS, type IntakeErrors, type IntakeField, type IntakeValues } from '../schema.ts';

/** The id of each field's control, which the error summary links to. */
export const FIELD_IDS: Record<IntakeField, string> = {
  file: 'intake-datei',
  target: 'intake-ziel-0',
  reference: 'intake-aktenzeichen',
  service: 'intake-leistung',
  name: 'intake-name',
  email: 'intake-email',
  address: 'intake-anschrift',
  title: 'intake-titel',
};

/** The state as the lists and the status page name it: "filed without OCR" is done, but not as the others are. */
export const stateLabel = (t: Translate, job: Pick<IntakeJob, 'state' | 'message'>) =>
  job.state === 'done' && job.message === 'intake.outcome.noOcr' ? t('intake.state.doneNoOcr') : t(`intake.state.${job.state}`);

export const intakePath = (id: string) => `/verwaltung/posteingang/${id}`;

export function IntakePage(props: {
  ctx: PageContext;
  municipality: { name: string; timeZone: string; country: 'DE' | 'CH' };
  services: Array<{ id: string; title: string }>;
  recent: IntakeJob[];
  ocrInstalled: boolean;
  maxSize: string;
  values: IntakeValues;
  errors: IntakeErrors;
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const message = (field: IntakeField) => {
    const e = errors[field];
    return e ? t(e.key, e.params) : undefined;
  };
  const summary = fieldSummary(Object.fromEntries(INTAKE_FIELDS.map((f) => [f, FIELD_IDS[f]])) as Record<IntakeField, string>, errors, (e) =>
    t(e.key, e.params),
  );
  const fileError = message('file');
  return (
    <Layout ctx={ctx} title={t('intake.title')} area="backoffice">
      <ErrorSummary t={t} errors={summary} />
      <h1 class="kern-heading-large">{t('intake.title')}</h1>
      <p class="kern-body">{t('intake.intro')}</p>
      {!props.ocrInstalled && (
        <Alert kind="warning" title={t('intake.noOcr.title')}>
          <p class="kern-body">{t('intake.noOcr.body')}</p>
        </Alert>
      )}
      <section aria-labelledby="intake-form-heading">
        <h2 class="kern-heading-medium" id="intake-form-heading">
          {t('intake.form.heading')}
        </h2>
        <form method="post" action="/verwaltung/posteingang" encType="multipart/form-data" noValidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="schluessel" value={values.key ?? ''} />
          <FieldShell id={FIELD_IDS.file} label={t('intake.form.file')} hint={t('intake.form.fileHint', { size: props.maxSize })} error={fileError}>
            <input
              class={withError('kern-form-input__input', fileError)}
              type="file"
              id={FIELD_IDS.file}
              name="datei"
              accept="application/pdf,image/tiff,image/jpeg,.pdf,.tif,.tiff,.jpg,.jpeg"
              aria-describedby={shellDescribedBy(FIELD_IDS.file, { hint: true, error: fileError })}
              aria-invalid={fileError ? 'true' : undefined}
            />
          </FieldShell>
          <ChoiceGroup
            id="intake-ziel"
            name="ziel"
            legend={t('intake.form.target')}
            options={[
              { value: 'vorhanden', label: t('intake.form.targetExisting') },
              { value: 'neu', label: t('intake.form.targetNew') },
            ]}
            chosen={values.target ? [values.target] : []}
            error={message('target')}
          />
          <TextInput
            id={FIELD_IDS.reference}
            name="aktenzeichen"
            label={t('intake.form.reference')}
            hint={t('intake.form.referenceHint')}
            value={values.reference}
            error={message('reference')}
            required
          />
          <FieldsetShell id="intake-neu" legend={t('intake.form.newCase')} hint={t('intake.form.newCaseHint')}>
            <SelectInput
              id={FIELD_IDS.service}
              name="leistung"
              label={t('intake.form.service')}
              placeholder={t('intake.form.servicePlaceholder')}
              options={props.services.map((s) => ({ value: s.id, label: s.title }))}
              value={values.service}
              error={message('service')}
            />
            <TextInput id={FIELD_IDS.name} name="name" label={t('intake.form.name')} value={values.name} error={message('name')} autocomplete="off" required />
            <TextInput
              id={FIELD_IDS.email}
              name="email"
              type="email"
              label={t('intake.form.email')}
              hint={t('intake.form.emailHint')}
              value={values.email}
              error={message('email')}
              autocomplete="off"
            />
            <TextArea
              id={FIELD_IDS.address}
              name="anschrift"
              label={t('intake.form.address')}
              hint={t('intake.form.addressHint')}
              value={values.address}
              error={message('address')}
              required
            />
          </FieldsetShell>
          <FieldShell
            id={FIELD_IDS.title}
            label={t('intake.form.docTitle')}
            labelSuffix={<OptionalMark text="optional" />}
            hint={t('intake.form.docTitleHint')}
            error={message('title')}
          >
            <input
              class={withError('kern-form-input__input', message('title'))}
              id={FIELD_IDS.title}
              name="titel"
              type="text"
              value={values.title ?? ''}
              aria-describedby={shellDescribedBy(FIELD_IDS.title, { hint: true, error: message('title') })}
              aria-invalid={message('title') ? 'true' : undefined}
            />
          </FieldShell>
          <SubmitButton>{t('intake.form.submit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="intake-recent-heading">
        <h2 class="kern-heading-medium" id="intake-recent-heading">
          {t('intake.recent.heading')}
        </h2>
        {props.recent.length === 0 ? (
          <p class="kern-body">{t('intake.recent.none')}</p>
        ) : (
          <DataTable
            caption={t('intake.recent.caption')}
            headers={[t('intake.recent.file'), t('intake.recent.received'), t('intake.recent.case'), t('intake.recent.state'), t('intake.recent.pages')]}
            rows={props.recent.map((job) => ({
              key: job.id,
              cells: [
                <a class="kern-link" href={intakePath(job.id)} key="file">
                  {job.filename}
                </a>,
                formatDateTime(new Date(job.created_at), props.municipality.timeZone, ctx.locale, { country: props.municipality.country }),
                job.new_case ? `${job.reference} (${t('intake.recent.newCase')})` : job.reference,
                stateLabel(t, job),
                job.pages_total === null ? String(job.pages_done || '–') : `${job.pages_done} / ${job.pages_total}`,
              ],
            }))}
          />
        )}
      </section>
    </Layout>
  );
}
