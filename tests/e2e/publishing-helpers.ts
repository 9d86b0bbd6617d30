import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import { z } from 'zod';
import type { Locale } from '@/i18n/routing';
import { createEditorToken, revokeEditorToken } from '@/lib/auth/editor-tokens';
import type { ArticleInput, TagInput } from '@/lib/content/article-input';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';

/*
 * What the content API tests share: an editor with a real token, requests to
 * the API and to reader pages, and polling for what readers see after a write.
 * Every article a session creates is withdrawn when it closes, so the other
 * e2e files, which compare listings with the demo content, never see it.
 */

export const baseUrl = inject('baseUrl');

/** A short random part for slugs, tag keys and token names; all files share one database. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function openDatabase(): PrismaClient {
  return createPrismaClient(inject('databaseUrl'), 2);
}

/** A body sent as it is, not as JSON: malformed JSON, images, streams. */
export class RawBody {
  constructor(
    readonly body: BodyInit,
    readonly contentType?: string,
  ) {}
}

export type ApiAnswer = { status: number; headers: Headers; body: unknown };

/** One request to the content API; the answer's body is parsed when it is JSON. */
export async function api(method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer> {
  const headers = new Headers();
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  let payload: BodyInit | undefined;
  if (body instanceof RawBody) {
    payload = body.body;
    if (body.contentType !== undefined) headers.set('content-type', body.contentType);
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers.set('content-type', 'application/json');
  }
  // Node's fetch sends a streamed body (one without Content-Length) only with duplex: 'half'.
  const init = { method, headers, body: payload, redirect: 'manual', duplex: 'half' } as RequestInit;
  const response = await fetch(new URL(path, baseUrl), init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, headers: response.headers, body: isJson && text !== '' ? JSON.parse(text) : text };
}

/** A body streamed in these parts, so that it is sent without Content-Length. */
export function streamed(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[next++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

/**
 * The status a request gets, or why it got none within `ms`. Clients such as
 * Node's fetch reuse connections, so this shows whether the previous answer
 * left the connection usable.
 */
export async function statusWithin(send: () => Promise<ApiAnswer>, ms = 3_000): Promise<number | string> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`no answer within ${ms} ms`), ms));
  const answer = send().then(
    (result) => result.status,
    (error: unknown) => `request failed: ${reasonOf(error)}`,
  );
  return Promise.race([answer, timeout]);
}

const problem = z.object({ path: z.string(), message: z.string() });
export type Problem = z.infer<typeof problem>;
export const errorAnswer = z.object({ error: z.string().min(1), problems: z.array(problem).optional() });

export const createdAnswer = z.object({
  id: z.number().int().positive(),
  urls: z.strictObject({ de: z.string().optional(), en: z.string().optional() }),
  previewUrl: z.string().optional(),
});
export type CreatedArticle = z.infer<typeof createdAnswer>;

const translationOutput = z.object({ title: z.string(), slug: z.string(), lead: z.string(), body: z.string() });
export const articleAnswer = z.object({
  id: z.number().int(),
  type: z.string(),
  status: z.enum(['published', 'draft']),
  publishedAt: z.string(),
  updatedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  tags: z.array(z.string()),
  image: z
    .object({
      mediaId: z.string(),
      alt: z.record(z.string(), z.string()),
      caption: z.record(z.string(), z.string()),
      credit: z.string().optional(),
    })
    .optional(),
  translations: z.object({ de: translationOutput.optional(), en: translationOutput.optional() }),
  urls: z.object({ de: z.string().optional(), en: z.string().optional() }),
  previewUrl: z.string().optional(),
});

export const revisionsAnswer = z.object({
  revisions: z.array(z.object({ action: z.string(), author: z.string(), createdAt: z.string(), snapshot: articleAnswer.omit({ urls: true }) })),
});

/** The answer's body in the expected shape, or an error quoting status and body. */
export function bodyOf<T>(answer: ApiAnswer, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) {
    throw new Error(`unexpected answer ${answer.status}: ${JSON.stringify(answer.body)}\n${parsed.error.message}`);
  }
  return parsed.data;
}

export function problemsOf(answer: ApiAnswer): Problem[] {
  return bodyOf(answer, errorAnswer).problems ?? [];
}

export function problemPaths(answer: ApiAnswer): string[] {
  return problemsOf(answer).map((p) => p.path);
}

/** An ISO 8601 time `ms` milliseconds from now (negative: in the past). */
export function isoFromNow(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A valid article in both languages with slugs no other test uses. */
export function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  const id = uniqueSuffix();
  return {
    type: 'article',
    status: 'published',
    tags: [],
    translations: {
      de: {
        title: `Neue Gespräche über Wasserrechte ${id}`,
        slug: `wasserrechte-${id}`,
        lead: 'Die Anrainerstaaten setzen ihre Verhandlungen fort.',
        body: 'Der erste Absatz.\n\n## Was geplant ist\n\n- Messstationen\n- ein gemeinsamer Rat',
      },
      en: {
        title: `New talks on water rights ${id}`,
        slug: `water-rights-${id}`,
        lead: 'The riparian states continue their negotiations.',
        body: 'The first paragraph.\n\n## What is planned\n\n- Gauging stations\n- a joint council',
      },
    },
    ...overrides,
  };
}

type Translation = NonNullable<ArticleInput['translations']['de']>;

/** The article with one language's text changed. */
export function withText(input: ArticleInput, locale: Locale, change: Partial<Translation>): ArticleInput {
  const current = input.translations[locale];
  if (!current) throw new Error(`the article has no ${locale} text`);
  return { ...input, translations: { ...input.translations, [locale]: { ...current, ...change } } };
}

