import { isInternalRequest } from '@/lib/internal-token';
import { revalidateContentNow, revalidationTargets } from '@/lib/revalidate-content';
import { errorResponse, jsonResponse } from '@/lib/api/responses';

/** The later revalidation passes of a write (see lib/revalidate-content.ts); only the portal server calls it. */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return errorResponse(404, 'not found');
  const parsed = revalidationTargets.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return errorResponse(400, 'invalid revalidation targets');
  revalidateContentNow(parsed.data);
  return jsonResponse({ revalidated: true });
}
