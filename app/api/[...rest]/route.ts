import { errorResponse } from '@/lib/api/responses';

/*
 * Any /api/ path no other route handles: a JSON 404 for every method, so that
 * tools get an answer they can parse instead of the readers' HTML page.
 */

function notFound(request: Request): Response {
  return errorResponse(404, `no API endpoint at ${new URL(request.url).pathname}; see /api/openapi.json`);
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
