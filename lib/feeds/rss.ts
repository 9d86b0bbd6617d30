import { escapeXml } from '@/lib/xml';

/*
 * RSS 2.0 documents (https://www.rssboard.org/rss-specification) from plain
 * values. Every text passes through escapeXml, so an editor's title can hold
 * any character without breaking the feed.
 */

export type RssEnclosure = { url: string; length: number; type: string };

export type RssItem = {
  title: string;
  link: string;
  /** Stays the same for the item's whole life, whatever its URL becomes. */
  guid: string;
  publishedAt: Date;
  description: string;
  enclosure: RssEnclosure | null;
};

export type RssChannel = {
  title: string;
  /** The HTML page the feed mirrors. */
  link: string;
  description: string;
  /** A language tag, one of routing.locales. */
  language: string;
  /** Where the feed itself lives, announced with `atom:link rel="self"`. */
  selfUrl: string;
  items: RssItem[];
};

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/** RFC 822 date-time as RSS requires, e.g. `Tue, 05 Oct 2021 16:30:00 GMT`. */
export function rfc822Date(date: Date): string {
  return date.toUTCString();
}

function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function emptyElement(name: string, attributes: Record<string, string>): string {
  const rendered = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeXml(value)}"`);
  return `<${name}${rendered.join('')}/>`;
}

function itemXml(item: RssItem): string {
  const lines = [
    element('title', item.title),
    element('link', item.link),
    `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
    element('pubDate', rfc822Date(item.publishedAt)),
    element('description', item.description),
  ];
  if (item.enclosure) {
    const { url, length, type } = item.enclosure;
    lines.push(emptyElement('enclosure', { url, length: String(length), type }));
  }
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join('')}    </item>\n`;
}

/** The complete feed document, items in the order given. */
export function buildRssFeed(channel: RssChannel): string {
  const head = [
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    element('language', channel.language),
    emptyElement('atom:link', { href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' }),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n' +
    '  <channel>\n' +
    head.map((line) => `    ${line}\n`).join('') +
    channel.items.map(itemXml).join('') +
    '  </channel>\n' +
    '</rss>\n'
  );
}
