import { db } from '@/lib/db';
import { listTagsForEditor } from '@/lib/content/list-tags-for-editor';
import { requireEditor } from '@/lib/api/require-editor';
import { contentErrorResponse, jsonResponse } from '@/lib/api/responses';

/** Every tag with its names and slugs in both languages, by key. */
export async function GET(request: Request) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  try {
    return jsonResponse({ tags: await listTagsForEditor(db()) });
  } catch (error) {
    return contentErrorResponse(error);
  }
}
