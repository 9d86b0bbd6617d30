import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Tests and benchmarks build into their own folder so they never disturb a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // Readers on slow connections: compress every response that Next.js serves itself.
  compress: true,
};

export default withNextIntl(nextConfig);
