import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient } from '@/lib/prisma-client';
import { readBenchConfig, runsScenario } from './lib/config';
import { buildBaselineNext, buildPortal, freshServingCopy, PROJECT_ROOT } from './lib/build';
import { startBenchDatabase, type BenchDatabase } from './lib/database';
import { evenlyPicked, readCatalog, spreadArticlePaths, type Catalog } from './lib/catalog';
import { startPortal, type PortalUnderTest } from './lib/portal';
import { recordPage, startBareServer, startBaselineNext } from './lib/baselines';
import { BROWSER_ACCEPT_ENCODING, getPage, header, recordPages, summarizeRecorded } from './lib/http';
import { readMemory, watchMemory } from './lib/process';
import { answerSources, loadInRounds, warmPaths } from './scenarios/cached';
import { measureColdRenders } from './scenarios/cold';
import { measureSearch, searchPaths } from './scenarios/search';
import { measureFreshness } from './scenarios/freshness';
import { measurePageWeight, type PageWeight } from './scenarios/weight';
import { runLighthouse } from './scenarios/lighthouse';
import { measureQueriesPerRender } from './scenarios/queries';
import { measureFrontCache } from './scenarios/front-cache';
import { measureInstances } from './scenarios/instances';
import { summarizeWarm, type BenchResults } from './lib/results';
import { markdownTable, renderMarkdown, reportRows } from './lib/report';

/*
 * `npm run bench`: builds the portal for production, fills a fresh embedded
 * PostgreSQL with the demo content and a generated archive, starts the portal
 * and the two baselines on loopback, measures every scenario of issue 6 and
 * writes bench/results/latest.md and latest.json. Environment variables that
 * shorten a run are listed in bench/lib/config.ts.
 */

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
/** Causes of missed targets found by profiling, kept by hand and copied into the results. */
const CAUSES_FILE = path.join(PROJECT_ROOT, 'bench', 'causes.md');
const NEXT_VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'next', 'package.json'), 'utf8')) as { version: string }).version;

/** Writes of the instances scenario whose renders are counted, each making 8 pages stale (article in two languages, six home pages). */
const INSTANCES_RENDER_WRITES = 5;
const log = (line: string) => console.log(`[bench] ${line}`);
const config = readBenchConfig();
const runStarted = performance.now();
const durations: Record<string, number> = {};
/** The portal server's resident memory after each phase, MB: where it grows. */
const residentAfter: Record<string, number> = {};
/** When each phase ran, on the monotonic clock V8's CPU profiles use (µs): lets bench/profile.ts pick one phase. */
const phaseWindows: Record<string, { fromMicros: number; toMicros: number }> = {};
const monotonicMicros = () => Number(process.hrtime.bigint() / 1_000n);
let portalPid: number | null = null;

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const fromMicros = monotonicMicros();
  try {
    return await work();
  } finally {
    durations[name] = Math.round((performance.now() - started) / 100) / 10;
    phaseWindows[name] = { fromMicros, toMicros: monotonicMicros() };
    const reading = portalPid === null ? null : readMemory(portalPid);
    if (reading) residentAfter[name] = Math.round(reading.residentKb / 1024);
  }
}

// Everything started is stopped again, in reverse order, also on Ctrl-C.
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => log(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

async function prepare(): Promise<{ database: BenchDatabase; baselineApp: string }> {
  // The builds and the database are independent: prepared side by side.
  const [builds, database] = await Promise.allSettled([
    timed('build', async () => {
      const portal = await buildPortal({ distDir: config.distDir, reuse: config.skipBuild, log });
      log(portal === 'reused' ? `reusing the build in ${config.distDir} (BENCH_SKIP_BUILD=1)` : `built into ${config.distDir}`);
      return buildBaselineNext({ reuse: config.skipBuild, log });
    }),
    timed('database', () => startBenchDatabase({ articles: config.articles, seed: config.seed, log })),
  ]);
  if (database.status === 'fulfilled') cleanups.push(database.value.stop);
  if (builds.status === 'rejected') throw builds.reason;
  if (database.status === 'rejected') throw database.reason;
  return { database: database.value, baselineApp: builds.value };
}

/** Runs one scenario if BENCH_ONLY asks for it; a failure is noted in the results and the run goes on. */
async function scenario(results: BenchResults, name: string, work: () => Promise<void>): Promise<void> {
  if (!runsScenario(config, name)) return;
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.failures = { ...results.failures, [name]: message.slice(0, 2_000) };
    log(`${name} failed: ${message}`);
  }
}

