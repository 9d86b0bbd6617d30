import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERED_FROM_HEADER } from '@/server/page-answers';
import {
  articleInput,
  baseUrl,
  headingOf,
  openOwnEditorSession,
  readPage,
  urlOf,
  waitFor,
  withText,
  type EditorSession,
} from './publishing-helpers';
import { askUntil } from './served-from-cache';

/*
 * The portal server answers again by itself what Next.js has just answered
 * from its ISR cache (server/page-answers.ts), and forgets all of it when
 * content changes. Other test files write while these run, and each write
 * makes the server forget, so a test asks until an answer comes from what
 * the server kept (askUntil, served-from-cache.ts).
 */

let editor: EditorSession;

beforeAll(async () => {
  editor = await openOwnEditorSession('kept-answers');
});

afterAll(() => editor.close());

type PlainAnswer = { status: number; answeredFrom: string | undefined; contentEncoding: string | undefined; body: string };

/** A GET without Accept-Encoding (fetch always sends one). */
function askWithoutAcceptEncoding(path: string): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answeredFrom = response.headers[ANSWERED_FROM_HEADER.toLowerCase()];
          resolve({
            status: response.statusCode ?? 0,
            answeredFrom: typeof answeredFrom === 'string' ? answeredFrom : undefined,
            contentEncoding: response.headers['content-encoding'],
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      })
      .on('error', reject);
  });
}

const untilKept = (path: string) => askUntil(() => readPage(path), (page) => page.headers.get(ANSWERED_FROM_HEADER) === 'kept');

describe('pages the portal server keeps', () => {
  it('are the pages Next.js answered from its cache, headers and all', async () => {
    const created = await editor.createArticle(articleInput());
    const path = urlOf(created, 'de');
    const kept = await untilKept(path);
    expect(kept.headers.get(ANSWERED_FROM_HEADER)).toBe('kept');
    // The first uncompressed request of a new page is not kept yet: this one comes from Next.js.
    const fromNext = await fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'identity' } });
    expect(fromNext.headers.get(ANSWERED_FROM_HEADER)).toBeNull();
    expect(kept.html).toBe(await fromNext.text());
    for (const header of ['content-type', 'cache-control', 'x-nextjs-cache', 'content-security-policy', 'x-content-type-options']) {
      expect(kept.headers.get(header), header).toBe(fromNext.headers.get(header));
    }
    const etag = kept.headers.get('etag') ?? '';
    const revalidated = await fetch(`${baseUrl}${path}`, { headers: { 'if-none-match': etag } });
    expect([revalidated.status, revalidated.headers.get(ANSWERED_FROM_HEADER)]).toEqual([304, 'kept']);
  });

  it('are kept for clients that send no Accept-Encoding too, as curl and simple crawlers do', async () => {
    const created = await editor.createArticle(articleInput());
    const path = urlOf(created, 'en');
    // Rendered the first time, from the ISR cache the second, kept from then on.
    const answers: PlainAnswer[] = [];
    for (let attempt = 0; attempt < 3 && answers.at(-1)?.answeredFrom !== 'kept'; attempt++) answers.push(await askWithoutAcceptEncoding(path));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(answers.at(-1)?.answeredFrom).toBe('kept');
    expect(answers.at(-1)?.contentEncoding).toBeUndefined();
    expect(answers.at(-1)?.body).toBe(answers[0]?.body);
  });

  it('give way to a correction at once', async () => {
    const input = articleInput();
    const created = await editor.createArticle(input);
    const paths = { de: urlOf(created, 'de'), en: urlOf(created, 'en') };
    for (const path of Object.values(paths)) expect((await untilKept(path)).headers.get(ANSWERED_FROM_HEADER)).toBe('kept');

    const title = `${input.translations.en?.title ?? ''} (corrected)`;
    const answer = await editor.api('PUT', `/api/articles/${created.id}`, withText(input, 'en', { title }));
    expect(answer.status).toBe(200);
    await waitFor(async () => {
      const page = await readPage(paths.en);
      expect(headingOf(page.html)).toBe(title);
    });
    expect(headingOf((await readPage(paths.de)).html)).toBe(input.translations.de?.title);
  });
});
