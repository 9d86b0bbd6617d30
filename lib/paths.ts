import { getPathname, pagedPathname, type InternalPathname } from '@/i18n/navigation';
import { LANGUAGE_CHOICE_PARAM, type Locale } from '@/i18n/routing';
import { siteUrl } from '@/lib/site-config';

/*
 * Public URLs of every page, built from i18n/routing.ts. A listing's later
 * pages are paths of their own ('/page/[page]' in routing.ts), so each is one ISR cache
 * entry; proxy.ts redirects the older `?page=2` form there.
 */

function listingPath(locale: Locale, listing: InternalPathname, page: number, params: Record<string, string> = {}): string {
  const paged = pagedPathname(listing);
  if (page <= 1 || paged === null) return getPathname(locale, listing, params);
  return getPathname(locale, paged, { ...params, page: String(page) });
}

export function homePath(locale: Locale, page = 1): string {
  return listingPath(locale, '/', page);
}

export function speechesPath(locale: Locale, page = 1): string {
  return listingPath(locale, '/speeches', page);
}

export function articlePath(locale: Locale, slug: string): string {
  return getPathname(locale, '/article/[slug]', { slug });
}

export function tagPath(locale: Locale, slug: string, page = 1): string {
  return listingPath(locale, '/tag/[slug]', page, { slug });
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
