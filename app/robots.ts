import type { MetadataRoute } from 'next';
import { localizedPrefixes } from '@/i18n/navigation';
import { absoluteUrl } from '@/lib/paths';

// Answered per request, so the Sitemap line names the SITE_URL the server
// runs with rather than the one `next build` happened to see.
export const dynamic = 'force-dynamic';

/** Crawlers may read everything readers can; the editors' API, desk and draft previews are off limits. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/api/', '/redaktion', ...localizedPrefixes('/preview/[id]')] },
    sitemap: absoluteUrl('/sitemap.xml'),
  };
}
