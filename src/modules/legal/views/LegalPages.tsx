// The public legal pages of a municipality or of the platform's operator: Impressum, Datenschutzerklärung,
// Erklärung zur Barrierefreiheit (BITV 2.0 § 7, EU model statement) and the page in Leichte Sprache.
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../platform/i18n/format.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { LegalState } from '../legal.ts';

export interface LegalOrg {
  name: string;
  slug: string;
  country: 'DE' | 'CH';
  logoUrl?: string | null;
  /** A municipality's portal; false for the operator's pages (/impressum) shown on platform pages. */
  portal: boolean;
}

export type LegalPageKind = 'imprint' | 'privacy' | 'accessibility' | 'easy';

export const LEGAL_PATHS: Record<LegalPageKind, string> = {
  imprint: 'impressum',
  privacy: 'datenschutz',
  accessibility: 'barrierefreiheit',
  easy: 'leichte-sprache',
};

export const legalHref = (slug: string | null, kind: LegalPageKind) => (slug ? `/${slug}/${LEGAL_PATHS[kind]}` : `/${LEGAL_PATHS[kind]}`);

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/** The organiser's texts are German: on an English page they are marked as such, for screen readers and readers alike. */
function German({ ctx, children }: { ctx: PageContext; children: ComponentChildren }) {
  if (ctx.locale === 'de') return <>{children}</>;
  return (
    <div lang="de">
      <p class="kern-body kern-body--small" lang="en">
        {ctx.t('legal.inGerman')}
      </p>
      {children}
    </div>
  );
}

function LegalLayout({ ctx, org, kind, children }: { ctx: PageContext; org: LegalOrg; kind: LegalPageKind; children: ComponentChildren }) {
  const title = ctx.t(`legal.${kind}.title` as MessageKey);
  return (
    <Layout ctx={ctx} title={title} org={org.portal ? { name: org.name, slug: org.slug, logoUrl: org.logoUrl } : null}>
      <div class="legal-page">
        <h1 class="kern-heading-large">{title}</h1>
        {!org.portal && <p class="kern-body">{ctx.t('legal.operatorIntro', { name: org.name })}</p>}
        {children}
      </div>
    </Layout>
  );
}

const Mail = ({ to }: { to: string }) => (
  <a class="kern-link" href={`mailto:${to}`}>
    {to}
  </a>
);
const Phone = ({ number }: { number: string }) => (
  <a class="kern-link" href={`tel:${number.replace(/[^\d+]/g, '')}`}>
    {number}
  </a>
);

function Contact({ ctx, email, phone }: { ctx: PageContext; email: string; phone: string }) {
  return (
    <ul class="kern-list">
      {email && (
        <li>
          {ctx.t('legal.email')}: <Mail to={email} />
        </li>
      )}
      {phone && (
        <li>
          {ctx.t('legal.phone')}: <Phone number={phone} />
        </li>
      )}
    </ul>
  );
}

export function ImprintPage({ ctx, org, legal }: { ctx: PageContext; org: LegalOrg; legal: LegalState }) {
  const { t } = ctx;
  const x = legal.texts;
  return (
    <LegalLayout ctx={ctx} org={org} kind="imprint">
      <h2 class="kern-heading-medium">{t('legal.imprint.provider')}</h2>
      <address class="kern-body legal-address">
        <strong>{org.name}</strong>
        <br />
        <German ctx={ctx}>{x.address}</German>
      </address>
      <p class="kern-body">
        {ctx.locale === 'de' ? (
          t('legal.imprint.representedBy', { representative: x.representative })
        ) : (
          <>
            {t('legal.field.representative')}: <span lang="de">{x.representative}</span>
          </>
        )}
      </p>
      <h2 class="kern-heading-medium">{t('legal.imprint.contact')}</h2>
      <Contact ctx={ctx} email={x.email} phone={x.phone} />
      {x.imprintNotes && (
        <>
          <h2 class="kern-heading-medium">{t('legal.imprint.notes')}</h2>
          <German ctx={ctx}>
            {lines(x.imprintNotes).map((l, i) => (
              <p class="kern-body" key={i}>
                {l}
              </p>
            ))}
          </German>
        </>
      )}
    </LegalLayout>
  );
}

