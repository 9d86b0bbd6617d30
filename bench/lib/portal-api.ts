import type { Locale } from '@/i18n/routing';
import { cacheTags } from '@/lib/cache-tags';
import { REVALIDATE_SECRET } from './portal';

/* The portal's HTTP APIs as the benchmark uses them: on-demand revalidation and the content API. */

/** The revalidation route takes at most this many tags per request (app/api/revalidate/route.ts). */
const TAGS_PER_REQUEST = 500;

/** Marks the articles' cache entries stale-by-expire: the next request for each renders afresh, blocking. */
export async function revalidateArticles(origin: string, articleIds: readonly number[]): Promise<void> {
  const tags = [...new Set(articleIds)].map((id) => cacheTags.article(id));
  for (let start = 0; start < tags.length; start += TAGS_PER_REQUEST) {
    const response = await fetch(`${origin}/api/revalidate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REVALIDATE_SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tags: tags.slice(start, start + TAGS_PER_REQUEST) }),
    });
    if (!response.ok) throw new Error(`POST /api/revalidate answered ${response.status}: ${await response.text()}`);
    await response.body?.cancel();
  }
}

export type EditorArticle = {
  type: string;
  status: string;
  publishedAt: string;
  tags: string[];
  image?: unknown;
  translations: Partial<Record<Locale, { title: string; slug: string; lead: string; body: string }>>;
};

function editorHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** The article in the shape PUT takes (what GET adds besides, such as urls and dates, left out). */
export async function readArticle(origin: string, token: string, id: number): Promise<EditorArticle> {
  const response = await fetch(`${origin}/api/articles/${id}`, { headers: editorHeaders(token) });
  if (!response.ok) throw new Error(`GET /api/articles/${id} answered ${response.status}: ${await response.text()}`);
  const article = (await response.json()) as EditorArticle;
  return {
    type: article.type,
    status: article.status,
    publishedAt: article.publishedAt,
    tags: article.tags,
    ...(article.image ? { image: article.image } : {}),
    translations: article.translations,
  };
}

export async function replaceArticle(origin: string, token: string, id: number, article: EditorArticle): Promise<void> {
  const response = await fetch(`${origin}/api/articles/${id}`, { method: 'PUT', headers: editorHeaders(token), body: JSON.stringify(article) });
  if (!response.ok) throw new Error(`PUT /api/articles/${id} answered ${response.status}: ${await response.text()}`);
  await response.body?.cancel();
}
