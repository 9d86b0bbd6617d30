import { openApiDocument } from '@/lib/api/openapi';
import { jsonResponse } from '@/lib/api/responses';

/** The API's OpenAPI 3.1 description (lib/api/openapi.ts); public, like any API documentation. */
export function GET() {
  return jsonResponse(openApiDocument);
}
