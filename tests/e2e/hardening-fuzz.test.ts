import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import type { PrismaClient } from '@/lib/prisma-client';
import { MB, megabytes, percentile, residentBytes, runPool, seededRandom, sendRequest, targetOf, type Random, type Target } from '../../scripts/lib/load-tools';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { diskBytes, securityHeaderProblems, sendRawRequest } from './hardening-helpers';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { articlePath, demoArticle, demoTag, tagPath, translationOf } from './helpers';
import { contentCounts } from './publishing-helpers';
import { routeOfEntryFile } from './isr-cache-entries';

/*
 * Hostile traffic, on a portal of its own (its own PostgreSQL with the demo
 * content and its own copy of the build, so the ISR cache on disk is ours to
 * measure and the shared e2e server is not disturbed), over loopback only:
 *
 * 1. At least 10,000 seeded, reproducible requests in categories (random and
 *    hostile paths, unknown locales, malformed percent-encoding, traversal,
 *    overlong targets, odd Accept-Language and cookies, framework-internal
 *    headers, methods pages do not take, broken and oversized API bodies …),
 *    each with the answers that are right for it: never a 5xx, always the
 *    security headers, never a file or a redirect off the site.
 * 2. 10,000 unknown article URLs: the ISR cache on disk (the whole copy of
 *    the build) may grow by 1 MB at most, and the server's memory by a
 *    bounded amount instead of with every URL.
 * 3. No content or data changed.
 *
 * Script in content that editors send through the API (script elements,
 * event handlers, javascript: and data: links, SVG) is checked in Chromium by
 * publishing-markdown-safety.test.ts; here the API must refuse every hostile
 * body without storing anything, SVG uploads included.
 */

const SEED = 20_261_127;
const HOSTILE_REQUESTS = 10_000;
const CONCURRENCY = 16;
const HOSTILE_DEADLINE_MS = 6 * 60_000;
const UNKNOWN_ARTICLE_REQUESTS = 10_000;
// A bound for a server that hangs, not a speed target: each unknown article renders the 404 page, and on a busy
// two-core CI machine 10,000 of them took just over 7 minutes (23 per second).
const UNKNOWN_ARTICLES_DEADLINE_MS = 12 * 60_000;
const REQUEST_TIMEOUT_MS = 20_000;
const MAX_CACHE_GROWTH_BYTES = 1 * MB;
const EXAMPLES_PER_CATEGORY = 3;

