import { isLocale } from '@/i18n/routing';
import { latestFeedChannel } from '@/lib/feeds/channels';
import { feedNotFound, rssResponse } from '@/lib/feeds/rss-response';
import { listFeedItems } from '@/lib/queries/feed';

// Rendered on first request, then answered from the ISR cache like the pages;
// writes revalidate it through the cache tags of listFeedItems.
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

/** RSS 2.0 feed of the newest articles in a language. */
export async function GET(_request: Request, { params }: RouteContext<'/[locale]/feed.xml'>) {
  const { locale } = await params;
  if (!isLocale(locale)) return feedNotFound();
  const [channel, items] = await Promise.all([latestFeedChannel(locale), listFeedItems(locale)]);
  return rssResponse(channel, items);
}
