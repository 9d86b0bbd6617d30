import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, sharedBrowser } from './browser';
import { runPool, sendRequest, targetOf, type Answer } from '../../scripts/lib/load-tools';
import { securityHeaderProblems, type HeaderSource } from './hardening-helpers';
import { articleInput, openOwnEditorSession, urlOf, withdrawnArticle, type EditorSession } from './publishing-helpers';
import { articlePath, baseUrl, demoArticle, demoTag, tagPath, translationOf } from './helpers';

/*
 * Every kind of response the portal sends carries the same strict security
 * headers (lib/security-headers.ts, server/portal-server.ts), and the pages
 * a reader opens run in Chromium without a single Content-Security-Policy
 * violation. The 503 outage page is checked in hardening-outage.test.ts.
 */

const ARTICLE = demoArticle('01');
const ARTICLE_PATH = articlePath('de', translationOf(ARTICLE, 'de').slug);
const TAG_PATH = tagPath('de', demoTag('irak').de.slug);
const MEDIA_ID = ARTICLE.input.image?.mediaId ?? 'demo-coalition-conference';

type Kind = {
  name: string;
  /** Path (or absolute URL) and request options, known once beforeAll has run. */
  request: () => { path: string; init?: RequestInit };
  status: number;
  /** Editors' and previews' answers must never be stored by any cache. */
  noStore?: boolean;
  /** For answers fetch() cannot provoke: sends the request itself. */
  send?: (extraHeaders: Record<string, string>) => Promise<{ status: number; headers: HeaderSource }>;
};

// Its own loopback address, so that using up its API allowance touches no other test's.
const RATE_LIMITED_ADDRESS = '127.0.0.77';

/** Asks the API from one address until the rate limit answers 429 (the limit is a few hundred a minute). */
async function rateLimitedAnswer(extraHeaders: Record<string, string>): Promise<Answer> {
  const target = targetOf(baseUrl);
  let limited: Answer | null = null;
  const attempts = Array.from({ length: 1_000 }, (_, index) => index);
  await runPool(attempts, 10, async () => {
    if (limited) return;
    const answer = await sendRequest(target, { method: 'GET', path: '/api/articles/1', headers: extraHeaders, localAddress: RATE_LIMITED_ADDRESS });
    if (answer.status === 429) limited ??= answer;
  });
  if (!limited) throw new Error('1,000 API requests from one address were never limited');
  return limited;
}

let editor: EditorSession;
const browser = sharedBrowser();
let gonePath = '';
let previewPath = '';
let editedArticleId = 0;
let staticAsset = '';

