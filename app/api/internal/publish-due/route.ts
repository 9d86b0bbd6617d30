import { db } from '@/lib/db';
import { isInternalRequest } from '@/lib/internal-token';
import { announceDueArticles } from '@/lib/content/announce-due-articles';
import { revalidateContent } from '@/lib/revalidate-content';
import { errorResponse, jsonResponse } from '@/lib/api/responses';

/**
 * Called every few seconds by the portal server's scheduler (server/
 * portal-server.ts): scheduled articles appear by themselves once due.
 */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return errorResponse(404, 'not found');
  const due = await announceDueArticles(db());
  revalidateContent({ tags: due.cacheTags });
  return jsonResponse({ published: due.articleIds });
}
