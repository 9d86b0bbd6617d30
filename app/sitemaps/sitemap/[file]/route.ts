import { routing, type Locale } from '@/i18n/routing';
import { getPathname } from '@/i18n/navigation';
import { alternatesMetadata, type PathsByLocale } from '@/lib/alternates';
import { absoluteUrl, articlePath, tagPath } from '@/lib/paths';
import { countSitemapPages, listSitemapArticlePages, listSitemapTagPages, type SitemapPage } from '@/lib/queries/sitemap';
import {
  buildSitemap,
  sectionSlices,
  sitemapChunkIds,
  sitemapFileNumber,
  sitemapListingPaths,
  sitemapListings,
  sitemapSectionSizes,
  type SitemapUrlEntry,
} from '@/lib/sitemap';

/*
 * The sitemap, in files of at most 50,000 URLs each, at
 * /sitemaps/sitemap/N.xml; app/sitemap.xml/route.ts answers /sitemap.xml, the
 * address robots.txt names, with an index of all files. Below 50,000 URLs
 * that index names the one file /sitemaps/sitemap/0.xml; past that, more
 * files appear behind the same address.
 *
 * A route handler rather than Next.js's sitemap file convention: that
 * serializer writes `<lastmod>` after the hreflang links, which the
 * sitemaps.org schema forbids (lib/sitemap.ts writes the XML instead).
 */

// Files render on first request and are then served from the ISR cache;
// writes revalidate them through the cache tags of lib/queries/sitemap.ts.
export const revalidate = 300;

// `next build` has no database (see app/[locale]/layout.tsx), so no file is prerendered.
export function generateStaticParams() {
  return [];
}

/** hreflang alternates exactly as the page itself announces them; none for a page in one language only. */
function languageAlternates(paths: PathsByLocale): Record<string, string> | undefined {
  if (Object.keys(paths).length < 2) return undefined;
  const languages = alternatesMetadata(routing.defaultLocale, paths)?.languages ?? {};
  return Object.fromEntries(Object.entries(languages).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function pathsOf(page: SitemapPage, pathFor: (locale: Locale, slug: string) => string): PathsByLocale {
  const paths: PathsByLocale = {};
  for (const locale of routing.locales) {
    const slug = page.slugs[locale];
    if (slug) paths[locale] = pathFor(locale, slug);
  }
  return paths;
}

async function sitemapEntries(file: number): Promise<SitemapUrlEntry[]> {
  const counts = await countSitemapPages();
  const [listings, tags, articles] = sectionSlices(sitemapSectionSizes(counts), file);
  if (!listings || !tags || !articles) return [];
  const [tagPages, articlePages] = await Promise.all([
    listSitemapTagPages(tags.skip, tags.take),
    listSitemapArticlePages(articles.skip, articles.take),
  ]);

  const listingEntries = sitemapListings()
    .slice(listings.skip, listings.skip + listings.take)
    .map(({ pathname, locale }) => ({
      loc: absoluteUrl(getPathname(locale, pathname)),
      alternates: languageAlternates(sitemapListingPaths(pathname)),
    }));
  const tagEntries = tagPages.map((page) => ({
    loc: absoluteUrl(tagPath(page.locale, page.slug)),
    alternates: languageAlternates(pathsOf(page, (locale, slug) => tagPath(locale, slug))),
  }));
  const articleEntries = articlePages.map((page) => ({
    loc: absoluteUrl(articlePath(page.locale, page.slug)),
    lastmod: page.updatedAt,
    alternates: languageAlternates(pathsOf(page, articlePath)),
  }));
  return [...listingEntries, ...tagEntries, ...articleEntries];
}

export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/sitemap/[file]'>) {
  const file = sitemapFileNumber((await params).file);
  const fileCount = sitemapChunkIds(await countSitemapPages()).length;
  if (file === null || file >= fileCount) {
    return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(buildSitemap(await sitemapEntries(file)), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
