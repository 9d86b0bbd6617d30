import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorToken, revokeEditorToken } from '@/lib/auth/editor-tokens';
import type { ArticleInput } from '@/lib/content/article-input';
import type { PrismaClient } from '@/lib/prisma-client';
import {
  api,
  articleAnswer,
  articleInput,
  baseUrl,
  bodyOf,
  contentCounts,
  createdAnswer,
  DAY_MS,
  errorAnswer,
  isoFromNow,
  openDatabase,
  openEditorSession,
  problemPaths,
  problemsOf,
  RawBody,
  revisionsAnswer,
  statusWithin,
  streamed,
  uniqueSuffix,
  withText,
  type ApiAnswer,
  type EditorSession,
} from './publishing-helpers';

let prisma: PrismaClient;
let editor: EditorSession;
let revokedToken: string;
/** A published article that the refused requests below try to change. */
let existing: { id: number; input: ArticleInput };

beforeAll(async () => {
  prisma = openDatabase();
  editor = await openEditorSession(prisma, 'api');
  const revokedName = `revoked-${uniqueSuffix()}`;
  revokedToken = await createEditorToken(prisma, revokedName);
  await revokeEditorToken(prisma, revokedName);
  const input = articleInput({ publishedAt: isoFromNow(-DAY_MS) });
  existing = { id: (await editor.createArticle(input)).id, input };
});

afterAll(async () => {
  await editor.close();
  await prisma.$disconnect();
});

async function readExisting() {
  return bodyOf(await editor.api('GET', `/api/articles/${existing.id}`), articleAnswer);
}

/** Sends a request and shows that no content table and not the existing article changed. */
async function expectNothingWritten(send: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  const countsBefore = await contentCounts(prisma);
  const articleBefore = await readExisting();
  const answer = await send();
  expect(await contentCounts(prisma)).toEqual(countsBefore);
  expect(await readExisting()).toEqual(articleBefore);
  return answer;
}

function expectNoStore(answer: ApiAnswer) {
  expect(answer.headers.get('cache-control')).toMatch(/private/);
  expect(answer.headers.get('cache-control')).toMatch(/no-store/);
}

describe('access to the content API', () => {
  const requests: { name: string; send: (token?: string) => Promise<ApiAnswer> }[] = [
    { name: 'POST /api/articles', send: (token) => api('POST', '/api/articles', articleInput(), token) },
    { name: 'GET /api/articles/<id>', send: (token) => api('GET', `/api/articles/${existing.id}`, undefined, token) },
    {
      name: 'PUT /api/articles/<id>',
      send: (token) => api('PUT', `/api/articles/${existing.id}`, withText(existing.input, 'de', { title: 'Gekapert' }), token),
    },
    { name: 'DELETE /api/articles/<id>', send: (token) => api('DELETE', `/api/articles/${existing.id}`, undefined, token) },
    {
      name: 'GET /api/articles/<id>/revisions',
      send: (token) => api('GET', `/api/articles/${existing.id}/revisions`, undefined, token),
    },
    {
      name: 'PUT /api/tags/<key>',
      send: (token) =>
        api('PUT', `/api/tags/intruder-${uniqueSuffix()}`, { de: { name: 'X', slug: `x-${uniqueSuffix()}` }, en: { name: 'X', slug: `x-${uniqueSuffix()}` } }, token),
    },
    { name: 'POST /api/media', send: (token) => api('POST', '/api/media', new RawBody(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), token) },
  ];
  const credentials: { name: string; token: () => string | undefined }[] = [
    { name: 'no token', token: () => undefined },
    { name: 'a wrong token', token: () => `np_${'A'.repeat(43)}` },
    { name: 'a revoked token', token: () => revokedToken },
  ];

  for (const request of requests) {
    for (const credential of credentials) {
      it(`answers ${request.name} with ${credential.name} with 401 and changes nothing`, async () => {
        const answer = await expectNothingWritten(() => request.send(credential.token()));
        expect(answer.status).toBe(401);
        expect(bodyOf(answer, errorAnswer).error).not.toBe('');
        expectNoStore(answer);
      });
    }
  }

  it('refuses a valid token sent without the Bearer scheme', async () => {
    const response = await fetch(new URL(`/api/articles/${existing.id}`, baseUrl), { headers: { authorization: editor.token } });
    expect(response.status).toBe(401);
  });

  it('refuses a token once it is revoked and accepts the new one made under the same name', async () => {
    const name = `again-${uniqueSuffix()}`;
    const old = await createEditorToken(prisma, name);
    expect((await api('GET', `/api/articles/${existing.id}`, undefined, old)).status).toBe(200);
    await revokeEditorToken(prisma, name);
    const fresh = await createEditorToken(prisma, name);
    expect((await api('GET', `/api/articles/${existing.id}`, undefined, old)).status).toBe(401);
    expect((await api('GET', `/api/articles/${existing.id}`, undefined, fresh)).status).toBe(200);
    await revokeEditorToken(prisma, name);
  });
});

