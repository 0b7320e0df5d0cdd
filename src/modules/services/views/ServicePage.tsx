import { DescriptionList } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { textIn, type Text } from '../../forms/index.ts';
import { formatMoney } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import { feeKind, feeSchedule } from '../fees.ts';
import type { Service } from '../schema.ts';

export function ServicePage({ ctx, org, service, preview }: { ctx: PageContext; org: Organization; service: Service; preview?: boolean }) {
  const { t, locale } = ctx;
  const d = service.definition;
  const tx = (text: Text | undefined) => textIn(text, locale);
  const title = tx(d.title) || service.title;
  const fees = feeSchedule(d);
  const kind = feeKind(d.feeRules);
  return (
    <Layout ctx={ctx} title={title} org={{ name: org.name, slug: org.slug, logoUrl: org.logo_url }}>
      {/* GOV.UK start page: the text in a two-thirds column, the start button right below the summary (above the fold). */}
      <div class="service-page">
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-body--large">{tx(d.summary)}</p>
        {!preview && (
          <div class="service-start">
            <a class="kern-btn kern-btn--primary" href={`/${org.slug}/leistungen/${service.slug}/antrag`} id="antrag-starten">
              <span class="kern-label">{t('service.start')}</span>
            </a>
            <p class="kern-body--small">{t('journey.service.startHint')}</p>
          </div>
        )}
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
              {t(`journey.fees.heading.${kind}`)}
            </h2>
            {fees.length === 0 ? (
              <p class="kern-body">{t(`journey.fees.none.${kind}`)}</p>
            ) : (
              <DescriptionList
                rows={fees.map((f) => [
                  kind === 'mixed' ? `${tx(f.label)} (${t(`journey.fees.kind.${f.kind}`)})` : tx(f.label),
                  f.unitMinor !== undefined ? formatMoney(f.unitMinor, org.currency, locale, org.country) : t('fees.computed'),
                ])}
              />
            )}
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
            {/* Contact rows without a value are left out: a citizen never sees an empty phone or address line. */}
            <DescriptionList
              rows={(
                [
                  [t('service.office'), tx(d.local.office).trim() && tx(d.local.office)],
                  [t('service.address'), d.local.address.trim() && d.local.address],
                  [t('service.phone'), d.local.phone.trim() && d.local.phone],
                  [
                    t('service.email'),
                    d.local.email.trim() && (
                      <a class="kern-link" href={`mailto:${d.local.email}`}>
                        {d.local.email}
                      </a>
                    ),
                  ],
                  [t('service.hours'), tx(d.local.hours).trim() && tx(d.local.hours)],
                ] as Parameters<typeof DescriptionList>[0]['rows']
              ).filter(([, value]) => Boolean(value))}
            />
            {d.local.notes && <p class="kern-body">{tx(d.local.notes)}</p>}
          </section>
        </div>
      </div>
    </Layout>
  );
}
