import type { Prisma } from '@/lib/generated/prisma/client';

/** What readers may see: published, due, not withdrawn. */
export function visibleArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now }, withdrawnAt: null };
}

export const PAGE_SIZE = 10;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
