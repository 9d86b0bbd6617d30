import { routing, type Locale } from '@/i18n/routing';
import { getPathname, listingPathnames, type InternalPathname } from '@/i18n/navigation';
import type { SitemapCounts } from '@/lib/queries/sitemap';
import { escapeXml } from '@/lib/xml';

/*
 * The sitemap protocol (https://www.sitemaps.org/protocol.html) allows at
 * most 50,000 URLs in one file, so the portal's URLs are numbered in a fixed
 * order of sections (listings, tag pages, articles) and cut into chunks of
 * that size; /sitemap.xml is an index naming every chunk.
 */

export const SITEMAP_MAX_URLS = 50_000;

export type SectionSlice = { skip: number; take: number };

/** A listing without parameters (home, speeches) in one language: its first page is in the sitemap. */
export type SitemapListing = { pathname: InternalPathname; locale: Locale };

/** Every listing of routing.ts that needs no parameter, in every language, in a fixed order. */
export function sitemapListings(): SitemapListing[] {
  const listings = listingPathnames().filter((pathname) => !pathname.includes('['));
  return listings.flatMap((pathname) => routing.locales.map((locale) => ({ pathname, locale })));
}

/** A listing's first page in each language. */
export function sitemapListingPaths(pathname: InternalPathname): Partial<Record<Locale, string>> {
  return Object.fromEntries(routing.locales.map((locale) => [locale, getPathname(locale, pathname)]));
}

/** Sizes of the sections in sitemap order: listings, tag pages, article pages. */
export function sitemapSectionSizes(counts: SitemapCounts): [listings: number, tags: number, articles: number] {
  return [sitemapListings().length, counts.tagPages, counts.articlePages];
}

/** How many sitemap files the URLs need; one even when there are none, so the index is never empty. */
export function sitemapChunkCount(totalUrls: number, chunkSize = SITEMAP_MAX_URLS): number {
  return Math.max(1, Math.ceil(totalUrls / chunkSize));
}

/** The ids of the sitemap files, as generateSitemaps returns them. */
export function sitemapChunkIds(counts: SitemapCounts): { id: number }[] {
  const total = sitemapSectionSizes(counts).reduce((sum, size) => sum + size, 0);
  return Array.from({ length: sitemapChunkCount(total) }, (_, id) => ({ id }));
}

/** The part of each section (given by its size, in order) that falls into one chunk. */
export function sectionSlices(sectionSizes: readonly number[], chunk: number, chunkSize = SITEMAP_MAX_URLS): SectionSlice[] {
  const chunkStart = chunk * chunkSize;
  const chunkEnd = chunkStart + chunkSize;
  let sectionStart = 0;
  return sectionSizes.map((size) => {
    const sectionEnd = sectionStart + size;
    const from = Math.max(chunkStart, sectionStart);
    const to = Math.min(chunkEnd, sectionEnd);
    const slice = to > from ? { skip: from - sectionStart, take: to - from } : { skip: 0, take: 0 };
    sectionStart = sectionEnd;
    return slice;
  });
}

/** Where app/sitemaps/sitemap/[file]/route.ts serves sitemap file `id`. */
export function sitemapFilePath(id: number): string {
  return `/sitemaps/sitemap/${id}.xml`;
}

/** A sitemap index document naming the given sitemap files. */
export function buildSitemapIndex(sitemapUrls: readonly string[]): string {
  const entries = sitemapUrls.map((url) => `  <sitemap>\n    <loc>${escapeXml(url)}</loc>\n  </sitemap>\n`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    entries.join('') +
    '</sitemapindex>\n'
  );
}

/** One `<url>` of a sitemap file: its address, when its content last changed, and its language versions. */
export type SitemapUrlEntry = { loc: string; lastmod?: string; alternates?: Readonly<Record<string, string>> };

/**
 * A sitemap file. Written by hand because the sitemaps.org schema fixes the
 * order of a `<url>`'s children (loc, lastmod, changefreq, priority, then
 * other namespaces such as xhtml:link), and Next.js's own serializer puts
 * `<lastmod>` after the links.
 */
export function buildSitemap(entries: readonly SitemapUrlEntry[]): string {
  const urls = entries.map(({ loc, lastmod, alternates }) => {
    const links = Object.entries(alternates ?? {}).map(
      ([hreflang, href]) => `    <xhtml:link rel="alternate" hreflang="${escapeXml(hreflang)}" href="${escapeXml(href)}" />\n`,
    );
    return `  <url>\n    <loc>${escapeXml(loc)}</loc>\n${lastmod ? `    <lastmod>${escapeXml(lastmod)}</lastmod>\n` : ''}${links.join('')}  </url>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('') +
    '</urlset>\n'
  );
}

/** The number of the sitemap file a request names (`0.xml` → 0), or null for any other name. */
export function sitemapFileNumber(fileName: string): number | null {
  const match = /^(0|[1-9]\d{0,5})\.xml$/.exec(fileName);
  return match ? Number(match[1]) : null;
}
