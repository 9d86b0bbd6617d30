import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import type { Locale } from '@/i18n/routing';
import { listingCacheTags, listingKey, listingWhere, type ArticleSummary, type ListingFilter } from '@/lib/queries/articles';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export type FeedItem = Pick<ArticleSummary, 'id' | 'publishedAt' | 'title' | 'slug' | 'lead'> & {
  imageId: string | null;
};

/** The newest visible articles of a listing in a language, newest first. */
export async function listFeedItems(locale: Locale, filter: ListingFilter = {}): Promise<FeedItem[]> {
  // A tag's feed also names the tag, so a renamed tag renews it.
  const tags = filter.tagId === undefined ? listingCacheTags(filter) : [...listingCacheTags(filter), cacheTags.tagList];
  return unstable_cache(
    async () => {
      const rows = await db().article.findMany({
        where: listingWhere(locale, filter),
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
    ['feed-items', locale, ...listingKey(filter)],
    { tags, revalidate: REVALIDATE_SECONDS },
  )();
}
