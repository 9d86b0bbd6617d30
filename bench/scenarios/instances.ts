import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/free-port';
import { freshServingCopy, PROJECT_ROOT } from '../lib/build';
import type { CatalogArticle } from '../lib/catalog';
import { countAnswers, countLabels, forEachConcurrently, getPage, header, sleep, type RawResponse } from '../lib/http';
import { startPortal, type PortalUnderTest } from '../lib/portal';
import { readArticle, replaceArticle } from '../lib/portal-api';
import { redisSetCalls } from '../lib/redis';
import { startRedisServer } from '../../scripts/lib/redis-server';
import { loadInRounds, warmPaths, type Rounds, type TargetResult } from './cached';
import { measureFreshness, type FreshnessResult } from './freshness';
import { startFrontCache } from '../../scripts/lib/nginx-front-cache';

/*
 * Several instances (README, "Running several instances"): two portal
 * instances, each serving its own copy of one build as two hosts would, on
 * the bench's PostgreSQL and one Redis, behind nginx with the shipped
 * configuration balancing over both. Measured: cached article pages through
 * nginx over both against nginx over one of them, in turns; publish-to-visible
 * on the other instance than the one written to; and how often the pages a
 * write made stale are rendered again when every one of them is then asked
 * for on both instances (once per page when the instances share their renders).
 */

/** What Next.js says of each answer: HIT from the ISR cache (its own disk or Redis), MISS when it rendered the page for this request. */
const CACHE_HEADER = 'x-nextjs-cache';
/** Both instances hear of a write within a second (LISTEN/NOTIFY); the wait before the pages are asked for again. */
export const HEARD_WITHIN_MS = 1_500;
/** Shared by both instances, as the README asks: a form rendered by one is accepted by the other. */
const SERVER_ACTIONS_KEY = randomBytes(32).toString('base64');

export type RendersPerWrite = {
  writes: number;
  /** Pages each write made stale that were asked for, per write. */
  pagesPerWrite: number;
  /** Answers rendered for the request (x-nextjs-cache MISS) over all writes, per instance. */
  rendersOnA: number;
  rendersOnB: number;
  /** Renders over both instances divided by the pages asked for: 1 when each page is rendered once. */
  rendersPerPage: number;
  /** x-nextjs-cache of every answer after the writes, per instance. */
  answersOnA: Record<string, number>;
  answersOnB: Record<string, number>;
  /** Article pages that did not show the write on the instance that answered. */
  notShowingWrite: number;
  /** SET commands Redis ran per write: every entry (page or cached query) an instance shared. */
  redisSetsPerWrite: number;
};

export type InstancesResult = {
  overBoth: TargetResult;
  overOne: TargetResult;
  /** Instance A loaded directly, without nginx: the figure of one instance. */
  direct: TargetResult;
  /** x-nextjs-cache of B's first answer for each page A had rendered: HIT when B took A's render from Redis. */
  firstAnswersOnB: Record<string, number>;
  /** Publish-to-visible with the write through A and the reader asking B directly. */
  publishToOther: FreshnessResult;
  renders: RendersPerWrite;
};

type Instance = PortalUnderTest & { remove: () => Promise<void> };

async function startInstance(name: string, options: { distDir: string; databaseUrl: string; redisUrl: string }): Promise<Instance> {
  const distDir = freshServingCopy(options.distDir, `instance-${name}`);
  // Each host resizes images into a folder of its own; the originals are in the database.
  const mediaDir = mkdtempSync(path.join(tmpdir(), `portal-bench-instance-${name}-media-`));
  const removeFiles = () => {
    rmSync(path.join(PROJECT_ROOT, distDir), { recursive: true, force: true });
    rmSync(mediaDir, { recursive: true, force: true });
  };
  try {
    const portal = await startPortal({
      distDir,
      databaseUrl: options.databaseUrl,
      mediaDir,
      cpuProfileDir: null,
      env: { REDIS_URL: options.redisUrl, TRUST_PROXY: '1', NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: SERVER_ACTIONS_KEY },
    });
    return { ...portal, remove: async () => (await portal.stop(), removeFiles()) };
  } catch (error) {
    removeFiles();
    throw error;
  }
}

const cacheLabel = (page: RawResponse) => (page.status === 200 ? header(page.headers, CACHE_HEADER) || '(none)' : `status ${page.status}`);

/**
 * Each write changes an article's title through A; once both instances heard of it, each page it made
 * stale (the article in both languages, the home pages) is asked for on both, one instance after the
 * other, A first for every other page: a reader on the second instance comes after one on the first.
 */
