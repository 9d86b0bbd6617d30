import { getPathname } from '@/i18n/navigation';
import { LANGUAGE_CHOICE_PARAM, type Locale } from '@/i18n/routing';
import { siteUrl } from '@/lib/site-config';

/*
 * Public URLs of every page, built from i18n/routing.ts. Pagination is a
 * `?page=N` query for readers; proxy.ts maps it onto a path so each page of a
 * listing is its own ISR cache entry.
 */

function withPage(path: string, page: number): string {
  return page > 1 ? `${path}?page=${page}` : path;
}

export function homePath(locale: Locale, page = 1): string {
  return withPage(getPathname(locale, '/'), page);
}

export function articlePath(locale: Locale, slug: string): string {
  return getPathname(locale, '/article/[slug]', { slug });
}

export function tagPath(locale: Locale, slug: string, page = 1): string {
  return withPage(getPathname(locale, '/tag/[slug]', { slug }), page);
}

export function searchPath(locale: Locale): string {
  return getPathname(locale, '/search');
}

export function infoPagePath(locale: Locale, key: 'imprint' | 'privacy' | 'accessibility' | 'easy-language'): string {
  return getPathname(locale, `/info/${key}`);
}

export function feedbackPath(locale: Locale): string {
  return getPathname(locale, '/feedback');
}

/** The link of the language switch: the page, marked so the choice is remembered (proxy.ts). */
export function withLanguageChoice(path: string): string {
  const [beforeHash = '', hash] = path.split('#', 2);
  const joined = `${beforeHash}${beforeHash.includes('?') ? '&' : '?'}${LANGUAGE_CHOICE_PARAM}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

export function absoluteUrl(path: string): string {
  return new URL(path, siteUrl()).toString();
}
