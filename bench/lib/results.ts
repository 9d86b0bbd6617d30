import type { TargetResult, WarmedPaths } from '../scenarios/cached';
import type { ColdRenderResult } from '../scenarios/cold';
import type { FreshnessResult } from '../scenarios/freshness';
import type { FrontCacheResult } from '../scenarios/front-cache';
import type { InstancesResult } from '../scenarios/instances';
import type { LighthousePage } from '../scenarios/lighthouse';
import type { QueriesPerRenderResult } from '../scenarios/queries';
import type { SearchResult } from '../scenarios/search';
import type { RecordedSummary } from './http';
import type { PageWeight } from '../scenarios/weight';

/** Everything one `npm run bench` measured; written to bench/results/latest.json. */
export type BenchResults = {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; next: string; platform: string };
  settings: {
    articles: number;
    seconds: number;
    runs: number;
    warmUpSeconds: number;
    acceptEncoding: string;
    loadGenerator: string;
  };
  dataset: { articles: number; cachedArticleUrls: number; homeUrls: number; tagUrls: number };
  durationsSeconds: Record<string, number>;
  phaseWindowsMicros: Record<string, { fromMicros: number; toMicros: number }>;
  warmed?: { articles: WarmSummary; home: WarmSummary; tags: WarmSummary };
  throughput?: {
    articles: TargetResult;
    home: TargetResult;
    tags: TargetResult;
    baselineNext: TargetResult;
    bareNode: TargetResult;
    /** The bytes the bare server answers with: each article URL's cached page. */
    barePages: RecordedSummary;
    /** What answered the article URLs right after the load: `kept` (the portal server by itself) or Next.js. */
    articleSourcesAfterLoad: Record<string, number>;
    /** The floor's page after the load: its size, whether it came from the cache, and the floor server's peak memory. */
    floorPage: { bytes: number; cache: string; peakRssMb: number; weight: PageWeight };
  };
  coldRenders?: ColdRenderResult;
  search?: SearchResult;
  freshness?: FreshnessResult;
  pageWeight?: { article: PageWeight; home: PageWeight };
  lighthouse?: { article: LighthousePage; home: LighthousePage };
  queriesPerRender?: QueriesPerRenderResult;
  /** Cached article pages and publish-to-visible through nginx's micro-cache (deploy/nginx). */
  frontCache?: FrontCacheResult;
  /** Two instances on one Redis behind nginx: throughput over both, publish-to-visible on the other, renders per write. */
  instances?: InstancesResult;
  /** Scenarios that failed, with their error; the others were still measured. */
  failures?: Record<string, string>;
  memory: { peakRssMb: number; highestSampledRssMb: number; residentAfterPhaseMb?: Record<string, number>; method: string };
};

export type WarmSummary = { requested: number; kept: number; dropped: WarmedPaths['dropped']; notFromCache: number };

export function summarizeWarm(requested: number, warmed: WarmedPaths): WarmSummary {
  return { requested, kept: warmed.paths.length, dropped: warmed.dropped.slice(0, 20), notFromCache: warmed.notFromCache.length };
}
