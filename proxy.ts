import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { LANGUAGE_CHOICE_PARAM, LOCALE_COOKIE, routing, isLocale } from '@/i18n/routing';
import { firstPagePathname, getPathname, matchPathname, pagedPathname } from '@/i18n/navigation';
import { isInternalRequest } from '@/lib/internal-token';

const handleLocale = createMiddleware(routing);

const LOOKS_LIKE_LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/*
 * Runs before every page request:
 * - URLs in another letter case redirect permanently to lower case, so links
 *   typed or shared with capitals keep working (all our slugs are lower case);
 * - an unsupported locale prefix (`/fr/…`) answers with the localized 404;
 * - `?page=N` on a listing (the older form of its numbered pages) redirects
 *   permanently to the page's path ('/page/[page]' in routing.ts), and page 1's
 *   path to the listing itself;
 * - next-intl picks the reader's language on `/` (stored choice, then
 *   Accept-Language, else German) and maps localized paths to our routes.
 */
export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;

  if (pathname !== pathname.toLowerCase()) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.toLowerCase();
    return NextResponse.redirect(url, 308);
  }

  const segments = pathname.split('/').filter(Boolean);
  const [first, ...rest] = segments;

  // Status pages are building blocks of the portal server, not addresses for readers.
  if (rest[0] === 'status' && !isInternalRequest(request.headers)) {
    const url = request.nextUrl.clone();
    url.pathname = `/${routing.defaultLocale}/${segments.join('/')}-unknown`;
    return NextResponse.rewrite(url);
  }

  // Unknown locales get the 404 page; for feeds also those that do not look like one,
  // since the feed route would otherwise keep a cached 404 for each of them.
  const isFeed = pathname.endsWith('/feed.xml');
  if (first !== undefined && !isLocale(first) && (LOOKS_LIKE_LOCALE.test(first) || isFeed)) {
    const url = request.nextUrl.clone();
    url.pathname = `/${routing.defaultLocale}/${segments.join('/')}`;
    url.search = '';
    return NextResponse.rewrite(url);
  }

  // The language switch was followed: remember the choice and show the page
  // under its clean URL. This redirect is the only response that sets the cookie.
  if (first !== undefined && isLocale(first) && request.nextUrl.searchParams.has(LANGUAGE_CHOICE_PARAM)) {
    const url = request.nextUrl.clone();
    url.searchParams.delete(LANGUAGE_CHOICE_PARAM);
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(LOCALE_COOKIE.name, first, { path: '/', maxAge: LOCALE_COOKIE.maxAge, sameSite: LOCALE_COOKIE.sameSite });
    return response;
  }

  const matched = matchPathname(pathname);

  // The search form sends its empty filters too (`&tag=&type=`); shared links stay short.
  if (matched?.pathname === '/search') {
    const params = request.nextUrl.searchParams;
    const empty = [...params.entries()].filter(([, value]) => value === '').map(([key]) => key);
    if (empty.length > 0) {
      const url = request.nextUrl.clone();
      for (const key of empty) url.searchParams.delete(key);
      return NextResponse.redirect(url, 308);
    }
  }

  // Page 1 of a listing has no number: its numbered path is the listing itself.
  const firstPage = matched ? firstPagePathname(matched.pathname) : null;
  if (matched && firstPage && matched.params.page === '1') {
    const url = request.nextUrl.clone();
    url.pathname = getPathname(matched.locale, firstPage, matched.params);
    return NextResponse.redirect(url, 308);
  }

  const page = request.nextUrl.searchParams.get('page');
  const paged = matched ? pagedPathname(matched.pathname) : null;
  if (matched && paged && page !== null) {
    const url = request.nextUrl.clone();
    url.searchParams.delete('page');
    // The listing route decides whether the number names a page (else 404).
    if (page !== '1') url.pathname = getPathname(matched.locale, paged, { ...matched.params, page });
    return NextResponse.redirect(url, 308);
  }

  const response = withoutCookies(handleLocale(request));
  // Under a language prefix, next-intl's redirects (another language's form of a
  // path, such as a German segment under /en) do not depend on the reader: permanent.
  // Without one they pick the reader's language and stay temporary.
  const location = response.headers.get('location');
  if (first !== undefined && isLocale(first) && response.status === 307 && location !== null) {
    return NextResponse.redirect(location, 308);
  }
  return response;
}

/**
 * next-intl would also store the language of any page read; we store only
 * the explicit choice, so that page responses stay cacheable by any cache.
 */
function withoutCookies(response: NextResponse): NextResponse {
  response.headers.delete('set-cookie');
  response.headers.delete('x-middleware-set-cookie');
  return response;
}

export const config = {
  // Everything but the API, the editors' desk, Next.js internals, media and files with an
  // extension, except feeds, whose German paths need the mapping to our routes.
  matcher: ['/((?!api|redaktion|_next|_vercel|media|.*\\..*).*)', '/:locale/feed.xml', '/:locale/:listing/feed.xml', '/:locale/:tag/:slug/feed.xml'],
};
