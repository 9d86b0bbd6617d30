import type { ArticleType } from '@/lib/generated/prisma/enums';
import { normalizeSearchQuery, type NormalizedQuery } from '@/lib/search-query';
import { articleTypeByName } from '@/lib/content/article-input';
import { isPossibleSlug } from '@/lib/content/slug-rules';

const TYPES: Record<string, ArticleType> = articleTypeByName;
/** The content types as they appear in URLs (`?type=press-release`). */
export const SEARCH_TYPE_NAMES = Object.keys(articleTypeByName) as (keyof typeof articleTypeByName)[];

export type SearchRequest = {
  query: NormalizedQuery;
  tag?: string;
  type?: string;
  articleType?: ArticleType;
  year?: number;
  page: number;
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `?q=…&tag=…&type=…&year=…&page=…`; anything malformed is ignored rather than an error. */
export function parseSearchParams(params: Record<string, string | string[] | undefined>): SearchRequest {
  const tag = first(params.tag);
  const type = first(params.type);
  const year = Number(first(params.year));
  const page = Number(first(params.page));
  return {
    query: normalizeSearchQuery(first(params.q)),
    tag: tag && isPossibleSlug(tag) ? tag : undefined,
    type: type && TYPES[type] ? type : undefined,
    articleType: type ? TYPES[type] : undefined,
    year: Number.isInteger(year) && year >= 1900 && year <= 2999 ? year : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The shareable URL of a search, with only the parameters that are set. */
export function searchHref(basePath: string, request: Pick<SearchRequest, 'tag' | 'type' | 'year'> & { q: string; page?: number }): string {
  const params = new URLSearchParams();
  if (request.q) params.set('q', request.q);
  if (request.tag) params.set('tag', request.tag);
  if (request.type) params.set('type', request.type);
  if (request.year) params.set('year', String(request.year));
  if (request.page && request.page > 1) params.set('page', String(request.page));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}