async function measureRendersPerWrite(options: {
  a: Instance;
  b: Instance;
  redisPort: number;
  articles: readonly CatalogArticle[];
  listingPaths: readonly string[];
  log: (line: string) => void;
}): Promise<RendersPerWrite> {
  const { a, b } = options;
  const answers = { a: [] as RawResponse[], b: [] as RawResponse[] };
  let notShowingWrite = 0;
  let pagesPerWrite = 0;
  let redisSets = 0;
  for (const article of options.articles) {
    const articlePaths = Object.values(article.paths);
    const pages = [...articlePaths, ...options.listingPaths];
    pagesPerWrite = pages.length;
    // Every page is in both instances' caches before the write, as on a live site.
    for (const instance of [a, b]) await warmPaths(instance.origin, pages, 2);

    const submitted = await readArticle(a.origin, a.editorToken, article.id);
    const marker = `Stand ${randomBytes(4).toString('hex')}`;
    for (const translation of Object.values(submitted.translations)) {
      translation.title = `${translation.title.replace(/ Stand [0-9a-f]{8}$/, '')} ${marker}`;
    }
    const setsBefore = await redisSetCalls(options.redisPort);
    await replaceArticle(a.origin, a.editorToken, article.id, submitted);
    await sleep(HEARD_WITHIN_MS);

    for (const [index, page] of pages.entries()) {
      const order = index % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      for (const name of order) {
        const answer = await getPage(`${(name === 'a' ? a : b).origin}${page}`);
        answers[name].push(answer);
        if (articlePaths.includes(page) && !answer.text.includes(marker)) notShowingWrite += 1;
      }
    }
    redisSets += (await redisSetCalls(options.redisPort)) - setsBefore;
  }
  const answersOnA = countLabels(answers.a, cacheLabel);
  const answersOnB = countLabels(answers.b, cacheLabel);
  const rendersOnA = answersOnA.MISS ?? 0;
  const rendersOnB = answersOnB.MISS ?? 0;
  const writes = options.articles.length;
  const result = {
    writes,
    pagesPerWrite,
    rendersOnA,
    rendersOnB,
    rendersPerPage: (rendersOnA + rendersOnB) / Math.max(1, writes * pagesPerWrite),
    answersOnA,
    answersOnB,
    notShowingWrite,
    redisSetsPerWrite: redisSets / Math.max(1, writes),
  };
  options.log(`renders per write: ${rendersOnA} on A, ${rendersOnB} on B for ${writes} × ${pagesPerWrite} pages (${result.rendersPerPage.toFixed(2)} per page)`);
  return result;
}

export async function measureInstances(options: {
  distDir: string;
  databaseUrl: string;
  /** Cached article paths loaded through nginx. */
  paths: readonly string[];
  /** Listing pages every article write makes stale (the home pages). */
  listingPaths: readonly string[];
  /** Articles changed for publish-to-visible, and others for the renders per write. */
  publishArticles: readonly CatalogArticle[];
  updates: number;
  renderArticles: readonly CatalogArticle[];
  rounds: Rounds;
  /** Called with each stop as it becomes needed, so that an interrupted run still stops everything. */
  onStarted: (stop: () => Promise<void>) => void;
}): Promise<InstancesResult> {
  const { log } = options.rounds;
  const stops: (() => Promise<void>)[] = [];
  const started = (stop: () => Promise<void>) => {
    stops.push(stop);
    options.onStarted(stop);
  };
  try {
    const redis = await startRedisServer();
    started(redis.stop);
    const instance = { distDir: options.distDir, databaseUrl: options.databaseUrl, redisUrl: redis.url };
    const starts = await Promise.allSettled([startInstance('a', instance), startInstance('b', instance)]);
    for (const start of starts) if (start.status === 'fulfilled') started(start.value.remove);
    const [a, b] = starts.map((start) => {
      if (start.status === 'rejected') throw start.reason;
      return start.value;
    });
    if (!a || !b) throw new Error('the instances did not start');
    log(`instances on ${a.origin} (pid ${a.pid}) and ${b.origin} (pid ${b.pid}), Redis on ${redis.url}`);

    log(`rendering ${options.paths.length} article pages on A, then asking B for them`);
    const warmedOnA = await warmPaths(a.origin, options.paths);
    const paths = warmedOnA.paths;
    const firstAnswersOnB = await countAnswers(b.origin, paths, cacheLabel);
    await warmPaths(b.origin, paths);

    const both = await startFrontCache({ port: await freePort(), upstream: [new URL(a.origin).host, new URL(b.origin).host] });
    started(both.stop);
    const one = await startFrontCache({ port: await freePort(), upstream: new URL(a.origin).host });
    started(one.stop);
    for (const front of [both, one]) {
      await forEachConcurrently(paths, 4, async (page) => {
        await getPage(`${front.url}${page}`);
      });
    }
    const [overBoth, overOne, direct] = await loadInRounds(
      [
        { name: 'nginx over both instances', origin: both.url, paths, connections: 50 },
        { name: 'nginx over instance A alone', origin: one.url, paths, connections: 50 },
        { name: 'instance A directly', origin: a.origin, paths, connections: 50, serverPid: a.pid },
      ],
      options.rounds,
    );
    if (!overBoth || !overOne || !direct) throw new Error('a load target gave no result');
    await both.stop();
    await one.stop();

    log('publish-to-visible: written through A, read from B');
    const publishToOther = await measureFreshness({
      origin: a.origin,
      readerOrigin: b.origin,
      editorToken: a.editorToken,
      articles: options.publishArticles,
      updates: options.updates,
      log,
    });
    const renders = await measureRendersPerWrite({ a, b, redisPort: redis.port, articles: options.renderArticles, listingPaths: options.listingPaths, log });
    return { overBoth, overOne, direct, firstAnswersOnB, publishToOther, renders };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
