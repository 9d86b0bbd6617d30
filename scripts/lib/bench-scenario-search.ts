import type { Locale } from '@/i18n/routing';
import { localizedPath } from './bench-catalog';
import { getPage, header } from './bench-http';
import { medianRun, runLoad, withoutHeaderCounts, type LoadRun } from './bench-load';
import { sampleSearchQueries } from './generate-archive';

/*
 * Search over the archive: queries a reader might type (topics, places,
 * names, phrases) in both languages, each request a fresh database search.
 */

export type SearchResult = {
  queries: number;
  connections: number;
  /** x-nextjs-cache of a repeated query: search pages must not come from the cache. */
  repeatedQueryCache: string;
  median: LoadRun;
  runs: LoadRun[];
};

export function searchPaths(queriesPerLanguage: number, seed: number): string[] {
  const locales: Locale[] = ['de', 'en'];
  return locales.flatMap((locale) =>
    sampleSearchQueries(locale, queriesPerLanguage, seed).map((query) => `${localizedPath(locale, '/search')}?q=${encodeURIComponent(query)}`),
  );
}

export async function measureSearch(options: {
  origin: string;
  paths: readonly string[];
  runs: number;
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  serverPid: number;
  log: (line: string) => void;
}): Promise<SearchResult> {
  const sample = options.paths[0] ?? '/de/suche?q=test';
  const first = await getPage(`${options.origin}${sample}`);
  if (first.status !== 200) throw new Error(`search ${sample} answered ${first.status}`);
  const again = await getPage(`${options.origin}${sample}`);
  const load = { origin: options.origin, paths: options.paths, connections: options.connections, serverPid: options.serverPid };
  await runLoad({ ...load, seconds: options.warmUpSeconds });
  const runs: LoadRun[] = [];
  for (let round = 1; round <= options.runs; round += 1) {
    const run = withoutHeaderCounts(await runLoad({ ...load, seconds: options.seconds }));
    runs.push(run);
    options.log(
      `search ${round}/${options.runs}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms} ms, server CPU ${run.serverCpuMsPerRequest.toFixed(2)} ms/request`,
    );
  }
  return {
    queries: options.paths.length,
    connections: options.connections,
    repeatedQueryCache: header(again.headers, 'x-nextjs-cache') || '(none)',
    median: medianRun(runs),
    runs,
  };
}
