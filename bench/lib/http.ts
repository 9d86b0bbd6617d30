import http from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/*
 * Plain HTTP/1.1 requests that keep the body as it travelled (compressed),
 * so that page weights count transferred bytes and the bare baseline server
 * can answer with exactly the bytes the portal sent.
 */

/** What a phone's browser announces; the portal and the baselines see the same. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';

export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as transferred (still compressed when content-encoding says so). */
  body: Buffer;
  /** Bytes of the status line and headers as received. */
  headerBytes: number;
};

export type RawRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
};

export function rawRequest(url: string, { method = 'GET', headers = {}, body, timeoutMs = 30_000 }: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        // rawHeaders alternate name and value; each line ends in CRLF, the block in an empty line.
        const statusLine = `HTTP/${response.httpVersion} ${response.statusCode ?? 0} ${response.statusMessage ?? ''}\r\n`;
        let headerBytes = Buffer.byteLength(statusLine) + 2;
        for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
          headerBytes += Buffer.byteLength(`${response.rawHeaders[index] ?? ''}: ${response.rawHeaders[index + 1] ?? ''}\r\n`);
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), headerBytes });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** The body's bytes, undoing the content encoding. */
export function decodedBody(response: RawResponse): Buffer {
  const encoding = String(response.headers['content-encoding'] ?? '').trim();
  if (encoding === 'gzip') return gunzipSync(response.body);
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'deflate') return inflateSync(response.body);
  return response.body;
}

/** The body as text, undoing the content encoding. */
export function decodedText(response: RawResponse): string {
  return decodedBody(response).toString('utf8');
}

/** GET as a browser would (compression accepted); the decoded text with the response. */
export async function getPage(url: string, headers: Record<string, string> = {}): Promise<RawResponse & { text: string }> {
  const response = await rawRequest(url, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html', ...headers } });
  return { ...response, text: decodedText(response) };
}

export function header(headers: http.IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Runs `send` once per item with at most `concurrency` of them in flight. */
export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, send: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await send(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Each path's answer as transferred, asked for as a browser would (4 at a time), for baselines
 * that answer with the same bytes. Every answer must be a 200.
 */
export async function recordPages(origin: string, paths: readonly string[]): Promise<Map<string, RawResponse>> {
  const pages = new Map<string, RawResponse>();
  await forEachConcurrently(paths, 4, async (path) => {
    const page = await rawRequest(`${origin}${path}`, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html' } });
    if (page.status !== 200) throw new Error(`${path} answered ${page.status} while its bytes were recorded`);
    pages.set(path, page);
  });
  return pages;
}

/** How many pages, their average transferred body, and their codings, for the report. */
export type RecordedSummary = { pages: number; averageBytes: number; encodings: string[] };

export function summarizeRecorded(pages: ReadonlyMap<string, RawResponse>): RecordedSummary {
  const bodies = [...pages.values()];
  return {
    pages: bodies.length,
    averageBytes: Math.round(bodies.reduce((sum, page) => sum + page.body.length, 0) / Math.max(1, bodies.length)),
    encodings: [...new Set(bodies.map((page) => header(page.headers, 'content-encoding') || 'identity'))],
  };
}

/** Counts answers by the label `labelOf` gives them. */
export function countLabels(answers: Iterable<RawResponse>, labelOf: (answer: RawResponse) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const label = labelOf(answer);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/** Asks for each path once (4 at a time) and counts the answers by the label `labelOf` gives them. */
export async function countAnswers(origin: string, paths: readonly string[], labelOf: (answer: RawResponse) => string): Promise<Record<string, number>> {
  const answers: RawResponse[] = [];
  await forEachConcurrently(paths, 4, async (path) => {
    answers.push(await getPage(`${origin}${path}`));
  });
  return countLabels(answers, labelOf);
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
