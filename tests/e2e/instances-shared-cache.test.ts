import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { freePort } from '../../scripts/lib/free-port';
import { startFrontCache } from '../../scripts/lib/nginx-front-cache';
import { startRedisServer, type RunningRedis } from '../../scripts/lib/redis-server';
import { articlePath, demoTag, tagPath } from './helpers';
import { apiAt, getFrom, publishAt, type Published, type Reply } from './portal-client';
import { startOwnPortal, type AnotherServer, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { articleInput, headingOf, uniqueSuffix, withText } from './publishing-helpers';
import type { ArticleInput } from '@/lib/content/article-input';
import { MIN_FILL_MS } from '@/lib/feedback/feedback-input';
import { FEEDBACK_TEXT } from './accessibility-helpers';

/*
 * Two portal instances from one build, each in a folder of its own as two
 * hosts would have it, on one PostgreSQL and one Redis (Debian's
 * redis-server on loopback): what one renders is a hit on the other, a write
 * through either is on both within a second, and neither depends on Redis to
 * answer readers.
 */

const VISIBLE_WITHIN_MS = 1_000;
/** The API's default limit per client and minute (server/api-rate-limit.ts). */
const API_LIMIT_PER_MINUTE = 300;

let builds: ReturnType<typeof copyBuild>[] = [];
let portal: OwnPortal | null = null;
let second: AnotherServer | null = null;
let redis: RunningRedis | null = null;
let redisPort = 0;
let token = '';
let mediaOfB = '';

const a = () => {
  if (!portal) throw new Error('instance A did not start');
  return portal.baseUrl;
};
const b = () => {
  if (!second) throw new Error('instance B did not start');
  return second.baseUrl;
};

const get = getFrom;
const api = (origin: string, method: string, path: string, body?: unknown): Promise<Reply> => apiAt(origin, token, method, path, body);
const publish = (origin: string, input?: ArticleInput): Promise<Published> => publishAt(origin, token, input);

/** Starts Redis, on the same port as before when it is started again (the instances keep their REDIS_URL). */
async function startRedis(): Promise<void> {
  redis = await startRedisServer(redisPort || undefined);
  redisPort = redis.port;
}

async function stopRedis(): Promise<void> {
  const running = redis;
  redis = null;
  await running?.stop();
}

/** How long until `check` holds, polling every 50 ms; throws after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  await startRedis();
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  builds = [copyBuild(inject('distDir')), copyBuild(inject('distDir'))];
  const [first, other] = builds;
  if (!first || !other) throw new Error('the builds were not copied');
  portal = await startOwnPortal({
    distDir: first.distDir,
    revalidateSecret: 'instances-revalidate-secret',
    previewSecret: 'instances-preview-secret',
    env: { REDIS_URL: redisUrl, TRUST_PROXY: '1' },
  });
  // B has a media folder of its own, as another host would: originals come from the database.
  mediaOfB = mkdtempSync(path.join(tmpdir(), 'portal-instance-b-media-'));
  second = await portal.startAnotherServer({ distDir: other.distDir, env: { REDIS_URL: redisUrl, MEDIA_DIR: mediaOfB, TRUST_PROXY: '1' } });
  token = await withPortalDatabase(portal, (prisma) => createEditorToken(prisma, `instances-${uniqueSuffix()}`));
}, 300_000);

afterAll(async () => {
  await portal?.close();
  await stopRedis();
  for (const build of builds) build.remove();
  if (mediaOfB) rmSync(mediaOfB, { recursive: true, force: true });
});

describe('two instances on one database and one Redis', () => {
  it('answers a page rendered by one instance from the shared cache on the other, at its first request', async () => {
    const article = await publish(a());
    const onA = await get(a(), article.urls.de);
    expect(onA.status).toBe(200);
    const onB = await get(b(), article.urls.de);
    expect(onB.status).toBe(200);
    expect(onB.headers.get('x-nextjs-cache')).toBe('HIT');
    expect(headingOf(onB.text)).toBe(article.input.translations.de?.title);
  });

  it(`shows a write through A on B within ${VISIBLE_WITHIN_MS} ms: both articles, home, tag pages, feeds, sitemap, and the old URL's redirect`, async () => {
    const article = await publish(a(), articleInput({ tags: ['irak'] }));
    const tagPages = [tagPath('de', demoTag('irak').de.slug), tagPath('en', demoTag('irak').en.slug)];
    const paths = [article.urls.de, article.urls.en, '/de', '/en', ...tagPages, '/de/feed.xml', '/en/feed.xml', '/sitemaps/sitemap/0.xml'];
    for (const path of paths) {
      await get(b(), path);
      await get(b(), path);
    }
    const label = uniqueSuffix();
    const newSlug = `umbenannt-${label}`;
    const changed = withText(withText(article.input, 'de', { title: `Geändert ${label}`, slug: newSlug }), 'en', { title: `Changed ${label}` });
    expect((await api(a(), 'PUT', `/api/articles/${article.id}`, changed)).status).toBe(200);
    const newDeUrl = articlePath('de', newSlug);
    const expectations: [string, (reply: Reply) => boolean][] = [
      [newDeUrl, (reply) => headingOf(reply.text) === `Geändert ${label}`],
      [article.urls.de, (reply) => reply.status === 308 && reply.headers.get('location')?.endsWith(newDeUrl) === true],
      [article.urls.en, (reply) => headingOf(reply.text) === `Changed ${label}`],
      ['/de', (reply) => reply.text.includes(`Geändert ${label}`)],
      ['/en', (reply) => reply.text.includes(`Changed ${label}`)],
      [tagPages[0] ?? '', (reply) => reply.text.includes(`Geändert ${label}`)],
      [tagPages[1] ?? '', (reply) => reply.text.includes(`Changed ${label}`)],
      ['/de/feed.xml', (reply) => reply.text.includes(`Geändert ${label}`)],
      ['/en/feed.xml', (reply) => reply.text.includes(`Changed ${label}`)],
      ['/sitemaps/sitemap/0.xml', (reply) => reply.text.includes(newSlug)],
    ];
    const shown = await Promise.all(expectations.map(([path, holds]) => within(VISIBLE_WITHIN_MS, async () => holds(await get(b(), path)))));
    // Each page's time, so that a miss says which page was late.
    const byPath = Object.fromEntries(expectations.map(([path], index) => [path, shown[index]]));
    expect(Math.max(...shown), JSON.stringify(byPath)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  it(`answers 410 on A within ${VISIBLE_WITHIN_MS} ms for an article withdrawn through B`, async () => {
    const article = await publish(b());
    for (let round = 0; round < 2; round += 1) await get(a(), article.urls.en);
    expect((await api(b(), 'DELETE', `/api/articles/${article.id}`)).status).toBe(200);
    await within(VISIBLE_WITHIN_MS, async () => (await get(a(), article.urls.en)).status === 410);
  });

  it('publishes a scheduled article once, visible on both instances within a minute of its time', async () => {
    const input = articleInput({ publishedAt: new Date(Date.now() + 3_000).toISOString() });
    const article = await publish(a(), input);
    const title = input.translations.de?.title ?? '';
    expect((await get(a(), '/de')).text).not.toContain(title);
    await within(60_000, async () => (await get(a(), '/de')).text.includes(title) && (await get(b(), '/de')).text.includes(title));
    const announced = await withPortalDatabase(portal as OwnPortal, (prisma) =>
      prisma.article.findUniqueOrThrow({ where: { id: article.id }, select: { announcedAt: true } }),
    );
    expect(announced.announcedAt).not.toBeNull();
  }, 90_000);

  it('opens on B a preview link made on A', async () => {
    const created = await api(a(), 'POST', '/api/articles', articleInput({ status: 'draft' }));
    const { previewUrl } = JSON.parse(created.text) as { previewUrl?: string };
    if (previewUrl === undefined) throw new Error(`no preview link: ${created.text}`);
    const preview = await get(b(), previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Wasserrechte');
  });

  it('accepts on B the barrier form that A rendered, and stores it once', async () => {
    const formPath = '/en/report-a-barrier';
    const html = (await get(a(), formPath)).text;
    const form = new FormData();
    for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(input)?.[1];
      if (name === undefined || !/\btype="hidden"/.test(input)) continue;
      form.append(name.replaceAll('&amp;', '&'), (/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"'));
    }
    const message = `The contrast of the menu is too low ${uniqueSuffix()}`;
    form.append('message', message);
    form.append('website', '');
    await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS + 400));
    const before = await withPortalDatabase(portal as OwnPortal, (prisma) => prisma.feedback.count({ where: { message } }));
    const answer = await fetch(new URL(formPath, b()), { method: 'POST', body: form, headers: { origin: b() }, redirect: 'manual' });
    const text = await answer.text();
    expect(answer.status, text.slice(0, 300)).toBe(200);
    expect(text).toContain(FEEDBACK_TEXT.en.thanksHeading);
    const after = await withPortalDatabase(portal as OwnPortal, (prisma) => prisma.feedback.count({ where: { message } }));
    expect(after - before).toBe(1);
  });

  it('serves on B an image uploaded through A', async () => {
    const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#2f6f4f' } }).png().toBuffer();
    const uploaded = await fetch(new URL('/api/media', a()), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    expect(uploaded.status).toBe(201);
    const { mediaId } = (await uploaded.json()) as { mediaId: string };
    const image = await fetch(new URL(`/media/${mediaId}/480.webp`, b()));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(480);
  });

  it('counts the API rate limit of a client over both instances', async () => {
    // One client (as nginx names it) sends the limit's worth of requests, half to each instance.
    const client = { 'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 200)}` };
    const statuses: number[] = [];
    for (let index = 0; index < API_LIMIT_PER_MINUTE + 1; index += 1) {
      const origin = index % 2 === 0 ? a() : b();
      const answer = await fetch(new URL('/api/articles/1', origin), { headers: client });
      await answer.body?.cancel();
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, API_LIMIT_PER_MINUTE).every((status) => status !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  }, 60_000);

  it('behind nginx balancing over both, shows readers a write at once whichever instance answers', async () => {
    const front = await startFrontCache({ port: await freePort(), upstream: [new URL(a()).host, new URL(b()).host] });
    try {
      const article = await publish(front.url);
      for (let round = 0; round < 4; round += 1) expect((await get(front.url, article.urls.de)).status).toBe(200);
      const label = uniqueSuffix();
      expect((await api(front.url, 'PUT', `/api/articles/${article.id}`, withText(article.input, 'de', { title: `Über nginx ${label}` }))).status).toBe(200);
      // nginx keeps a page for a second (deploy/nginx); after that every answer, from either instance, has the change.
      await within(3_000, async () => headingOf((await get(front.url, article.urls.de)).text) === `Über nginx ${label}`);
      for (let round = 0; round < 4; round += 1) expect(headingOf((await get(front.url, article.urls.de)).text)).toBe(`Über nginx ${label}`);
    } finally {
      await front.stop();
    }
  });

  it('keeps answering readers on both while Redis is down, and shares again once it is back', async () => {
    const cached = await publish(a());
    for (const origin of [a(), b()]) for (let round = 0; round < 2; round += 1) await get(origin, cached.urls.de);

    await stopRedis();
    for (const origin of [a(), b()]) {
      const page = await get(origin, cached.urls.de);
      expect(page.status).toBe(200);
      expect(headingOf(page.text)).toBe(cached.input.translations.de?.title);
    }
    const renderedMeanwhile = await publish(a());
    expect((await get(b(), renderedMeanwhile.urls.en)).status).toBe(200);

    await startRedis();
    // The instances reconnect by themselves; a page rendered on A after that is a hit on B.
    await within(15_000, async () => {
      const article = await publish(a());
      await get(a(), article.urls.en);
      return (await get(b(), article.urls.en)).headers.get('x-nextjs-cache') === 'HIT';
    });
  }, 60_000);
});