const REVALIDATE_SECRET = 'fuzz-revalidate-secret';
const ROOT = path.resolve(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------
// The portal's own pages, as every test in this folder knows them

const ARTICLE = demoArticle('01');
const IRAQ = demoTag('irak');
const FORM_PATHS: Record<Locale, string> = { de: '/de/barriere-melden', en: '/en/report-a-barrier' };
const ARTICLE_SEGMENT: Record<Locale, string> = { de: 'artikel', en: 'article' };
const TAG_SEGMENT: Record<Locale, string> = { de: 'schlagwort', en: 'tag' };
const PAGE_SEGMENT: Record<Locale, string> = { de: 'seite', en: 'page' };
const PREVIEW_SEGMENT: Record<Locale, string> = { de: 'vorschau', en: 'preview' };
const SEARCH_SEGMENT: Record<Locale, string> = { de: 'suche', en: 'search' };

/** Pages readers open (200), warmed up before anything is measured. */
const READER_PAGES: readonly string[] = [
  '/de',
  '/en',
  articlePath('de', translationOf(ARTICLE, 'de').slug),
  articlePath('en', translationOf(ARTICLE, 'en').slug),
  tagPath('de', IRAQ.de.slug),
  tagPath('en', IRAQ.en.slug),
  '/de/impressum',
  '/en/imprint',
  FORM_PATHS.de,
  FORM_PATHS.en,
  '/de/suche?q=Irak',
  '/en/search?q=climate',
];
const OTHER_FILES: readonly string[] = ['/de/feed.xml', '/en/feed.xml', '/sitemap.xml', '/robots.txt'];
/** Pages whose main content must read the same after the fuzz. */
const COMPARED_PAGES = READER_PAGES.slice(0, 8);

const LOCALES: readonly Locale[] = ['de', 'en'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function localeOfPath(pagePath: string): Locale {
  return pagePath.startsWith('/en') ? 'en' : 'de';
}

// ---------------------------------------------------------------------------
// Requests and what counts as the right answer

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

type Probe = {
  category: string;
  method: string;
  /** Path and query; for raw requests the request line. */
  path: string;
  /** What else is odd about the request, for the report (header names, body kind). */
  note?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  chunked?: boolean;
  /** Bytes sent as they are (sendRawRequest), for what node:http refuses to send. */
  raw?: Buffer;
  expected: readonly number[];
  /**
   * The body is far over the limit: the server may answer and close the
   * connection before the client has sent it all (HTTP/1.1 allows that), and
   * the client may then fail writing before it reads the answer. Such a
   * closed connection is a refusal too; that nothing was stored is checked
   * at the end.
   */
  refusalMayCutBody?: boolean;
  /** A problem beyond the status (a leaked file, a redirect off the site …), or null. */
  check?: (reply: Reply) => string | null;
};

type ProbeSpec = Omit<Probe, 'category'>;
type Category = { name: string; weight: number; make: (random: Random) => ProbeSpec };

type Context = { token: string; articleIds: number[]; origin: string };

function headerOf(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Where a redirect points, as path and query, or an explanation when it leaves the site. */
function redirectProblem(reply: Reply, origin: string, allowed: (target: string) => boolean): string | null {
  const location = headerOf(reply.headers, 'location');
  if (location === '') return 'redirect without Location';
  if (/^\s*(\/\/|\/\\|[a-z][a-z0-9+.-]*:)/i.test(location) && !location.startsWith(origin)) return `redirect off the site: ${location}`;
  const url = new URL(location, origin);
  const target = `${url.pathname}${url.search}`;
  return allowed(target) ? null : `redirect to ${target.slice(0, 80)}`;
}

function redirectsTo(origin: string, expected: string) {
  return (reply: Reply) => redirectProblem(reply, origin, (target) => target === expected);
}

function redirectsToLocale(origin: string, suffix = '') {
  return (reply: Reply) => redirectProblem(reply, origin, (target) => target === `/de${suffix}` || target === `/en${suffix}`);
}

/** A reader's page in the language its path names, as HTML (not an RSC payload), without cookies. */
function readerPage(pagePath: string) {
  const locale = localeOfPath(pagePath);
  return (reply: Reply) => {
    if (!headerOf(reply.headers, 'content-type').startsWith('text/html')) return `content-type ${headerOf(reply.headers, 'content-type')}`;
    if (!new RegExp(`<html[^>]* lang="${locale}"`).test(reply.body)) return `not a ${locale} page`;
    // Next.js deletes preview cookies it cannot verify; anything else set here would reach shared caches.
    const set = (reply.headers['set-cookie'] ?? []).filter((cookie) => !/Expires=Thu, 01 Jan 1970/.test(cookie));
    if (set.length > 0) return `sets a cookie: ${set.join(', ').slice(0, 120)}`;
    return null;
  };
}

function jsonNoStore(reply: Reply): string | null {
  if (headerOf(reply.headers, 'cache-control') !== 'private, no-store') return `Cache-Control ${headerOf(reply.headers, 'cache-control')}`;
  if (reply.status !== 405 && reply.status !== 204 && !headerOf(reply.headers, 'content-type').includes('json')) {
    return `content-type ${headerOf(reply.headers, 'content-type')}`;
  }
  return null;
}

function allowsGet(reply: Reply): string | null {
  return /\bGET\b/.test(headerOf(reply.headers, 'allow')) ? null : `Allow is ${JSON.stringify(headerOf(reply.headers, 'allow'))}`;
}

// What must never appear in any answer: files from the server, secrets, stack traces.
const LEAKS = [/root:x:0:0/, /"devDependencies"/, /DATABASE_URL/, /postgres(ql)?:\/\/\w+:/, /PRIVATE KEY/, /datasource db/, /\n\s+at [^\n]+\.(js|ts):\d+:\d+/, new RegExp(REVALIDATE_SECRET)];

function leakIn(reply: Reply): string | null {
  const leak = LEAKS.find((pattern) => pattern.test(reply.body));
  return leak ? `the answer contains ${leak}` : null;
}

// ---------------------------------------------------------------------------
// Building blocks of hostile requests

const BAD_ESCAPES = ['%', '%z', '%zz', '%g0', '%2', '%%', '%u0041', '%E0%A4%A', '%C0%AE', '%ED%A0%80', '%FF', '%C3%28', '%80', '%F8%88%80%80%80', '%E2%82'];
const GOOD_WORDS = ['irak', 'klima', 'x', 'a-b', '2024'];
const TRAVERSALS = ['../', '..%2f', '%2e%2e/', '%2e%2e%2f', '..\\', '..%5c', '%252e%252e%252f', '....//', '.%2e/', '%c0%ae%c0%ae/', '..;/'];
const TRAVERSAL_TARGETS = ['etc/passwd', 'package.json', '.env', 'prisma/schema.prisma', '.git/config', 'proc/self/environ', 'server/portal-server.ts'];
const TRAVERSAL_STARTS = ['/de/', '/en/article/', '/media/', '/media/x/', '/_next/static/', '/_next/static/chunks/', '/api/articles/', '/sitemaps/', '/'];

const ACCEPT_LANGUAGES = [
  '',
  '*',
  'xx',
  'en-US;q=2',
  'de;q=abc, en;q=0.9',
  ',,,;;;==',
  'fr-CH, fr;q=0.9, en;q=0.8',
  'zh-Hant-TW',
  'EN',
  'de-DE-u-co-phonebk',
  'i-klingon',
  'en;q=0.5, de;q=0.5',
  'de;q=0',
  'en;q=1e10',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u00e4\u00f6\u00fc',
];
const COOKIES = [
  'NEXT_LOCALE=fr',
  'NEXT_LOCALE=en',
  'NEXT_LOCALE=de',
  'NEXT_LOCALE=',
  'NEXT_LOCALE=../../etc/passwd',
  'NEXT_LOCALE=%zz',
  'NEXT_LOCALE=en; NEXT_LOCALE=de',
  'NEXT_LOCALE="en"',
  'NEXT_LOCALE=<script>',
  '__prerender_bypass=x; __next_preview_data=y',
  '__next_hmr_refresh_hash__=1',
  ';;;==;',
  '=\u00e4',
  '__Host-x=1; __Secure-y=2',
];

const HEX = '0123456789abcdef';
/** Headers only Next.js itself, its client router or a hosting platform may set, with hostile values. */
const FRAMEWORK_HEADERS: Record<string, (random: Random) => string> = {
  'x-middleware-subrequest': (random) => random.pick(['middleware', 'proxy', 'src/middleware', 'src/proxy', 'pages/_middleware']).concat(':').repeat(5).slice(0, -1),
  rsc: () => '1',
  'next-router-prefetch': () => '1',
  'next-router-segment-prefetch': () => '/_tree',
  'next-router-state-tree': (random) => random.pick(['%5B%22%22%2C%7B%7D%5D', 'garbage{{', '[]', '%']),
  'next-url': (random) => random.pick(['/en', '//evil.example', '/de/status/503']),
  'next-hmr-refresh': () => '1',
  'x-middleware-prefetch': () => '1',
  'x-middleware-invoke': () => '1',
  'x-invoke-path': (random) => random.pick(['/api/internal/publish-due', '/de/status/503', '/_next/static/../../package.json']),
  'x-invoke-query': () => '%7B%22locale%22%3A%22xx%22%7D',
  'x-invoke-output': () => '/x',
  'x-invoke-status': (random) => random.pick(['500', '200', '404']),
  'x-nextjs-data': () => '1',
  'x-now-route-matches': () => 'nxtPlocale=xx',
  'x-matched-path': (random) => random.pick(['/api/articles', '/[locale]/status/[code]', '/_not-found']),
  'x-middleware-rewrite': () => '/de/status/503',
  'x-middleware-next': () => '1',
  'x-middleware-set-cookie': () => 'NEXT_LOCALE=en',
  'x-prerender-revalidate': (random) => random.word(32, HEX),
  'x-prerender-revalidate-if-generated': () => '1',
  'x-next-revalidated-tags': () => 'articles,tags',
  'x-next-revalidate-tag-token': (random) => random.word(32, HEX),
  'x-next-cache-tags': () => '_N_T_/layout',
  'next-action': (random) => random.word(40, HEX),
  'x-portal-internal': (random) => random.word(32, HEX),
  'x-forwarded-host': () => 'evil.example',
  'x-forwarded-proto': (random) => random.pick(['https', 'gopher', 'http']),
  'x-original-url': () => '/api/internal/publish-due',
  'x-rewrite-url': () => '/de/status/404',
  'x-http-method-override': () => 'DELETE',
  purpose: () => 'prefetch',
};
const FRAMEWORK_HEADER_NAMES = Object.keys(FRAMEWORK_HEADERS);

const PAGE_METHODS_REFUSED = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'TRACE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'PURGE', 'REPORT'];

const BROKEN_JSON = [
  '',
  '{',
  '{"type":',
  '{"type":"article",}',
  "{'type':'article'}",
  '[1,2',
  'nul',
  'tru',
  '{"a":1}{"b":2}',
  '{"a":NaN}',
  '{"a":01}',
  '/* comment */ {}',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"',
  '\ufeff{}',
  '{"a":1e999999',
  '<?xml version="1.0"?><article/>',
  'type=article&status=published',
];
const WRONG_SHAPES = ['null', '[]', '"article"', '42', 'true', '{}', '{"__proto__":{"status":"published"}}', '{"constructor":{"prototype":{"admin":true}}}'];

/** An article carrying script everywhere, refused because its slug is invalid: nothing may be stored. */
function hostileArticle(random: Random): string {
  const script = random.pick(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)><script>alert(2)</script></svg>']);
  return JSON.stringify({
    type: 'article',
    status: 'published',
    tags: [],
    translations: {
      de: {
        title: `Titel ${script}`,
        slug: random.pick(['Ungültig <script>', 'UPPER-case', 'a--b', '-x', '../../etc', '']),
        lead: `Vorspann ${script}`,
        body: `[x](javascript:alert(1)) [y](data:text/html,${script}) ${script}`,
      },
    },
  });
}

function hostileTag(random: Random): string {
  return JSON.stringify({
    de: { name: '<svg onload=alert(1)>', slug: random.pick(['BAD SLUG', 'a/b', '<script>', '']) },
    en: { name: '<script>alert(1)</script>', slug: 'x' },
  });
}

function decodes(pagePath: string): boolean {
  try {
    decodeURIComponent(pagePath);
    return true;
  } catch {
    return false;
  }
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const SVG_WITH_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><text>x</text></a></svg>';
// One buffer for every oversized upload: slices of it cost no memory.
const ELEVEN_MEGABYTES = Buffer.alloc(11 * MB, 0x41);

function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; value: string }[]): Buffer {
  const text = parts
    .map((part) => {
      const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
      const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
      return `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n${part.value}\r\n`;
    })
    .join('');
  return Buffer.from(`${text}--${boundary}--\r\n`, 'utf8');
}

function raw(requestLine: string, host: string, extra = ''): Buffer {
  return Buffer.from(`${requestLine}\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`, 'latin1');
}

/** A word with the given number of letters and digits, starting with `x-` so it names no real page. */
function unknownWord(random: Random, length = 6 + random.int(10)): string {
  return `x-${random.word(length)}`;
}

// ---------------------------------------------------------------------------
// The categories

function hostileCategories(context: Context, target: Target): Category[] {
  const { origin, token } = context;
  const auth = { authorization: `Bearer ${token}` };
  const existingId = (random: Random) => String(random.pick(context.articleIds));
  const unknownId = (random: Random) => String(900_000 + random.int(100_000));
  const anyLocale = (random: Random) => random.pick(LOCALES);

  return [
    {
      name: 'unknown pages',
      weight: 8,
      make(random) {
        const locale = anyLocale(random);
        const word = unknownWord(random);
        const paths = [
          `/${locale}/${word}`,
          `/${locale}/${word}/${random.word(5)}`,
          `/${locale}/${TAG_SEGMENT[locale]}/${word}`,
          `/${locale}/${TAG_SEGMENT[locale]}/${word}/feed.xml`,
          `/${locale}/${TAG_SEGMENT[locale]}/${IRAQ[locale].slug}/${PAGE_SEGMENT[locale]}/${900 + random.int(100_000)}`,
          `/${locale}/${PAGE_SEGMENT[locale]}/${random.pick(['0', 'abc', String(900 + random.int(100_000))])}`,
          `/${locale}/${ARTICLE_SEGMENT[locale]}/${word}/${random.word(3)}`,
          `/${locale}/${PREVIEW_SEGMENT[locale]}/${random.int(1_000_000)}`,
          `/${locale}/status/${random.pick(['404', '410', '500', '503', random.word(3)])}`,
          `/${locale}/${SEARCH_SEGMENT[locale]}/${word}`,
        ];
        return { method: random.pick(['GET', 'GET', 'HEAD']), path: random.pick(paths), expected: [404] };
      },
    },
    {
      name: 'unknown locales',
      weight: 5,
      make(random) {
        let prefix = random.word(2 + random.int(2), LETTERS);
        while (['de', 'en', 'api'].includes(prefix)) prefix = random.word(3, LETTERS);
        if (random.chance(0.3)) prefix += `-${random.word(2 + random.int(7))}`;
        const rest = random.pick(['', '/artikel/x', '/article/x', `/tag/${IRAQ.en.slug}`, '/suche', '/feed.xml', `/${random.word(6)}`, '/impressum']);
        return { method: 'GET', path: `/${prefix}${rest}`, expected: [404] };
      },
    },
    {
      name: 'paths without a locale',
      weight: 3,
      make(random) {
        const pagePath = `/${unknownWord(random)}${random.chance(0.5) ? `/${random.word(4)}` : ''}`;
        return { method: 'GET', path: pagePath, expected: [307], check: redirectsToLocale(origin, pagePath) };
      },
    },
    {
      name: 'letter case, trailing and double slashes',
      weight: 3,
      make(random) {
        const pagePath = random.pick(READER_PAGES.filter((page) => !page.includes('?')));
        const variant = random.int(3);
        let odd: string;
        if (variant === 0) {
          const letters = [...pagePath];
          const upper = letters.map((letter) => (random.chance(0.4) ? letter.toUpperCase() : letter));
          const at = 1 + random.int(letters.length - 1);
          upper[at] = (letters[at] ?? 'd').toUpperCase();
          odd = upper.join('');
          if (odd === pagePath) odd = pagePath.toUpperCase();
        } else if (variant === 1) {
          odd = `${pagePath}/`;
        } else {
          const slashes = [...pagePath.matchAll(/\//g)].map((match) => match.index);
          const at = random.pick(slashes.slice(1).length > 0 ? slashes.slice(1) : slashes);
          odd = `${pagePath.slice(0, at)}/${pagePath.slice(at)}`;
        }
        return { method: 'GET', path: odd, expected: [308], check: redirectsTo(origin, pagePath) };
      },
    },
    {
      name: 'malformed percent-encoding in the path',
      weight: 8,
      make(random) {
        const start = random.pick(['/de/', '/en/', '/de/artikel/', '/en/tag/', '/xx/', '/', '/api/articles/', '/api/tags/', '/_next/static/chunks/', '/media/', '/de/suche/']);
        const word = random.pick(GOOD_WORDS);
        const bad = random.pick(BAD_ESCAPES);
        // The hyphen keeps a following word from completing the escape (`%2` + `2024` would be `%22`).
        const pagePath = random.chance(0.5) ? `${start}${word}-${bad}` : `${start}${bad}-${word}`;
        if (decodes(pagePath)) throw new Error(`the generator made a well-formed path: ${pagePath}`);
        return { method: random.pick(['GET', 'GET', 'HEAD', 'POST', 'PUT']), path: pagePath, expected: [400] };
      },
    },
    {
      name: 'malformed percent-encoding in the query',
      weight: 2,
      make(random) {
        const page = random.pick(['/de', '/en', READER_PAGES[2] ?? '/de', READER_PAGES[4] ?? '/de']);
        const search = random.pick(['/de/suche?q=', '/en/search?q=']);
        const pagePath = random.chance(0.5) ? `${search}${random.pick(GOOD_WORDS)}${random.pick(BAD_ESCAPES)}` : `${page}?${random.pick(['x', 'utm_source', 'q'])}=${random.pick(BAD_ESCAPES)}`;
        return { method: 'GET', path: pagePath, expected: [200], check: readerPage(pagePath) };
      },
    },
    {
      name: 'path traversal',
      weight: 6,
      make(random) {
        const climb = Array.from({ length: 1 + random.int(6) }, () => random.pick(TRAVERSALS)).join('');
        const pagePath = `${random.pick(TRAVERSAL_STARTS)}${climb}${random.pick(TRAVERSAL_TARGETS)}`;
        // Refused (400), unknown (404), an API route wanting a token (401), or a redirect to a
        // tidier path on the site (308; 307 where the tidied path lacks a locale).
        const check = (reply: Reply) => leakIn(reply) ?? (reply.status === 307 || reply.status === 308 ? redirectProblem(reply, origin, () => true) : null);
        return { method: 'GET', path: pagePath, expected: [400, 401, 404, 307, 308], check };
      },
    },
    {
      name: 'overlong paths (below the header limit)',
      weight: 2,
      make(random) {
        const locale = anyLocale(random);
        const word = unknownWord(random, 2_000 + random.int(12_000));
        const pagePath = random.pick([`/${locale}/${word}`, `/${locale}/${ARTICLE_SEGMENT[locale]}/${word}`, `/${locale}/${TAG_SEGMENT[locale]}/${word}`]);
        return { method: 'GET', path: pagePath, expected: [404] };
      },
    },
    {
      name: 'overlong query strings (below the header limit)',
      weight: 2,
      make(random) {
        const length = 2_000 + random.int(10_000);
        const pagePath = random.pick([
          `/de?x=${random.word(length)}`,
          `${READER_PAGES[2] ?? '/de'}?utm_campaign=${random.word(length)}`,
          `/en/search?q=${random.word(Math.min(length, 6_000), `${LETTERS}+`)}`,
          `/en?${'a=1&'.repeat(Math.floor(length / 4))}`,
        ]);
        return { method: 'GET', path: pagePath, expected: [200], check: readerPage(pagePath) };
      },
    },
    {
      name: 'requests over the header size limit',
      weight: 1,
      make(random) {
        const length = 17_000 + random.int(7_000);
        const variant = random.int(4);
        if (variant === 0) return { method: 'GET', path: `/de/${unknownWord(random, length)}`, expected: [414, 431] };
        if (variant === 1) return { method: 'GET', path: `/de?x=${random.word(length)}`, expected: [414, 431] };
        if (variant === 2) return { method: 'GET', path: '/de', note: 'huge cookie', headers: { cookie: `a=${random.word(length)}` }, expected: [431] };
        return { method: 'GET', path: '/api/articles/1', note: 'huge Authorization', headers: { authorization: `Bearer ${random.word(length)}` }, expected: [431] };
      },
    },
    {
      name: 'odd Accept-Language and cookies',
      weight: 8,
      make(random) {
        const headers: Record<string, string> = {};
        if (random.chance(0.7)) headers['accept-language'] = random.chance(0.1) ? random.word(4_000, `${LETTERS},;=-.*`) : random.pick(ACCEPT_LANGUAGES);
        if (random.chance(0.6) || Object.keys(headers).length === 0) headers.cookie = random.chance(0.1) ? `a=${random.word(4_000)}` : random.pick(COOKIES);
        const note = Object.entries(headers).map(([name, value]) => `${name}: ${value.slice(0, 40)}`).join('; ');
        if (random.chance(0.4)) return { method: 'GET', path: '/', note, headers, expected: [307], check: redirectsToLocale(origin) };
        const pagePath = random.pick(READER_PAGES);
        return { method: 'GET', path: pagePath, note, headers, expected: [200], check: readerPage(pagePath) };
      },
    },
    {
      name: 'framework-internal headers',
      weight: 10,
      make(random) {
        const headers: Record<string, string> = {};
        const count = 1 + random.int(3);
        while (Object.keys(headers).length < count) {
          const name = random.chance(0.3) ? 'x-middleware-subrequest' : random.pick(FRAMEWORK_HEADER_NAMES);
          headers[name] = FRAMEWORK_HEADERS[name]?.(random) ?? '1';
        }
        const note = Object.keys(headers).join(', ');
        const variant = random.int(10);
        // The proxy still runs: `/` chooses a language, status pages and previews stay closed.
        if (variant === 0) return { method: 'GET', path: '/', note, headers, expected: [307], check: redirectsToLocale(origin) };
        if (variant === 1) return { method: 'GET', path: `/${anyLocale(random)}/status/${random.pick(['404', '410', '503'])}`, note, headers, expected: [404] };
        if (variant === 2) return { method: 'GET', path: `/de/${PREVIEW_SEGMENT.de}/${1 + random.int(20)}`, note, headers, expected: [404] };
        if (variant === 3) return { method: 'POST', path: '/api/internal/publish-due', note, headers, expected: [404] };
        const pagePath = random.pick(READER_PAGES);
        return { method: 'GET', path: pagePath, note, headers, expected: [200], check: readerPage(pagePath) };
      },
    },
    {
      name: 'methods pages do not take',
      weight: 8,
      make(random) {
        const method = random.pick(PAGE_METHODS_REFUSED);
        const locale = anyLocale(random);
        const candidates = [...READER_PAGES, ...OTHER_FILES, '/', `/${locale}/${unknownWord(random)}`, `/media/demo-coalition-conference/640.webp`, `/xx/${random.word(4)}`];
        let pagePath = random.pick(candidates);
        // POST is the one extra method the barrier report's form takes.
        if (method === 'POST' && (pagePath === FORM_PATHS.de || pagePath === FORM_PATHS.en)) pagePath = '/de';
        const body = random.chance(0.3) ? Buffer.from('{"x":1}') : undefined;
        return { method, path: pagePath, body, expected: [405], check: allowsGet };
      },
    },
    {
      name: 'methods on framework files',
      weight: 1,
      make(random) {
        const pagePath = random.pick(['/_next/static/chunks/x.js', `/_next/static/${random.word(8)}/_buildManifest.js`, '/_next/image?url=%2Fmedia%2Fx%2F640.webp&w=64&q=75']);
        return { method: random.pick(['POST', 'PUT', 'DELETE', 'PATCH']), path: pagePath, expected: [404, 405] };
      },
    },
    {
      name: 'unknown method tokens',
      weight: 1,
      make(random) {
        const method = random.pick(['FOO', 'GETT', 'get', 'G E T', 'HEAD\u00e4', 'DEBUG', 'TRACK', 'BREW']);
        const requestLine = `${method} ${random.pick(READER_PAGES)} HTTP/1.1`;
        return { method, path: requestLine, raw: raw(requestLine, target.hostHeader), expected: [400, 405, 501] };
      },
    },
    {
      name: 'request targets that are not a path',
      weight: 2,
      make(random) {
        const host = target.hostHeader;
        const variants: [string, Buffer, number[]][] = [
          ['GET *', raw('GET * HTTP/1.1', host), [400]],
          ['OPTIONS *', raw('OPTIONS * HTTP/1.1', host), [400]],
          ['GET de', raw('GET de HTTP/1.1', host), [400]],
          ['GET ?x', raw('GET ?x HTTP/1.1', host), [400]],
          ['GET http://[::1', raw('GET http://[::1 HTTP/1.1', host), [400]],
          ['GET /de/<raw non-ASCII>', raw('GET /de/\u00e4\u00f6 HTTP/1.1', host), [400]],
          ['GET /de/a b', raw('GET /de/a b HTTP/1.1', host), [400]],
          ['GET /de/<tab>', raw('GET /de/\t HTTP/1.1', host), [400]],
          ['NUL in a header', raw('GET /de HTTP/1.1', host, 'X-Bad: a\u0000b\r\n'), [400]],
          ['header without colon', raw('GET /de HTTP/1.1', host, 'NoColon\r\n'), [400]],
          ['folded header', raw('GET /de HTTP/1.1', host, ' Folded: x\r\n'), [400]],
          ['Content-Length and Transfer-Encoding', Buffer.from(`POST /api/articles HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`, 'latin1'), [400]],
          ['two Content-Lengths', Buffer.from(`POST /api/articles HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab`, 'latin1'), [400]],
          ['no Host', Buffer.from('GET /de HTTP/1.1\r\nConnection: close\r\n\r\n', 'latin1'), [400]],
          ['HTTP/9.9', raw('GET /de HTTP/9.9', host), [400, 505]],
        ];
        const [name, bytes, expected] = random.pick(variants);
        return { method: name.split(' ')[0] ?? 'GET', path: name, raw: bytes, expected };
      },
    },
    {
      name: 'absolute-form targets and foreign Host headers',
      weight: 1,
      make(random) {
        const variants: [string, Buffer, number, ((reply: Reply) => string | null) | undefined][] = [
          ['GET http://evil.example/de', raw('GET http://evil.example/de HTTP/1.1', target.hostHeader), 200, undefined],
          ['GET http://evil.example', raw('GET http://evil.example HTTP/1.1', target.hostHeader), 307, redirectsToLocale(origin)],
          ['GET / with Host evil.example', raw('GET / HTTP/1.1', 'evil.example'), 307, redirectsToLocale(origin)],
          ['GET /de with Host evil.example', raw('GET /de HTTP/1.1', 'evil.example'), 200, undefined],
          ['GET /De with Host evil.example', raw('GET /De HTTP/1.1', 'evil.example'), 308, redirectsTo(origin, '/de')],
        ];
        const [name, bytes, status, check] = random.pick(variants);
        return { method: 'GET', path: name, raw: bytes, expected: [status], check };
      },
    },
    {
      name: 'API without a valid token',
      weight: 8,
      make(random) {
        const id = random.pick([existingId(random), unknownId(random), 'abc', '-1', '0', '1e3', random.word(300)]);
        const [method, apiPath] = random.pick<[string, string]>([
          ['GET', `/api/articles/${id}`],
          ['HEAD', `/api/articles/${id}`],
          ['PUT', `/api/articles/${id}`],
          ['DELETE', `/api/articles/${id}`],
          ['GET', `/api/articles/${id}/revisions`],
          ['POST', '/api/articles'],
          ['PUT', `/api/tags/${random.word(6)}`],
          ['POST', '/api/media'],
          ['POST', '/api/revalidate'],
        ]);
        // '' stands for no Authorization header at all.
        const authorization = random.pick([
          '',
          `Bearer np_${random.word(43)}`,
          `Bearer ${random.word(20)}`,
          'Bearer',
          'Bearer ',
          `Basic ${Buffer.from('admin:admin').toString('base64')}`,
          "Bearer ' OR 1=1 --",
          `bearer ${REVALIDATE_SECRET}`,
          `Bearer ${token.slice(0, -1)}`,
          `Bearer ${token}x`,
          `Token ${token}`,
          `Bearer ${random.word(8_000)}`,
        ]);
        const headers: Record<string, string> = authorization === '' ? {} : { authorization };
        if (apiPath === '/api/revalidate' && authorization.includes(REVALIDATE_SECRET)) headers.authorization = `Bearer ${token}`;
        const body = method === 'POST' || method === 'PUT' ? Buffer.from(random.pick([...BROKEN_JSON, hostileArticle(random), SVG_WITH_SCRIPT])) : undefined;
        if (body) headers['content-type'] = random.pick(['application/json', 'text/plain', 'image/svg+xml']);
        return { method, path: apiPath, note: headers.authorization?.slice(0, 30) ?? 'no Authorization', headers, body, expected: [401], check: jsonNoStore };
      },
    },
    {
      name: 'API methods not offered',
      weight: 2,
      make(random) {
        const [method, apiPath] = random.pick<[string, string]>([
          ['PATCH', '/api/articles'],
          ['PATCH', `/api/articles/${existingId(random)}`],
          ['POST', `/api/articles/${existingId(random)}`],
          ['DELETE', `/api/tags/${random.word(5)}`],
          ['GET', '/api/media'],
          ['PUT', '/api/revalidate'],
          ['DELETE', '/api/articles'],
          ['OPTIONS', '/api/articles'],
        ]);
        const headers = random.chance(0.5) ? auth : undefined;
        return { method, path: apiPath, headers, expected: method === 'OPTIONS' ? [204] : [405], check: jsonNoStore };
      },
    },
    {
      name: 'API with a token: broken JSON and invalid input',
      weight: 8,
      make(random) {
        const variant = random.int(8);
        const bodyText = random.pick([
          ...BROKEN_JSON,
          ...WRONG_SHAPES,
          nested(17 + random.int(200)),
          '['.repeat(1_000 + random.int(50_000)),
          hostileArticle(random),
          random.word(1 + random.int(400), `${LETTERS}{}[]":,\\ `),
        ]);
        const contentType = random.pick(['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', '']);
        const headers: Record<string, string> = { ...auth };
        if (contentType !== '') headers['content-type'] = contentType;
        const body = Buffer.from(bodyText, 'utf8');
        const note = `body ${JSON.stringify(bodyText.slice(0, 30))}${bodyText.length > 30 ? `… (${bodyText.length} chars)` : ''}`;
        if (variant === 0) return { method: 'POST', path: '/api/articles', note, headers, body, expected: [400], check: jsonNoStore };
        // Existing articles: the body is refused before anything is written.
        if (variant === 1) return { method: 'PUT', path: `/api/articles/${existingId(random)}`, note, headers, body, expected: [400], check: jsonNoStore };
        if (variant === 2) {
          const tagBody = Buffer.from(random.chance(0.5) ? hostileTag(random) : bodyText);
          return { method: 'PUT', path: `/api/tags/${random.pick(['irak', 'klima', random.word(6, LETTERS)])}`, note, headers, body: tagBody, expected: [400], check: jsonNoStore };
        }
        if (variant === 3) {
          const key = random.pick(['BAD%20KEY', 'a--b', '-x', random.word(120, LETTERS), '%3Cscript%3E', 'a_b']);
          return { method: 'PUT', path: `/api/tags/${key}`, note, headers, body, expected: [400], check: jsonNoStore };
        }
        if (variant === 4) return { method: random.pick(['GET', 'DELETE']), path: `/api/articles/${unknownId(random)}`, headers: auth, expected: [404], check: jsonNoStore };
        if (variant === 5) return { method: random.pick(['GET', 'PUT', 'DELETE']), path: `/api/articles/${random.pick(['abc', '0', '-1', '1e3', '99999999999', '1.5'])}`, headers, body, expected: [404], check: jsonNoStore };
        if (variant === 6) return { method: 'GET', path: `/api/articles/${existingId(random)}${random.pick(['', '/revisions'])}`, headers: auth, expected: [200], check: jsonNoStore };
        // The Fetch API's json() drops a byte order mark, so '\ufeff{}' is a valid (empty) request there.
        const revalidation = random.pick([...BROKEN_JSON.filter((text) => text !== '' && !text.startsWith('\ufeff')), '{"tags":"x"}', `{"paths":["${random.word(5)}"]}`, `{"tags":${JSON.stringify(Array(501).fill('x'))}}`, '{"other":1}']);
        return {
          method: 'POST',
          path: '/api/revalidate',
          note: `body ${JSON.stringify(revalidation.slice(0, 30))}`,
          headers: { ...headers, authorization: `Bearer ${REVALIDATE_SECRET}` },
          body: Buffer.from(revalidation),
          expected: [400],
          check: jsonNoStore,
        };
      },
    },
    {
      name: 'API with a token: oversized bodies',
      weight: 2,
      make(random) {
        const jsonSize = 1_000_001 + random.int(2_000_000);
        const chunked = random.chance(0.4);
        const variant = random.int(6);
        const headers = { ...auth, 'content-type': 'application/json' };
        const json = ELEVEN_MEGABYTES.subarray(0, jsonSize);
        const note = `${chunked ? 'chunked ' : ''}body of ${jsonSize} bytes`;
        if (variant === 0) return { method: 'POST', path: '/api/articles', note, headers, body: json, chunked, expected: [413], check: jsonNoStore, refusalMayCutBody: true };
        if (variant === 1) return { method: 'PUT', path: `/api/articles/${existingId(random)}`, note, headers, body: json, chunked, expected: [413], check: jsonNoStore, refusalMayCutBody: true };
        if (variant === 2) return { method: 'PUT', path: `/api/tags/${random.word(6, LETTERS)}`, note, headers, body: json, chunked, expected: [413], check: jsonNoStore, refusalMayCutBody: true };
        if (variant === 3) {
          const size = 10 * MB + 1 + random.int(MB);
          return { method: 'POST', path: '/api/media', note: `${chunked ? 'chunked ' : ''}image of ${size} bytes`, headers: auth, body: ELEVEN_MEGABYTES.subarray(0, size), chunked, expected: [413], check: jsonNoStore, refusalMayCutBody: true };
        }
        if (variant === 4) {
          // A body announced far too large is refused before it is read.
          const declared = random.pick(['5000000000', '20000000', '1000001']);
          const [method, apiPath] = random.pick<[string, string]>([['POST', '/api/articles'], ['PUT', `/api/articles/${existingId(random)}`]]);
          return { method, path: apiPath, note: `Content-Length ${declared}, 2 bytes sent`, headers: { ...headers, 'content-length': declared }, body: Buffer.from('{}'), expected: [413], check: jsonNoStore, refusalMayCutBody: true };
        }
        // The revalidation API is called with the secret by the content tools; it must not read without limit either.
        return { method: 'POST', path: '/api/revalidate', note, headers: { ...headers, authorization: `Bearer ${REVALIDATE_SECRET}` }, body: json, chunked, expected: [413], check: jsonNoStore, refusalMayCutBody: true };
      },
    },
    {
      name: 'API with a token: hostile uploads',
      weight: 2,
      make(random) {
        const boundary = `----fuzz${random.word(12)}`;
        const variants: [string, Record<string, string>, Buffer][] = [
          ['SVG with script as the body', { 'content-type': 'image/svg+xml' }, Buffer.from(SVG_WITH_SCRIPT)],
          ['SVG with script as a form file', { 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart(boundary, [{ name: 'file', filename: 'x.svg', type: 'image/svg+xml', value: SVG_WITH_SCRIPT }])],
          ['HTML as a .png', { 'content-type': 'image/png' }, Buffer.from('<html><script>alert(1)</script></html>')],
          ['PNG signature then garbage', {}, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(random.word(200))])],
          ['JPEG signature then garbage', {}, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(random.word(200))])],
          ['empty body', {}, Buffer.alloc(0)],
          ['form without a file field', { 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart(boundary, [{ name: 'other', value: 'x' }])],
          ['malformed multipart', { 'content-type': `multipart/form-data; boundary=${boundary}` }, Buffer.from(random.pick(['garbage', `--${boundary}\r\nbroken`, `--${boundary}--`, '']))],
          ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, Buffer.from('garbage')],
        ];
        const [note, headers, body] = random.pick(variants);
        return { method: 'POST', path: '/api/media', note, headers: { ...auth, ...headers }, body, expected: [400], check: jsonNoStore };
      },
    },
    {
      name: 'form posts to the barrier report',
      weight: 4,
      make(random) {
        const formPath = FORM_PATHS[anyLocale(random)];
        const boundary = `----fuzz${random.word(12)}`;
        const multipartType = { 'content-type': `multipart/form-data; boundary=${boundary}` };
        const actionId = random.word(40, HEX);
        const variant = random.int(7);
        if (variant === 0) {
          // Next.js's form actions without JavaScript: an unknown action id must be refused, not crash.
          const body = multipart(boundary, [{ name: `1_$ACTION_ID_${actionId}`, value: '' }, { name: 'message', value: '<script>alert(1)</script>' }]);
          return { method: 'POST', path: formPath, note: 'field 1_$ACTION_ID_<40 hex>', headers: multipartType, body, expected: [400] };
        }
        if (variant === 1) {
          const body = multipart(boundary, [{ name: '$ACTION_REF_1', value: '' }, { name: '$ACTION_1:0', value: `{"id":"${actionId}","bound":"$@1"}` }]);
          return { method: 'POST', path: formPath, note: '$ACTION_REF fields', headers: multipartType, body, expected: [400] };
        }
        if (variant === 2) {
          const body = Buffer.from(random.pick(['garbage', `--${boundary}\r\nbroken`, `--${boundary}--`, `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx`]));
          return { method: 'POST', path: formPath, note: 'malformed multipart', headers: multipartType, body, expected: [400] };
        }
        if (variant === 3) {
          const body = multipart(boundary, [{ name: 'message', value: random.word(300_000) }]);
          return { method: 'POST', path: formPath, note: 'multipart over 256 KB', headers: multipartType, body, chunked: random.chance(0.5), expected: [413] };
        }
        if (variant === 4) {
          const headers = { 'next-action': random.pick([actionId, random.word(42, HEX), 'x', '']), 'content-type': random.pick(['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) };
          return { method: 'POST', path: formPath, note: `Next-Action ${JSON.stringify(headers['next-action'].slice(0, 8))}`, headers, body: Buffer.from(random.pick(['[]', '["$K1"]', 'x', '{"a":'])), expected: [400, 404, 409] };
        }
        if (variant === 5) {
          // No action named: Next.js renders the page again; nothing is stored.
          const body = Buffer.from(random.pick(['message=hallo&email=x', `1_$ACTION_ID_${actionId}=`, 'a=%zz&b', random.word(2_000)]));
          return { method: 'POST', path: formPath, note: 'urlencoded', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, expected: [200, 400], check: leakIn };
        }
        return { method: 'POST', path: formPath, note: 'no body', expected: [200, 400], check: leakIn };
      },
    },
    {
      name: 'media, static files and image optimiser',
      weight: 3,
      make(random) {
        const variant = random.int(6);
        if (variant === 0) return { method: 'GET', path: `/media/${random.pick([random.word(12), 'demo-coalition-conference', '..', '%2e%2e'])}/${random.pick(['641', '0', '64', '99999', 'abc'])}.${random.pick(['webp', 'png', 'svg', 'webp.js'])}`, expected: [404] };
        if (variant === 1) return { method: 'GET', path: `/_next/static/chunks/${random.word(12)}.js`, expected: [404] };
        if (variant === 2) return { method: 'GET', path: `/_next/data/${random.word(10)}/de.json`, expected: [404] };
        if (variant === 3) return { method: 'GET', path: `/sitemaps/${random.pick([random.word(6), '99999', '-1'])}.xml`, expected: [404] };
        if (variant === 4) return { method: 'GET', path: `/${random.word(8)}.${random.pick(['txt', 'php', 'env', 'git', 'bak', 'xml'])}`, expected: [404] };
        const url = random.pick(['http://evil.example/x.png', '//evil.example/x.png', 'javascript:alert(1)', 'data:image/svg%2bxml,%3Csvg%20onload%3Dalert(1)%3E', 'file:///etc/passwd', 'http://127.0.0.1:5432/', '%2Fmedia%2Fno-such%2F640.webp']);
        return { method: 'GET', path: `/_next/image?url=${url}&w=${random.int(5_000)}&q=${random.int(200) - 50}`, expected: [400, 404], check: leakIn };
      },
    },
  ];
}

function* hostileProbes(categories: Category[], seed: number, count: number): Generator<Probe> {
  const random = seededRandom(seed);
  const total = categories.reduce((sum, category) => sum + category.weight, 0);
  for (let index = 0; index < count; index++) {
    let roll = random.next() * total;
    const category = categories.find((candidate) => (roll -= candidate.weight) < 0) ?? categories[categories.length - 1];
    if (!category) return;
    yield { category: category.name, ...category.make(random) };
  }
}

function* unknownArticleProbes(seed: number, count: number): Generator<Probe> {
  const random = seededRandom(seed);
  for (let index = 0; index < count; index++) {
    const locale = LOCALES[index % 2] ?? 'de';
    const slug = `${random.word(4 + random.int(8), LETTERS)}-${random.word(4 + random.int(8), LETTERS)}-${random.int(1_000_000)}`;
    yield { category: 'unknown article URLs', method: 'GET', path: `/${locale}/${ARTICLE_SEGMENT[locale]}/${slug}`, expected: [404] };
  }
}

// ---------------------------------------------------------------------------
// Sending and keeping score

function headersOfRawAnswer(text: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  const head = text.split('\r\n\r\n')[0] ?? '';
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

async function send(target: Target, probe: Probe): Promise<Reply> {
  if (probe.raw) {
    const answer = await sendRawRequest(target, probe.raw, REQUEST_TIMEOUT_MS);
    return { status: answer.status, headers: headersOfRawAnswer(answer.text), body: answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4) };
  }
  const headers = { ...probe.headers };
  // node:http sends a GET's body with neither Content-Length nor chunked framing unless told.
  if (probe.body && probe.chunked) headers['transfer-encoding'] = 'chunked';
  else if (probe.body) headers['content-length'] ??= String(probe.body.length);
  const answer = await sendRequest(target, {
    method: probe.method,
    path: probe.path,
    headers,
    body: probe.body,
    chunked: probe.chunked,
    timeoutMs: REQUEST_TIMEOUT_MS,
    keepBytes: 256 * 1024,
  });
  return { status: answer.status, headers: answer.headers, body: answer.body.toString('latin1') };
}

function excerpt(text: string, length = 90): string {
  const visible = JSON.stringify(text).slice(1, -1);
  return visible.length <= length ? visible : `${visible.slice(0, length - 30)}…(${text.length} chars)…${visible.slice(-15)}`;
}

type CategoryScore = { sent: number; statuses: Map<string, number>; wrong: number; examples: string[] };

class Scoreboard {
  readonly categories = new Map<string, CategoryScore>();
  readonly latencies: number[] = [];
  serverErrors = 0;

  record(probe: Probe, outcome: { reply: Reply; ms: number } | { error: string }): void {
    const score = this.categories.get(probe.category) ?? { sent: 0, statuses: new Map<string, number>(), wrong: 0, examples: [] };
    this.categories.set(probe.category, score);
    score.sent += 1;
    const problems: string[] = [];
    let status = 'no answer';
    if ('error' in outcome && probe.refusalMayCutBody && /EPIPE|ECONNRESET|socket hang up/.test(outcome.error)) {
      status = 'closed while sending';
    } else if ('error' in outcome) {
      problems.push(`no answer: ${outcome.error}`);
    } else {
      const { reply } = outcome;
      this.latencies.push(outcome.ms);
      status = String(reply.status);
      if (reply.status >= 500) this.serverErrors += 1;
      if (!probe.expected.includes(reply.status)) problems.push(`expected ${probe.expected.join(' or ')}`);
      const https = probe.headers?.['x-forwarded-proto'] === 'https';
      const headerProblems = securityHeaderProblems(reply.headers, { https });
      if (headerProblems.length > 0) problems.push(`security headers: ${headerProblems.slice(0, 2).join('; ')}${headerProblems.length > 2 ? ` (+${headerProblems.length - 2})` : ''}`);
      const extra = probe.check?.(reply) ?? leakIn(reply);
      if (extra) problems.push(extra);
    }
    score.statuses.set(status, (score.statuses.get(status) ?? 0) + 1);
    if (problems.length === 0) return;
    score.wrong += 1;
    if (score.examples.length < EXAMPLES_PER_CATEGORY) {
      const note = probe.note ? ` [${excerpt(probe.note, 60)}]` : '';
      score.examples.push(`${probe.raw ? '(raw) ' : ''}${probe.method} ${excerpt(probe.path)}${note} → ${status}: ${problems.join('; ')}`);
    }
  }

  /** One paragraph per category with wrong answers: how many, and a few reproducible examples. */
  failures(): string[] {
    return [...this.categories.entries()]
      .filter(([, score]) => score.wrong > 0)
      .map(([name, score]) => `${name}: ${score.wrong} of ${score.sent} wrong, e.g.\n    ${score.examples.join('\n    ')}`);
  }

  summary(): string {
    return [...this.categories.entries()]
      .map(([name, score]) => `  ${name}: ${score.sent} sent, ${[...score.statuses.entries()].map(([status, count]) => `${status}×${count}`).join(' ')}`)
      .join('\n');
  }
}

async function run(target: Target, probes: Iterable<Probe>, scoreboard: Scoreboard, deadline: number, onDone?: (done: number) => void): Promise<number> {
  let done = 0;
  const sent = await runPool(
    probes,
    CONCURRENCY,
    async (probe) => {
      const started = performance.now();
      try {
        const reply = await send(target, probe);
        scoreboard.record(probe, { reply, ms: performance.now() - started });
      } catch (error) {
        scoreboard.record(probe, { error: error instanceof Error ? error.message : String(error) });
      }
      done += 1;
      onDone?.(done);
    },
    deadline,
  );
  return sent;
}

// ---------------------------------------------------------------------------
// What must not change: the database's content and the pages readers see

async function contentFingerprint(prisma: PrismaClient) {
  const articles = await prisma.article.findMany({
    orderBy: { id: 'asc' },
    select: {
      id: true,
      type: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      withdrawnAt: true,
      imageId: true,
      translations: { orderBy: { locale: 'asc' }, select: { locale: true, title: true, slug: true, lead: true, body: true, bodyMarkdown: true } },
      tags: { orderBy: { tagId: 'asc' }, select: { tagId: true, position: true } },
    },
  });
  const tags = await prisma.tagTranslation.findMany({ orderBy: { id: 'asc' }, select: { tagId: true, locale: true, name: true, slug: true } });
  const media = await prisma.media.findMany({ orderBy: { id: 'asc' }, select: { id: true, byteSize: true } });
  return {
    counts: { ...(await contentCounts(prisma)), feedback: await prisma.feedback.count(), editorToken: await prisma.editorToken.count() },
    contentSha256: createHash('sha256').update(JSON.stringify({ articles, tags, media })).digest('hex'),
  };
}

/**
 * The uploaded originals in the media folder (id → size). Resized copies
 * beside them are a cache of fixed widths, made on the first request.
 */
function mediaOriginals(folder: string): Map<string, number> {
  const originals = new Map<string, number>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const original = path.join(folder, entry.name, 'original');
    originals.set(entry.name, entry.isDirectory() ? (statSync(original, { throwIfNoEntry: false })?.size ?? -1) : -1);
  }
  return originals;
}

/**
 * Bytes of files written under `folder` since `sinceMs`, grouped by the page
 * they cache (routeOfEntryFile): `de/article` for an article page's entry,
 * `[locale]` for pages cached under a first segment that is no locale.
 */
function newFilesByRoute(folder: string, sinceMs: number): Map<string, { files: number; bytes: number }> {
  const groups = new Map<string, { files: number; bytes: number }>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const stats = statSync(full);
      if (stats.mtimeMs < sinceMs) continue;
      const route = routeOfEntryFile(full);
      const group = groups.get(route) ?? { files: 0, bytes: 0 };
      group.files += 1;
      group.bytes += stats.size;
      groups.set(route, group);
    }
  };
  walk(folder);
  return groups;
}

function describeGrowth(groups: Map<string, { files: number; bytes: number }>): string {
  return (
    [...groups.entries()]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 8)
      .map(([route, { files, bytes }]) => `${route}: ${files} files, ${megabytes(bytes)}`)
      .join('; ') || 'no new files'
  );
}

