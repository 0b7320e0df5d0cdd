// The retention pages: rules (with the form for one), the legal holds, and the deletion protocol.
import type { MessageKey } from '../../../platform/i18n/index.ts';
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
  TextInput,
} from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { DOCUMENT_TYPES, type HoldErrors, type HoldField, type RuleErrors, type RuleField, START_EVENTS } from '../schema.ts';

const RULE_TARGETS: Record<RuleField, string> = {
  service: 'f-service',
  documentType: 'f-documentType',
  startEvent: 'f-startEvent-0',
  years: 'f-years',
  months: 'f-months',
};
const HOLD_TARGETS: Record<HoldField, string> = { reference: 'f-reference', reason: 'f-reason' };

export interface RuleRow {
  id: string;
  service_id: string | null;
  service_title: string | null;
  document_type: string | null;
  start_event: string;
  years: number;
  months: number;
  offer_to_archive: boolean;
}
export type RuleValues = Partial<Record<'service' | 'documentType' | 'startEvent' | 'years' | 'months' | 'offer', string>>;

const typeLabel = (ctx: PageContext, type: string | null) => (type ? ctx.t(`retention.type.${type}` as MessageKey) : ctx.t('retention.wholeCase'));

function RetentionLinks({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <nav aria-label={t('retention.rules.links')}>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href="/verwaltung/aufbewahrung">
            {t('retention.rules.title')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/aufbewahrung/sperren">
            {t('retention.rules.holdsLink')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/aufbewahrung/protokoll">
            {t('retention.rules.protocolLink')}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/archiv">
            {t('retention.rules.archiveLink')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function RulesPage(p: {
  ctx: PageContext;
  municipality: string;
  rules: RuleRow[];
  services: Array<{ id: string; title: string }>;
  values?: RuleValues;
  errors?: RuleErrors;
  notice?: MessageKey;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const errors = p.errors ?? {};
  const values = p.values ?? {};
  return (
    <Layout ctx={ctx} title={t('retention.rules.title')} area="backoffice">
      <ErrorSummary t={t} errors={fieldSummary(RULE_TARGETS, errors, (k: MessageKey) => t(k))} />
      {p.notice && <Alert kind="success" title={t(p.notice)} />}
      <h1 class="kern-heading-large">{t('retention.rules.heading', { municipality: p.municipality })}</h1>
      <p class="kern-body">{t('retention.rules.intro')}</p>
      <RetentionLinks ctx={ctx} />
      {p.rules.length === 0 ? (
        <p class="kern-body">{t('retention.rules.empty')}</p>
      ) : (
        <DataTable
          caption={t('retention.rules.title')}
          headers={[
            t('retention.col.service'),
            t('retention.col.documentType'),
            t('retention.col.start'),
            t('retention.col.period'),
            t('retention.col.archive'),
            t('retention.col.action'),
          ]}
          rows={p.rules.map((r) => {
            const service = r.service_title ?? t('retention.defaultService');
            return {
              key: r.id,
              cells: [
                service,
                typeLabel(ctx, r.document_type),
                t(`retention.start.${r.start_event}` as MessageKey),
                t('retention.period', { years: String(r.years), months: String(r.months) }),
                r.offer_to_archive ? t('retention.offer.yes') : t('retention.offer.no'),
                <form method="post" action={`/verwaltung/aufbewahrung/regeln/${r.id}/loeschen`}>
                  <CsrfField token={ctx.csrfToken} />
                  <button
                    type="submit"
                    class="kern-btn kern-btn--secondary"
                    aria-label={t('retention.rule.deleteLabel', { service, type: typeLabel(ctx, r.document_type) })}
                  >
                    <span class="kern-label">{t('retention.rule.delete')}</span>
                  </button>
                </form>,
              ],
            };
          })}
        />
      )}
      <section aria-labelledby="new-heading">
        <h2 class="kern-heading-medium" id="new-heading">
          {t('retention.new.heading')}
        </h2>
        <p class="kern-body">{t('retention.new.hint')}</p>
        <form method="post" action="/verwaltung/aufbewahrung/regeln" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectInput
            id="f-service"
            name="service"
            label={t('retention.field.service')}
            options={p.services.map((s) => ({ value: s.id, label: s.title }))}
            placeholder={t('retention.defaultService')}
            value={values.service}
            error={errors.service && t(errors.service)}
          />
          <SelectInput
            id="f-documentType"
            name="documentType"
            label={t('retention.field.documentType')}
            options={DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`retention.type.${d}` as MessageKey) }))}
            placeholder={t('retention.wholeCase')}
            value={values.documentType}
            error={errors.documentType && t(errors.documentType)}
          />
          <ChoiceGroup
            id="f-startEvent"
            name="startEvent"
            legend={t('retention.field.startEvent')}
            options={START_EVENTS.map((e) => ({ value: e, label: t(`retention.start.${e}` as MessageKey) }))}
            chosen={values.startEvent ? [values.startEvent] : []}
            error={errors.startEvent && t(errors.startEvent)}
          />
          <TextInput
            id="f-years"
            name="years"
            label={t('retention.field.years')}
            value={values.years}
            inputMode="numeric"
            error={errors.years && t(errors.years)}
            required
          />
          <TextInput
            id="f-months"
            name="months"
            label={t('retention.field.months')}
            hint={t('retention.field.monthsHint')}
            value={values.months}
            inputMode="numeric"
            error={errors.months && t(errors.months)}
          />
          <ChoiceGroup
            id="f-offer"
            name="offer"
            legend={t('retention.field.offer')}
            multiple
            options={[{ value: 'ja', label: t('retention.field.offerYes') }]}
            chosen={values.offer === 'ja' ? ['ja'] : []}
          />
          <SubmitButton>{t('retention.new.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export interface HeldRow {
  id: string;
  reference: string;
  service_title: string | null;
  legal_hold_reason: string | null;
  legal_hold_at: Date | null;
}

export function HoldsPage(p: {
  ctx: PageContext;
  municipality: string;
  timeZone: string;
  held: HeldRow[];
  values?: Partial<Record<'reference' | 'reason', string>>;
  errors?: HoldErrors;
  liftErrors?: { id: string; errors: HoldErrors };
  notice?: MessageKey;
}) {
  const { ctx } = p;
  const { t } = ctx;
  const errors = p.errors ?? {};
  const liftError = p.liftErrors?.errors.reason;
  const summary = liftError ? [{ href: `#f-lift-${p.liftErrors!.id}`, text: t(liftError) }] : fieldSummary(HOLD_TARGETS, errors, (k: MessageKey) => t(k));
  return (
    <Layout ctx={ctx} title={t('retention.holds.title')} area="backoffice">
      <ErrorSummary t={t} errors={summary} />
      {p.notice && <Alert kind="success" title={t(p.notice)} />}
      <h1 class="kern-heading-large">{t('retention.holds.heading', { municipality: p.municipality })}</h1>
      <p class="kern-body">{t('retention.holds.intro')}</p>
      <RetentionLinks ctx={ctx} />
      {p.held.length === 0 ? (
        <p class="kern-body">{t('retention.holds.empty')}</p>
      ) : (
        <DataTable
          caption={t('retention.holds.title')}
          headers={[t('retention.col.reference'), t('retention.col.service'), t('retention.col.reason'), t('retention.col.since'), t('retention.col.action')]}
          rows={p.held.map((h) => ({
            key: h.id,
            cells: [
              h.reference,
              h.service_title ?? '–',
              h.legal_hold_reason ?? '–',
              h.legal_hold_at ? formatDateTime(new Date(h.legal_hold_at), p.timeZone, ctx.locale) : '–',
              <form method="post" action={`/verwaltung/aufbewahrung/sperren/${h.id}/aufheben`} class="stack" novalidate>
                <CsrfField token={ctx.csrfToken} />
                <TextInput
                  id={`f-lift-${h.id}`}
                  name="reason"
                  label={t('retention.field.liftReason', { reference: h.reference })}
                  error={p.liftErrors?.id === h.id && liftError ? t(liftError) : undefined}
                  required
                />
                <SubmitButton variant="secondary">{t('retention.holds.lift')}</SubmitButton>
              </form>,
            ],
          }))}
        />
      )}
      <section aria-labelledby="hold-heading">
        <h2 class="kern-heading-medium" id="hold-heading">
          {t('retention.holds.new')}
        </h2>
        <form method="post" action="/verwaltung/aufbewahrung/sperren" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextInput
            id="f-reference"
            name="reference"
            label={t('retention.field.reference')}
            value={p.values?.reference}
            error={errors.reference && t(errors.reference)}
            required
            autocomplete="off"
          />
          <TextInput
            id="f-reason"
            name="reason"
            label={t('retention.field.reason')}
            value={p.values?.reason}
            error={errors.reason && t(errors.reason)}
            required
          />
          <SubmitButton>{t('retention.holds.submit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function ProtocolPage(p: {
  ctx: PageContext;
  municipality: string;
  timeZone: string;
  rows: Array<{ id: string; run_at: Date; data_class: string; count: number }>;
}) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('retention.protocol.title')} area="backoffice">
      <h1 class="kern-heading-large">{t('retention.protocol.heading', { municipality: p.municipality })}</h1>
      <p class="kern-body">{t('retention.protocol.intro')}</p>
      <RetentionLinks ctx={ctx} />
      {p.rows.length === 0 ? (
        <p class="kern-body">{t('retention.protocol.empty')}</p>
      ) : (
        <DataTable
          caption={t('retention.protocol.title')}
          headers={[t('retention.col.runAt'), t('retention.col.dataClass'), t('retention.col.count')]}
          rows={p.rows.map((r) => ({
            key: r.id,
            cells: [formatDateTime(new Date(r.run_at), p.timeZone, ctx.locale), t(`retention.class.${r.data_class}` as MessageKey), String(r.count)],
          }))}
        />
      )}
    </Layout>
  );
}
