import { describe, expect, it } from 'vitest';
import { buildSitemap, buildSitemapIndex, sitemapFileNumber } from '@/lib/sitemap';
import { parseSitemap } from '../helpers/xml-documents';
import { schemaErrors, SITEMAP_SCHEMAS } from '../helpers/xml-schema';

const ENTRY = {
  loc: 'https://portal.example.org/de/artikel/a&b',
  lastmod: '2026-12-01T10:00:00.000Z',
  alternates: { de: 'https://portal.example.org/de/artikel/a&b', en: 'https://portal.example.org/en/article/a', 'x-default': 'https://portal.example.org/de/artikel/a&b' },
};

describe('buildSitemap', () => {
  it('writes loc, then lastmod, then the hreflang links, as the sitemaps.org schema requires', async () => {
    const xml = buildSitemap([ENTRY, { loc: 'https://portal.example.org/de' }]);
    expect(await schemaErrors(xml, SITEMAP_SCHEMAS.urlset)).toEqual([]);
    expect(xml.indexOf('<lastmod>')).toBeLessThan(xml.indexOf('<xhtml:link'));
    expect(parseSitemap(xml)).toEqual([
      { loc: ENTRY.loc, lastmod: ENTRY.lastmod, alternates: ENTRY.alternates },
      { loc: 'https://portal.example.org/de', lastmod: null, alternates: {} },
    ]);
  });

  it('is refused by the schema when lastmod follows the links (the order Next.js writes)', async () => {
    const swapped = buildSitemap([ENTRY]).replace(/(    <lastmod>.*\n)((?:    <xhtml:link.*\n)+)/, '$2$1');
    expect(swapped).not.toBe(buildSitemap([ENTRY]));
    expect((await schemaErrors(swapped, SITEMAP_SCHEMAS.urlset)).join('\n')).toMatch(/lastmod.*not expected/);
  });

  it('writes an index the schema accepts', async () => {
    expect(await schemaErrors(buildSitemapIndex(['https://portal.example.org/sitemaps/sitemap/0.xml']), SITEMAP_SCHEMAS.sitemapindex)).toEqual([]);
  });
});

describe('sitemapFileNumber', () => {
  it('reads the number of a file name and nothing else', () => {
    expect(sitemapFileNumber('0.xml')).toBe(0);
    expect(sitemapFileNumber('12.xml')).toBe(12);
    for (const name of ['01.xml', '0', '0.xml.gz', '-1.xml', 'a.xml', '1e3.xml', '']) expect(sitemapFileNumber(name), name).toBeNull();
  });
});
