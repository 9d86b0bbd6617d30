import { deskPaths } from '@/i18n/desk-paths';
import type { DeskFilters } from '@/lib/queries/desk-articles';

/** The overview's address for these filters (another page of them, say), in the query names parseDeskFilters reads. */
export function overviewHref(filters: DeskFilters): string {
  const query = new URLSearchParams();
  for (const name of ['q', 'status', 'type', 'tag', 'language'] as const) {
    const value = filters[name];
    if (value) query.set(name, value);
  }
  if (filters.page && filters.page > 1) query.set('page', String(filters.page));
  const search = query.toString();
  return search ? `${deskPaths.overview}?${search}` : deskPaths.overview;
}
