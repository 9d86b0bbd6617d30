import 'server-only';
import { unstable_cache } from 'next/cache';

const MISSING = Symbol('missing');

/**
 * Like unstable_cache, but a `null` answer is not stored: there are only so
 * many real articles and tags, while anyone can make up endless unknown URLs,
 * and each stored miss would be a file in the cache.
 */
export async function cacheUnlessMissing<T>(
  load: () => Promise<T | null>,
  keyParts: string[],
  options: { tags: string[]; revalidate: number },
): Promise<T | null> {
  try {
    return await unstable_cache(
      async () => {
        const value = await load();
        if (value === null) throw MISSING;
        return value;
      },
      keyParts,
      options,
    )();
  } catch (error) {
    if (error === MISSING) return null;
    throw error;
  }
}