describe('refused article input', () => {
  it('names every invalid field at once and writes nothing', async () => {
    const base = articleInput();
    const input = {
      ...base,
      type: 'opinion',
      image: { mediaId: 'm-whatever', alt: { de: 'Ein Bild' } },
      translations: { ...base.translations, en: { ...base.translations.en, slug: 'Not A Slug' } },
    };
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(expect.arrayContaining(['type', 'translations.en.slug', 'image.alt.en']));
    for (const problem of problemsOf(answer)) expect(problem.message).not.toBe('');
    expectNoStore(answer);
  });

  it('names missing and unknown fields', async () => {
    const { translations } = articleInput();
    const input = { status: 'published', translations: { de: { ...translations.de, title: '', colour: 'red' } } };
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(expect.arrayContaining(['type', 'translations.de.title', 'translations.de']));
  });

  it('requires at least one language', async () => {
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', { ...articleInput(), translations: {} }));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toContain('translations');
  });

  it('refuses a publication time without an offset', async () => {
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', articleInput({ publishedAt: '2026-11-26T10:00:00' })));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(['publishedAt']);
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await expectNothingWritten(() =>
      editor.api('POST', '/api/articles', new RawBody('{"type": "article", "status": ', 'application/json')),
    );
    expect(answer.status).toBe(400);
    expect(bodyOf(answer, errorAnswer).error).toMatch(/JSON/);
  });

  it('answers JSON nested deeper than 16 levels with 400', async () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 40; level++) deep = { deeper: deep };
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', { ...articleInput(), extra: deep }));
    expect(answer.status).toBe(400);
    expect(bodyOf(answer, errorAnswer).error).toMatch(/nested/);
  });

  it('answers a body over 1 MB with 413', async () => {
    const input = withText(articleInput(), 'de', { body: 'Langer Absatz. '.repeat(80_000) });
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(413);
    bodyOf(answer, errorAnswer);
  });

  it('answers a streamed body over 1 MB, sent without Content-Length, with 413 and stays usable', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const chunk = encode(`"${'x'.repeat(100_000)}",`);
    const body = streamed([encode('['), ...Array.from({ length: 12 }, () => chunk), encode('""]')]);
    const before = await contentCounts(prisma);

    const answer = await editor.api('POST', '/api/articles', new RawBody(body, 'application/json'));
    expect(answer.status).toBe(413);
    expect(await contentCounts(prisma)).toEqual(before);
    // The editor's client sends its next request over the same keep-alive connection.
    expect(await statusWithin(() => editor.api('GET', `/api/articles/${existing.id}`))).toBe(200);
  });

  it('answers a German slug another article uses with 409 naming the field', async () => {
    const input = withText(articleInput(), 'de', { slug: existing.input.translations.de?.slug ?? '' });
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(409);
    expect(problemsOf(answer)).toEqual([{ path: 'translations.de.slug', message: 'already used by another article' }]);
  });

  it('answers an English slug another article uses with 409 naming the field', async () => {
    const input = withText(articleInput(), 'en', { slug: existing.input.translations.en?.slug ?? '' });
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(409);
    expect(problemsOf(answer)).toEqual([{ path: 'translations.en.slug', message: 'already used by another article' }]);
  });

  it('accepts a slug that another article uses only in the other language', async () => {
    const input = withText(articleInput(), 'de', { slug: existing.input.translations.en?.slug ?? '' });
    const answer = await editor.api('POST', '/api/articles', input);
    expect(answer.status).toBe(201);
  });

  it('answers an unknown tag with 400 naming its position', async () => {
    const tag = await editor.createTag('known');
    const input = articleInput({ tags: [tag.key, `unknown-${uniqueSuffix()}`] });
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(['tags.1']);
  });

  it('answers an unknown image with 400 naming image.mediaId', async () => {
    const input = articleInput({ image: { mediaId: `m-${uniqueSuffix()}`, alt: { de: 'Bild', en: 'Picture' } } });
    const answer = await expectNothingWritten(() => editor.api('POST', '/api/articles', input));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(['image.mediaId']);
  });

  it('leaves an article untouched when a replacement is refused', async () => {
    const other = articleInput();
    await editor.createArticle(other);
    const refused: { body: ArticleInput; status: number }[] = [
      { body: withText(existing.input, 'de', { title: 'Geändert', slug: other.translations.de?.slug ?? '' }), status: 409 },
      { body: { ...withText(existing.input, 'de', { title: 'Geändert' }), tags: [`unknown-${uniqueSuffix()}`] }, status: 400 },
    ];
    for (const { body, status } of refused) {
      const answer = await expectNothingWritten(() => editor.api('PUT', `/api/articles/${existing.id}`, body));
      expect(answer.status).toBe(status);
    }
  });

  it('answers an unknown article with 404', async () => {
    for (const id of ['2147483647', '0', 'abc']) {
      for (const [method, body] of [['GET', undefined], ['PUT', articleInput()], ['DELETE', undefined]] as const) {
        const answer = await expectNothingWritten(() => editor.api(method, `/api/articles/${id}`, body));
        expect(answer.status, `${method} ${id}`).toBe(404);
        bodyOf(answer, errorAnswer);
      }
      expect((await editor.api('GET', `/api/articles/${id}/revisions`)).status).toBe(404);
    }
  });
});

