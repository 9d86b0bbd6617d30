import 'server-only';
import { db } from '@/lib/db';
import { bearerToken } from '@/lib/auth/secret-matches';
import { verifyEditorToken } from '@/lib/auth/editor-tokens';
import { contentErrorResponse, errorResponse } from '@/lib/api/responses';

/** The editor behind a request's bearer token, or the 401 answer to give instead. */
export async function requireEditor(request: Request): Promise<{ ok: true; editor: string } | { ok: false; response: Response }> {
  const token = bearerToken(request);
  let editor: string | null = null;
  try {
    editor = token ? await verifyEditorToken(db(), token) : null;
  } catch (error) {
    return { ok: false, response: contentErrorResponse(error) };
  }
  if (!editor) {
    return {
      ok: false,
      response: errorResponse(401, 'a valid editor token is required (Authorization: Bearer <token>)'),
    };
  }
  return { ok: true, editor };
}
