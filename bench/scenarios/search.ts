import { routing } from '@/i18n/routing';
import { localizedPath } from '../lib/catalog';
import { getPage, header } from '../lib/http';
import type { LoadRun } from '../lib/load';
import { loadInRounds, type TargetResult } from './cached';
import { sampleSearchQueries } from '../../scripts/lib/generate-archive';

/*
 * Search over the archive: queries a reader might type (topics, places,
 * names, phrases) in both languages, each request a fresh database search.
 * Measured in turns with the framework's floor for pages rendered on every
 * request (bench/baseline-next, `/rendered`), asked with the same queries.
 */

export type SearchResult = {
  queries: number;
  connections: number;
  /** x-nextjs-cache of a repeated query: search pages must not come from the cache. */
  repeatedQueryCache: string;
  median: LoadRun;
  runs: LoadRun[];
  /** The minimal page rendered per request under `next start`, same queries and connections (absent in results from before it was measured). */
  renderedFloor?: TargetResult;
};

export function searchPaths(queriesPerLanguage: number, seed: number): string[] {
  return routing.locales.flatMap((locale) =>
    sampleSearchQueries(locale, queriesPerLanguage, seed).map((query) => `${localizedPath(locale, '/search')}?q=${encodeURIComponent(query)}`),
  );
}

/** The floor's paths: its page rendered per request, with the search's query strings. */
function renderedFloorPaths(searchPaths: readonly string[]): string[] {
  return searchPaths.map((path) => `/rendered${path.slice(path.indexOf('?'))}`);
}

export async function measureSearch(options: {
  origin: string;
  paths: readonly string[];
  runs: number;
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  serverPid: number;
  /** `next start` of bench/baseline-next. */
  floor: { origin: string; pid: number };
  log: (line: string) => void;
}): Promise<SearchResult> {
  const sample = options.paths[0] ?? `${localizedPath(routing.defaultLocale, '/search')}?q=test`;
  const first = await getPage(`${options.origin}${sample}`);
  if (first.status !== 200) throw new Error(`search ${sample} answered ${first.status}`);
  const again = await getPage(`${options.origin}${sample}`);
  const floorPaths = renderedFloorPaths(options.paths);
  const floorPage = await getPage(`${options.floor.origin}${floorPaths[0] ?? '/rendered'}`);
  if (floorPage.status !== 200) throw new Error(`the floor's ${floorPaths[0]} answered ${floorPage.status}`);
  const [search, renderedFloor] = await loadInRounds(
    [
      { name: 'search', origin: options.origin, paths: options.paths, connections: options.connections, serverPid: options.serverPid },
      { name: 'framework floor rendered per request', origin: options.floor.origin, paths: floorPaths, connections: options.connections, serverPid: options.floor.pid },
    ],
    { runs: options.runs, seconds: options.seconds, warmUpSeconds: options.warmUpSeconds, log: options.log },
  );
  if (!search || !renderedFloor) throw new Error('a search load target gave no result');
  return {
    queries: options.paths.length,
    connections: options.connections,
    repeatedQueryCache: header(again.headers, 'x-nextjs-cache') || '(none)',
    median: search.median,
    runs: search.runs,
    renderedFloor,
  };
}