function mainContentOf(html: string): string {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
}

// ---------------------------------------------------------------------------

let build: ReturnType<typeof copyBuild> | null = null;
let portal: OwnPortal | null = null;
let target: Target;
let context: Context;
let before: Awaited<ReturnType<typeof contentFingerprint>>;
let mediaBefore = new Map<string, number>();
const mainBefore = new Map<string, string>();

type Sample = { phase: string; done: number; rss: number };
const memory: Sample[] = [];

function own(): OwnPortal {
  if (!portal) throw new Error('the portal did not start');
  return portal;
}

function distFolder(): string {
  if (!build) throw new Error('no copy of the build');
  return path.join(ROOT, build.distDir);
}

/** The different error messages in the server's log (its last 200 kB), with how often each appears. */
function errorsLogged(): string {
  const counts = new Map<string, number>();
  for (const line of own().serverLog().split('\n')) {
    const message = /\b(\w*Error\b.*)/.exec(line)?.[1]?.slice(0, 160);
    if (message) counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts.entries()].slice(0, 10).map(([message, count]) => `\n  ${count}× ${message}`).join('') || 'none';
}

/** Throws with the end of the server's log when its process has gone (a crash ends the fuzz). */
function assertServerRunning(): void {
  if (existsSync(`/proc/${own().serverPid}`)) return;
  throw new Error(`the portal server is gone; the end of its log:\n${own().serverLog().slice(-6_000)}`);
}

