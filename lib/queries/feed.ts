import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import type { Locale } from '@/i18n/routing';
import type { ArticleSummary } from '@/lib/queries/articles';
import { visibleArticleWhere } from '@/lib/queries/visibility';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export type FeedItem = Pick<ArticleSummary, 'id' | 'publishedAt' | 'title' | 'slug' | 'lead'> & {
  imageId: string | null;
};

/** The newest visible articles in a language, optionally only those with a tag, newest first. */
export async function listFeedItems(locale: Locale, tagId?: number): Promise<FeedItem[]> {
  const tags = tagId === undefined ? [cacheTags.articleLists] : [cacheTags.tag(tagId), cacheTags.tagList];
  return unstable_cache(
    async () => {
      const rows = await db().article.findMany({
        where: {
          ...visibleArticleWhere(),
          translations: { some: { locale } },
          ...(tagId === undefined ? {} : { tags: { some: { tagId } } }),
        },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take: FEED_SIZE,
        select: {
          id: true,
          publishedAt: true,
          imageId: true,
          translations: { where: { locale }, select: { title: true, slug: true, lead: true } },
        },
      });
      return rows.flatMap(({ translations, publishedAt, ...article }) =>
        translations.map((text) => ({ ...article, ...text, publishedAt: publishedAt.toISOString() })),
      );
    },
    ['feed-items', locale, String(tagId ?? '')],
    { tags, revalidate: REVALIDATE_SECONDS },
  )();
}
