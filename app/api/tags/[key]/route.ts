import { db } from '@/lib/db';
import { parseOrThrow, tagInput } from '@/lib/content/article-input';
import { SLUG } from '@/lib/content/slug-rules';
import { upsertTag } from '@/lib/content/save-tag';
import { requireEditor } from '@/lib/api/require-editor';
import { readJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse, errorResponse, jsonResponse } from '@/lib/api/responses';

/** Creates or updates the tag with this key. */
export async function PUT(request: Request, { params }: RouteContext<'/api/tags/[key]'>) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const { key } = await params;
  if (!SLUG.test(key) || key.length > 100) {
    return errorResponse(400, 'invalid input', [{ path: 'key', message: 'use lower-case letters a–z, digits and single hyphens' }]);
  }
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  try {
    const input = parseOrThrow(tagInput, body.value);
    await upsertTag(db(), key, input);
    return jsonResponse({ key, ...input });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
