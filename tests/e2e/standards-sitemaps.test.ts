import { describe, expect, it } from 'vitest';
import { parseSitemap, parseSitemapIndex } from '../helpers/xml-documents';
import { schemaErrors, SITEMAP_SCHEMAS } from '../helpers/xml-schema';
import { request, SITE_URL } from './helpers';

/*
 * The sitemap index and every sitemap file validate against the sitemaps.org
 * schemas with `xmllint --schema`, hreflang links (xhtml:link) included: a
 * crawler that validates may otherwise drop the file.
 */

async function fetched(url: string): Promise<string> {
  expect(url.startsWith(`${SITE_URL}/`), url).toBe(true);
  const response = await request(new URL(url).pathname);
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type'), url).toMatch(/^application\/xml/);
  return response.text();
}

describe('sitemaps are valid against the sitemaps.org schemas', () => {
  it('the index at /sitemap.xml', async () => {
    expect(await schemaErrors(await fetched(`${SITE_URL}/sitemap.xml`), SITEMAP_SCHEMAS.sitemapindex)).toEqual([]);
  });

  it('every file the index names, bilingual entries with lastmod and hreflang links among them', async () => {
    const files = parseSitemapIndex(await fetched(`${SITE_URL}/sitemap.xml`));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const xml = await fetched(file);
      expect(await schemaErrors(xml, SITEMAP_SCHEMAS.urlset), file).toEqual([]);
      // The case the schema is strict about: lastmod and xhtml:link in one entry.
      expect(parseSitemap(xml).some((url) => url.lastmod !== null && Object.keys(url.alternates).length > 1), file).toBe(true);
    }
  });
});
