import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseBodies, type ResponseBodies } from '@/server/response-bodies';

/*
 * Validators and compression on a real HTTP server on 127.0.0.1, answering the
 * way Next.js does: pages from the ISR cache in one `end(string)`, renders
 * as a stream of writes with `flush()` after each.
 */

const PAGE = `<!DOCTYPE html><html lang="de"><body>${'<p>Ein Absatz über Außenpolitik und Verträge.</p>'.repeat(400)}</body></html>`;
const OTHER_PAGE = PAGE.replace('Ein Absatz', 'Ein anderer Absatz');

let bodies: ResponseBodies;
let server: http.Server;
let baseUrl: string;
/** What `/changing` answers: an editor's correction replaces the page under the same URL. */
let changingPage = PAGE;
/** Resolves the streamed response's wait for the client to have read its first part. */
let firstPartRead: () => void = () => undefined;

beforeAll(async () => {
  bodies = createResponseBodies(1024 * 1024);
  server = http.createServer((request, response) => {
    bodies.prepare(request, response);
    const url = request.url ?? '/';
    response.setHeader('Content-Type', url.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8');
    if (url === '/page' || url === '/same-page-elsewhere') response.end(PAGE);
    else if (url === '/other-page') response.end(OTHER_PAGE);
    else if (url === '/changing') response.end(changingPage);
    else if (url === '/small') response.end('<p>kurz</p>');
    else if (url === '/missing') {
      response.statusCode = 404;
      response.end(PAGE);
    } else if (url === '/stream') {
      const flushable = response as http.ServerResponse & { flush?: () => void };
      response.write(PAGE.slice(0, 8_000));
      flushable.flush?.();
      // The rest comes only once the client has decoded the first part: without flushing it never would.
      new Promise<void>((resolve) => (firstPartRead = resolve)).then(() => response.end(PAGE.slice(8_000)));
    } else {
      response.statusCode = 500;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; text: string };

function decoder(encoding: string | undefined): zlib.Gunzip | zlib.BrotliDecompress | null {
  if (encoding === 'gzip') return zlib.createGunzip();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return null;
}

function get(path: string, acceptEncoding?: string, onFirstText?: () => void, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extraHeaders };
    http.get(`${baseUrl}${path}`, { headers, agent: false }, (response) => {
      const raw: Buffer[] = [];
      const text: Buffer[] = [];
      const decode = decoder(response.headers['content-encoding']);
      response.on('data', (chunk: Buffer) => raw.push(chunk));
      const plain = decode ? response.pipe(decode) : response;
      plain.on('data', (chunk: Buffer) => {
        if (text.length === 0) onFirstText?.();
        text.push(chunk);
      });
      plain.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, raw: Buffer.concat(raw), text: Buffer.concat(text).toString('utf8') }),
      );
      plain.on('error', reject);
    }).on('error', reject);
  });
}

