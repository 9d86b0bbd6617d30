import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { securityHeaders } from './lib/security-headers';
import { positiveIntegerFromEnv } from './server/env-number';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Tests and benchmarks build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // The ISR cache without "not found" entries (see the file for why).
  cacheHandler: path.resolve(import.meta.dirname, 'lib/isr-cache-handler.mjs'),
  // Entries beyond this are read back from disk when Next.js answers a hit (about 3 ms more per
  // article). Most hits never reach Next.js: the portal server answers them from what it kept
  // (server/page-answers.ts) and asks Next.js at most once a minute per page. So the memory
  // copy mostly duplicated those: the default went from 32 to 8 MB, and peak memory in the
  // benchmark from 496 to 370 MB at the same CPU per cached article (bench/causes.md). An
  // article's entry is its HTML, about 75,000 characters, held as two bytes each for most pages.
  // Read when the server starts, so the portal server's environment sets it (see README).
  cacheMaxMemorySize: positiveIntegerFromEnv('PORTAL_ISR_MEMORY_MB', 8) * 1024 * 1024,
  reactStrictMode: true,
  // The portal makes its own image widths once per upload (/media, lib/media) and never uses
  // next/image. Switched off, /_next/image answers 404 instead of resizing and re-encoding any
  // local image at a reader's request, which cost CPU and disk for nothing.
  images: { unoptimized: true },
  // The portal server tags and compresses responses itself (server/response-bodies.ts):
  // a page from the ISR cache is hashed and compressed once, not on every request.
  // Readers on slow connections still get every response compressed.
  compress: false,
  generateEtags: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Editors' requests and draft previews are for one person at one moment.
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      { source: '/:locale/(vorschau|preview)/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }, { key: 'X-Robots-Tag', value: 'noindex' }] },
    ];
  },
};

export default withNextIntl(nextConfig);
