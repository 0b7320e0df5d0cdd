import { DescriptionList } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { textIn, type Text } from '../../forms/index.ts';
import { formatMoney } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import { feeSchedule } from '../fees.ts';
import type { Service } from '../schema.ts';

export function ServicePage({ ctx, org, service, preview }: { ctx: PageContext; org: Organization; service: Service; preview?: boolean }) {
  const { t, locale } = ctx;
  const d = service.definition;
  const tx = (text: Text | undefined) => textIn(text, locale);
  const title = tx(d.title) || service.title;
  const fees = feeSchedule(d);
  return (
    <Layout ctx={ctx} title={title} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body--large">{tx(d.summary)}</p>
      <div class="stack">
        <section aria-labelledby="s-what">
          <h2 class="kern-heading-medium" id="s-what">
            {t('service.what')}
          </h2>
          <p class="kern-body">{tx(d.description)}</p>
        </section>
        <section aria-labelledby="s-who">
          <h2 class="kern-heading-medium" id="s-who">
            {t('service.who')}
          </h2>
          <p class="kern-body">{tx(d.eligibility)}</p>
        </section>
        <section aria-labelledby="s-docs">
          <h2 class="kern-heading-medium" id="s-docs">
            {t('service.documents')}
          </h2>
          <ul class="kern-list kern-list--bullet">
            {d.documents.map((doc, i) => (
              <li key={i}>{tx(doc)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="s-fees">
          <h2 class="kern-heading-medium" id="s-fees">
            {t('service.fees')}
          </h2>
          <DescriptionList
            rows={fees.map((f) => [tx(f.label), f.unitMinor !== undefined ? formatMoney(f.unitMinor, org.currency, locale, org.country) : t('fees.computed')])}
          />
          {d.feeNotes && <p class="kern-body">{tx(d.feeNotes)}</p>}
        </section>
        <section aria-labelledby="s-time">
          <h2 class="kern-heading-medium" id="s-time">
            {t('service.processingTime')}
          </h2>
          <p class="kern-body">{tx(d.processingTime)}</p>
        </section>
        <section aria-labelledby="s-law">
          <h2 class="kern-heading-medium" id="s-law">
            {t('service.legalBasis')}
          </h2>
          <p class="kern-body">{tx(d.legalBasis)}</p>
          {d.leikaKey && (
            <p class="kern-body--small">
              {t('service.leikaKey')}: {d.leikaKey}
            </p>
          )}
        </section>
        <section aria-labelledby="s-contact">
          <h2 class="kern-heading-medium" id="s-contact">
            {t('service.contact')}
          </h2>
          <DescriptionList
            rows={[
              [t('service.office'), tx(d.local.office)],
              [t('service.address'), d.local.address],
              [t('service.phone'), d.local.phone],
              [
                t('service.email'),
                <a class="kern-link" href={`mailto:${d.local.email}`}>
                  {d.local.email}
                </a>,
              ],
              [t('service.hours'), tx(d.local.hours)],
            ]}
          />
          {d.local.notes && <p class="kern-body">{tx(d.local.notes)}</p>}
        </section>
      </div>
      {!preview && (
        <div class="form-actions">
          <a class="kern-btn kern-btn--primary" href={`/${org.slug}/leistungen/${service.slug}/antrag`}>
            <span class="kern-label">{t('service.start')}</span>
          </a>
        </div>
      )}
    </Layout>
  );
}
