import { errorResponse } from '@/lib/api/responses';

/** Largest JSON body the API reads (a long article with its Markdown is far below it). */
export const MAX_JSON_BYTES = 1_000_000;
const MAX_DEPTH = 16;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}

/** Reads at most `limit` bytes of a body; null when it is longer (the rest is not read). */
export async function readLimitedBody(request: Request, limit: number): Promise<Buffer | null> {
  if (Number(request.headers.get('content-length') ?? '0') > limit) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * 413 for a body we stopped reading: the rest of it is still on the wire, so
 * the connection cannot carry another request and is closed after the answer.
 */
export function tooLargeResponse(message: string): Response {
  return errorResponse(413, message, undefined, { Connection: 'close' });
}

/**
 * Reads a JSON request body, refusing oversized (413), malformed or too
 * deeply nested (400) ones before any work is done with them.
 */
export async function readJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const bytes = await readLimitedBody(request, MAX_JSON_BYTES);
  if (!bytes) return { ok: false, response: tooLargeResponse(`body larger than ${MAX_JSON_BYTES} bytes`) };
  return parseJsonBytes(bytes);
}

function parseJsonBytes(bytes: Buffer): { ok: true; value: unknown } | { ok: false; response: Response } {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Decoded leniently, bad bytes would be stored as U+FFFD and the editor's text silently changed.
    return { ok: false, response: errorResponse(400, 'body is not valid UTF-8 text') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, response: errorResponse(400, `body is not valid JSON: ${(error as Error).message}`) };
  }
  if (depthOf(value) > MAX_DEPTH) return { ok: false, response: errorResponse(400, `body is nested deeper than ${MAX_DEPTH} levels`) };
  return { ok: true, value };
}

/** Like readJsonBody, for requests whose body may be left out (DELETE): an empty body reads as undefined. */
export async function readOptionalJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const bytes = await readLimitedBody(request, MAX_JSON_BYTES);
  if (!bytes) return { ok: false, response: tooLargeResponse(`body larger than ${MAX_JSON_BYTES} bytes`) };
  return bytes.byteLength === 0 ? { ok: true, value: undefined } : parseJsonBytes(bytes);
}
