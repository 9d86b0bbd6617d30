import type { ArticleInput } from '@/lib/content/article-input';
import { articleInput } from './publishing-helpers';

/*
 * Requests to a portal of a test's own (or one of several instances), by its
 * origin: a reader's GET, an editor's API call with a token, and publishing
 * an article through the API.
 */

const REQUEST_TIMEOUT_MS = 20_000;

export type Reply = { status: number; headers: Headers; text: string };
export type Published = { id: number; input: ArticleInput; urls: { de: string; en: string } };

export async function getFrom(origin: string, path: string): Promise<Reply> {
  const response = await fetch(new URL(path, origin), { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function apiAt(origin: string, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(new URL(path, origin), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function publishAt(origin: string, token: string, input: ArticleInput = articleInput()): Promise<Published> {
  const created = await apiAt(origin, token, 'POST', '/api/articles', input);
  if (created.status !== 201) throw new Error(`creating an article failed with ${created.status}: ${created.text}`);
  const { id, urls } = JSON.parse(created.text) as { id: number; urls: { de: string; en: string } };
  return { id, input, urls };
}
