import { isLocale } from '@/i18n/routing';
import { tagFeedChannel } from '@/lib/feeds/channels';
import { feedNotFound, rssResponse } from '@/lib/feeds/rss-response';
import { listFeedItems } from '@/lib/queries/feed';
import { getTagBySlug } from '@/lib/queries/tags';

// Localized URLs reach this route through proxy.ts, which maps them (i18n/routing.ts).
// Built per request from cached data (listFeedItems, getTagBySlug), not kept
// in the ISR cache: Next.js would store the 404 of every made-up tag there.
export const dynamic = 'force-dynamic';

/** RSS 2.0 feed of the newest articles with a tag, in the language of the URL. */
export async function GET(_request: Request, { params }: RouteContext<'/[locale]/tag/[slug]/feed.xml'>) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return feedNotFound();
  const tag = await getTagBySlug(locale, slug);
  if (!tag) return feedNotFound();
  const [channel, items] = await Promise.all([tagFeedChannel(locale, tag), listFeedItems(locale, { tagId: tag.id })]);
  return rssResponse(channel, items, { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' });
}
