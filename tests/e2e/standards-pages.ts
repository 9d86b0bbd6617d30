import type { Locale } from '@/i18n/routing';
import { articlePath, homePagePath, demoArticle, demoArticles, demoTag, listedArticles, LOCALES, PAGE_SIZE, tagPath, translationOf } from './helpers';

/*
 * One page of every page type in each language, as a validator checks them.
 * The 410 page needs a withdrawn article, which the test that uses this list
 * creates itself (withdrawnArticle in publishing-helpers.ts).
 */

export type CheckedPage = { name: string; path: string; status: number };

const WITH_IMAGE = demoArticle('01');
const IRAQ = demoTag('irak');

const LEGAL_PATHS: Record<Locale, Record<'imprint' | 'privacy' | 'accessibility', string>> = {
  de: { imprint: '/de/impressum', privacy: '/de/datenschutz', accessibility: '/de/barrierefreiheit' },
  en: { imprint: '/en/imprint', privacy: '/en/privacy', accessibility: '/en/accessibility' },
};
const FEEDBACK_PATHS: Record<Locale, string> = { de: '/de/barriere-melden', en: '/en/report-a-barrier' };
const SEARCH_PATHS: Record<Locale, string> = { de: '/de/suche', en: '/en/search' };

function withoutImage(locale: Locale) {
  const found = demoArticles().find((article) => !article.input.image && article.input.translations[locale]);
  if (!found) throw new Error(`the demo content has no ${locale} article without an image`);
  return found;
}

/** A word of an article's title that the search finds. */
function searchWord(locale: Locale): string {
  return translationOf(WITH_IMAGE, locale).title.split(/\s+/).find((word) => word.length > 5) ?? translationOf(WITH_IMAGE, locale).title;
}

export function pagesInEveryLanguage(locale: Locale): CheckedPage[] {
  const pages: CheckedPage[] = [
    { name: 'home', path: `/${locale}`, status: 200 },
    { name: 'article with lead image', path: articlePath(locale, translationOf(WITH_IMAGE, locale).slug), status: 200 },
    { name: 'article without lead image', path: articlePath(locale, translationOf(withoutImage(locale), locale).slug), status: 200 },
    { name: 'tag page', path: tagPath(locale, IRAQ[locale]?.slug ?? ''), status: 200 },
    { name: 'search with hits', path: `${SEARCH_PATHS[locale]}?q=${encodeURIComponent(searchWord(locale))}`, status: 200 },
    { name: 'search without hits', path: `${SEARCH_PATHS[locale]}?q=qqxqqzz`, status: 200 },
    { name: 'search form alone', path: SEARCH_PATHS[locale], status: 200 },
    ...Object.entries(LEGAL_PATHS[locale]).map(([name, path]) => ({ name, path, status: 200 })),
    { name: 'barrier form', path: FEEDBACK_PATHS[locale], status: 200 },
    { name: '404 page', path: `/${locale}/gibt-es-nicht-${locale}`, status: 404 },
    { name: '404 page of an unknown article', path: articlePath(locale, 'unbekannter-beitrag'), status: 404 },
  ];
  if (listedArticles(locale).length > PAGE_SIZE) pages.push({ name: 'home page 2', path: homePagePath(locale, 2), status: 200 });
  return pages;
}

export function germanOnlyPages(): CheckedPage[] {
  const germanOnly = demoArticles().find((article) => !article.input.translations.en && article.input.translations.de);
  if (!germanOnly) throw new Error('the demo content has no German-only article');
  return [
    { name: 'German-only article', path: articlePath('de', translationOf(germanOnly, 'de').slug), status: 200 },
    { name: 'Easy German page', path: '/de/leichte-sprache', status: 200 },
  ];
}

/** Every page type in every language (German-only ones in German), with the 410 page of the withdrawn article `gone`. */
export function pagesOfEveryType(gone: { urls: Partial<Record<Locale, string>> }): (CheckedPage & { locale: Locale })[] {
  return LOCALES.flatMap((locale) => {
    const pages = [...pagesInEveryLanguage(locale), ...(locale === 'de' ? germanOnlyPages() : [])];
    const gonePath = gone.urls[locale];
    if (gonePath) pages.push({ name: '410 page of a withdrawn article', path: gonePath, status: 410 });
    return pages.map((page) => ({ ...page, locale }));
  });
}
