import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUSY_RETRY_AFTER_SECONDS } from '@/server/request-gate';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { REFERENCE_LABEL, securityHeaderProblems, UNAVAILABLE_HEADING } from './hardening-helpers';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { headingOf, textOf } from './publishing-helpers';
import { articlePath, demoArticle, translationOf } from './helpers';
import { cacheFolders, entriesIn } from './isr-cache-entries';

/*
 * Load shedding (server/request-gate.ts) on a portal of its own that takes
 * one request at a time and lets one more wait: a burst of searches, which
 * are rendered for each request, must be answered at once, part of it with a
 * localized 503 page and Retry-After instead of queuing without end, and the
 * portal serves normally as soon as the burst is over.
 */

const BURST = 24;
const REQUEST_TIMEOUT_MS = 15_000;

let build: ReturnType<typeof copyBuild> | null = null;
let portal: OwnPortal | null = null;
let token = '';
let articleId = 0;

function ownBuild(): { distDir: string } {
  if (!build) throw new Error('the build was not copied');
  return build;
}

function own(): OwnPortal {
  if (!portal) throw new Error('the portal did not start');
  return portal;
}

type Reply = { status: number; headers: Headers; text: string };

async function send(path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(new URL(path, own().baseUrl), { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  portal = await startOwnPortal({
    distDir: build.distDir,
    revalidateSecret: 'overload-revalidate-secret',
    previewSecret: 'overload-preview-secret',
    // Listening on a loopback address, as behind a front cache on the same machine (README, HOST).
    env: { PORTAL_MAX_ACTIVE_REQUESTS: '1', PORTAL_MAX_QUEUED_REQUESTS: '1', HOST: '127.0.0.1' },
  });
  token = await withPortalDatabase(portal, (prisma) => createEditorToken(prisma, 'overload'));
  const article = await withPortalDatabase(portal, (prisma) => prisma.article.findFirst({ select: { id: true } }));
  if (!article) throw new Error('the demo content has no article');
  articleId = article.id;
}, 300_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
});

describe('a portal with more requests than it takes at once', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`(${locale}) answers a burst at once, the overflow with a localized 503 page and Retry-After, and serves again afterwards`, async () => {
      const searchPath = locale === 'de' ? '/de/suche' : '/en/search';
      const replies = await Promise.all(Array.from({ length: BURST }, (_, index) => send(`${searchPath}?q=burst${index}`)));
      const statuses = replies.map((reply) => reply.status);
      expect(statuses.every((status) => status === 200 || status === 503), statuses.join(' ')).toBe(true);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);

      const busy = replies.filter((reply) => reply.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      for (const reply of busy) {
        expect(reply.headers.get('retry-after')).toBe(String(BUSY_RETRY_AFTER_SECONDS));
        expect(reply.headers.get('cache-control')).toMatch(/no-store/);
        expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
        expect(securityHeaderProblems(reply.headers, { https: false })).toEqual([]);
        expect(reply.text).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
        expect(headingOf(reply.text)).toBe(UNAVAILABLE_HEADING[locale]);
        expect(textOf(reply.text)).toContain(`${REFERENCE_LABEL[locale]} ${reply.headers.get('x-request-id')}`);
      }

      const after = await send(`${searchPath}?q=after`);
      expect(after.status).toBe(200);
    });
  }

  it('answers API requests it cannot take with 503 JSON and Retry-After', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const replies = await Promise.all(Array.from({ length: BURST }, () => send(`/api/articles/${articleId}`, { headers })));
    const busy = replies.filter((reply) => reply.status === 503);
    expect(replies.every((reply) => reply.status === 200 || reply.status === 503)).toBe(true);
    expect(busy.length).toBeGreaterThan(0);
    for (const reply of busy) {
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.headers.get('retry-after')).toBe(String(BUSY_RETRY_AFTER_SECONDS));
      expect(JSON.parse(reply.text)).toEqual({ error: expect.any(String) });
    }
    expect((await send(`/api/articles/${articleId}`, { headers })).status).toBe(200);
  });
});

describe('the production server process', () => {
  it('listens on 127.0.0.1 and serves the pages whose URLs the proxy rewrites (articles, search) without redirecting', async () => {
    expect(own().baseUrl).toContain('//127.0.0.1:');
    const article = translationOf(demoArticle('01'), 'de');
    for (const pagePath of [articlePath('de', article.slug), '/de/suche?q=Berlin', '/en/search?q=Berlin']) {
      const reply = await send(pagePath);
      expect(reply.status, pagePath).toBe(200);
      expect(reply.text).toMatch(/<main/);
    }
    // The ISR cache is the copy's own, though the configuration came from a build under another name.
    const entries = cacheFolders(ownBuild().distDir).flatMap(entriesIn);
    expect(entries.some((entry) => entry.value.kind === 'APP_PAGE' && entry.key.endsWith(`/de/article/${article.slug}`))).toBe(true);
  });

  it('sends no HSTS when a client it does not trust as a proxy (no TRUST_PROXY) claims X-Forwarded-Proto: https', async () => {
    const reply = await send('/de', { headers: { 'x-forwarded-proto': 'https' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('strict-transport-security')).toBeNull();
  });

  it("runs on the configuration the build wrote, without Next.js's compiler loaded (server/built-next-config.ts)", async () => {
    // A page answered first, so that the server has done everything it does at start.
    expect((await send('/de')).status).toBe(200);
    const mapped = readFileSync(`/proc/${own().serverPid}/maps`, 'utf8');
    // Native code shows in the map as files (the C library always does); Next.js's compiler is next-swc.*.node.
    expect(mapped).toMatch(/libc\.so/);
    expect(mapped).not.toMatch(/next-swc/);
  });
});
