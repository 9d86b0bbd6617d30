import { db } from '@/lib/db';
import { articleInput, parseOrThrow, withoutReadOnlyFields } from '@/lib/content/article-input';
import { readArticleForEditor } from '@/lib/content/article-output';
import { replaceArticle, withdrawArticle } from '@/lib/content/save-article';
import { requireEditor } from '@/lib/api/require-editor';
import { readJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse, errorResponse, jsonResponse } from '@/lib/api/responses';
import { articleUrls } from '@/lib/api/article-urls';
import { parseArticleId } from '@/lib/api/article-id';

type Context = RouteContext<'/api/articles/[id]'>;

/** The article in the shape it is submitted in, with its URLs. */
export async function GET(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  try {
    const article = id === null ? null : await readArticleForEditor(db(), id);
    if (!article) return errorResponse(404, 'no such article');
    return jsonResponse({ ...article, ...articleUrls(article) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}

/** Replaces the article; changed slugs keep redirecting to the new ones. */
export async function PUT(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const input = parseOrThrow(articleInput, withoutReadOnlyFields(body.value));
    const saved = await replaceArticle(db(), id, input, { author: auth.editor });
    return jsonResponse({ id, ...articleUrls(saved.article) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}

/** Withdraws the article: its pages answer 410 Gone from now on. */
export async function DELETE(request: Request, { params }: Context) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const id = parseArticleId((await params).id);
  if (id === null) return errorResponse(404, 'no such article');
  try {
    const saved = await withdrawArticle(db(), id, { author: auth.editor });
    return jsonResponse({ id, withdrawnAt: saved.article.withdrawnAt });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