function sampleMemory(phase: string, done: number): void {
  assertServerRunning();
  memory.push({ phase, done, rss: residentBytes(own().serverPid) });
}

function withDatabase<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  return withPortalDatabase(own(), work);
}

async function readMain(pagePath: string): Promise<string> {
  const answer = await sendRequest(target, { method: 'GET', path: pagePath, timeoutMs: REQUEST_TIMEOUT_MS, keepBytes: 5_000_000 });
  if (answer.status !== 200) throw new Error(`${pagePath} answered ${answer.status}`);
  return mainContentOf(answer.body.toString('utf8'));
}

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  portal = await startOwnPortal({
    distDir: build.distDir,
    revalidateSecret: REVALIDATE_SECRET,
    previewSecret: 'fuzz-preview-secret',
    // The API allowance per client address is a few hundred a minute; the fuzz is one client.
    // It plays a front proxy too (X-Forwarded-Proto: https gets HSTS only from a trusted one).
    env: { API_RATE_LIMIT_PER_MINUTE: '10000000', TRUST_PROXY: '1' },
  });
  target = targetOf(portal.baseUrl);
  const token = await withDatabase((prisma) => createEditorToken(prisma, 'fuzz'));
  const articleIds = (await withDatabase((prisma) => prisma.article.findMany({ select: { id: true } }))).map((article) => article.id);
  context = { token, articleIds, origin: portal.baseUrl };

  // Warm-up: every page the fuzz may legitimately render is in the cache before
  // anything is measured, and the server has seen each kind of request once.
  for (const pagePath of [...READER_PAGES, ...OTHER_FILES, ...READER_PAGES]) {
    const answer = await sendRequest(target, { method: 'GET', path: pagePath, timeoutMs: REQUEST_TIMEOUT_MS });
    if (answer.status !== 200) throw new Error(`warming up: ${pagePath} answered ${answer.status}`);
  }
  await run(target, hostileProbes(hostileCategories(context, target), SEED + 1, 500), new Scoreboard(), Date.now() + 120_000);
  await run(target, unknownArticleProbes(SEED + 1, 200), new Scoreboard(), Date.now() + 60_000);

  before = await withDatabase(contentFingerprint);
  mediaBefore = mediaOriginals(portal.mediaDir);
  for (const pagePath of COMPARED_PAGES) mainBefore.set(pagePath, await readMain(pagePath));
  if ([...mainBefore.values()].some((main) => main.length < 200)) throw new Error('a compared page has no <main> content');
  sampleMemory('warm', 0);
}, 300_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
}, 120_000);

