import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import { articleBody, type ArticleBody } from '@/lib/content/body-schema';
import type { ArticleType, Prisma } from '@/lib/generated/prisma/client';
import type { Locale } from '@/i18n/routing';
import { PAGE_SIZE, pageCount, visibleArticleWhere } from '@/lib/queries/visibility';
import { isPossibleSlug } from '@/lib/content/slug-rules';
import { cacheUnlessMissing } from '@/lib/queries/cache-unless-missing';

export type ArticleImage = {
  id: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
};

export type TagLink = { id: number; name: string; slug: string };

export type ArticleSummary = {
  id: number;
  type: ArticleType;
  publishedAt: string;
  title: string;
  slug: string;
  lead: string;
  image: ArticleImage | null;
};

export type ArticleView = ArticleSummary & {
  locale: Locale;
  updatedAt: string;
  body: ArticleBody;
  tags: TagLink[];
  /** Slug of the article in each language it exists in, for the language switch and hreflang. */
  slugs: Partial<Record<Locale, string>>;
  /** The editors' correction note in this language and when it was set (components/article/CorrectionNote.tsx). */
  correction: { text: string; at: string } | null;
};

export type SlugResolution =
  | { kind: 'found'; articleId: number }
  | { kind: 'redirect'; locale: Locale; slug: string }
  | { kind: 'missing' };

const summarySelect = {
  id: true,
  type: true,
  publishedAt: true,
  imageCredit: true,
  image: { select: { id: true, width: true, height: true } },
} satisfies Prisma.ArticleSelect;

const translationSummarySelect = {
  title: true,
  slug: true,
  lead: true,
  imageAlt: true,
  imageCaption: true,
} satisfies Prisma.ArticleTranslationSelect;

type SummaryRow = Prisma.ArticleGetPayload<{ select: typeof summarySelect }>;
type TranslationSummaryRow = Prisma.ArticleTranslationGetPayload<{ select: typeof translationSummarySelect }>;

function toImage(article: SummaryRow, translation: TranslationSummaryRow): ArticleImage | null {
  if (!article.image) return null;
  return {
    ...article.image,
    alt: translation.imageAlt ?? '',
    caption: translation.imageCaption,
    credit: article.imageCredit,
  };
}

function toSummary(article: SummaryRow, translation: TranslationSummaryRow): ArticleSummary {
  return {
    id: article.id,
    type: article.type,
    publishedAt: article.publishedAt.toISOString(),
    title: translation.title,
    slug: translation.slug,
    lead: translation.lead,
    image: toImage(article, translation),
  };
}

/**
 * Finds what a slug in a locale's URL stands for. A former slug, or a slug of
 * the other language, resolves to a redirect to the article's current URL.
 */
export async function resolveArticleSlug(locale: Locale, slug: string): Promise<SlugResolution> {
  if (!isPossibleSlug(slug)) return { kind: 'missing' };
  const found = await cacheUnlessMissing(
    async (): Promise<Exclude<SlugResolution, { kind: 'missing' }> | null> => {
      const visible = visibleArticleWhere();
      const current = await db().articleTranslation.findUnique({
        where: { locale_slug: { locale, slug } },
        select: { articleId: true, article: { select: { status: true, publishedAt: true, withdrawnAt: true } } },
      });
      if (current) {
        const a = current.article;
        const isVisible = a.status === 'PUBLISHED' && a.withdrawnAt === null && a.publishedAt <= new Date();
        return isVisible ? { kind: 'found', articleId: current.articleId } : null;
      }
      // An old slug in this language, or any slug of the other language.
      const target = await db().article.findFirst({
        where: {
          ...visible,
          OR: [
            { oldSlugs: { some: { locale, slug } } },
            { translations: { some: { slug, locale: { not: locale } } } },
          ],
        },
        select: { translations: { select: { locale: true, slug: true } } },
      });
      if (!target) return null;
      const inLocale = target.translations.find((t) => t.locale === locale);
      const fallback = target.translations[0];
      const destination = inLocale ?? fallback;
      return destination ? { kind: 'redirect', locale: destination.locale, slug: destination.slug } : null;
    },
    ['resolve-article-slug', locale, slug],
    { tags: [cacheTags.slug(locale, slug)], revalidate: REVALIDATE_SECONDS },
  );
  return found ?? { kind: 'missing' };
}

