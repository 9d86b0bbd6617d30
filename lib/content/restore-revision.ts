import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { articleInput, parseOrThrow, withoutReadOnlyFields } from '@/lib/content/article-input';
import { ContentError } from '@/lib/content/content-error';
import { commitContentChange } from '@/lib/content/record-revalidation';
import { readRevision } from '@/lib/content/revisions';
import { replaceArticleInTransaction, type SavedArticle, type WriteContext } from '@/lib/content/save-article';

type Tx = Prisma.TransactionClient;

/**
 * Makes an older revision the article's content again as a NEW revision
 * ('reverted'): history is never rewritten. The old state is checked like any
 * submission (a slug taken since, a deleted image are refused, naming the field).
 */
export async function restoreRevisionInTransaction(tx: Tx, articleId: number, revisionId: number, context: WriteContext): Promise<SavedArticle> {
  const revision = await readRevision(tx, articleId, revisionId);
  if (!revision) throw new ContentError('not-found', [{ path: 'revisionId', message: `article ${articleId} has no revision ${revisionId}` }]);
  const input = parseOrThrow(articleInput, withoutReadOnlyFields(revision.article));
  return replaceArticleInTransaction(tx, articleId, input, context, 'reverted');
}

export function restoreRevision(client: PrismaClient, articleId: number, revisionId: number, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => restoreRevisionInTransaction(tx, articleId, revisionId, context));
}
