import { db } from '@/lib/db';
import { acceptUpload, MAX_UPLOAD_BYTES, MediaStoreUnavailableError } from '@/lib/media/accept-upload';
import { requireEditor } from '@/lib/api/require-editor';
import { readLimitedBody, tooLargeResponse } from '@/lib/api/read-body';
import { contentErrorResponse, errorResponse, jsonResponse } from '@/lib/api/responses';

/** Seconds to wait before retrying an upload the store refused: a full disk takes an operator to fix. */
const STORE_RETRY_AFTER_SECONDS = '300';

/**
 * Takes an image as the raw request body (any Content-Type; the bytes
 * decide) or as the field `file` of a multipart form, up to MAX_UPLOAD_BYTES.
 */
export async function POST(request: Request) {
  const auth = await requireEditor(request);
  if (!auth.ok) return auth.response;
  const tooLarge = () => tooLargeResponse(`images may be at most ${MAX_UPLOAD_BYTES} bytes`);
  if (Number(request.headers.get('content-length') ?? '0') > MAX_UPLOAD_BYTES + 64 * 1024) return tooLarge();

  let bytes: Buffer;
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await request.formData().catch(() => null);
    if (!form) return errorResponse(400, 'invalid input', [{ path: 'body', message: 'malformed multipart form data' }]);
    const file = form.get('file');
    if (!(file instanceof Blob)) return errorResponse(400, 'invalid input', [{ path: 'file', message: 'missing' }]);
    bytes = Buffer.from(await file.arrayBuffer());
  } else {
    const body = await readLimitedBody(request, MAX_UPLOAD_BYTES);
    if (!body) return tooLarge();
    bytes = body;
  }
  if (bytes.length > MAX_UPLOAD_BYTES) return tooLarge();
  if (bytes.length === 0) return errorResponse(400, 'invalid input', [{ path: 'file', message: 'empty body' }]);
  try {
    const media = await acceptUpload(db(), bytes);
    return jsonResponse(media, 201);
  } catch (error) {
    if (error instanceof MediaStoreUnavailableError) {
      return errorResponse(503, `${error.message}; nothing was stored, try again later`, undefined, { 'Retry-After': STORE_RETRY_AFTER_SECONDS });
    }
    return contentErrorResponse(error);
  }
}