/**
 * The articles the freshness scenarios change: one every `step` through the
 * archive, starting `into` that far into the first step (0, ½, ¼, ¾: so that
 * two scenarios never change the same article).
 */
function articlesToUpdate(catalog: Catalog, into: 0 | 0.25 | 0.5 | 0.75, count = config.freshnessUpdates): Catalog['articles'] {
  const step = Math.max(1, Math.floor(catalog.articles.length / config.freshnessUpdates));
  const offset = Math.floor(step * into);
  return catalog.articles.filter((_, index) => index % step === offset).slice(0, count);
}

async function pickWeighedArticle(origin: string, paths: readonly string[]): Promise<PageWeight> {
  // A German article of the generated archive (from the middle of the list) with a lead image, as most have one.
  for (const candidate of paths.slice(Math.floor(paths.length / 2)).filter((p) => p.startsWith('/de/')).slice(0, 20)) {
    const weight = await measurePageWeight(origin, candidate);
    if (weight.bytes.leadImage > 0) return weight;
  }
  throw new Error('no article with a lead image among 20 cached German articles');
}

async function measure(portal: PortalUnderTest, database: BenchDatabase, catalog: Catalog, baselineApp: string, results: BenchResults): Promise<void> {
  const origin = portal.origin;
  const articlePaths = spreadArticlePaths(catalog, config.cachedArticleUrls);
  const articleIdByPath = new Map(catalog.articles.flatMap((article) => Object.values(article.paths).map((p) => [p, article.id] as const)));
  const withIds = (paths: readonly string[]) => paths.map((p) => ({ path: p, articleId: articleIdByPath.get(p) ?? 0 }));

  const warmed = await timed('warm-up', async () => {
    log(`rendering ${articlePaths.length} article pages, ${catalog.homePaths.length} home and ${catalog.tagPaths.length} tag pages once`);
    const articles = await warmPaths(origin, articlePaths);
    const home = await warmPaths(origin, catalog.homePaths);
    const tags = await warmPaths(origin, catalog.tagPaths);
    results.warmed = {
      articles: summarizeWarm(articlePaths.length, articles),
      home: summarizeWarm(catalog.homePaths.length, home),
      tags: summarizeWarm(catalog.tagPaths.length, tags),
    };
    return { articles: articles.paths, home: home.paths, tags: tags.paths };
  });

  await scenario(results, 'cached', async () => {
    await timed('cached pages and baselines', async () => {
      // Each article URL's bytes, for the bare server to answer with (see the front-cache scenario for why not one page for all).
      const cachedPages = await recordPages(origin, warmed.articles);
      const notCached = [...cachedPages].filter(([, page]) => header(page.headers, 'x-nextjs-cache') !== 'HIT').map(([path]) => path);
      if (notCached.length > 0) throw new Error(`${notCached.length} article pages did not come from the cache, e.g. ${notCached[0]}`);
      const baselineNext = await startBaselineNext(baselineApp);
      cleanups.push(baselineNext.stop);
      const bare = await startBareServer(Object.fromEntries([...cachedPages].map(([path, page]) => [path, recordPage(page)])));
      cleanups.push(bare.stop);
      // The floor's page is rendered once and then cached, like the portal's pages.
      await getPage(`${baselineNext.origin}/`);
      await getPage(`${baselineNext.origin}/`);
      const [articles, home, tags, floor, ceiling] = await loadInRounds(
        [
          { name: 'cached article pages', origin, paths: warmed.articles, connections: 50, serverPid: portal.pid },
          { name: 'cached home pages', origin, paths: warmed.home, connections: 50, serverPid: portal.pid },
          { name: 'cached tag pages', origin, paths: warmed.tags, connections: 50, serverPid: portal.pid },
          { name: 'framework floor', origin: baselineNext.origin, paths: ['/'], connections: 50, serverPid: baselineNext.pid },
          { name: 'bare Node.js', origin: bare.origin, paths: warmed.articles, connections: 50, serverPid: bare.pid },
        ],
        { runs: config.runs, seconds: config.seconds, warmUpSeconds: config.warmUpSeconds, log },
      );
      const floorPage = await getPage(`${baselineNext.origin}/`);
      const articleSourcesAfterLoad = await answerSources(origin, warmed.articles);
      if (!articles || !home || !tags || !floor || !ceiling) throw new Error('a load target gave no result');
      results.throughput = {
        articles,
        home,
        tags,
        baselineNext: floor,
        bareNode: ceiling,
        barePages: summarizeRecorded(cachedPages),
        articleSourcesAfterLoad,
        floorPage: {
          bytes: floorPage.body.length,
          weight: await measurePageWeight(baselineNext.origin, '/'),
          cache: header(floorPage.headers, 'x-nextjs-cache') || '(none)',
          peakRssMb: Math.round((readMemory(baselineNext.pid)?.peakKb ?? 0) / 1024),
        },
      };
      await bare.stop();
      await baselineNext.stop();
    });
  });

  await scenario(results, 'search', async () => {
    results.search = await timed('search', async () => {
      const baselineNext = await startBaselineNext(baselineApp);
      cleanups.push(baselineNext.stop);
      try {
        return await measureSearch({
          origin,
          paths: searchPaths(200, config.seed),
          runs: config.runs,
          seconds: config.seconds,
          warmUpSeconds: config.warmUpSeconds,
          connections: 10,
          serverPid: portal.pid,
          floor: { origin: baselineNext.origin, pid: baselineNext.pid },
          log,
        });
      } finally {
        await baselineNext.stop();
      }
    });
  });

  await scenario(results, 'cold', async () => {
    const pages = withIds(evenlyPicked(warmed.articles, config.coldRenderUrls)).filter((page) => page.articleId > 0);
    results.coldRenders = await timed('cold renders', () => measureColdRenders({ origin, pages, runs: config.runs, connections: 10, serverPid: portal.pid, log }));
  });

  await scenario(results, 'queries', async () => {
    results.queriesPerRender = await timed('queries per render', () =>
      measureQueriesPerRender({ origin, databaseUrl: database.url, pages: withIds(warmed.articles.slice(2, 7)), logCapture: database.logCapture }),
    );
  });

  await scenario(results, 'weight', async () => {
    results.pageWeight = await timed('page weight', async () => ({
      article: await pickWeighedArticle(origin, warmed.articles),
      home: await measurePageWeight(origin, '/de'),
    }));
  });

  await scenario(results, 'lighthouse', async () => {
    const articlePath = results.pageWeight?.article.path ?? warmed.articles.find((p) => p.startsWith('/de/')) ?? '/de';
    // Lighthouse opens the pages by the name the portal knows itself by (SITE_URL), as a reader would.
    const publicOrigin = origin.replace('127.0.0.1', 'localhost');
    const [article, home] = await timed('lighthouse', () =>
      runLighthouse({ chromiumPath: config.chromiumPath, urls: [`${publicOrigin}${articlePath}`, `${publicOrigin}/de`], runs: config.lighthouseRuns, log }),
    );
    if (article && home) results.lighthouse = { article, home };
  });

  await scenario(results, 'freshness', async () => {
    const articles = articlesToUpdate(catalog, 0);
    results.freshness = await timed('freshness', () =>
      measureFreshness({ origin, editorToken: portal.editorToken, articles, updates: config.freshnessUpdates, log }),
    );
  });

  await scenario(results, 'front-cache', async () => {
    // Other articles than the freshness scenario's, so that each update starts from a page nobody changed.
    const articles = articlesToUpdate(catalog, 0.5);
    results.frontCache = await timed('front cache', () =>
      measureFrontCache({
        portalOrigin: origin,
        paths: warmed.articles,
        editorToken: portal.editorToken,
        articles,
        updates: config.freshnessUpdates,
        rounds: { runs: config.runs, seconds: config.seconds, warmUpSeconds: config.warmUpSeconds, log },
      }),
    );
  });

  await scenario(results, 'instances', async () => {
    results.instances = await timed('instances', () =>
      measureInstances({
        distDir: config.distDir,
        databaseUrl: database.url,
        paths: warmed.articles,
        listingPaths: catalog.homePaths,
        publishArticles: articlesToUpdate(catalog, 0.25),
        updates: config.freshnessUpdates,
        renderArticles: articlesToUpdate(catalog, 0.75, INSTANCES_RENDER_WRITES),
        rounds: { runs: config.runs, seconds: config.seconds, warmUpSeconds: config.warmUpSeconds, log },
        onStarted: (stop) => cleanups.push(stop),
      }),
    );
  });
}

