import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { securityHeaders } from './lib/security-headers';
import { isrMemoryBytes } from './server/built-next-config';
import { precompressBuiltFiles } from './server/built-files';
import { distDir } from './lib/dist-dir';
import { localizedPrefixes } from './i18n/navigation';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  distDir: distDir(),
  // Scripts and stylesheets compressed once, as hard as brotli goes, and sent as they are (server/built-files.ts).
  compiler: {
    runAfterProductionCompile: async ({ distDir: builtInto }) => {
      const { files, bytes, compressedBytes } = await precompressBuiltFiles(builtInto);
      console.log(`[portal] ${files} built scripts and stylesheets compressed: ${Math.round(bytes / 1024)} KB, ${Math.round(compressedBytes / 1024)} KB with brotli`);
    },
  },
  poweredByHeader: false,
  // The ISR cache, whose record of what is stale lives in PostgreSQL (see the file for why).
  cacheHandler: path.resolve(import.meta.dirname, 'lib/cache/isr-cache-handler.mjs'),
  // The memory part of the ISR cache: the cached queries renders read (`unstable_cache`), read
  // back from disk beyond it. Pages are kept on disk only (lib/cache/isr-cache-handler.mjs): as
  // two-byte strings they took up to twice this budget in heap (bench/causes.md).
  // The portal server sets it again from its own environment when it starts (server/built-next-config.ts).
  cacheMaxMemorySize: isrMemoryBytes(),
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
  // forbidden() answers the desk's 403 page (app/redaktion/forbidden.tsx) for a lesser role or a form without its CSRF token.
  // serverActions.bodySizeLimit: the desk's article form uploads lead images up to 10 MB (lib/media/accept-upload.ts); the portal server caps other forms at 256 KB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '11mb' } },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Editors' requests and draft previews are for one person at one moment.
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      // The editors' desk: one person's pages, never cached, never indexed.
      {
        source: '/redaktion/:path*',
        headers: [
          { key: 'Cache-Control', value: 'private, no-store' },
          { key: 'X-Robots-Tag', value: 'noindex' },
        ],
      },
      ...localizedPrefixes('/preview/[id]').map((prefix) => ({
        source: `${prefix}:path*`,
        headers: [
          { key: 'Cache-Control', value: 'private, no-store' },
          { key: 'X-Robots-Tag', value: 'noindex' },
        ],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
