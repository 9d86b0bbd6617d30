import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getPathname } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { absoluteUrl, homePath, speechesPath, tagPath } from '@/lib/paths';
import { siteTexts } from '@/lib/site-identity';

/** What a feed is about and where it lives; shared by the feed itself and the pages announcing it. */
export type FeedChannel = {
  locale: Locale;
  title: string;
  description: string;
  /** The HTML page showing the same articles. */
  pagePath: string;
  feedPath: string;
};

type AlternateTypes = NonNullable<NonNullable<Metadata['alternates']>['types']>;

export function latestFeedPath(locale: Locale): string {
  return getPathname(locale, '/feed.xml');
}

export function tagFeedPath(locale: Locale, slug: string): string {
  return getPathname(locale, '/tag/[slug]/feed.xml', { slug });
}

/** The newest articles in a language. */
export async function latestFeedChannel(locale: Locale): Promise<FeedChannel> {
  const t = await getTranslations({ locale });
  const site = siteTexts(locale).name;
  return {
    locale,
    title: t('Feeds.latestTitle', { site }),
    description: t('Feeds.latestDescription'),
    pagePath: homePath(locale),
    feedPath: latestFeedPath(locale),
  };
}

/** The newest articles with a tag, in the language of the tag's name. */
export async function tagFeedChannel(locale: Locale, tag: { name: string; slug: string }): Promise<FeedChannel> {
  const t = await getTranslations({ locale });
  const site = siteTexts(locale).name;
  return {
    locale,
    title: t('Feeds.tagTitle', { site, name: tag.name }),
    description: t('Feeds.tagDescription', { name: tag.name }),
    pagePath: tagPath(locale, tag.slug),
    feedPath: tagFeedPath(locale, tag.slug),
  };
}

export function speechesFeedPath(locale: Locale): string {
  return getPathname(locale, '/speeches/feed.xml');
}

/** The newest speeches in a language. */
export async function speechesFeedChannel(locale: Locale): Promise<FeedChannel> {
  const t = await getTranslations({ locale, namespace: 'Speeches' });
  return {
    locale,
    title: t('feedTitle', { site: siteTexts(locale).name }),
    description: t('feedDescription'),
    pagePath: speechesPath(locale),
    feedPath: speechesFeedPath(locale),
  };
}

/** `alternates.types` of a page's metadata: `<link rel="alternate" type="application/rss+xml">` to its feed. */
export function feedAlternateTypes(channel: FeedChannel): AlternateTypes {
  return { 'application/rss+xml': [{ url: absoluteUrl(channel.feedPath), title: channel.title }] };
}
