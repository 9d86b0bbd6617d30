import { describe, expect, it } from 'vitest';
import { buildSitemapIndex, sectionSlices, sitemapChunkCount, sitemapChunkIds, sitemapListings, SITEMAP_MAX_URLS } from '@/lib/sitemap';
import { parseSitemapIndex } from '../helpers/xml-documents';

describe('sitemap chunks', () => {
  it('needs one file up to 50,000 URLs and one more for each 50,000 after that', () => {
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    expect(sitemapChunkCount(0)).toBe(1);
    expect(sitemapChunkCount(50_000)).toBe(1);
    expect(sitemapChunkCount(50_001)).toBe(2);
    expect(sitemapChunkCount(150_000)).toBe(3);
    // The listings (home and speeches) in both languages come on top of tag and article pages.
    expect(sitemapListings()).toHaveLength(4);
    expect(sitemapChunkIds({ tagPages: 0, articlePages: 49_996 })).toEqual([{ id: 0 }]);
    expect(sitemapChunkIds({ tagPages: 1, articlePages: 49_996 })).toEqual([{ id: 0 }, { id: 1 }]);
  });

  it('cuts consecutive sections into chunks without gaps or overlaps', () => {
    const sizes = [2, 7, 23];
    const chunkSize = 10;
    const seen: string[] = [];
    for (let chunk = 0; chunk < sitemapChunkCount(32, chunkSize); chunk++) {
      const slices = sectionSlices(sizes, chunk, chunkSize);
      expect(slices.reduce((sum, s) => sum + s.take, 0)).toBeLessThanOrEqual(chunkSize);
      slices.forEach((slice, section) => {
        for (let i = slice.skip; i < slice.skip + slice.take; i++) seen.push(`${section}:${i}`);
      });
    }
    const expected = sizes.flatMap((size, section) => Array.from({ length: size }, (_, i) => `${section}:${i}`));
    expect(seen).toEqual(expected);
  });

  it('gives empty slices past the end', () => {
    expect(sectionSlices([2, 3], 5, 10)).toEqual([
      { skip: 0, take: 0 },
      { skip: 0, take: 0 },
    ]);
  });
});

describe('buildSitemapIndex', () => {
  it('names every sitemap file, escaped', () => {
    const urls = ['https://portal.example.org/sitemap/0.xml', 'https://portal.example.org/sitemap/1.xml?a=1&b=2'];
    expect(parseSitemapIndex(buildSitemapIndex(urls))).toEqual(urls);
  });
});
