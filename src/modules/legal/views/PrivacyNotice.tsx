// The privacy notice (Art. 13 DSGVO) on the check page, just above "Antrag verbindlich absenden": who is
// responsible, whom to ask, what for, on which legal basis, who receives the data, how long it is kept and the rights.
import { formatNumber } from '../../../platform/i18n/format.ts';
import { DescriptionList } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { textIn } from '../../forms/index.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';
import { defaultTexts, type LegalState } from '../legal.ts';

export function PrivacyNotice({ ctx, org, service, legal }: { ctx: PageContext; org: Organization; service: Service; legal: LegalState }) {
  const { t, locale } = ctx;
  // Texts nobody saved yet are the defaults; the service's own office address stands in for a missing one.
  const texts = legal.saved ? legal.texts : defaultTexts(org, service.definition.local.address);
  const c = org.country;
  const years = service.definition.retentionYears;
  const title = textIn(service.definition.title, locale) || service.title;
  return (
    <section class="privacy-notice" aria-labelledby="privacy-notice-title">
      <h2 class="kern-heading-medium" id="privacy-notice-title">
        {t('legal.notice.title')}
      </h2>
      <p class="kern-body">{t(`legal.notice.intro.${c}`)}</p>
      <DescriptionList
        rows={[
          [
            t('legal.notice.controller'),
            <>
              {org.name}, {texts.address},{' '}
              <a class="kern-link" href={`mailto:${texts.email}`}>
                {texts.email}
              </a>
            </>,
          ],
          [
            t('legal.notice.dpo'),
            <>
              {texts.dpoName},{' '}
              <a class="kern-link" href={`mailto:${texts.dpoEmail}`}>
                {texts.dpoEmail}
              </a>
            </>,
          ],
          [t('legal.notice.purpose'), t('legal.notice.purposeText', { service: title })],
          [t('legal.notice.legalBasis'), t(`legal.notice.legalBasisText.${c}`, { basis: textIn(service.definition.legalBasis, locale) })],
          [t('legal.notice.recipients'), t('legal.notice.recipientsText', { office: textIn(service.definition.local.office, locale) || org.name })],
          [
            t('legal.notice.retention'),
            years === 1 ? t('legal.notice.retentionOne') : t('legal.notice.retentionText', { years: formatNumber(years, locale, { country: c }) }),
          ],
          [t('legal.notice.rights'), t('legal.notice.rightsText', { authority: `${texts.supervisoryAuthority}, ${texts.supervisoryAddress}` })],
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={`/${org.slug}/datenschutz`}>
          {t('legal.notice.more', { name: org.name })}
        </a>
      </p>
    </section>
  );
}
