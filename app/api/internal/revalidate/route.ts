import { isInternalRequest } from '@/lib/internal-token';
import { revalidateContentNow, revalidationTargets } from '@/lib/revalidate-content';
import { errorResponse, jsonResponse } from '@/lib/api/responses';
import { readJsonBody } from '@/lib/api/read-body';

/** The later revalidation passes of a write (see lib/revalidate-content.ts); only the portal server calls it. */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return errorResponse(404, 'not found');
  const json = await readJsonBody(request);
  if (!json.ok) return json.response;
  const parsed = revalidationTargets.safeParse(json.value);
  if (!parsed.success) return errorResponse(400, 'invalid revalidation targets');
  revalidateContentNow(parsed.data);
  return jsonResponse({ revalidated: true });
}
