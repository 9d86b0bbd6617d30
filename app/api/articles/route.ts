import { db } from '@/lib/db';
import { articleInput, parseOrThrow, withoutReadOnlyFields } from '@/lib/content/article-input';
import { createArticle } from '@/lib/content/save-article';
import { requireEditor } from '@/lib/api/require-editor';
import { readJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse, jsonResponse } from '@/lib/api/responses';
import { articleUrls } from '@/lib/api/article-urls';

/** Creates an article (docs/api.md). */
export async function POST(request: Request) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const input = parseOrThrow(articleInput, withoutReadOnlyFields(body.value));
    const saved = await createArticle(db(), input, { author: auth.editor });
    return jsonResponse({ id: saved.id, ...articleUrls(saved.article) }, 201, { Location: `/api/articles/${saved.id}` });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
