/*
 * What a slug may look like, for articles and tags alike: editors' input is
 * held to it (lib/content/article-input.ts), and reader URLs that break it
 * are answered 404 without a database query or a cache entry.
 */

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const MAX_SLUG_LENGTH = 160;

/** Whether `slug` could name an article or tag at all. */
export function isPossibleSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && SLUG.test(slug);
}
