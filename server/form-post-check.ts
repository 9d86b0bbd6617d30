import { IncomingMessage, type ServerResponse } from 'node:http';
import { isDeskPath } from '@/i18n/desk-paths';
import { SESSION_COOKIE, SESSION_TOKEN_MAX_LENGTH } from '@/lib/desk/cookie-names';
import { contentSecurityPolicyForPage } from '@/lib/security-headers';

/*
 * Form posts (the barrier report, with or without JavaScript) are read here
 * whole before they take one of the request gate's work slots: a body that
 * trickles in would otherwise hold a slot while it does, and 40 clients
 * sending a byte every few seconds took all of them (issue 22). So the body
 * must arrive within a time limit and a size limit; it is then checked with
 * the same Fetch API parser Next.js uses (which answers a malformed body with
 * a 500) and handed on as a fresh request carrying the same bytes. A body
 * that does not parse gets a 400, one over the limit a 413, one too slow a 408.
 */

/** What a form post may send: so many bytes within so much time. */
type BodyAllowance = { limitBytes: number; deadlineMs: number };

/** The barrier report and the sign-in form are a few text fields: far more than anyone types, in time even on a slow line. */
const TEXT_FORM: BodyAllowance = { limitBytes: 256 * 1024, deadlineMs: 10_000 };
/**
 * A signed-in editor's article form carries a lead image (lib/media/accept-upload.ts
 * allows 10 MB) besides its texts; 11 MB over a slow mobile line takes minutes.
 */
const DESK_FORM: BodyAllowance = { limitBytes: 11 * 1024 * 1024, deadlineMs: 180_000 };

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', Connection: 'close' });
  response.end(`${text}\n`);
}

/** Whether this request is a plain (JavaScript-free) multipart form post, the kind Next.js may fail on. */
export function isPlainMultipartPost(request: IncomingMessage): boolean {
  const contentType = request.headers['content-type'] ?? '';
  return request.method === 'POST' && request.headers['next-action'] === undefined && /^multipart\/form-data\b/i.test(contentType);
}

/**
 * Whether a form post names another site as its origin. Next.js refuses such a
 * server action too (CSRF), but with a plain-text 500 and a stack trace in the
 * log; the portal answers 403 with the localized page first. It compares as
 * Next.js does: the Origin's host against X-Forwarded-Host or Host. A post
 * without Origin (older browsers, curl) is left to Next.js's own checks.
 */
export function isForeignOriginPost(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const forwarded = request.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || request.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    // "null" (a sandboxed frame, a file) or garbage: no site of ours.
    return true;
  }
}

/** Answers a form post from another site: 403 with the localized page (`page`: its HTML, if there is one). */
export function answerForeignOrigin(response: ServerResponse, page: string | null): void {
  const body = page ?? '<!DOCTYPE html><title>403</title><h1>403</h1>';
  response.writeHead(403, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': contentSecurityPolicyForPage(body),
    'Cache-Control': 'private, no-store',
    Connection: 'close',
  });
  response.end(body);
}

/** Whether this request is a form post to a page (the request guard lets such posts through only to the form's paths). */
export function isFormPost(request: IncomingMessage): boolean {
  return request.method === 'POST' && !(request.url ?? '').startsWith('/api/');
}

/** Whether the request carries something shaped like a desk session; the app checks whether it is one. */
function hasDeskSessionCookie(request: IncomingMessage): boolean {
  const cookies = request.headers.cookie ?? '';
  return cookies.split(';').some((pair) => {
    const [name, value = ''] = pair.trim().split('=');
    return name === SESSION_COOKIE && value.length > 0 && value.length <= SESSION_TOKEN_MAX_LENGTH;
  });
}

/** The large allowance only for desk posts of the signed-in: anyone else's form is text. */
function allowanceFor(request: IncomingMessage): BodyAllowance {
  return isDeskPath(request.url ?? '') && hasDeskSessionCookie(request) ? DESK_FORM : TEXT_FORM;
}

function readBody(request: IncomingMessage, { limitBytes: limit, deadlineMs }: BodyAllowance): Promise<Buffer | 'too-large' | 'too-slow'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: Buffer | 'too-large' | 'too-slow') => {
      clearTimeout(timer);
      request.removeAllListeners('data');
      resolve(result);
    };
    const timer = setTimeout(() => settle('too-slow'), deadlineMs);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle('too-large');
      else chunks.push(chunk);
    });
    request.once('end', () => settle(Buffer.concat(chunks)));
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function parsesAsForm(body: Buffer, contentType: string): Promise<boolean> {
  try {
    await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a server-action call from the page's script has the shape React
 * sends for the form's action (arguments: the form's state and its FormData):
 * a multipart body whose root field `0` is a JSON list. Anything else would
 * make Next.js's decoder throw, which it answers with a 500.
 */
async function isActionReply(body: Buffer, contentType: string): Promise<boolean> {
  if (!/^multipart\/form-data\b/i.test(contentType)) return false;
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const root = form.get('0');
    return typeof root === 'string' && Array.isArray(JSON.parse(root));
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
 * Reads a form post's body (see above) and resolves with the request Next.js
 * should handle, or null when this function has already answered (400, 408 or 413).
 */
export async function checkedFormPost(request: IncomingMessage, response: ServerResponse): Promise<IncomingMessage | null> {
  const allowance = allowanceFor(request);
  const body = await readBody(request, allowance).catch(() => null);
  if (body === null) {
    answer(response, 400, 'Bad Request: the form could not be read');
    return null;
  }
  if (body === 'too-large') {
    answer(response, 413, `Payload Too Large: a form may carry at most ${allowance.limitBytes / 1024} KB`);
    return null;
  }
  if (body === 'too-slow') {
    answer(response, 408, `Request Timeout: a form must arrive within ${allowance.deadlineMs / 1000} seconds`);
    return null;
  }
  if (request.headers['next-action'] !== undefined && !(await isActionReply(body, request.headers['content-type'] ?? ''))) {
    answer(response, 400, 'Bad Request: the form data is malformed');
    return null;
  }
  if (!isPlainMultipartPost(request)) return replay(request, body);
  if (!(await parsesAsForm(body, request.headers['content-type'] ?? ''))) {
    answer(response, 400, 'Bad Request: the form data is malformed');
    return null;
  }
  return replay(request, body);
}
