import type { MetadataRoute } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { routing, type Locale } from '@/i18n/routing';
import { alternatesMetadata, type PathsByLocale } from '@/lib/alternates';
import { absoluteUrl, articlePath, homePath, tagPath } from '@/lib/paths';
import { countSitemapPages, listSitemapArticlePages, listSitemapTagPages, type SitemapPage } from '@/lib/queries/sitemap';
import { sectionSlices, sitemapChunkIds, sitemapSectionSizes } from '@/lib/sitemap';

/*
 * The sitemap, in files of at most 50,000 URLs each. Next.js serves file N of
 * this route at /sitemaps/sitemap/N.xml; app/sitemap.xml/route.ts answers
 * /sitemap.xml, the address robots.txt names, with an index of all files.
 * Below 50,000 URLs that index names the one file /sitemaps/sitemap/0.xml;
 * past that, more files appear behind the same address.
 *
 * Why not app/sitemap.ts: there, Next.js would serve the files at
 * /sitemap/N.xml, but Turbopack then refuses any route of our own at
 * /sitemap.xml ("Conflicting route and metadata"), and without
 * generateSitemaps one file could never grow into an index.
 */

// Files render on first request and are then served from the ISR cache;
// writes revalidate them through the cache tags of lib/queries/sitemap.ts.
export const revalidate = 300;

export async function generateSitemaps(): Promise<{ id: number }[]> {
  // `next build` asks for the files to prerender them; the portal builds
  // without a database (see app/[locale]/layout.tsx), so none are prerendered.
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return [];
  return sitemapChunkIds(await countSitemapPages());
}

type SitemapEntry = MetadataRoute.Sitemap[number];

/** hreflang alternates exactly as the page itself announces them; none for a page in one language only. */
function languageAlternates(paths: PathsByLocale): SitemapEntry['alternates'] {
  if (Object.keys(paths).length < 2) return undefined;
  const languages = alternatesMetadata(routing.defaultLocale, paths)?.languages ?? {};
  const urls = Object.entries(languages).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { languages: Object.fromEntries(urls) };
}

function pathsOf(page: SitemapPage, pathFor: (locale: Locale, slug: string) => string): PathsByLocale {
  const paths: PathsByLocale = {};
  for (const locale of routing.locales) {
    const slug = page.slugs[locale];
    if (slug) paths[locale] = pathFor(locale, slug);
  }
  return paths;
}

export default async function sitemap({ id }: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const counts = await countSitemapPages();
  const [homes, tags, articles] = sectionSlices(sitemapSectionSizes(counts), Number(await id));
  if (!homes || !tags || !articles) return [];
  const [tagPages, articlePages] = await Promise.all([
    listSitemapTagPages(tags.skip, tags.take),
    listSitemapArticlePages(articles.skip, articles.take),
  ]);

  const homePaths: PathsByLocale = { de: homePath('de'), en: homePath('en') };
  const homeEntries: SitemapEntry[] = routing.locales.slice(homes.skip, homes.skip + homes.take).map((locale) => ({
    url: absoluteUrl(homePath(locale)),
    alternates: languageAlternates(homePaths),
  }));
  const tagEntries: SitemapEntry[] = tagPages.map((page) => ({
    url: absoluteUrl(tagPath(page.locale, page.slug)),
    alternates: languageAlternates(pathsOf(page, (locale, slug) => tagPath(locale, slug))),
  }));
  const articleEntries: SitemapEntry[] = articlePages.map((page) => ({
    url: absoluteUrl(articlePath(page.locale, page.slug)),
    lastModified: page.updatedAt,
    alternates: languageAlternates(pathsOf(page, articlePath)),
  }));
  return [...homeEntries, ...tagEntries, ...articleEntries];
}
