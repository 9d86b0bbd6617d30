import { describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { listingMetadata } from '@/lib/alternates';
import type { FeedChannel } from '@/lib/feeds/channels';
import { absoluteUrl } from '@/lib/paths';

const feed: FeedChannel = { locale: 'de', title: 'Neueste Beiträge', description: '…', pagePath: '/de', feedPath: '/de/feed.xml' };
const pathIn = (page: number) => (lang: Locale) => (page === 1 ? `/${lang}/liste` : `/${lang}/liste/seite/${page}`);

describe('listingMetadata', () => {
  it('gives the first page its canonical link and links it in every language, the default language as x-default', () => {
    const metadata = listingMetadata({ locale: 'en', page: 1 }, { title: { absolute: 'List' }, description: 'All of it', pathIn: pathIn(1), feed });
    expect(metadata.title).toEqual({ absolute: 'List' });
    expect(metadata.description).toBe('All of it');
    expect(metadata.alternates?.canonical).toBe(absoluteUrl('/en/liste'));
    expect(metadata.alternates?.languages).toEqual({ de: absoluteUrl('/de/liste'), en: absoluteUrl('/en/liste'), 'x-default': absoluteUrl('/de/liste') });
  });

  it('links a numbered page only to itself, as the languages have different page counts', () => {
    const metadata = listingMetadata({ locale: 'en', page: 3 }, { title: 'List, page 3', description: 'All of it', pathIn: pathIn(3), feed });
    expect(metadata.alternates?.canonical).toBe(absoluteUrl('/en/liste/seite/3'));
    expect(metadata.alternates?.languages).toEqual({ en: absoluteUrl('/en/liste/seite/3') });
  });

  it('leaves out a language in which the listing does not exist', () => {
    const metadata = listingMetadata({ locale: 'de', page: 1 }, { title: 'T', description: 'D', pathIn: (lang) => (lang === 'de' ? '/de/thema/a' : undefined), feed });
    expect(metadata.alternates?.languages).toEqual({ de: absoluteUrl('/de/thema/a') });
  });

  it('announces the feed with the same articles', () => {
    const metadata = listingMetadata({ locale: 'de', page: 2 }, { title: 'T', description: 'D', pathIn: pathIn(2), feed });
    expect(metadata.alternates?.types).toEqual({ 'application/rss+xml': [{ url: absoluteUrl('/de/feed.xml'), title: 'Neueste Beiträge' }] });
  });
});
