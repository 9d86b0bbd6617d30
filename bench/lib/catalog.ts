import { getPathname } from '@/i18n/navigation';
import { routing, type Locale } from '@/i18n/routing';
import type { PrismaClient } from '@/lib/prisma-client';

/*
 * What the benchmark requests: the published articles and tags of the
 * benchmark database, as the public URLs readers use (i18n/routing.ts).
 */

export type CatalogArticle = { id: number; paths: Partial<Record<Locale, string>>; titles: Partial<Record<Locale, string>> };
export type Catalog = { articles: CatalogArticle[]; tagPaths: string[]; homePaths: string[] };

type Pathnames = typeof routing.pathnames;

/** The public path of a route in a language (i18n/navigation.ts), with its slug if it takes one. */
export function localizedPath(locale: Locale, route: keyof Pathnames, slug?: string): string {
  return getPathname(locale, route, slug === undefined ? {} : { slug });
}

/** Home pages and their first pages of pagination, tag pages and their second pages. */
const LISTING_PAGES = 3;

export async function readCatalog(prisma: PrismaClient): Promise<Catalog> {
  const articles = await prisma.article.findMany({
    where: { status: 'PUBLISHED', withdrawnAt: null },
    orderBy: { id: 'asc' },
    select: { id: true, translations: { select: { locale: true, slug: true, title: true } } },
  });
  const tags = await prisma.tagTranslation.findMany({ orderBy: [{ tagId: 'asc' }, { locale: 'asc' }], select: { locale: true, slug: true } });
  const withPage = (path: string, page: number) => (page > 1 ? `${path}?page=${page}` : path);
  return {
    articles: articles.map((article) => ({
      id: article.id,
      paths: Object.fromEntries(article.translations.map((t) => [t.locale, localizedPath(t.locale, '/article/[slug]', t.slug)])),
      titles: Object.fromEntries(article.translations.map((t) => [t.locale, t.title])),
    })),
    tagPaths: tags.flatMap((tag) => [1, 2].map((page) => withPage(localizedPath(tag.locale, '/tag/[slug]', tag.slug), page))),
    homePaths: routing.locales.flatMap((locale) =>
      Array.from({ length: LISTING_PAGES }, (_, index) => withPage(localizedPath(locale, '/'), index + 1)),
    ),
  };
}

/** `count` items spread evenly over the list (all of them when there are fewer). */
export function evenlyPicked<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)]).filter((item): item is T => item !== undefined);
}

/** `count` article paths spread evenly over the archive, both languages alike. */
export function spreadArticlePaths(catalog: Catalog, count: number): string[] {
  return evenlyPicked(
    catalog.articles.flatMap((article) => Object.values(article.paths)),
    count,
  );
}
