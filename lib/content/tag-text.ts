import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * Copies the tag names of each language version into `tag_text`, which the
 * search vector covers. Runs after any write that changes an article's tags
 * or a tag's names.
 */
export async function refreshTagText(tx: Prisma.TransactionClient, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE "article_translation" AS t SET "tag_text" = coalesce((
      SELECT string_agg(tt."name", ' ' ORDER BY at."position")
      FROM "article_tag" AS at JOIN "tag_translation" AS tt ON tt."tag_id" = at."tag_id" AND tt."locale" = t."locale"
      WHERE at."article_id" = t."article_id"
    ), '')
    WHERE t."article_id" = ANY(${articleIds})`;
}
