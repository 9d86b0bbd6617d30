import { absoluteUrl } from '@/lib/paths';
import { countSitemapPages } from '@/lib/queries/sitemap';
import { buildSitemapIndex, sitemapChunkIds, sitemapFilePath } from '@/lib/sitemap';

// Answered per request: a static route would be rendered by `next build`,
// which has no database and may not know the SITE_URL the server runs with.
// The count behind it is a cached query.
export const dynamic = 'force-dynamic';

/** /sitemap.xml: the index of the sitemap files that app/sitemaps/sitemap/[file]/route.ts makes (see there). */
export async function GET() {
  const files = sitemapChunkIds(await countSitemapPages());
  const xml = buildSitemapIndex(files.map(({ id }) => absoluteUrl(sitemapFilePath(id))));
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