const kinds: Kind[] = [
  { name: 'home page', request: () => ({ path: '/de' }), status: 200 },
  { name: 'English home page', request: () => ({ path: '/en' }), status: 200 },
  { name: 'language redirect on /', request: () => ({ path: '/' }), status: 307 },
  { name: 'article', request: () => ({ path: ARTICLE_PATH }), status: 200 },
  { name: 'tag page', request: () => ({ path: TAG_PATH }), status: 200 },
  { name: 'search results', request: () => ({ path: '/de/suche?q=Irak' }), status: 200 },
  { name: 'feedback page', request: () => ({ path: '/de/barriere-melden' }), status: 200 },
  { name: '404 page', request: () => ({ path: '/de/gibt-es-nicht' }), status: 404 },
  { name: '404 for an unknown article', request: () => ({ path: '/en/article/no-such-article-anywhere' }), status: 404 },
  { name: '410 page of a withdrawn article', request: () => ({ path: gonePath }), status: 410 },
  { name: 'RSS feed', request: () => ({ path: '/de/feed.xml' }), status: 200 },
  { name: 'sitemap', request: () => ({ path: '/sitemap.xml' }), status: 200 },
  { name: 'robots.txt', request: () => ({ path: '/robots.txt' }), status: 200 },
  { name: 'media image', request: () => ({ path: `/media/${MEDIA_ID}/640.webp` }), status: 200 },
  { name: 'media 404', request: () => ({ path: '/media/no-such-image/640.webp' }), status: 404 },
  { name: 'static script', request: () => ({ path: staticAsset }), status: 200 },
  { name: 'API 401 JSON', request: () => ({ path: '/api/articles/1' }), status: 401, noStore: true },
  {
    name: 'API 200 JSON',
    request: () => ({ path: `/api/articles/${editedArticleId}`, init: { headers: { authorization: `Bearer ${editor.token}` } } }),
    status: 200,
    noStore: true,
  },
  {
    name: 'API 400 JSON',
    request: () => ({
      path: '/api/articles',
      init: { method: 'POST', body: '{"broken":', headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json' } },
    }),
    status: 400,
    noStore: true,
  },
  { name: 'revalidation API 401', request: () => ({ path: '/api/revalidate', init: { method: 'POST', body: '{}' } }), status: 401, noStore: true },
  { name: 'API 429 from the rate limit', request: () => ({ path: '/api/articles/1' }), status: 429, noStore: true, send: rateLimitedAnswer },
  { name: '400 for malformed percent-encoding', request: () => ({ path: '/de/%zz' }), status: 400 },
  { name: '405 for a method pages do not take', request: () => ({ path: '/de', init: { method: 'PUT' } }), status: 405 },
  { name: 'draft preview', request: () => ({ path: previewPath }), status: 200, noStore: true },
];

beforeAll(async () => {
  editor = await openOwnEditorSession('headers');

  gonePath = urlOf(await withdrawnArticle(editor), 'de');

  const draft = await editor.createArticle(articleInput({ status: 'draft' }));
  editedArticleId = draft.id;
  if (!draft.previewUrl) throw new Error('a draft must come with a preview URL');
  previewPath = draft.previewUrl;

  const home = await (await fetch(new URL('/de', baseUrl))).text();
  staticAsset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(home)?.[1] ?? '';
  if (!staticAsset) throw new Error('the home page loads no script from /_next/static');
});

afterAll(() => editor?.close());

async function answer(kind: Kind, extraHeaders: Record<string, string> = {}): Promise<{ status: number; headers: HeaderSource }> {
  if (kind.send) return kind.send(extraHeaders);
  const { path, init = {} } = kind.request();
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', ...init, headers });
  await response.arrayBuffer();
  return response;
}

function cacheControlOf(headers: HeaderSource): string | null {
  if (headers instanceof Headers) return headers.get('cache-control');
  const value = headers['cache-control'];
  return value === undefined ? null : String(value);
}

describe('security headers', () => {
  for (const kind of kinds) {
    it(`${kind.name}: all of them over http, and no HSTS`, async () => {
      const response = await answer(kind);
      expect(response.status).toBe(kind.status);
      expect(securityHeaderProblems(response.headers, { https: false })).toEqual([]);
      if (kind.noStore) expect(cacheControlOf(response.headers)).toBe('private, no-store');
    });

    it(`${kind.name}: with HSTS when the front proxy says https`, async () => {
      const response = await answer(kind, { 'x-forwarded-proto': 'https' });
      expect(response.status).toBe(kind.status);
      expect(securityHeaderProblems(response.headers, { https: true })).toEqual([]);
    });
  }

  it('keeps a well-formed request id from the front proxy and replaces a malformed one', async () => {
    const kept = await fetch(new URL('/de', baseUrl), { headers: { 'x-request-id': 'proxy-id-0123456789' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-id-0123456789');
    const replaced = await fetch(new URL('/de', baseUrl), { headers: { 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    await Promise.all([kept.arrayBuffer(), replaced.arrayBuffer()]);
  });

  it('never sends HSTS for other X-Forwarded-Proto values', async () => {
    for (const proto of ['http', 'HTTPS ', 'https, http', 'wss', '']) {
      const response = await fetch(new URL('/de', baseUrl), { headers: { 'x-forwarded-proto': proto } });
      await response.arrayBuffer();
      expect(response.headers.get('strict-transport-security'), `X-Forwarded-Proto: ${JSON.stringify(proto)}`).toBeNull();
    }
  });
});

type Violation = { directive: string; blocked: string; source: string };

declare global {
  interface Window {
    __cspViolations?: Violation[];
    __next_f?: unknown[];
  }
}

describe('Content Security Policy in Chromium', () => {
  const pages = [
    { name: 'home', path: '/de', status: 200 },
    { name: 'English home', path: '/en', status: 200 },
    { name: 'article', path: ARTICLE_PATH, status: 200 },
    { name: 'tag page', path: TAG_PATH, status: 200 },
    { name: 'search with results', path: '/de/suche?q=Irak', status: 200 },
    { name: 'feedback page', path: '/de/barriere-melden', status: 200 },
    { name: '404 page', path: '/de/gibt-es-nicht', status: 404 },
  ];

  for (const { name, path, status } of pages) {
    it(`${name}: runs with JavaScript and reports no violation`, async () => {
      const page = await openPage(browser);
      const cspMessages: string[] = [];
      const errors: string[] = [];
      page.on('console', (message) => {
        if (/content[ -]security[ -]policy/i.test(message.text())) cspMessages.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener(
          'securitypolicyviolation',
          (event) => window.__cspViolations?.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile }),
          true,
        );
      });
      try {
        const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
        expect(response?.status()).toBe(status);
        if (name === 'search with results') await expect(page.locator('section[aria-labelledby="search-results"] li a').count()).resolves.toBeGreaterThan(0);
        // The inline scripts that start the page ran: CSP did not block them silently.
        await page.waitForFunction(() => Array.isArray(window.__next_f), undefined, { timeout: 5_000 });
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => window.__cspViolations ?? null)).toEqual([]);
        expect(cspMessages).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
