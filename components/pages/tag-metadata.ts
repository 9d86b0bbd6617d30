import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '@/i18n/routing';
import { alternatesMetadata, type PathsByLocale } from '@/lib/alternates';
import { feedAlternateTypes, tagFeedChannel } from '@/lib/feeds/channels';
import { loadTagForUrl } from '@/lib/queries/tag-by-slug';
import { tagPath } from '@/lib/paths';

/** Title, description, language alternates (page 1 links both languages) and the feed of a tag page. */
export async function tagMetadata(locale: Locale, slug: string, page: number): Promise<Metadata> {
  const tag = await loadTagForUrl(locale, slug);
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Metadata' }), tagFeedChannel(locale, tag)]);
  const paths: PathsByLocale = {};
  for (const lang of routing.locales) {
    const langSlug = tag.slugs[lang];
    if (langSlug && (page === 1 || lang === locale)) paths[lang] = tagPath(lang, langSlug, page);
  }
  return {
    title: page > 1 ? t('tagTitlePaged', { name: tag.name, page }) : t('tagTitle', { name: tag.name }),
    description: t('tagDescription', { name: tag.name }),
    alternates: { ...alternatesMetadata(locale, paths), types: feedAlternateTypes(feed) },
  };
}
