import type { ComponentChildren } from 'preact';
import type { Locale, Translate } from '../i18n/index.ts';
import { type StaffRole, staffNavFor } from './staff-nav.ts';

export interface PageContext {
  t: Translate;
  locale: Locale;
  /** The request path with its query, for the language switch. */
  path: string;
  csrfToken: string;
  staff?: { name: string; organizationName: string; organiser?: boolean; role?: StaffRole } | null;
  /** The id of a form whose unsaved input the language switch keeps: the switch submits it (a step of an application). */
  languageForm?: string;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  org?: { name: string; slug: string; logoUrl?: string | null } | null;
  area?: 'portal' | 'backoffice' | 'studio';
  /** Scripts that only enhance the page (served from /assets/, loaded deferred); the page works without them. */
  scripts?: string[];
  children: ComponentChildren;
}

const FOOTER_LINKS = {
  impressum: 'legal.imprint.title',
  datenschutz: 'legal.privacy.title',
  barrierefreiheit: 'legal.accessibility.title',
  'leichte-sprache': 'legal.easy.title',
} as const;

function switchLocaleHref(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return url.pathname + url.search;
}

export function Layout({ ctx, title, org, area = 'portal', scripts = [], children }: LayoutProps) {
  const { t, locale } = ctx;
  const other: Locale = locale === 'de' ? 'en' : 'de';
  const homeHref = area === 'backoffice' ? '/verwaltung/' : area === 'studio' ? '/studio/' : org ? `/${org.slug}/` : '/';
  const siteName = area === 'backoffice' ? t('backoffice.siteName') : area === 'studio' ? t('studio.siteName') : (org?.name ?? t('app.name'));
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${siteName} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        {org && <link rel="stylesheet" href={`/${org.slug}/theme.css`} />}
        {scripts.map((src) => (
          <script src={src} defer key={src}></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="kern-container site-header__inner">
            <a class="site-header__name" href={homeHref}>
              {org?.logoUrl && <img src={org.logoUrl} alt="" width={40} height={40} />}
              <span>{siteName}</span>
            </a>
            <nav aria-label={t('layout.serviceNavigation')} class="site-header__nav">
              <ul class="kern-list kern-list--horizontal">
                {ctx.staff?.organiser && area !== 'portal' && (
                  <li>
                    <a class="kern-link" href={area === 'studio' ? '/verwaltung/' : '/studio/'}>
                      {area === 'studio' ? t('backoffice.siteName') : t('studio.siteName')}
                    </a>
                  </li>
                )}
                {ctx.staff && (
                  <li>
                    <span class="kern-body--small">{t('layout.signedInAs', { name: ctx.staff.name, organization: ctx.staff.organizationName })}</span>
                  </li>
                )}
                {ctx.staff && (
                  <li>
                    <form method="post" action="/verwaltung/abmelden" class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                        <span class="kern-label">{t('layout.signOut')}</span>
                      </button>
                    </form>
                  </li>
                )}
                <li>
                  {ctx.languageForm ? (
                    <button type="submit" form={ctx.languageForm} name="_sprache" value={other} formNoValidate class="kern-link language-switch" lang={other}>
                      {t('layout.switchLanguage')}
                    </button>
                  ) : (
                    <a class="kern-link" href={switchLocaleHref(ctx.path, other)} lang={other} hrefLang={other}>
                      {t('layout.switchLanguage')}
                    </a>
                  )}
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {area !== 'portal' && staffNavFor(ctx.staff?.role).length > 0 && (
          <nav aria-label={t('layout.adminNavigation')} class="kern-container staff-nav">
            <ul class="kern-list kern-list--horizontal">
              {staffNavFor(ctx.staff?.role).map((item) => (
                <li key={item.href}>
                  <a class="kern-link" href={item.href} aria-current={ctx.path.split('?')[0] === item.href ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="inhalt" class="kern-container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="kern-container">
            {/* The legal pages (legal module): a municipality's own on its portal, the operator's everywhere else. */}
            <nav aria-label={t('legal.footer.nav')}>
              <ul class="kern-list site-footer__links">
                {(['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'] as const).map((page) => (
                  <li key={page}>
                    <a class="kern-link" href={area === 'portal' && org ? `/${org.slug}/${page}` : `/${page}`}>
                      {t(FOOTER_LINKS[page])}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="kern-body--small">{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
