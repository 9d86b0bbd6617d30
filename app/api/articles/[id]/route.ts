import { db } from '@/lib/db';
import { articleInput, parseOrThrow, withdrawalInput, withoutReadOnlyFields } from '@/lib/content/article-input';
import { readArticleForEditor } from '@/lib/content/article-output';
import { replaceArticle, withdrawArticle } from '@/lib/content/save-article';
import { requireEditor } from '@/lib/api/require-editor';
import { readJsonBody, readOptionalJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse, errorResponse, jsonResponse, versionETag } from '@/lib/api/responses';
import { expectedVersionFrom } from '@/lib/api/if-match';
import { articleUrls } from '@/lib/api/article-urls';
import { parseArticleId } from '@/lib/api/article-id';

type Context = RouteContext<'/api/articles/[id]'>;

/** The article in the shape it is submitted in, with its URLs; its ETag is its version, for If-Match on PUT and DELETE. */
export async function GET(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  try {
    const article = id === null ? null : await readArticleForEditor(db(), id);
    if (!article) return errorResponse(404, 'no such article');
    return jsonResponse({ ...article, ...articleUrls(article) }, 200, { ETag: versionETag(article.version) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}

/** Replaces the article; changed slugs keep redirecting to the new ones. With If-Match, 412 when it changed since. */
export async function PUT(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  const expected = expectedVersionFrom(request);
  if (!expected.ok) return expected.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const input = parseOrThrow(articleInput, withoutReadOnlyFields(body.value));
    const saved = await replaceArticle(db(), id, input, { author: auth.editor, expectedVersion: expected.expectedVersion });
    return jsonResponse({ id, version: saved.article.version, ...articleUrls(saved.article) }, 200, { ETag: versionETag(saved.article.version) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}

/** Withdraws the article: its pages answer 410 Gone from now on, showing the optional `reason` of the JSON body. */
export async function DELETE(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  const expected = expectedVersionFrom(request);
  if (!expected.ok) return expected.response;
  const body = await readOptionalJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const { reason } = parseOrThrow(withdrawalInput, body.value ?? {});
    const saved = await withdrawArticle(db(), id, { author: auth.editor, expectedVersion: expected.expectedVersion, reason });
    return jsonResponse({ id, version: saved.article.version, withdrawnAt: saved.article.withdrawnAt }, 200, { ETag: versionETag(saved.article.version) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
