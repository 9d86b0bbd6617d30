/*
 * Every cache tag the portal uses. Reads in lib/queries attach them; writes
 * in lib/content revalidate exactly the ones they touched.
 */
export const cacheTags = {
  /** Any listing of latest articles (home pages and their pagination). */
  articleLists: 'article-lists',
  /** One article's content in every language. */
  article: (articleId: number) => `article:${articleId}`,
  /** What a URL slug resolves to; changes when a slug is added, changed or retired. */
  slug: (locale: string, slug: string) => `slug:${locale}:${slug}`,
  /** A tag's page, and the related-articles lists of articles carrying it. */
  tag: (tagId: number) => `tag:${tagId}`,
  /** The list of all tags (home pages). */
  tagList: 'tag-list',
} as const;

/** Safety net: even without an on-demand revalidation, pages refresh this often (seconds). */
export const REVALIDATE_SECONDS = 300;
