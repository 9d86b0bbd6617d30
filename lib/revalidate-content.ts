import 'server-only';
import { revalidatePath, revalidateTag } from 'next/cache';

/**
 * Makes readers see a change at once: the next request for any page that
 * used one of these tags (or is one of these paths) renders afresh instead
 * of being answered from the cache.
 */
export function revalidateContent({ tags = [], paths = [] }: { tags?: string[]; paths?: string[] }): void {
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 });
  for (const path of new Set(paths)) revalidatePath(path);
}
