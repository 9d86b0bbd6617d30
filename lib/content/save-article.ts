import type { Locale, Prisma } from '@/lib/generated/prisma/client';
import { cacheTags } from '@/lib/cache-tags';
import { ContentError, type ContentProblem } from '@/lib/content/content-error';
import { articleTypeByName, type ArticleInput } from '@/lib/content/article-input';
import { markdownToBody } from '@/lib/content/markdown-to-body';

type Tx = Prisma.TransactionClient;
const LOCALES: Locale[] = ['de', 'en'];

export type SavedArticle = { id: number; cacheTags: string[] };

/** Checks what only the database can tell: tags and image exist, slugs are free. */
async function checkReferences(tx: Tx, input: ArticleInput, articleId: number | null) {
  const invalid: ContentProblem[] = [];
  const conflicts: ContentProblem[] = [];
  const tags = await tx.tag.findMany({ where: { key: { in: input.tags } }, select: { id: true, key: true } });
  input.tags.forEach((key, index) => {
    if (!tags.some((t) => t.key === key)) invalid.push({ path: `tags.${index}`, message: `unknown tag "${key}"` });
  });
  if (input.image) {
    const media = await tx.media.findUnique({ where: { id: input.image.mediaId }, select: { id: true } });
    if (!media) invalid.push({ path: 'image.mediaId', message: `unknown media "${input.image.mediaId}"` });
  }
  for (const locale of LOCALES) {
    const translation = input.translations[locale];
    if (!translation) continue;
    const clash = await tx.articleTranslation.findUnique({
      where: { locale_slug: { locale, slug: translation.slug } },
      select: { articleId: true },
    });
    if (clash && clash.articleId !== articleId) {
      conflicts.push({ path: `translations.${locale}.slug`, message: 'already used by another article' });
    }
  }
  if (invalid.length > 0) throw new ContentError('invalid', [...invalid, ...conflicts]);
  if (conflicts.length > 0) throw new ContentError('conflict', conflicts);
  return tags;
}

function articleData(input: ArticleInput, now: Date) {
  return {
    type: articleTypeByName[input.type],
    status: input.status === 'published' ? ('PUBLISHED' as const) : ('DRAFT' as const),
    publishedAt: input.publishedAt ? new Date(input.publishedAt) : now,
    imageId: input.image?.mediaId ?? null,
    imageCredit: input.image?.credit ?? null,
  };
}

async function writeChildren(tx: Tx, articleId: number, input: ArticleInput, tags: { id: number; key: string }[]) {
  for (const locale of LOCALES) {
    const translation = input.translations[locale];
    if (!translation) continue;
    // A slug that used to redirect now belongs to this article again.
    await tx.slugRedirect.deleteMany({ where: { locale, slug: translation.slug } });
    await tx.articleTranslation.create({
      data: {
        articleId,
        locale,
        title: translation.title,
        slug: translation.slug,
        lead: translation.lead,
        body: markdownToBody(translation.body),
        imageAlt: input.image?.alt[locale] ?? null,
        imageCaption: input.image?.caption?.[locale] ?? null,
      },
    });
  }
  await tx.articleTag.createMany({
    data: input.tags.map((key, position) => ({ articleId, tagId: tags.find((t) => t.key === key)?.id ?? -1, position })),
  });
}

function touchedTags(articleId: number, slugs: { locale: Locale; slug: string }[], tagIds: number[]): string[] {
  return [
    cacheTags.article(articleId),
    cacheTags.articleLists,
    cacheTags.tagList,
    ...slugs.map((s) => cacheTags.slug(s.locale, s.slug)),
    ...tagIds.map(cacheTags.tag),
  ];
}

/** Creates an article inside a transaction; returns its id and the cache tags to revalidate. */
export async function createArticleInTransaction(tx: Tx, input: ArticleInput, now = new Date()): Promise<SavedArticle> {
  const tags = await checkReferences(tx, input, null);
  const data = articleData(input, now);
  // A new article has not been updated since it was first published.
  const article = await tx.article.create({ data: { ...data, updatedAt: data.publishedAt }, select: { id: true } });
  await writeChildren(tx, article.id, input, tags);
  const slugs = LOCALES.flatMap((locale) => {
    const t = input.translations[locale];
    return t ? [{ locale, slug: t.slug }] : [];
  });
  return { id: article.id, cacheTags: touchedTags(article.id, slugs, tags.map((t) => t.id)) };
}

/**
 * Replaces an article's content. Slugs it no longer uses keep working as
 * permanent redirects to its current URL.
 */
export async function replaceArticleInTransaction(tx: Tx, articleId: number, input: ArticleInput, now = new Date()): Promise<SavedArticle> {
  const existing = await tx.article.findUnique({
    where: { id: articleId },
    select: { translations: { select: { locale: true, slug: true } }, tags: { select: { tagId: true } } },
  });
  if (!existing) throw new ContentError('not-found', [{ path: '', message: `no article with id ${articleId}` }]);
  const tags = await checkReferences(tx, input, articleId);

  const retired = existing.translations.filter((t) => input.translations[t.locale]?.slug !== t.slug);
  await tx.articleTranslation.deleteMany({ where: { articleId } });
  await tx.articleTag.deleteMany({ where: { articleId } });
  await tx.article.update({ where: { id: articleId }, data: { ...articleData(input, now), updatedAt: now } });
  for (const old of retired) {
    await tx.slugRedirect.upsert({
      where: { locale_slug: { locale: old.locale, slug: old.slug } },
      create: { locale: old.locale, slug: old.slug, articleId },
      update: { articleId },
    });
  }
  await writeChildren(tx, articleId, input, tags);

  const slugs = [
    ...existing.translations,
    ...LOCALES.flatMap((locale) => {
      const t = input.translations[locale];
      return t ? [{ locale, slug: t.slug }] : [];
    }),
  ];
  const tagIds = [...new Set([...existing.tags.map((t) => t.tagId), ...tags.map((t) => t.id)])];
  return { id: articleId, cacheTags: touchedTags(articleId, slugs, tagIds) };
}
