import type { Metadata } from 'next';
import { routing, type Locale } from '@/i18n/routing';
import { feedAlternateTypes, type FeedChannel } from '@/lib/feeds/channels';
import type { ListingAddress } from '@/lib/page-param';
import { absoluteUrl } from '@/lib/paths';

/** The same page in each language, where it exists. */
export type PathsByLocale = Partial<Record<Locale, string>>;

/** Canonical and hreflang links naming only the language versions that exist. */
export function alternatesMetadata(locale: Locale, paths: PathsByLocale): Metadata['alternates'] {
  const languages: Record<string, string> = {};
  for (const candidate of routing.locales) {
    const path = paths[candidate];
    if (path) languages[candidate] = absoluteUrl(path);
  }
  const defaultPath = paths[routing.defaultLocale] ?? paths[locale];
  if (defaultPath && Object.keys(languages).length > 1) languages['x-default'] = absoluteUrl(defaultPath);
  const own = paths[locale];
  return { canonical: own ? absoluteUrl(own) : null, languages };
}

/** A page's path in every language, for pages that exist in all of them. */
export function pathsInEveryLocale(pathFor: (locale: Locale) => string): PathsByLocale {
  return Object.fromEntries(routing.locales.map((locale) => [locale, pathFor(locale)]));
}

/** What a listing route says about one of its pages; listingMetadata adds the links. */
export type ListingDescription = {
  title: Metadata['title'];
  description: string;
  /** This page of the listing in a language; undefined where the listing does not exist in it. */
  pathIn: (locale: Locale) => string | undefined;
  /** The feed with the same articles, announced in the page's head. */
  feed: FeedChannel;
};

/**
 * A listing page's metadata with its canonical, hreflang and feed links. Only
 * the first page links its other languages: the languages' page counts differ,
 * so page 3 here is not page 3 there.
 */
export function listingMetadata({ locale, page }: ListingAddress, listing: ListingDescription): Metadata {
  const paths: PathsByLocale = {};
  for (const candidate of routing.locales) {
    const path = page === 1 || candidate === locale ? listing.pathIn(candidate) : undefined;
    if (path) paths[candidate] = path;
  }
  return {
    title: listing.title,
    description: listing.description,
    alternates: { ...alternatesMetadata(locale, paths), types: feedAlternateTypes(listing.feed) },
  };
}
