import { db } from '@/lib/db';
import { requireEditor } from '@/lib/api/require-editor';
import { contentErrorResponse, errorResponse, jsonResponse } from '@/lib/api/responses';
import { parseArticleId } from '@/lib/api/article-id';

/** Every saved state of the article, oldest first. */
export async function GET(request: Request, { params }: RouteContext<'/api/articles/[id]/revisions'>) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  try {
    const revisions = await db().articleRevision.findMany({
      where: { articleId: id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, action: true, author: true, createdAt: true, snapshot: true },
    });
    if (revisions.length === 0) return errorResponse(404, 'no such article');
    return jsonResponse({ articleId: id, revisions });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
