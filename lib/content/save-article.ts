import type { Locale, Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { cacheTags } from '@/lib/cache-tags';
import { ContentError, type ContentProblem } from '@/lib/content/content-error';
import { articleTypeByName, type ArticleInput } from '@/lib/content/article-input';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import { readArticleForEditor, type ArticleOutput } from '@/lib/content/article-output';
import { refreshTagText } from '@/lib/content/tag-text';
import { commitContentChange, recordRevalidation } from '@/lib/content/record-revalidation';

/*
 * The only code that writes articles. Each *InTransaction function runs
 * inside a caller's transaction, keeps a revision of the result, and records
 * the cache tags of every page the change touched in that same transaction
 * (lib/content/record-revalidation.ts). createArticle, replaceArticle and
 * withdrawArticle are the same in a transaction of their own.
 */

type Tx = Prisma.TransactionClient;
const LOCALES: Locale[] = ['de', 'en'];

export type WriteContext = { author: string; now?: Date };
export type SavedArticle = { id: number; article: ArticleOutput; cacheTags: string[] };

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

function isVisibleAt(status: 'published' | 'draft', publishedAt: Date, now: Date): boolean {
  return status === 'published' && publishedAt <= now;
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
        bodyMarkdown: translation.body,
        imageAlt: input.image?.alt[locale] ?? null,
        imageCaption: input.image?.caption?.[locale] ?? null,
      },
    });
  }
  await tx.articleTag.createMany({
    data: input.tags.map((key, position) => ({ articleId, tagId: tags.find((t) => t.key === key)?.id ?? -1, position })),
  });
  await refreshTagText(tx, [articleId]);
}

/** Cache tags of everything that shows an article: its pages, listings, its tags' pages, its URLs. */
export function articleCacheTags(articleId: number, slugs: { locale: Locale; slug: string }[], tagIds: number[]): string[] {
  return [
    cacheTags.article(articleId),
    cacheTags.articleLists,
    cacheTags.tagList,
    ...slugs.map((s) => cacheTags.slug(s.locale, s.slug)),
    ...tagIds.map(cacheTags.tag),
  ];
}

async function recordRevision(tx: Tx, articleId: number, action: 'created' | 'updated' | 'withdrawn', author: string) {
  const article = await readArticleForEditor(tx, articleId);
  if (!article) throw new Error(`article ${articleId} vanished inside its own transaction`);
  await tx.articleRevision.create({ data: { articleId, action, author, snapshot: article } });
  return article;
}

async function recorded(tx: Tx, saved: SavedArticle): Promise<SavedArticle> {
  await recordRevalidation(tx, saved.cacheTags);
  return saved;
}

function inputSlugs(input: ArticleInput): { locale: Locale; slug: string }[] {
  return LOCALES.flatMap((locale) => {
    const t = input.translations[locale];
    return t ? [{ locale, slug: t.slug }] : [];
  });
}

/** Creates an article. */
export async function createArticleInTransaction(tx: Tx, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  const tags = await checkReferences(tx, input, null);
  const data = articleData(input, now);
  const visible = isVisibleAt(input.status, data.publishedAt, now);
  const { id } = await tx.article.create({
    // A new article has not been updated since it was first published.
    data: { ...data, updatedAt: data.publishedAt, announcedAt: visible ? now : null },
    select: { id: true },
  });
  await writeChildren(tx, id, input, tags);
  const article = await recordRevision(tx, id, 'created', context.author);
  return recorded(tx, { id, article, cacheTags: articleCacheTags(id, inputSlugs(input), tags.map((t) => t.id)) });
}

/**
 * Replaces an article's content. Slugs it no longer uses keep working as
 * permanent redirects to its current URL. A change to an article readers
 * could already see counts as an update ("Aktualisiert am …").
 */
export async function replaceArticleInTransaction(
  tx: Tx,
  articleId: number,
  input: ArticleInput,
  context: WriteContext,
): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  const existing = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      status: true,
      publishedAt: true,
      withdrawnAt: true,
      announcedAt: true,
      translations: { select: { locale: true, slug: true } },
      tags: { select: { tagId: true } },
    },
  });
  if (!existing || existing.withdrawnAt) throw new ContentError('not-found', [{ path: 'id', message: `no article with id ${articleId}` }]);
  const tags = await checkReferences(tx, input, articleId);

  const data = articleData(input, now);
  const wasVisible = existing.status === 'PUBLISHED' && existing.publishedAt <= now;
  const visible = isVisibleAt(input.status, data.publishedAt, now);
  const retired = existing.translations.filter((t) => input.translations[t.locale]?.slug !== t.slug);
  await tx.articleTranslation.deleteMany({ where: { articleId } });
  await tx.articleTag.deleteMany({ where: { articleId } });
  await tx.article.update({
    where: { id: articleId },
    data: {
      ...data,
      updatedAt: wasVisible && visible ? now : data.publishedAt,
      announcedAt: visible ? (existing.announcedAt ?? now) : null,
    },
  });
  for (const old of retired) {
    await tx.slugRedirect.upsert({
      where: { locale_slug: { locale: old.locale, slug: old.slug } },
      create: { locale: old.locale, slug: old.slug, articleId },
      update: { articleId },
    });
  }
  await writeChildren(tx, articleId, input, tags);
  const article = await recordRevision(tx, articleId, 'updated', context.author);

  const slugs = [...existing.translations, ...inputSlugs(input)];
  const tagIds = [...new Set([...existing.tags.map((t) => t.tagId), ...tags.map((t) => t.id)])];
  return recorded(tx, { id: articleId, article, cacheTags: articleCacheTags(articleId, slugs, tagIds) });
}

/** Withdraws an article: its URLs answer 410 from now on; the content stays for the record. */
export async function withdrawArticleInTransaction(tx: Tx, articleId: number, context: WriteContext): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  const existing = await tx.article.findUnique({
    where: { id: articleId },
    select: { withdrawnAt: true, translations: { select: { locale: true, slug: true } }, tags: { select: { tagId: true } } },
  });
  if (!existing || existing.withdrawnAt) throw new ContentError('not-found', [{ path: 'id', message: `no article with id ${articleId}` }]);
  await tx.article.update({ where: { id: articleId }, data: { withdrawnAt: now } });
  const oldSlugs = await tx.slugRedirect.findMany({ where: { articleId }, select: { locale: true, slug: true } });
  const article = await recordRevision(tx, articleId, 'withdrawn', context.author);
  const tags = articleCacheTags(articleId, [...existing.translations, ...oldSlugs], existing.tags.map((t) => t.tagId));
  return recorded(tx, { id: articleId, article, cacheTags: tags });
}

export function createArticle(client: PrismaClient, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => createArticleInTransaction(tx, input, context));
}

export function replaceArticle(client: PrismaClient, articleId: number, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => replaceArticleInTransaction(tx, articleId, input, context));
}

export function withdrawArticle(client: PrismaClient, articleId: number, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => withdrawArticleInTransaction(tx, articleId, context));
}
