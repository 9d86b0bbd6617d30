import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { STATUS_PAGE_TOKEN_ENV, STATUS_PAGE_TOKEN_HEADER, statusPagePath } from '@/lib/status-pages';
import { replaceErrorPages, type StatusPageSource } from './error-page-replacement';

/*
 * The production server: Next.js's request handler behind a plain Node HTTP
 * server, so that we can set the server's timeouts and replace the empty
 * error shells Next.js sends for 404/410/5xx pages with complete pages.
 */

export type PortalServer = { url: string; close: () => Promise<void> };

const ROOT = path.resolve(import.meta.dirname, '..');

export async function startPortalServer({ port, hostname }: { port: number; hostname: string }): Promise<PortalServer> {
  const token = randomBytes(16).toString('hex');
  process.env[STATUS_PAGE_TOKEN_ENV] = token;

  const app = next({ dev: false, dir: ROOT, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const origin = `http://${hostname}:${port}`;
  const cache = new Map<string, string>();
  // Status pages are static; fetched once from ourselves, then served from memory.
  const statusPages: StatusPageSource = async (locale, status) => {
    const key = `${locale}:${status}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const response = await fetch(`${origin}${statusPagePath(locale, status)}`, {
      headers: { [STATUS_PAGE_TOKEN_HEADER]: token, 'accept-encoding': 'identity' },
    });
    if (!response.ok) return null;
    const html = await response.text();
    cache.set(key, html);
    return html;
  };

  const server = http.createServer((request, response) => {
    replaceErrorPages(request, response, statusPages);
    void handle(request, response);
  });
  // Slow or stalled clients must not hold connections for ever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });

  return {
    url: origin,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
