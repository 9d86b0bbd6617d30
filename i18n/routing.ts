import { defineRouting } from 'next-intl/routing';

/** The one place that knows the site's languages and localized URLs. */
export const LOCALE_COOKIE = { name: 'NEXT_LOCALE', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' } as const;

/** Query parameter the language switch adds to its link, so the choice can be stored. */
export const LANGUAGE_CHOICE_PARAM = 'sprachwahl';

export const routing = defineRouting({
  locales: ['de', 'en'],
  defaultLocale: 'de',
  localePrefix: 'always',
  // The reader's explicit choice (made by following the language switch) is
  // remembered for a year and wins over Accept-Language on `/`. Only the
  // switch sets it (proxy.ts), so cached pages never carry a Set-Cookie.
  localeCookie: LOCALE_COOKIE,
  // next-intl would announce every locale for every page in a Link header;
  // our pages name only translations that exist, in their <head>.
  alternateLinks: false,
  pathnames: {
    '/': '/',
    '/page/[page]': { de: '/seite/[page]', en: '/page/[page]' },
    '/article/[slug]': { de: '/artikel/[slug]', en: '/article/[slug]' },
    '/tag/[slug]': { de: '/schlagwort/[slug]', en: '/tag/[slug]' },
    '/tag/[slug]/page/[page]': { de: '/schlagwort/[slug]/seite/[page]', en: '/tag/[slug]/page/[page]' },
    '/speeches': { de: '/reden', en: '/speeches' },
    '/speeches/page/[page]': { de: '/reden/seite/[page]', en: '/speeches/page/[page]' },
    '/preview/[id]': { de: '/vorschau/[id]', en: '/preview/[id]' },
    '/search': { de: '/suche', en: '/search' },
    '/info/imprint': { de: '/impressum', en: '/imprint' },
    '/info/privacy': { de: '/datenschutz', en: '/privacy' },
    '/info/accessibility': { de: '/barrierefreiheit', en: '/accessibility' },
    '/info/easy-language': { de: '/leichte-sprache', en: '/easy-german' },
    '/feedback': { de: '/barriere-melden', en: '/report-a-barrier' },
    '/feed.xml': '/feed.xml',
    '/tag/[slug]/feed.xml': { de: '/schlagwort/[slug]/feed.xml', en: '/tag/[slug]/feed.xml' },
    '/speeches/feed.xml': { de: '/reden/feed.xml', en: '/speeches/feed.xml' },
  },
});

export type Locale = (typeof routing.locales)[number];

/** Easy German (Leichte Sprache) is offered in German only, from every page. */
export const EASY_LANGUAGE_LOCALE: Locale = 'de';

/**
 * Whether a URL segment is one of our locales. Our own, not next-intl's
 * hasLocale: importing anything from 'next-intl' in a page puts next-intl's
 * client provider and its message formatter into the page's JavaScript.
 */
export function isLocale(candidate: string | undefined): candidate is Locale {
  return (routing.locales as readonly string[]).includes(candidate ?? '');
}

/** The language that is not `locale` (the portal has two). */
export function otherLocale(locale: Locale): Locale {
  return routing.locales.find((candidate) => candidate !== locale) ?? routing.defaultLocale;
}
