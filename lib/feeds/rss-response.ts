import 'server-only';
import type { FeedChannel } from '@/lib/feeds/channels';
import { buildRssFeed, RSS_CONTENT_TYPE, type RssEnclosure } from '@/lib/feeds/rss';
import { db } from '@/lib/db';
import { readResized } from '@/lib/media/storage';
import { mediaUrl, type MediaWidth } from '@/lib/media/urls';
import { absoluteUrl, articlePath } from '@/lib/paths';
import type { FeedItem } from '@/lib/queries/feed';

/** Width of the lead image a feed offers: large enough for a reader's card, small enough to fetch quickly. */
const FEED_IMAGE_WIDTH: MediaWidth = 960;

/**
 * RSS requires an enclosure's exact length in bytes, so it is taken from the
 * very file the URL serves (made now if no one has asked for it yet). An
 * image whose file is missing or unreadable gets no enclosure rather than a
 * link that fails.
 */
async function imageEnclosure(mediaId: string): Promise<RssEnclosure | null> {
  const bytes = await readResized(db(), mediaId, FEED_IMAGE_WIDTH).catch(() => null);
  if (!bytes) return null;
  return { url: absoluteUrl(mediaUrl(mediaId, FEED_IMAGE_WIDTH)), length: bytes.length, type: 'image/webp' };
}

/** The feed document for a channel and its articles (newest first), as the route handlers send it. */
export async function rssResponse(channel: FeedChannel, items: FeedItem[], headers: Record<string, string> = {}): Promise<Response> {
  const mediaIds = [...new Set(items.flatMap((item) => (item.imageId === null ? [] : [item.imageId])))];
  const enclosures = new Map(await Promise.all(mediaIds.map(async (id) => [id, await imageEnclosure(id)] as const)));
  const xml = buildRssFeed({
    title: channel.title,
    link: absoluteUrl(channel.pagePath),
    description: channel.description,
    language: channel.locale,
    selfUrl: absoluteUrl(channel.feedPath),
    items: items.map((item) => ({
      title: item.title,
      link: absoluteUrl(articlePath(channel.locale, item.slug)),
      guid: `urn:portal:article:${item.id}:${channel.locale}`,
      publishedAt: new Date(item.publishedAt),
      description: item.lead,
      enclosure: item.imageId === null ? null : (enclosures.get(item.imageId) ?? null),
    })),
  });
  return new Response(xml, { headers: { 'Content-Type': RSS_CONTENT_TYPE, ...headers } });
}

/** An unknown language or tag: a plain 404 a feed reader can show. */
export function feedNotFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
