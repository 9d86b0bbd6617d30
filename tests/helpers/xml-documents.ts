import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

/*
 * Reads the XML documents the portal publishes (RSS feeds, sitemaps) the way
 * a feed reader or crawler would: a document that is not well-formed, or
 * lacks what the format requires, throws.
 */

// XML 1.0 `Char`: fast-xml-parser does not check characters, so this does.
const ONLY_XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  ignoreDeclaration: true,
  // Keep every value as the text the document holds.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['item', 'url', 'sitemap', 'xhtml:link'].includes(name),
});

function parseWellFormed(xml: string): unknown {
  if (!ONLY_XML_CHARS.test(xml)) throw new Error('document holds characters XML 1.0 forbids');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return parser.parse(xml);
}

const rssItem = z.object({
  title: z.string(),
  link: z.string(),
  guid: z.object({ '#text': z.string(), '@_isPermaLink': z.string() }),
  pubDate: z.string(),
  description: z.string(),
  enclosure: z.object({ '@_url': z.string(), '@_length': z.string().regex(/^\d+$/), '@_type': z.string() }).optional(),
});

const rssDocument = z.object({
  rss: z.object({
    '@_version': z.literal('2.0'),
    '@_xmlns:atom': z.literal('http://www.w3.org/2005/Atom'),
    channel: z.object({
      title: z.string(),
      link: z.string(),
      description: z.string(),
      language: z.string(),
      'atom:link': z.object({ '@_href': z.string(), '@_rel': z.string(), '@_type': z.string() }),
      item: z.array(rssItem).default([]),
    }),
  }),
});

export type RssFeed = ReturnType<typeof parseRss>;

/** An RSS 2.0 document as plain values. */
export function parseRss(xml: string) {
  const { channel } = rssDocument.parse(parseWellFormed(xml)).rss;
  return {
    title: channel.title,
    link: channel.link,
    description: channel.description,
    language: channel.language,
    self: { href: channel['atom:link']['@_href'], rel: channel['atom:link']['@_rel'], type: channel['atom:link']['@_type'] },
    items: channel.item.map((item) => ({
      title: item.title,
      link: item.link,
      guid: item.guid['#text'],
      guidIsPermaLink: item.guid['@_isPermaLink'],
      pubDate: item.pubDate,
      description: item.description,
      enclosure: item.enclosure
        ? { url: item.enclosure['@_url'], length: Number(item.enclosure['@_length']), type: item.enclosure['@_type'] }
        : null,
    })),
  };
}

const sitemapDocument = z.object({
  urlset: z.object({
    '@_xmlns': z.literal('http://www.sitemaps.org/schemas/sitemap/0.9'),
    url: z
      .array(
        z.object({
          loc: z.string(),
          lastmod: z.string().optional(),
          'xhtml:link': z.array(z.object({ '@_rel': z.literal('alternate'), '@_hreflang': z.string(), '@_href': z.string() })).optional(),
        }),
      )
      .default([]),
  }),
});

export type SitemapUrl = { loc: string; lastmod: string | null; alternates: Record<string, string> };

/** A sitemap (`urlset`) document: each URL with its lastmod and hreflang alternates. */
export function parseSitemap(xml: string): SitemapUrl[] {
  return sitemapDocument.parse(parseWellFormed(xml)).urlset.url.map((url) => ({
    loc: url.loc,
    lastmod: url.lastmod ?? null,
    alternates: Object.fromEntries((url['xhtml:link'] ?? []).map((link) => [link['@_hreflang'], link['@_href']])),
  }));
}

const sitemapIndexDocument = z.object({
  sitemapindex: z.object({
    '@_xmlns': z.literal('http://www.sitemaps.org/schemas/sitemap/0.9'),
    sitemap: z.array(z.object({ loc: z.string() })),
  }),
});

/** A sitemap index document: the addresses of its sitemaps. */
export function parseSitemapIndex(xml: string): string[] {
  return sitemapIndexDocument.parse(parseWellFormed(xml)).sitemapindex.sitemap.map((entry) => entry.loc);
}
