import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Locale } from '@/i18n/routing';
import { visibleArticleWhere } from '@/lib/queries/visibility';

/*
 * What the sitemap lists besides the home pages: every language version of
 * every visible article, and the pages of tags that carry at least one
 * visible article. Both come in a fixed order so that the sitemap can be cut
 * into numbered files (lib/sitemap.ts).
 */

/** One page in one language, with its slug in every language the same content exists in. */
export type SitemapPage = { locale: Locale; slug: string; slugs: Partial<Record<Locale, string>> };
export type SitemapArticlePage = SitemapPage & { updatedAt: string };
export type SitemapCounts = { tagPages: number; articlePages: number };

// Next.js keeps a cached value only while it is below 2 MB; a batch of this
// many pages stays well below, whatever the sitemap file size.
const BATCH_SIZE = 5_000;
const CACHE_OPTIONS = { tags: [cacheTags.articleLists, cacheTags.tagList], revalidate: REVALIDATE_SECONDS };

function listedArticleWhere(): Prisma.ArticleTranslationWhereInput {
  return { article: visibleArticleWhere() };
}

function listedTagWhere(): Prisma.TagTranslationWhereInput {
  return { tag: { articles: { some: { article: visibleArticleWhere() } } } };
}

function slugsByLocale(translations: { locale: Locale; slug: string }[]): Partial<Record<Locale, string>> {
  return Object.fromEntries(translations.map((t) => [t.locale, t.slug]));
}

/** Runs a cached read for each batch of a range and joins the results in order. */
async function inBatches<T>(skip: number, take: number, read: (skip: number, take: number) => Promise<T[]>): Promise<T[]> {
  const batches: Promise<T[]>[] = [];
  for (let offset = 0; offset < take; offset += BATCH_SIZE) {
    batches.push(read(skip + offset, Math.min(BATCH_SIZE, take - offset)));
  }
  return (await Promise.all(batches)).flat();
}

export async function countSitemapPages(): Promise<SitemapCounts> {
  return unstable_cache(
    async () => {
      const [tagPages, articlePages] = await db().$transaction([
        db().tagTranslation.count({ where: listedTagWhere() }),
        db().articleTranslation.count({ where: listedArticleWhere() }),
      ]);
      return { tagPages, articlePages };
    },
    ['sitemap-counts'],
    CACHE_OPTIONS,
  )();
}

/** Tag pages `skip` to `skip + take` in sitemap order (by tag, then language). */
export async function listSitemapTagPages(skip: number, take: number): Promise<SitemapPage[]> {
  return inBatches(skip, take, (batchSkip, batchTake) =>
    unstable_cache(
      async () => {
        const rows = await db().tagTranslation.findMany({
          where: listedTagWhere(),
          orderBy: [{ tagId: 'asc' }, { locale: 'asc' }],
          skip: batchSkip,
          take: batchTake,
          select: { locale: true, slug: true, tag: { select: { translations: { select: { locale: true, slug: true } } } } },
        });
        return rows.map((row) => ({ locale: row.locale, slug: row.slug, slugs: slugsByLocale(row.tag.translations) }));
      },
      ['sitemap-tag-pages', String(batchSkip), String(batchTake)],
      CACHE_OPTIONS,
    )(),
  );
}

/** Article pages `skip` to `skip + take` in sitemap order (by article, then language). */
export async function listSitemapArticlePages(skip: number, take: number): Promise<SitemapArticlePage[]> {
  return inBatches(skip, take, (batchSkip, batchTake) =>
    unstable_cache(
      async () => {
        const rows = await db().articleTranslation.findMany({
          where: listedArticleWhere(),
          orderBy: [{ articleId: 'asc' }, { locale: 'asc' }],
          skip: batchSkip,
          take: batchTake,
          select: {
            locale: true,
            slug: true,
            article: { select: { updatedAt: true, translations: { select: { locale: true, slug: true } } } },
          },
        });
        return rows.map((row) => ({
          locale: row.locale,
          slug: row.slug,
          updatedAt: row.article.updatedAt.toISOString(),
          slugs: slugsByLocale(row.article.translations),
        }));
      },
      ['sitemap-article-pages', String(batchSkip), String(batchTake)],
      CACHE_OPTIONS,
    )(),
  );
}
