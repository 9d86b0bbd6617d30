import 'server-only';
import { db } from '@/lib/db';
import { bearerToken } from '@/lib/auth/secret-matches';
import { verifyEditorToken } from '@/lib/auth/editor-tokens';
import { errorResponse } from '@/lib/api/responses';

/** The editor behind a request's bearer token, or the 401 answer to give instead. */
export async function requireEditor(request: Request): Promise<{ ok: true; editor: string } | { ok: false; response: Response }> {
  const token = bearerToken(request);
  const editor = token ? await verifyEditorToken(db(), token) : null;
  if (!editor) {
    return {
      ok: false,
      response: errorResponse(401, 'a valid editor token is required (Authorization: Bearer <token>)'),
    };
  }
  return { ok: true, editor };
}
