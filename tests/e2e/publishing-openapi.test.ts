import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openApiViolations } from '../helpers/openapi-check';
import {
  api,
  articleInput,
  bodyOf,
  createdAnswer,
  openOwnEditorSession,
  RawBody,
  withText,
  type ApiAnswer,
  type EditorSession,
} from './publishing-helpers';

/*
 * Every endpoint's real answers (status, headers, body), success and
 * refusal, fit the OpenAPI description served at /api/openapi.json; and an
 * /api/ path nobody serves answers JSON 404 for every method.
 */

let editor: EditorSession;

beforeAll(async () => {
  editor = await openOwnEditorSession('openapi');
});

afterAll(() => editor.close());

function expectDescribed(method: string, template: string, answer: ApiAnswer, status: number) {
  expect(answer.status, `${method} ${template}: ${JSON.stringify(answer.body)}`).toBe(status);
  expect(openApiViolations(method, template, answer), `${method} ${template} ${status}`).toEqual([]);
}

describe('the API as its OpenAPI description says', () => {
  it('serves the description itself as JSON', async () => {
    const answer = await api('GET', '/api/openapi.json');
    expectDescribed('GET', '/api/openapi.json', answer, 200);
    expect(answer.body).toMatchObject({ openapi: '3.1.0', paths: { '/api/articles': {} } });
  });

  it('describes every article endpoint, its successes and its refusals', async () => {
    const tag = await editor.createTag('openapi');
    const input = articleInput({ tags: [tag.key] });

    const created = await editor.api('POST', '/api/articles', input);
    expectDescribed('POST', '/api/articles', created, 201);
    const { id } = bodyOf(created, createdAnswer);
    expectDescribed('POST', '/api/articles', await editor.api('POST', '/api/articles', { ...input, type: 'opinion' }), 400);
    expectDescribed('POST', '/api/articles', await editor.api('POST', '/api/articles', input), 409);
    expectDescribed('POST', '/api/articles', await api('POST', '/api/articles', input), 401);

    const list = await editor.api('GET', `/api/articles?tag=${tag.key}&status=published&pageSize=5`);
    expectDescribed('GET', '/api/articles', list, 200);
    expect(list.body).toMatchObject({ total: 1, rows: [{ id, status: 'published', tags: [tag.key] }] });
    expectDescribed('GET', '/api/articles', await editor.api('GET', '/api/articles?status=archived'), 400);
    expectDescribed('GET', '/api/articles', await api('GET', '/api/articles'), 401);

    const read = await editor.api('GET', `/api/articles/${id}`);
    expectDescribed('GET', '/api/articles/{id}', read, 200);
    expectDescribed('GET', '/api/articles/{id}', await editor.api('GET', '/api/articles/999999999'), 404);

    const etag = read.headers.get('etag') ?? '';
    const changed = withText(input, 'de', { title: `${input.translations.de?.title} (neu)` });
    const put = (headers: Record<string, string>, body: unknown = changed) =>
      fetch(new URL(`/api/articles/${id}`, inject('baseUrl')), {
        method: 'PUT',
        headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as unknown }));
    expectDescribed('PUT', '/api/articles/{id}', await put({ 'if-match': etag }), 200);
    expectDescribed('PUT', '/api/articles/{id}', await put({ 'if-match': etag }), 412);
    expectDescribed('PUT', '/api/articles/{id}', await put({}, { ...changed, status: 'archived' }), 400);

    const revisions = await editor.api('GET', `/api/articles/${id}/revisions`);
    expectDescribed('GET', '/api/articles/{id}/revisions', revisions, 200);

    expectDescribed('POST', '/api/articles/{id}/restore', await editor.api('POST', `/api/articles/${id}/restore`), 409);
    expectDescribed('DELETE', '/api/articles/{id}', await editor.api('DELETE', `/api/articles/${id}`, { reason: { de: 'Doppelt.', en: 'Duplicate.' } }), 200);
    expectDescribed('DELETE', '/api/articles/{id}', await editor.api('DELETE', `/api/articles/${id}`), 404);
    expectDescribed('POST', '/api/articles/{id}/restore', await editor.api('POST', `/api/articles/${id}/restore`), 200);
    expectDescribed('DELETE', '/api/articles/{id}', await editor.api('DELETE', `/api/articles/${id}`, { reason: '' }), 400);
  });

  it('describes the tag endpoints', async () => {
    const key = `openapi-tag-${Date.now()}`;
    const saved = await editor.api('PUT', `/api/tags/${key}`, { de: { name: 'Prüfung', slug: `pruefung-${key}` }, en: { name: 'Check', slug: `check-${key}` } });
    expectDescribed('PUT', '/api/tags/{key}', saved, 200);
    expectDescribed('PUT', '/api/tags/{key}', await editor.api('PUT', `/api/tags/${key}`, { de: { name: '' } }), 400);
    const tags = await editor.api('GET', '/api/tags');
    expectDescribed('GET', '/api/tags', tags, 200);
    expect((tags.body as { tags: { key: string }[] }).tags.map((t) => t.key)).toContain(key);
    expectDescribed('GET', '/api/tags', await api('GET', '/api/tags'), 401);
  });

  it('describes media uploads and revalidation', async () => {
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#336699' } }).png().toBuffer();
    expectDescribed('POST', '/api/media', await editor.api('POST', '/api/media', new RawBody(new Uint8Array(png), 'image/png')), 201);
    expectDescribed('POST', '/api/media', await editor.api('POST', '/api/media', new RawBody('', 'image/png')), 400);
    const secret = inject('revalidateSecret');
    const revalidated = await fetch(new URL('/api/revalidate', inject('baseUrl')), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tags: ['article-lists'] }),
    });
    expectDescribed('POST', '/api/revalidate', { status: revalidated.status, headers: revalidated.headers, body: await revalidated.json() }, 200);
    expectDescribed('POST', '/api/revalidate', await api('POST', '/api/revalidate', { tags: [] }, 'wrong'), 401);
  });

  it('answers JSON 404 at any /api/ path nobody serves, for every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/nothing', '/api/articles/1/comments', '/api/v2/articles']) {
        const answer = await editor.api(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(answer.status, `${method} ${path}`).toBe(404);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(answer.headers.get('cache-control')).toMatch(/no-store/);
        expect(answer.body).toEqual({ error: `no API endpoint at ${path}; see /api/openapi.json` });
      }
    }
  });
});
