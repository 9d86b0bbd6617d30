import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sirv from 'sirv';
import { encodingFor } from './http-negotiation';

/*
 * Next.js's built files (/_next/static: scripts, stylesheets, fonts) never
 * change under their hashed names, so they are compressed once, when the
 * build is made, as hard as brotli and gzip go, and sent from those files.
 * Compressing them per request, as before, had to be quick (brotli quality
 * 4) and left them markedly larger than quality 11 does (figures:
 * bench/causes.md, "Built files compressed at build time"). Readers on slow
 * connections wait for every one of those bytes before the page reacts.
 */

const URL_PREFIX = '/_next/static/';
/** The text formats, and their types; images and fonts in the folder are compressed already. */
const TEXT_TYPES = new Map([
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
]);
const ONE_YEAR_SECONDS = 31_536_000;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of a build's
 * static folder, where they are smaller. Run by `next build` after it has
 * compiled (next.config.ts), so every way of building gets them.
 */
export async function precompressBuiltFiles(distDir: string): Promise<{ files: number; bytes: number; compressedBytes: number }> {
  const files = (await filesUnder(path.join(distDir, 'static'))).filter((file) => TEXT_TYPES.has(path.extname(file)));
  const totals = { files: files.length, bytes: 0, compressedBytes: 0 };
  await Promise.all(
    files.map(async (file) => {
      const body = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      totals.bytes += body.length;
      totals.compressedBytes += Math.min(br.length, body.length);
      // A variant that is not smaller is left out: the file itself is sent instead.
      if (br.length < body.length) await writeFile(`${file}.br`, br);
      if (gz.length < body.length) await writeFile(`${file}.gz`, gz);
    }),
  );
  return totals;
}

/** Whether `url` names a built file, whether or not the build made it. */
export function isBuiltFileUrl(url: string | undefined): boolean {
  return url?.startsWith(URL_PREFIX) === true;
}

type Next = () => void;
export type BuiltFiles = (request: IncomingMessage, response: ServerResponse, next: Next) => void;

/** Sends built files from `<distDir>/static` (405 for methods other than GET and HEAD); other URLs and missing files go on to `next`. */
export function createBuiltFiles(distDir: string): BuiltFiles {
  const send = sirv(path.join(distDir, 'static'), {
    brotli: true,
    gzip: true,
    etag: true,
    maxAge: ONE_YEAR_SECONDS,
    immutable: true,
    extensions: [],
    // Named by the file asked for, not the variant sent; the charset, which the file does not say.
    setHeaders: (response, pathname) => {
      const type = TEXT_TYPES.get(path.extname(pathname));
      if (type) response.setHeader('Content-Type', type);
    },
  });
  return (request, response, next) => {
    if (!isBuiltFileUrl(request.url)) return next();
    const url = request.url ?? '';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 }).end();
      return;
    }
    const encoding = encodingFor(request);
    // sirv only looks for the coding's name in the header; q-values (`br;q=0`) are weighed here.
    request.headers['accept-encoding'] = encoding ?? 'identity';
    const { pathname, search } = new URL(url, 'http://portal');
    request.url = pathname.slice(URL_PREFIX.length - 1) + search;
    send(request, response, () => {
      request.url = url;
      next();
    });
  };
}
