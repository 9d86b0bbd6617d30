import { errorResponse } from '@/lib/api/responses';

/*
 * If-Match on PUT and DELETE: the version the editor's tool read (the ETag of
 * GET /api/articles/:id). The comparison happens inside the write's
 * transaction (lib/content/save-article.ts), so two writes from the same GET
 * cannot both succeed. Without If-Match a write goes through as before.
 */

/** The version an If-Match header names, none when absent or `*`, or the 400 answer for one we cannot read. */
export function expectedVersionFrom(request: Request): { ok: true; expectedVersion?: number } | { ok: false; response: Response } {
  const header = request.headers.get('if-match')?.trim();
  if (!header || header === '*') return { ok: true };
  const match = /^"(\d{1,12})"$/.exec(header);
  if (!match) {
    return {
      ok: false,
      response: errorResponse(400, 'If-Match must be one ETag as GET /api/articles/:id sends it, such as "42"', [
        { path: 'If-Match', message: 'send exactly one strong ETag from GET (weak or several ETags cannot be checked)' },
      ]),
    };
  }
  return { ok: true, expectedVersion: Number(match[1]) };
}
