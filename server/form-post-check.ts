import { IncomingMessage, type ServerResponse } from 'node:http';

/*
 * Forms posted without JavaScript reach Next.js's server-action handler as
 * multipart bodies, which it parses itself and answers with a 500 when the
 * body is malformed. So such a body is read here first (it is small: a few
 * text fields), checked with the same Fetch API parser Next.js uses, and
 * then handed on as a fresh request carrying the same bytes. A body that
 * does not parse gets a 400; one over the limit a 413.
 */

/** The barrier report is a few text fields; a quarter of a megabyte is far more than anyone types. */
const FORM_BODY_LIMIT_BYTES = 256 * 1024;

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', Connection: 'close' });
  response.end(`${text}\n`);
}

/** Whether this request is a plain (JavaScript-free) multipart form post, the kind Next.js may fail on. */
export function isPlainMultipartPost(request: IncomingMessage): boolean {
  const contentType = request.headers['content-type'] ?? '';
  return request.method === 'POST' && request.headers['next-action'] === undefined && /^multipart\/form-data\b/i.test(contentType);
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > FORM_BODY_LIMIT_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_BODY_LIMIT_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function parsesAsForm(body: Buffer, contentType: string): Promise<boolean> {
  try {
    await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/** A request like the original whose body is `body` again, for Next.js to read. */
function replay(request: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(request.socket);
  copy.method = request.method;
  copy.url = request.url;
  copy.httpVersionMajor = request.httpVersionMajor;
  copy.httpVersionMinor = request.httpVersionMinor;
  copy.httpVersion = request.httpVersion;
  copy.headers = { ...request.headers, 'content-length': String(body.length) };
  delete copy.headers['transfer-encoding'];
  copy.rawHeaders = Object.entries(copy.headers).flatMap(([key, value]) => [key, String(value)]);
  copy.push(body);
  copy.push(null);
  // Otherwise destroying the copy after it is read counts as an abort, which closes the client's socket.
  copy.complete = true;
  return copy;
}

/**
 * Resolves with the request Next.js should handle, or null when this
 * function has already answered (400 or 413).
 */
export async function checkedFormPost(request: IncomingMessage, response: ServerResponse): Promise<IncomingMessage | null> {
  const body = await readBody(request).catch(() => null);
  if (body === null) {
    answer(response, 400, 'Bad Request: the form could not be read');
    return null;
  }
  if (body === 'too-large') {
    answer(response, 413, `Payload Too Large: a form may carry at most ${FORM_BODY_LIMIT_BYTES / 1024} KB`);
    return null;
  }
  if (!(await parsesAsForm(body, request.headers['content-type'] ?? ''))) {
    answer(response, 400, 'Bad Request: the form data is malformed');
    return null;
  }
  return replay(request, body);
}