async function loadArticleView(where: Prisma.ArticleWhereInput, locale: Locale): Promise<ArticleView | null> {
  const article = await db().article.findFirst({
    where,
    select: {
      ...summarySelect,
      updatedAt: true,
      translations: { select: { ...translationSummarySelect, locale: true, body: true, correction: true, correctedAt: true } },
      tags: {
        orderBy: { position: 'asc' },
        select: { tag: { select: { id: true, translations: { where: { locale }, select: { name: true, slug: true } } } } },
      },
    },
  });
  const translation = article?.translations.find((t) => t.locale === locale);
  if (!article || !translation) return null;
  return {
    ...toSummary(article, translation),
    locale,
    updatedAt: article.updatedAt.toISOString(),
    body: articleBody.parse(translation.body),
    tags: article.tags.flatMap(({ tag }) => tag.translations.map((t) => ({ id: tag.id, ...t }))),
    slugs: Object.fromEntries(article.translations.map((t) => [t.locale, t.slug])),
    correction: translation.correction && translation.correctedAt ? { text: translation.correction, at: translation.correctedAt.toISOString() } : null,
  };
}

/** The full article in one language, or null when it has no visible version there. */
export async function getArticle(articleId: number, locale: Locale): Promise<ArticleView | null> {
  return unstable_cache(
    () => loadArticleView({ id: articleId, ...visibleArticleWhere() }, locale),
    ['article', String(articleId), locale],
    { tags: [cacheTags.article(articleId)], revalidate: REVALIDATE_SECONDS },
  )();
}

/** Any article that is not withdrawn, drafts and scheduled ones included; never cached. */
export async function getArticlePreview(articleId: number, locale: Locale): Promise<ArticleView | null> {
  return loadArticleView({ id: articleId, withdrawnAt: null }, locale);
}

/** Newest articles sharing a tag with the given one, in the same language. */
export async function listRelatedArticles(
  articleId: number,
  tagIds: number[],
  locale: Locale,
  limit = 3,
): Promise<ArticleSummary[]> {
  if (tagIds.length === 0) return [];
  return unstable_cache(
    async () => {
      const rows = await db().article.findMany({
        where: {
          ...visibleArticleWhere(),
          id: { not: articleId },
          tags: { some: { tagId: { in: tagIds } } },
          translations: { some: { locale } },
        },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: { ...summarySelect, translations: { where: { locale }, select: translationSummarySelect } },
      });
      return rows.flatMap((row) => row.translations.map((t) => toSummary(row, t)));
    },
    ['related-articles', String(articleId), tagIds.join(','), locale, String(limit)],
    { tags: [cacheTags.article(articleId), ...tagIds.map(cacheTags.tag)], revalidate: REVALIDATE_SECONDS },
  )();
}

export type ArticlePage = { items: ArticleSummary[]; page: number; pages: number; total: number };

/** What a listing shows: all visible articles of a language, or only those with a tag or of a type. */
export type ListingFilter = { tagId?: number; type?: ArticleType };

/** The listing's visible articles in a language. */
export function listingWhere(locale: Locale, filter: ListingFilter): Prisma.ArticleWhereInput {
  return {
    ...visibleArticleWhere(),
    translations: { some: { locale } },
    ...(filter.tagId === undefined ? {} : { tags: { some: { tagId: filter.tagId } } }),
    ...(filter.type === undefined ? {} : { type: filter.type }),
  };
}

/** Cache tags a listing depends on: its tag's, or (for all or one type of articles) every listing's. */
export function listingCacheTags(filter: ListingFilter): string[] {
  return filter.tagId === undefined ? [cacheTags.articleLists] : [cacheTags.tag(filter.tagId)];
}

/** Cache key parts naming a listing. */
export function listingKey(filter: ListingFilter): string[] {
  return [String(filter.tagId ?? ''), filter.type ?? ''];
}

/** How many articles a listing has; one cache entry per listing, whatever page numbers are asked for. */
async function countListing(locale: Locale, filter: ListingFilter): Promise<number> {
  return unstable_cache(() => db().article.count({ where: listingWhere(locale, filter) }), ['latest-articles-count', locale, ...listingKey(filter)], {
    tags: listingCacheTags(filter),
    revalidate: REVALIDATE_SECONDS,
  })();
}

/**
 * One page of the newest articles of a listing in a language; null for a
 * page past the end (page 1 always exists, even when empty). A page past the
 * end is answered without touching the cache, so made-up page numbers cannot
 * fill it.
 */
export async function listLatestArticles(locale: Locale, page: number, filter: ListingFilter = {}): Promise<ArticlePage | null> {
  const total = await countListing(locale, filter);
  const pages = pageCount(total);
  if (page > pages) return null;
  const items = await unstable_cache(
    async () => {
      const rows = await db().article.findMany({
        where: listingWhere(locale, filter),
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: { ...summarySelect, translations: { where: { locale }, select: translationSummarySelect } },
      });
      return rows.flatMap((row) => row.translations.map((t) => toSummary(row, t)));
    },
    ['latest-articles', locale, String(page), ...listingKey(filter)],
    { tags: listingCacheTags(filter), revalidate: REVALIDATE_SECONDS },
  )();
  return { items, page, pages, total };
}
