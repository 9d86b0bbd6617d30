import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import type { Locale } from '@/i18n/routing';
import { visibleArticleWhere } from '@/lib/queries/visibility';
import { cacheUnlessMissing } from '@/lib/queries/cache-unless-missing';
import { isPossibleSlug } from '@/lib/content/slug-rules';

export type TagView = { id: number; name: string; slug: string; slugs: Partial<Record<Locale, string>> };
export type TagWithCount = { id: number; name: string; slug: string; articleCount: number };

/** A tag by its slug in a language, with its slug in every language for the language switch. */
export async function getTagBySlug(locale: Locale, slug: string): Promise<TagView | null> {
  if (!isPossibleSlug(slug)) return null;
  return cacheUnlessMissing(
    async () => {
      const translation = await db().tagTranslation.findUnique({
        where: { locale_slug: { locale, slug } },
        select: { name: true, slug: true, tag: { select: { id: true, translations: { select: { locale: true, slug: true } } } } },
      });
      if (!translation) return null;
      return {
        id: translation.tag.id,
        name: translation.name,
        slug: translation.slug,
        slugs: Object.fromEntries(translation.tag.translations.map((t) => [t.locale, t.slug])),
      };
    },
    ['tag-by-slug', locale, slug],
    { tags: [cacheTags.tagList, cacheTags.slug(`tag-${locale}`, slug)], revalidate: REVALIDATE_SECONDS },
  );
}

/** Tags that have at least one visible article in the language, most used first. */
export async function listTags(locale: Locale): Promise<TagWithCount[]> {
  return unstable_cache(
    async () => {
      const tags = await db().tagTranslation.findMany({
        where: { locale },
        select: {
          name: true,
          slug: true,
          tag: {
            select: {
              id: true,
              _count: {
                select: { articles: { where: { article: { ...visibleArticleWhere(), translations: { some: { locale } } } } } },
              },
            },
          },
        },
      });
      return tags
        .map((t) => ({ id: t.tag.id, name: t.name, slug: t.slug, articleCount: t.tag._count.articles }))
        .filter((t) => t.articleCount > 0)
        .sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name, locale));
    },
    ['tag-list', locale],
    { tags: [cacheTags.tagList, cacheTags.articleLists], revalidate: REVALIDATE_SECONDS },
  )();
}
