import { routing, type Locale } from './routing';

/*
 * Paths from the localized pathnames in routing.ts, both ways: the public
 * path of a page in one language (getPathname), and which page a public path
 * is (matchPathname). Everything outside i18n/ asks these instead of writing
 * a localized segment again. Our own few lines instead of next-intl's
 * createNavigation(): that module carries next-intl's client Link, and
 * importing it anywhere a page reaches puts next-intl's client runtime into
 * every page's JavaScript (about 13 KB compressed).
 */

export type InternalPathname = keyof typeof routing.pathnames;

function localizedTemplate(pathname: InternalPathname, locale: Locale): string {
  const localized = routing.pathnames[pathname];
  return typeof localized === 'string' ? localized : localized[locale];
}

export function getPathname(
  locale: Locale,
  pathname: InternalPathname,
  params: Record<string, string> = {},
): string {
  const path = localizedTemplate(pathname, locale).replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`getPathname: no value for [${name}] in ${pathname}`);
    return encodeURIComponent(value);
  });
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

export type MatchedPath = { locale: Locale; pathname: InternalPathname; params: Record<string, string> };

type CompiledTemplate = { locale: Locale; pathname: InternalPathname; pattern: RegExp; names: string[] };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Templates with fewer parameters first, so a fixed segment wins over a parameter.
const COMPILED: CompiledTemplate[] = (Object.keys(routing.pathnames) as InternalPathname[])
  .flatMap((pathname) =>
    routing.locales.map((locale) => {
      const template = localizedTemplate(pathname, locale);
      const names: string[] = [];
      const body = template === '/' ? '' : template.split(/(\[[^\]]+\])/).map((part) => {
        const param = /^\[([^\]]+)\]$/.exec(part);
        if (!param?.[1]) return escapeRegExp(part);
        names.push(param[1]);
        return '([^/]+)';
      }).join('');
      return { locale, pathname, pattern: new RegExp(`^/${locale}${body}$`), names };
    }),
  )
  .sort((a, b) => a.names.length - b.names.length);

/** Which page a public path (without query) is, or null when it is none of routing.pathnames. */
export function matchPathname(path: string): MatchedPath | null {
  for (const { locale, pathname, pattern, names } of COMPILED) {
    const match = pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      names.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1] ?? '')));
    } catch {
      return null;
    }
    return { locale, pathname, params };
  }
  return null;
}

/**
 * The public beginnings of a page's paths in every language, up to its first
 * parameter: ('/preview/[id]') → ['/de/vorschau/', '/en/preview/']. For
 * configuration that matches by prefix (robots.txt, response headers, nginx).
 */
export function localizedPrefixes(pathname: InternalPathname): string[] {
  return routing.locales.map((locale) => {
    const template = localizedTemplate(pathname, locale);
    const fixed = template.split('[')[0] ?? '';
    return fixed === '/' ? `/${locale}` : `/${locale}${fixed}`;
  });
}

/** The numbered pages of a listing: '/tag/[slug]' → '/tag/[slug]/page/[page]'; null for pages that are no listing. */
export function pagedPathname(listing: InternalPathname): InternalPathname | null {
  const paged = `${listing === '/' ? '' : listing}/page/[page]`;
  return paged in routing.pathnames ? (paged as InternalPathname) : null;
}

/** The first page of a listing from its numbered pages: '/tag/[slug]/page/[page]' → '/tag/[slug]'; null for others. */
export function firstPagePathname(paged: InternalPathname): InternalPathname | null {
  if (!paged.endsWith('/page/[page]')) return null;
  const listing = paged.slice(0, -'/page/[page]'.length) || '/';
  return listing in routing.pathnames ? (listing as InternalPathname) : null;
}

/** The listings (pages with numbered pages), first pages only: '/', '/speeches', '/tag/[slug]'. */
export function listingPathnames(): InternalPathname[] {
  return (Object.keys(routing.pathnames) as InternalPathname[]).filter((pathname) => pagedPathname(pathname) !== null);
}