export function PrivacyPage({ ctx, org, legal }: { ctx: PageContext; org: LegalOrg; legal: LegalState }) {
  const { t } = ctx;
  const x = legal.texts;
  const c = org.country;
  const right = (name: string) =>
    t(`legal.rights.${name}${c === 'CH' ? '.CH' : ''}` as MessageKey, { authority: x.supervisoryAuthority, address: x.supervisoryAddress });
  return (
    <LegalLayout ctx={ctx} org={org} kind="privacy">
      <p class="kern-body">{t('legal.privacy.intro', { name: org.name })}</p>
      <h2 class="kern-heading-medium">{t('legal.privacy.controller')}</h2>
      <address class="kern-body legal-address">
        <strong>{org.name}</strong>
        <br />
        {x.address}
      </address>
      <Contact ctx={ctx} email={x.email} phone={x.phone} />
      <h2 class="kern-heading-medium">{t('legal.privacy.dpo')}</h2>
      <address class="kern-body legal-address">
        {x.dpoName}
        <br />
        {x.dpoAddress}
      </address>
      <Contact ctx={ctx} email={x.dpoEmail} phone="" />
      <h2 class="kern-heading-medium">{t('legal.privacy.purposes')}</h2>
      <p class="kern-body">{t(`legal.privacy.purposesText.${c}`)}</p>
      <h2 class="kern-heading-medium">{t('legal.privacy.recipients')}</h2>
      <p class="kern-body">{t('legal.privacy.recipientsText', { name: org.name })}</p>
      <h2 class="kern-heading-medium">{t('legal.privacy.retention')}</h2>
      <p class="kern-body">{t('legal.privacy.retentionText')}</p>
      <h2 class="kern-heading-medium">{t('legal.privacy.rights')}</h2>
      <ul class="kern-list">
        {['access', 'rectification', 'erasure', 'restriction', 'objection', 'complaint'].map((r) => (
          <li key={r}>{right(r)}</li>
        ))}
      </ul>
      <h2 class="kern-heading-medium">{t('legal.privacy.website')}</h2>
      <German ctx={ctx}>
        {lines(x.privacyText).map((l, i) => (
          <p class="kern-body" key={i}>
            {l}
          </p>
        ))}
      </German>
    </LegalLayout>
  );
}

export function AccessibilityPage({ ctx, org, legal, siteAddress }: { ctx: PageContext; org: LegalOrg; legal: LegalState; siteAddress: string }) {
  const { t, locale } = ctx;
  const x = legal.texts;
  const c = org.country;
  const conformity = (['full', 'partial', 'none'] as const).find((k) => k === x.conformity) ?? 'partial';
  const gaps = lines(x.nonAccessible);
  return (
    <LegalLayout ctx={ctx} org={org} kind="accessibility">
      <p class="kern-body">{t(`legal.accessibility.intro.${c}`, { name: org.name, address: siteAddress })}</p>
      <h2 class="kern-heading-medium">{t('legal.accessibility.state')}</h2>
      <p class="kern-body">{t(`legal.accessibility.state.${conformity}`)}</p>
      <h2 class="kern-heading-medium">{t('legal.accessibility.nonAccessible')}</h2>
      {gaps.length ? (
        <German ctx={ctx}>
          <ul class="kern-list">
            {gaps.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ul>
        </German>
      ) : (
        <p class="kern-body">{t('legal.accessibility.nothing')}</p>
      )}
      <h2 class="kern-heading-medium">{t('legal.accessibility.prepared')}</h2>
      <p class="kern-body">{t('legal.accessibility.preparedText', { date: formatDate(legal.preparedOn, locale, { country: c }) })}</p>
      <h2 class="kern-heading-medium">{t('legal.accessibility.feedback')}</h2>
      <p class="kern-body">{t('legal.accessibility.feedbackText')}</p>
      <Contact ctx={ctx} email={x.feedbackEmail} phone={x.feedbackPhone} />
      <h2 class="kern-heading-medium">{t(c === 'CH' ? 'legal.accessibility.enforcement.CH' : 'legal.accessibility.enforcement')}</h2>
      <p class="kern-body">{t(c === 'CH' ? 'legal.accessibility.enforcementText.CH' : 'legal.accessibility.enforcementText')}</p>
      <address class="kern-body legal-address">
        <German ctx={ctx}>
          <strong>{x.enforcementName}</strong>
          <br />
          {x.enforcementAddress}
        </German>
      </address>
      <p class="kern-body">
        {t('legal.web')}:{' '}
        <a class="kern-link" href={x.enforcementUrl}>
          {x.enforcementUrl}
        </a>
      </p>
    </LegalLayout>
  );
}

export function EasyLanguagePage({ ctx, org, legal }: { ctx: PageContext; org: LegalOrg; legal: LegalState }) {
  return (
    <LegalLayout ctx={ctx} org={org} kind="easy">
      <p class="kern-body">{ctx.t('legal.easy.intro')}</p>
      <div lang="de" class="easy-language">
        {lines(legal.texts.easyLanguage).map((l, i) => (
          <p class="kern-body kern-body--large" key={i}>
            {l}
          </p>
        ))}
      </div>
    </LegalLayout>
  );
}