describe('methods a resource does not take', () => {
  it('answers them with 405 naming the methods it does take, with or without a token', async () => {
    const article = await editor.createArticle(articleInput());
    for (const [method, path, allow] of [
      ['PATCH', '/api/articles', 'GET, HEAD, OPTIONS, POST'],
      ['PATCH', `/api/articles/${article.id}`, 'DELETE, GET, HEAD, OPTIONS, PUT'],
      ['POST', `/api/articles/${article.id}/revisions`, 'GET, HEAD, OPTIONS'],
      ['DELETE', '/api/tags/anything', 'OPTIONS, PUT'],
      ['GET', '/api/revalidate', 'OPTIONS, POST'],
    ] as const) {
      for (const answer of [await api(method, path), await editor.api(method, path)]) {
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.get('allow'), `${method} ${path}`).toBe(allow);
      }
    }
  });
});

describe('reading an article back', () => {
  it('answers a create with 201, the id and the URL of each language it has', async () => {
    const input = articleInput();
    const german = articleInput().translations.de;
    const answer = await editor.api('POST', '/api/articles', { ...input, translations: { de: german } });
    expect(answer.status).toBe(201);
    expectNoStore(answer);
    const created = bodyOf(answer, createdAnswer);
    expect(created).toEqual({ id: expect.any(Number), urls: { de: `/de/artikel/${german?.slug}` } });
    expect(answer.headers.get('location')).toBe(`/api/articles/${created.id}`);
  });

  it('gives back the article in the shape it was submitted in, bodies as the Markdown sent', async () => {
    const tag = await editor.createTag('shape');
    const publishedAt = '2026-11-20T09:30:00+01:00';
    const input = withText(articleInput({ type: 'speech', publishedAt, tags: [tag.key] }), 'de', {
      body: 'Sehr geehrte Damen und Herren,\n\n> Wir bleiben an der Seite der Menschen.\n>\n> — Die Außenministerin\n\n1. Erstens\n2. Zweitens\n\n*Es gilt das gesprochene Wort.*',
    });
    const created = await editor.createArticle(input);

    const answer = await editor.api('GET', `/api/articles/${created.id}`);
    expect(answer.status).toBe(200);
    expectNoStore(answer);
    const article = bodyOf(answer, articleAnswer);
    expect(article).toMatchObject({
      id: created.id,
      type: 'speech',
      status: 'published',
      withdrawnAt: null,
      tags: [tag.key],
      translations: input.translations,
      urls: created.urls,
    });
    expect(Date.parse(article.publishedAt)).toBe(Date.parse(publishedAt));
    expect(article.image).toBeUndefined();
    expect(article.previewUrl).toBeUndefined();
  });

  it('lists every saved state with its author, oldest first', async () => {
    const input = articleInput({ publishedAt: isoFromNow(-DAY_MS) });
    const created = await editor.createArticle(input);
    const colleague = await openEditorSession(prisma, 'colleague');
    try {
      const changed = withText(input, 'en', { title: `${input.translations.en?.title ?? ''} (corrected)` });
      expect((await colleague.api('PUT', `/api/articles/${created.id}`, changed)).status).toBe(200);

      const answer = await editor.api('GET', `/api/articles/${created.id}/revisions`);
      expect(answer.status).toBe(200);
      expectNoStore(answer);
      const { revisions } = bodyOf(answer, revisionsAnswer);
      expect(revisions.map(({ action, author }) => ({ action, author }))).toEqual([
        { action: 'created', author: editor.name },
        { action: 'updated', author: colleague.name },
      ]);
      expect(revisions.map((revision) => revision.snapshot.translations.en?.title)).toEqual([
        input.translations.en?.title,
        changed.translations.en?.title,
      ]);
    } finally {
      await colleague.close();
    }
  });
});
