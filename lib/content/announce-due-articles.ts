import type { PrismaClient } from '@/lib/generated/prisma/client';
import { articleCacheTags } from '@/lib/content/save-article';
import { commitContentChange, recordRevalidation } from '@/lib/content/record-revalidation';

/**
 * Marks scheduled articles whose publish time has come as announced and
 * records the cache tags of the pages that must now show them, in one
 * transaction. The update claims each article once, so with several servers
 * only one announces it, and a crash after the claim cannot lose the record.
 */
export async function announceDueArticles(prisma: PrismaClient, now = new Date()): Promise<{ articleIds: number[]; cacheTags: string[] }> {
  return commitContentChange(prisma, async (tx) => {
    const claimed = await tx.$queryRaw<{ id: number }[]>`
      UPDATE "article" SET "announced_at" = ${now}
      WHERE "status" = 'PUBLISHED' AND "withdrawn_at" IS NULL AND "announced_at" IS NULL AND "published_at" <= ${now}
      RETURNING "id"`;
    if (claimed.length === 0) return { articleIds: [], cacheTags: [] };
    const articles = await tx.article.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      select: { id: true, translations: { select: { locale: true, slug: true } }, tags: { select: { tagId: true } } },
    });
    const cacheTags = [...new Set(articles.flatMap((a) => articleCacheTags(a.id, a.translations, a.tags.map((t) => t.tagId))))];
    await recordRevalidation(tx, cacheTags);
    return { articleIds: articles.map((a) => a.id), cacheTags };
  });
}
