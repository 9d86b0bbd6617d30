import { describe, expect, it } from 'vitest';
import { buildRssFeed, rfc822Date, type RssChannel, type RssItem } from '@/lib/feeds/rss';
import { escapeXml } from '@/lib/xml';
import { parseRss } from '../helpers/xml-documents';

const BELL = '\u0007';
const LONE_SURROGATE = '\uD83D';
// Everything an editor might type or paste: markup characters, both quote
// kinds, typographic quotes, an emoji (a surrogate pair), a control character
// from a word processor and half of a broken emoji.
const TRICKY_TITLE = `Tom & Jerry <b>"live"</b> 'on stage' – „Sicherheit & Entwicklung“ 🎉 ${BELL}ding${LONE_SURROGATE}!`;
const CLEAN_TITLE = `Tom & Jerry <b>"live"</b> 'on stage' – „Sicherheit & Entwicklung“ 🎉 ding!`;

function item(overrides: Partial<RssItem> = {}): RssItem {
  return {
    title: 'A title',
    link: 'https://portal.example.org/de/artikel/a',
    guid: 'urn:portal:article:1:de',
    publishedAt: new Date('2021-10-05T16:30:00Z'),
    description: 'A lead.',
    enclosure: null,
    ...overrides,
  };
}

function channel(items: RssItem[], overrides: Partial<RssChannel> = {}): RssChannel {
  return {
    title: 'Portal: neueste Beiträge',
    link: 'https://portal.example.org/de',
    description: 'Die neuesten Beiträge.',
    language: 'de',
    selfUrl: 'https://portal.example.org/de/feed.xml',
    items,
    ...overrides,
  };
}

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
  });

  it('drops characters XML 1.0 forbids and keeps everything else', () => {
    // A low surrogate first, then a high one: two halves that make no pair.
    expect(escapeXml(`x${BELL}\u0000\u001F\uFFFE\uFFFF\uDC00${LONE_SURROGATE}y`)).toBe('xy');
    expect(escapeXml('tab\tnew\nline\r🎉\u00A0ä\uE000')).toBe('tab\tnew\nline\r🎉\u00A0ä\uE000');
  });
});

describe('buildRssFeed', () => {
  it('stays well-formed with any title, and every text reads back as written', () => {
    const xml = buildRssFeed(
      channel([item({ title: TRICKY_TITLE, description: `Lead with <tags> & ${BELL}"quotes"` })], { title: `Kanal & "Co" ${LONE_SURROGATE}!` }),
    );
    const feed = parseRss(xml);
    expect(feed.title).toBe('Kanal & "Co" !');
    expect(feed.items[0]?.title).toBe(CLEAN_TITLE);
    expect(feed.items[0]?.description).toBe('Lead with <tags> & "quotes"');
    expect(xml).not.toContain(BELL);
    expect(xml).toContain('🎉');
  });

  it('writes channel, self link and items with what RSS 2.0 requires', () => {
    const feed = parseRss(
      buildRssFeed(
        channel([
          item({ title: 'Newer', guid: 'urn:portal:article:2:de', enclosure: { url: 'https://portal.example.org/media/a-b/960.webp?x=1&y="2"', length: 12345, type: 'image/webp' } }),
          item({ title: 'Older' }),
        ]),
      ),
    );
    expect(feed).toMatchObject({
      title: 'Portal: neueste Beiträge',
      link: 'https://portal.example.org/de',
      description: 'Die neuesten Beiträge.',
      language: 'de',
      self: { href: 'https://portal.example.org/de/feed.xml', rel: 'self', type: 'application/rss+xml' },
    });
    expect(feed.items.map((i) => i.title)).toEqual(['Newer', 'Older']);
    expect(feed.items[0]).toMatchObject({
      guid: 'urn:portal:article:2:de',
      guidIsPermaLink: 'false',
      pubDate: 'Tue, 05 Oct 2021 16:30:00 GMT',
      enclosure: { url: 'https://portal.example.org/media/a-b/960.webp?x=1&y="2"', length: 12345, type: 'image/webp' },
    });
    expect(feed.items[1]?.enclosure).toBeNull();
  });

  it('is a valid feed without items', () => {
    expect(parseRss(buildRssFeed(channel([]))).items).toEqual([]);
  });
});

describe('rfc822Date', () => {
  it('writes the RFC 822 form in GMT that parses back to the same instant', () => {
    const date = new Date('2020-06-04T09:30:00Z');
    expect(rfc822Date(date)).toBe('Thu, 04 Jun 2020 09:30:00 GMT');
    expect(new Date(rfc822Date(date)).getTime()).toBe(date.getTime());
  });
});
