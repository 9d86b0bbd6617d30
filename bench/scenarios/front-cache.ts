import { freePort } from '../../scripts/lib/free-port';
import type { CatalogArticle } from '../lib/catalog';
import { countLabels, forEachConcurrently, getPage, header, recordPages, summarizeRecorded, type RecordedSummary } from '../lib/http';
import { loadInRounds, type Rounds, type TargetResult } from './cached';
import { measureFreshness, type FreshnessResult } from './freshness';
import { startFrontCache, startStaticPages } from '../../scripts/lib/nginx-front-cache';

/*
 * The production set-up of the README: nginx's micro-cache
 * (deploy/nginx/portal.conf.template) in front of the portal. Cached
 * article pages are loaded through it, in turns with nginx answering each
 * URL with the same bytes from a file (the best a front cache can do on
 * this machine), and then an editor's change is timed until it shows
 * through the cache. Each URL has its own file, not one file for all:
 * the load generator reads every body into a string, which costs it about
 * four times as much per response when the bodies differ from one
 * response to the next as when the same bytes come again and again
 * (measured here: 108 against 29 µs for 10 KB of brotli), and that
 * difference alone halved the ratio.
 */

export type FrontCacheResult = {
  frontCache: TargetResult;
  staticFile: TargetResult;
  /** The pages nginx serves as files: what the front cache answered for each URL. */
  pages: RecordedSummary;
  /** x-cache-status of the warmed pages when asked once more before the load. */
  cacheStatusAfterWarm: Record<string, number>;
  freshness: FreshnessResult;
};

export async function measureFrontCache(options: {
  portalOrigin: string;
  paths: readonly string[];
  editorToken: string;
  articles: readonly CatalogArticle[];
  updates: number;
  rounds: Rounds;
}): Promise<FrontCacheResult> {
  const front = await startFrontCache({ port: await freePort(), upstream: new URL(options.portalOrigin).host });
  try {
    await forEachConcurrently(options.paths, 4, async (path) => {
      await getPage(`${front.url}${path}`);
    });
    // The second answer of each URL: its cache status, and the bytes the static files get.
    const recorded = await recordPages(front.url, options.paths);
    const cacheStatusAfterWarm = countLabels(recorded.values(), (page) => header(page.headers, 'x-cache-status') || '(none)');
    const pages = summarizeRecorded(recorded);
    const first = recorded.values().next().value;
    if (!first || pages.encodings.length !== 1) throw new Error(`the front cache answered with codings ${pages.encodings.join(', ')}; the files need one`);
    const encoding = header(first.headers, 'content-encoding') || null;
    const staticPage = await startStaticPages({
      port: await freePort(),
      pages: new Map([...recorded].map(([path, page]) => [path, page.body])),
      contentType: header(first.headers, 'content-type') || 'text/html; charset=utf-8',
      contentEncoding: encoding,
    });
    try {
      const [frontCache, staticFile] = await loadInRounds(
        [
          { name: 'front cache', origin: front.url, paths: options.paths, connections: 50 },
          { name: 'nginx static files', origin: staticPage.url, paths: options.paths, connections: 50 },
        ],
        options.rounds,
      );
      if (!frontCache || !staticFile) throw new Error('a load target gave no result');
      options.rounds.log('publish-to-visible through the front cache');
      const freshness = await measureFreshness({
        origin: front.url,
        editorToken: options.editorToken,
        articles: options.articles,
        updates: options.updates,
        log: options.rounds.log,
      });
      return { frontCache, staticFile, pages, cacheStatusAfterWarm, freshness };
    } finally {
      await staticPage.stop();
    }
  } finally {
    await front.stop();
  }
}
