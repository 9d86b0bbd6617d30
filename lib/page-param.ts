import { isLocale, type Locale } from '@/i18n/routing';

/** Parses the page number of a listing URL; null for anything that is not 2, 3, … (page 1 has no number). */
export function parsePageParam(value: string): number | null {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return null;
  const page = Number(value);
  return page >= 2 ? page : null;
}

/**
 * The page of a listing route's optional `[[...page]]` segments: none is
 * page 1, `page/N` (the internal form next-intl maps each language's form to) is
 * page N; anything else is no page of the listing (null).
 */
export function listingPageNumber(segments: readonly string[] | undefined): number | null {
  if (segments === undefined || segments.length === 0) return 1;
  const [word, number, ...rest] = segments;
  if (word !== 'page' || number === undefined || rest.length > 0) return null;
  return parsePageParam(number);
}

/** A page of a listing: its language and its number (1 for the first). */
export type ListingAddress = { locale: Locale; page: number };

/** The language and page number a listing URL names, or null when it names none. */
export function listingAddress(params: { locale: string; page?: string[] }): ListingAddress | null {
  const page = listingPageNumber(params.page);
  return isLocale(params.locale) && page !== null ? { locale: params.locale, page } : null;
}
