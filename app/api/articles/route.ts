import { db } from '@/lib/db';
import { articleInput, parseOrThrow, withoutReadOnlyFields } from '@/lib/content/article-input';
import { createArticle } from '@/lib/content/save-article';
import { listDeskArticles, parseDeskFilters } from '@/lib/queries/desk-articles';
import { requireEditor } from '@/lib/api/require-editor';
import { readJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse, errorResponse, jsonResponse, versionETag } from '@/lib/api/responses';
import { articleUrls } from '@/lib/api/article-urls';

/** Every article, whatever its state, filtered and paginated as on the desk's overview (docs/api.md). */
export async function GET(request: Request) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const parsed = parseDeskFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return errorResponse(400, 'invalid input', parsed.problems);
  try {
    return jsonResponse(await listDeskArticles(db(), parsed.filters));
  } catch (error) {
    return contentErrorResponse(error);
  }
}

/** Creates an article (docs/api.md). */
export async function POST(request: Request) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const input = parseOrThrow(articleInput, withoutReadOnlyFields(body.value));
    const saved = await createArticle(db(), input, { author: auth.editor });
    const { version } = saved.article;
    return jsonResponse({ id: saved.id, version, ...articleUrls(saved.article) }, 201, {
      Location: `/api/articles/${saved.id}`,
      ETag: versionETag(version),
    });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
