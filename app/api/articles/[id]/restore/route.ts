import { db } from '@/lib/db';
import { restoreArticle } from '@/lib/content/save-article';
import { requireEditor } from '@/lib/api/require-editor';
import { contentErrorResponse, errorResponse, jsonResponse, versionETag } from '@/lib/api/responses';
import { expectedVersionFrom } from '@/lib/api/if-match';
import { articleUrls } from '@/lib/api/article-urls';
import { parseArticleId } from '@/lib/api/article-id';

/** Brings a withdrawn article back: its pages are visible again at once (409 when it is not withdrawn). */
export async function POST(request: Request, { params }: RouteContext<'/api/articles/[id]/restore'>) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  const expected = expectedVersionFrom(request);
  if (!expected.ok) return expected.response;
  try {
    const saved = await restoreArticle(db(), id, { author: auth.editor, expectedVersion: expected.expectedVersion });
    return jsonResponse({ id, version: saved.article.version, ...articleUrls(saved.article) }, 200, { ETag: versionETag(saved.article.version) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
