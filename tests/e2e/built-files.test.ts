import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sendRequest, targetOf } from '../../scripts/lib/load-tools';
import { baseUrl } from './helpers';

/*
 * Next.js's built scripts and stylesheets as readers get them
 * (server/built-files.ts): compressed once at build time, as hard as brotli
 * goes, and the same bytes in every coding.
 */

const STATIC_FOLDER = path.resolve(import.meta.dirname, '..', '..', inject('distDir'), 'static');

/** The scripts and stylesheets the home page loads, by URL. */
let assets: string[] = [];

const fileOf = (url: string) => readFileSync(path.join(STATIC_FOLDER, decodeURIComponent(url.slice('/_next/static/'.length))));
const ask = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${baseUrl}${url}`, { method, headers });

/** fetch() would undo the coding; sendRequest's body is the bytes as sent, all of them. */
async function rawBody(url: string, acceptEncoding: string): Promise<{ encoding: string | null; body: Buffer }> {
  const request = { method: 'GET', path: url, headers: { 'accept-encoding': acceptEncoding }, keepBytes: Infinity };
  const { headers, body } = await sendRequest(targetOf(baseUrl), request);
  return { encoding: headers['content-encoding'] ?? null, body };
}

beforeAll(async () => {
  const home = await (await ask('/de')).text();
  assets = [...home.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
  if (!assets.some((url) => url.endsWith('.js')) || !assets.some((url) => url.endsWith('.css'))) {
    throw new Error(`the home page should load scripts and a stylesheet from /_next/static, found ${assets.join(', ')}`);
  }
});

describe('built scripts and stylesheets', () => {
  it('are sent in brotli, gzip or as they are, always the same bytes as the built file', async () => {
    for (const url of assets) {
      const file = fileOf(url);
      const brotli = await rawBody(url, 'gzip, deflate, br, zstd');
      expect(brotli.encoding, url).toBe('br');
      expect(zlib.brotliDecompressSync(brotli.body).equals(file), url).toBe(true);

      const gzip = await rawBody(url, 'br;q=0, gzip');
      expect(gzip.encoding, url).toBe('gzip');
      expect(zlib.gunzipSync(gzip.body).equals(file), url).toBe(true);

      const plain = await rawBody(url, 'identity');
      expect(plain.encoding, url).toBeNull();
      expect(plain.body.equals(file), url).toBe(true);
    }
  });

  it('are compressed harder than a quick per-request brotli would', async () => {
    let sent = 0;
    let quick = 0;
    for (const url of assets) {
      sent += (await rawBody(url, 'br')).body.length;
      quick += zlib.brotliCompressSync(fileOf(url), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    }
    expect(sent).toBeLessThan(quick * 0.95);
  });

  it('carry their type with charset, a year of immutable caching, and Vary: Accept-Encoding', async () => {
    for (const url of assets) {
      const response = await ask(url, { 'accept-encoding': 'br' });
      await response.arrayBuffer();
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(response.headers.get('cache-control'), url).toMatch(/\bmax-age=31536000\b.*\bimmutable\b/);
      expect(response.headers.get('vary'), url).toMatch(/accept-encoding/i);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('answer a request with the ETag they were sent with by 304, and HEAD without a body', async () => {
    const url = assets[0] ?? '';
    const first = await ask(url, { 'accept-encoding': 'br' });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await ask(url, { 'accept-encoding': 'br', 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const head = await ask(url, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('br');
    expect(await head.text()).toBe('');
  });

  it('refuse other methods with 405 and Allow, and answer a file that was never built with 404', async () => {
    const url = assets[0] ?? '';
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const refused = await ask(url, {}, method);
      expect(refused.status, method).toBe(405);
      expect(refused.headers.get('allow'), method).toBe('GET, HEAD');
    }
    const missing = await ask('/_next/static/chunks/never-built.js');
    await missing.arrayBuffer();
    expect(missing.status).toBe(404);
  });
});