describe('hostile requests', () => {
  it(`answers ${HOSTILE_REQUESTS.toLocaleString('en')} seeded hostile requests with the right 4xx, never a 5xx, always with the security headers`, async () => {
    const scoreboard = new Scoreboard();
    const cacheBefore = diskBytes(distFolder());
    const startedAt = Date.now();
    const sent = await run(target, hostileProbes(hostileCategories(context, target), SEED, HOSTILE_REQUESTS), scoreboard, startedAt + HOSTILE_DEADLINE_MS, (done) => {
      if (done % 1_000 === 0) sampleMemory('hostile', done);
    });
    const seconds = (Date.now() - startedAt) / 1000;
    sampleMemory('hostile', sent);
    const growth = diskBytes(distFolder()) - cacheBefore;

    console.log(
      `[fuzz] seed ${SEED}: ${sent} hostile requests in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s), ` +
        `p50 ${percentile(scoreboard.latencies, 0.5).toFixed(0)} ms, p99 ${percentile(scoreboard.latencies, 0.99).toFixed(0)} ms, ` +
        `${scoreboard.serverErrors} answered 5xx; build folder grew by ${megabytes(growth)} (${describeGrowth(newFilesByRoute(distFolder(), startedAt))}); ` +
        `server RSS ${memory.map((sample) => `${sample.phase} ${sample.done}: ${megabytes(sample.rss)}`).join(', ')}\n${scoreboard.summary()}`,
    );
    const failures = scoreboard.failures();
    if (failures.length > 0) console.log(`[fuzz] wrong answers by category:\n${failures.join('\n')}\n[fuzz] errors the server logged: ${errorsLogged()}`);

    expect(sent).toBeGreaterThanOrEqual(HOSTILE_REQUESTS);
    expect(failures).toEqual([]);
    // Unknown tags, page numbers and the like are refused without leaving anything on disk.
    expect(growth, describeGrowth(newFilesByRoute(distFolder(), startedAt))).toBeLessThanOrEqual(MAX_CACHE_GROWTH_BYTES);
  }, HOSTILE_DEADLINE_MS + 90_000);

  it(`keeps the ISR cache on disk from growing by more than 1 MB over ${UNKNOWN_ARTICLE_REQUESTS.toLocaleString('en')} unknown article URLs`, async () => {
    const scoreboard = new Scoreboard();
    // The ISR cache keeps its entries in <distDir>/cache/portal-isr, what the build prerendered in <distDir>/server:
    // the whole copy of the build is measured, so neither can hide.
    const cacheBefore = diskBytes(distFolder());
    const startedAt = Date.now();
    sampleMemory('unknown articles', 0);
    const sent = await run(target, unknownArticleProbes(SEED, UNKNOWN_ARTICLE_REQUESTS), scoreboard, startedAt + UNKNOWN_ARTICLES_DEADLINE_MS, (done) => {
      if (done % 1_000 === 0) sampleMemory('unknown articles', done);
    });
    sampleMemory('unknown articles', sent);
    const seconds = (Date.now() - startedAt) / 1000;
    const growth = diskBytes(distFolder()) - cacheBefore;
    console.log(
      `[fuzz] ${sent} unknown article URLs in ${seconds.toFixed(0)} s, p99 ${percentile(scoreboard.latencies, 0.99).toFixed(0)} ms, ` +
        `statuses ${scoreboard.summary().trim()}; build folder grew by ${megabytes(growth)} (${describeGrowth(newFilesByRoute(distFolder(), startedAt))}); ` +
        `server RSS ${memory.map((sample) => `${sample.phase} ${sample.done}: ${megabytes(sample.rss)}`).join(', ')}`,
    );
    const failures = scoreboard.failures();
    if (failures.length > 0) console.log(`[fuzz] wrong answers:\n${failures.join('\n')}`);

    expect(sent).toBeGreaterThanOrEqual(UNKNOWN_ARTICLE_REQUESTS);
    expect(failures).toEqual([]);
    expect(growth, describeGrowth(newFilesByRoute(distFolder(), startedAt))).toBeLessThanOrEqual(MAX_CACHE_GROWTH_BYTES);
  }, UNKNOWN_ARTICLES_DEADLINE_MS + 90_000);

  it("keeps the server's memory bounded over the unknown article URLs", () => {
    const warm = memory.find((sample) => sample.phase === 'warm');
    const articles = memory.filter((sample) => sample.phase === 'unknown articles');
    const last = articles[articles.length - 1];
    if (!warm || !last || last.done === 0) throw new Error('the memory samples are missing: did the earlier tests run?');
    console.log(`[fuzz] server RSS: ${memory.map((sample) => `${sample.phase} ${sample.done}: ${megabytes(sample.rss)}`).join(', ')}`);
    assertServerRunning();
    // RSS moves in steps of tens, once of hundreds, of megabytes as V8 and the
    // allocator take pages and keep them (in about one run of three the heap
    // first grows until server/heap-governor.ts steps in; RSS then stays
    // 300–370 MB above the warm-up), so a comparison of halves is noise. A
    // leak of the kind this guards against kept 100–200 KB per unknown URL
    // (1–2 GB over 10,000) and ended the process; the ceiling lets through
    // about 50 KB per URL.
    expect(last.rss - warm.rss, 'RSS growth since the warm-up').toBeLessThanOrEqual(512 * MB);
  });

  it('changed no content, no data and no page a reader sees', async () => {
    expect(await withDatabase(contentFingerprint)).toEqual(before);
    expect(mediaOriginals(own().mediaDir)).toEqual(mediaBefore);
    assertServerRunning();
    for (const pagePath of COMPARED_PAGES) {
      const main = await readMain(pagePath);
      expect(main === mainBefore.get(pagePath), `the main content of ${pagePath} changed`).toBe(true);
    }
  }, 120_000);
});