async function main(): Promise<void> {
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.versions.node,
      next: NEXT_VERSION,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: {
      articles: config.articles,
      seconds: config.seconds,
      runs: config.runs,
      warmUpSeconds: config.warmUpSeconds,
      acceptEncoding: BROWSER_ACCEPT_ENCODING,
      loadGenerator: 'autocannon',
    },
    dataset: { articles: 0, cachedArticleUrls: 0, homeUrls: 0, tagUrls: 0 },
    durationsSeconds: durations,
    phaseWindowsMicros: phaseWindows,
    memory: { peakRssMb: 0, highestSampledRssMb: 0, method: '' },
  };

  const { database, baselineApp } = await prepare();
  for (const [step, seconds] of Object.entries(database.seconds)) durations[`database: ${step}`] = Math.round(seconds * 10) / 10;
  const servingDir = freshServingCopy(config.distDir);
  const portal = await timed('portal start', () => startPortal({ distDir: servingDir, databaseUrl: database.url, mediaDir: database.mediaDir, cpuProfileDir: config.cpuProfileDir }));
  cleanups.push(portal.stop);
  portalPid = portal.pid;
  residentAfter['portal start'] = Math.round((readMemory(portal.pid)?.residentKb ?? 0) / 1024);
  const memory = watchMemory(portal.pid);
  log(`portal on ${portal.origin} (pid ${portal.pid})`);

  const prisma = createPrismaClient(database.url, 1);
  const catalog = await readCatalog(prisma).finally(() => prisma.$disconnect());
  results.dataset = {
    articles: catalog.articles.length,
    cachedArticleUrls: Math.min(config.cachedArticleUrls, catalog.articles.length * 2),
    homeUrls: catalog.homePaths.length,
    tagUrls: catalog.tagPaths.length,
  };

  try {
    await measure(portal, database, catalog, baselineApp, results);
  } finally {
    const highest = memory.stop();
    results.memory = {
      peakRssMb: Math.round(highest.peakKb / 1024),
      highestSampledRssMb: Math.round(highest.residentKb / 1024),
      residentAfterPhaseMb: residentAfter,
      method: `VmHWM (peak resident set) of the portal server process from /proc/${portal.pid}/status, sampled every 250 ms over the whole run`,
    };
  }
  await cleanUp();
  durations.total = Math.round((performance.now() - runStarted) / 100) / 10;

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeReport(results);
  log(`took ${durations.total} s; written to bench/results/latest.md and latest.json`);
}

/** latest.md from the results and the hand-kept causes; the table also goes to the terminal. */
function writeReport(results: BenchResults): void {
  const causes = existsSync(CAUSES_FILE) ? readFileSync(CAUSES_FILE, 'utf8').trim() : '';
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), renderMarkdown(results, causes));
  console.log(`\n${markdownTable(reportRows(results))}\n`);
}

/** BENCH_REPORT_ONLY=1: writes latest.md again from latest.json and bench/causes.md, measuring nothing. */
async function reportOnly(): Promise<void> {
  writeReport(JSON.parse(readFileSync(path.join(RESULTS_DIR, 'latest.json'), 'utf8')) as BenchResults);
}

(process.env.BENCH_REPORT_ONLY === '1' ? reportOnly() : main())
  .catch(async (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanUp();
    process.exitCode = 1;
  });