describe('response bodies', () => {
  it('compresses a page sent whole once and sends the same bytes again', async () => {
    const before = bodies.stats();
    const first = await get('/page', 'gzip, deflate, br');
    const second = await get('/page', 'gzip, deflate, br');

    expect(first.headers['content-encoding']).toBe('br');
    expect(first.text).toBe(PAGE);
    expect(first.raw.length).toBeLessThan(Buffer.byteLength(PAGE) / 5);
    expect(Number(first.headers['content-length'])).toBe(first.raw.length);
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    expect(second.raw.equals(first.raw)).toBe(true);
    expect(bodies.stats()).toEqual({ ...before, compressed: before.compressed + 1, reused: before.reused + 1 });
  });

  it('compresses a page again when its URL answers with another body', async () => {
    changingPage = PAGE;
    const original = await get('/changing', 'br');
    changingPage = OTHER_PAGE;
    const corrected = await get('/changing', 'br');
    const before = bodies.stats();
    const again = await get('/changing', 'br');

    expect(original.text).toBe(PAGE);
    expect(corrected.text).toBe(OTHER_PAGE);
    expect(corrected.headers.etag).not.toBe(original.headers.etag);
    expect(again.raw.equals(corrected.raw)).toBe(true);
    expect(bodies.stats()).toEqual({ ...before, reused: before.reused + 1 });
  });

  it('keeps a body per encoding and per content', async () => {
    const before = bodies.stats();
    const gzip = await get('/page', 'gzip');
    const other = await get('/other-page', 'br');

    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(PAGE);
    expect(other.text).toBe(OTHER_PAGE);
    expect(bodies.stats().compressed).toBe(before.compressed + 2);
  });

  it('sends the page as it is to a client that takes no compression', async () => {
    const before = bodies.stats();
    for (const acceptEncoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const answer = await get('/page', acceptEncoding);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.raw.toString('utf8')).toBe(PAGE);
    }
    expect(bodies.stats()).toEqual(before);
  });

  it('leaves small bodies uncompressed and does not keep error pages', async () => {
    const before = bodies.stats();
    const small = await get('/small', 'gzip, br');
    const missing = await get('/missing', 'gzip, br');

    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.text).toBe('<p>kurz</p>');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe(PAGE);
    expect(bodies.stats()).toEqual(before);
  });

  it('compresses a streamed body part by part, as the parts are flushed', async () => {
    const before = bodies.stats();
    const answer = await get('/stream', 'gzip, br', () => firstPartRead());

    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.text).toBe(PAGE);
    expect(bodies.stats()).toEqual(before);
  });

  it('tags a page sent whole by its content and coding, and answers a matching If-None-Match with 304', async () => {
    const brotli = await get('/page', 'br');
    const gzip = await get('/page', 'gzip');
    const plain = await get('/page');
    const other = await get('/other-page', 'br');
    const tags = [brotli, gzip, plain, other].map((answer) => answer.headers.etag);
    expect(tags.every((tag) => /^"[\w-]+"$/.test(tag ?? ''))).toBe(true);
    expect(new Set(tags).size).toBe(4);
    expect((await get('/same-page-elsewhere', 'br')).headers.etag).toBe(brotli.headers.etag);

    const before = bodies.stats();
    const revalidated = await get('/page', 'br', undefined, { 'if-none-match': brotli.headers.etag ?? '' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
    expect(revalidated.headers.etag).toBe(brotli.headers.etag);
    expect(revalidated.headers.vary).toMatch(/accept-encoding/i);
    expect(bodies.stats().notModified).toBe(before.notModified + 1);

    // A cache validating its copy may say no-cache (fetch() always does), a tag may be weak, and * means any version.
    const conditions: Record<string, string>[] = [
      { 'if-none-match': brotli.headers.etag ?? '', 'cache-control': 'no-cache' },
      { 'if-none-match': `"older", W/${brotli.headers.etag ?? ''}` },
      { 'if-none-match': '*' },
    ];
    for (const headers of conditions) {
      expect((await get('/page', 'br', undefined, headers)).status).toBe(304);
    }

    // The tag of another coding or another body does not match: the whole page comes.
    for (const [acceptEncoding, tag] of [['gzip', brotli.headers.etag], ['br', other.headers.etag]]) {
      const answer = await get('/page', acceptEncoding, undefined, { 'if-none-match': tag ?? '' });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(PAGE);
    }
  });

  it('leaves streamed bodies and error pages untagged', async () => {
    expect((await get('/stream', 'br', () => firstPartRead())).headers.etag).toBeUndefined();
    expect((await get('/missing', 'br')).headers.etag).toBeUndefined();
  });
});

describe('the listener for bodies going out whole (server/page-answers.ts keeps pages so)', () => {
  type Heard = { url: string; encoding: string | undefined; body: Buffer };
  const heard: Heard[] = [];
  let listened: http.Server;
  let listenedUrl: string;

  beforeAll(async () => {
    const withListener = createResponseBodies(1024 * 1024, (request, response, output) => {
      heard.push({ url: request.url ?? '', encoding: response.getHeader('content-encoding') as string | undefined, body: output });
    });
    listened = http.createServer((request, response) => {
      withListener.prepare(request, response);
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      if (request.url === '/missing') response.statusCode = 404;
      response.end(PAGE);
    });
    await new Promise<void>((resolve) => listened.listen(0, '127.0.0.1', resolve));
    listenedUrl = `http://127.0.0.1:${(listened.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => listened.close(() => resolve())));

  const ask = (path: string, headers: Record<string, string>) =>
    new Promise<void>((resolve, reject) => {
      http.get(`${listenedUrl}${path}`, { headers, agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject);
    });

  it('hears the uncompressed body sent to a client that takes no compression, and the compressed one sent to others', async () => {
    await ask('/plain', {});
    await ask('/identity', { 'accept-encoding': 'identity' });
    await ask('/brotli', { 'accept-encoding': 'br' });
    await ask('/missing', {});
    expect(heard.map(({ url, encoding }) => [url, encoding])).toEqual([['/plain', undefined], ['/identity', undefined], ['/brotli', 'br']]);
    expect(heard[0]?.body.toString('utf8')).toBe(PAGE);
    expect(zlib.brotliDecompressSync(heard[2]?.body ?? Buffer.alloc(0)).toString('utf8')).toBe(PAGE);
  });
});
