import { MAX_SLUG_LENGTH } from '@/lib/content/slug-rules';

/*
 * The slug the desk proposes for a title: German letters spelled out as
 * German readers expect in URLs (ä → ae, ß → ss), other accents dropped, and
 * everything else collapsed to single hyphens, so it always passes SLUG.
 */

const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue', ẞ: 'ss' };

export function suggestSlug(title: string): string {
  const slug = title
    .replace(/[äöüßÄÖÜẞ]/g, (letter) => SPELLED_OUT[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}
