import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { cacheTags } from '@/lib/cache-tags';
import { ContentError } from '@/lib/content/content-error';
import type { TagInput } from '@/lib/content/article-input';
import { refreshTagText } from '@/lib/content/tag-text';
import { commitContentChange, recordRevalidation } from '@/lib/content/record-revalidation';

type Tx = Prisma.TransactionClient;

/** Creates or updates a tag inside a transaction, recording the cache tags the change touched there; returns them. */
export async function upsertTagInTransaction(tx: Tx, key: string, input: TagInput): Promise<string[]> {
  const problems = [];
  for (const locale of ['de', 'en'] as const) {
    const clash = await tx.tagTranslation.findUnique({
      where: { locale_slug: { locale, slug: input[locale].slug } },
      select: { tag: { select: { key: true } } },
    });
    if (clash && clash.tag.key !== key) {
      problems.push({ path: `${locale}.slug`, message: `already used by tag "${clash.tag.key}"` });
    }
  }
  if (problems.length > 0) throw new ContentError('conflict', problems);

  const before = await tx.tag.findUnique({ where: { key }, select: { id: true, translations: { select: { locale: true, slug: true } } } });
  const tag = await tx.tag.upsert({ where: { key }, create: { key }, update: {}, select: { id: true } });
  for (const locale of ['de', 'en'] as const) {
    await tx.tagTranslation.upsert({
      where: { tagId_locale: { tagId: tag.id, locale } },
      create: { tagId: tag.id, locale, ...input[locale] },
      update: input[locale],
    });
  }
  const slugTags = (before?.translations ?? []).map((t) => cacheTags.slug(`tag-${t.locale}`, t.slug));
  const articleIds = await tx.articleTag.findMany({ where: { tagId: tag.id }, select: { articleId: true } });
  await refreshTagText(tx, articleIds.map((row) => row.articleId));
  const touched = [
    cacheTags.tag(tag.id),
    cacheTags.tagList,
    ...slugTags,
    ...(['de', 'en'] as const).map((locale) => cacheTags.slug(`tag-${locale}`, input[locale].slug)),
    // Articles show the tag's name.
    ...articleIds.map((row) => cacheTags.article(row.articleId)),
  ];
  await recordRevalidation(tx, touched);
  return touched;
}

export async function upsertTag(client: PrismaClient, key: string, input: TagInput): Promise<string[]> {
  const saved = await commitContentChange(client, async (tx) => ({ cacheTags: await upsertTagInTransaction(tx, key, input) }));
  return saved.cacheTags;
}