/** A tag input whose names and slugs no other test uses. */
export function tagInput(label: string): TagInput {
  const id = uniqueSuffix();
  return { de: { name: `Thema ${label} ${id}`, slug: `thema-${label}-${id}` }, en: { name: `Topic ${label} ${id}`, slug: `topic-${label}-${id}` } };
}

/** Rows of every content table, to show that a refused request wrote nothing. */
export async function contentCounts(prisma: PrismaClient) {
  const [article, articleTranslation, articleRevision, articleTag, slugRedirect, tag, tagTranslation, media] = await Promise.all([
    prisma.article.count(),
    prisma.articleTranslation.count(),
    prisma.articleRevision.count(),
    prisma.articleTag.count(),
    prisma.slugRedirect.count(),
    prisma.tag.count(),
    prisma.tagTranslation.count(),
    prisma.media.count(),
  ]);
  return { article, articleTranslation, articleRevision, articleTag, slugRedirect, tag, tagTranslation, media };
}

/**
 * An editor with a token of its own. Its `api` carries the token and
 * remembers the articles it creates; `close` withdraws them and revokes the token.
 */
export type EditorSession = {
  name: string;
  token: string;
  api: (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;
  createArticle: (input: ArticleInput) => Promise<CreatedArticle>;
  createTag: (label: string) => Promise<{ key: string; input: TagInput }>;
  close: () => Promise<void>;
};

export async function openEditorSession(prisma: PrismaClient, label: string): Promise<EditorSession> {
  const name = `${label}-${uniqueSuffix()}`;
  const token = await createEditorToken(prisma, name);
  const created = new Set<number>();
  const editorApi = async (method: string, path: string, body?: unknown) => {
    const answer = await api(method, path, body, token);
    if (method === 'POST' && path === '/api/articles' && answer.status === 201) created.add(bodyOf(answer, createdAnswer).id);
    return answer;
  };
  return {
    name,
    token,
    api: editorApi,
    async createArticle(input) {
      const answer = await editorApi('POST', '/api/articles', input);
      if (answer.status !== 201) throw new Error(`creating an article failed with ${answer.status}: ${JSON.stringify(answer.body)}`);
      return bodyOf(answer, createdAnswer);
    },
    async createTag(label) {
      const key = `${label}-${uniqueSuffix()}`;
      const input = tagInput(label);
      const answer = await editorApi('PUT', `/api/tags/${key}`, input);
      if (answer.status !== 200) throw new Error(`creating tag ${key} failed with ${answer.status}: ${JSON.stringify(answer.body)}`);
      return { key, input };
    },
    async close() {
      for (const id of created) {
        const answer = await api('DELETE', `/api/articles/${id}`, undefined, token);
        // 404: the test itself withdrew it.
        if (answer.status !== 200 && answer.status !== 404) throw new Error(`withdrawing article ${id} failed with ${answer.status}`);
      }
      await revokeEditorToken(prisma, name);
    },
  };
}

/**
 * An editor session on a database client of its own, for a test file that
 * needs the database only for the session: `close` also disconnects it.
 */
export async function openOwnEditorSession(label: string): Promise<EditorSession> {
  const prisma = openDatabase();
  let session: EditorSession;
  try {
    session = await openEditorSession(prisma, label);
  } catch (error) {
    await prisma.$disconnect();
    throw error;
  }
  return {
    ...session,
    async close() {
      try {
        await session.close();
      } finally {
        await prisma.$disconnect();
      }
    },
  };
}

/** A new article that `editor` has withdrawn again, once its page answers 410; for the tests that need a 410 page. */
export async function withdrawnArticle(editor: EditorSession): Promise<CreatedArticle> {
  const gone = await editor.createArticle(articleInput());
  const withdrawn = await editor.api('DELETE', `/api/articles/${gone.id}`);
  if (withdrawn.status !== 200) throw new Error(`withdrawing failed with ${withdrawn.status}`);
  await waitFor(async () => expect((await readPage(urlOf(gone, 'de'))).status).toBe(410));
  return gone;
}

export type ReaderAnswer = { status: number; headers: Headers; html: string; location: string | null };

/** A page as a reader's request gets it; redirects are not followed unless asked for. */
export async function readPage(path: string, redirect: RequestRedirect = 'manual'): Promise<ReaderAnswer> {
  const response = await fetch(new URL(path, baseUrl), { redirect });
  const location = response.headers.get('location');
  const target = location === null ? null : new URL(location, baseUrl);
  return {
    status: response.status,
    headers: response.headers,
    html: await response.text(),
    location: target === null ? null : `${target.pathname}${target.search}`,
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the page's first `<h1>`, or null. */
export function headingOf(html: string): string | null {
  const match = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return match?.[1] === undefined ? null : textOf(match[1]);
}

/** Whether the page links to `path` (a listing shows each article as a link to it). */
export function linksTo(html: string, path: string): boolean {
  return html.includes(`href="${path}"`);
}

/**
 * Retries `check` every `intervalMs` until it passes; after `timeoutMs` its
 * last failure is the test's failure. The promise a reader relies on is
 * "at once", so the default is two seconds.
 */
export async function waitFor(check: () => Promise<void>, timeoutMs = 2_000, intervalMs = 100): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started + intervalMs > timeoutMs) {
        if (error instanceof Error) error.message = `still failing after ${Date.now() - started} ms: ${error.message}`;
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The article's public page in a language, as the API answered it. */
export function urlOf(article: { urls: Partial<Record<Locale, string>> }, locale: Locale): string {
  const url = article.urls[locale];
  if (url === undefined) throw new Error(`the article has no ${locale} URL`);
  return url;
}
