import { freePort } from '../../tests/helpers/free-port';
import type { CatalogArticle } from './bench-catalog';
import { BROWSER_ACCEPT_ENCODING, countAnswers, forEachConcurrently, getPage, header, rawRequest } from './bench-http';
import { loadInRounds, type Rounds, type TargetResult } from './bench-scenario-cached';
import { measureFreshness, type FreshnessResult } from './bench-scenario-freshness';
import { startFrontCache, startStaticPage } from './nginx-front-cache';

/*
 * The production set-up of the README: nginx's micro-cache
 * (deploy/nginx/portal.conf.template) in front of the portal. Cached
 * article pages are loaded through it, in turns with nginx answering the
 * same bytes from a file (the best a front cache can do on this machine),
 * and then an editor's change is timed until it shows through the cache.
 */

export type FrontCacheResult = {
  frontCache: TargetResult;
  staticFile: TargetResult;
  /** The page nginx serves as a file: what the front cache answered for the first article. */
  page: { path: string; bytes: number; encoding: string };
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
    const cacheStatusAfterWarm = await countAnswers(front.url, options.paths, (page) => header(page.headers, 'x-cache-status') || '(none)');

    const path = options.paths[0] ?? '/de';
    const sample = await rawRequest(`${front.url}${path}`, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html' } });
    if (sample.status !== 200) throw new Error(`${path} answered ${sample.status} through the front cache`);
    const encoding = header(sample.headers, 'content-encoding') || null;
    const staticPage = await startStaticPage({
      port: await freePort(),
      body: sample.body,
      contentType: header(sample.headers, 'content-type') || 'text/html; charset=utf-8',
      contentEncoding: encoding,
    });
    try {
      const [frontCache, staticFile] = await loadInRounds(
        [
          { name: 'front cache', origin: front.url, paths: options.paths, connections: 50 },
          { name: 'nginx static file', origin: staticPage.url, paths: options.paths, connections: 50 },
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
      return { frontCache, staticFile, page: { path, bytes: sample.body.length, encoding: encoding ?? 'identity' }, cacheStatusAfterWarm, freshness };
    } finally {
      await staticPage.stop();
    }
  } finally {
    await front.stop();
  }
}
