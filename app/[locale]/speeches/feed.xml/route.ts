import { isLocale } from '@/i18n/routing';
import { speechesFeedChannel } from '@/lib/feeds/channels';
import { feedNotFound, rssResponse } from '@/lib/feeds/rss-response';
import { listFeedItems } from '@/lib/queries/feed';

// Cached like the latest articles' feed (app/[locale]/feed.xml/route.ts).
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

/** RSS 2.0 feed of the newest speeches in a language. */
export async function GET(_request: Request, { params }: RouteContext<'/[locale]/speeches/feed.xml'>) {
  const { locale } = await params;
  if (!isLocale(locale)) return feedNotFound();
  const [channel, items] = await Promise.all([speechesFeedChannel(locale), listFeedItems(locale, { type: 'SPEECH' })]);
  return rssResponse(channel, items);
}
