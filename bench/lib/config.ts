/*
 * What a benchmark run does, from the environment. The defaults are the full
 * run the issue asks for; the variables shorten it while working on a change.
 */

export type BenchConfig = {
  /** Generated archive articles, on top of the demo content. */
  articles: number;
  /** Length of one measured load run, seconds. */
  seconds: number;
  /** Measured runs per load scenario; the median is reported. */
  runs: number;
  /** Length of the warm-up before a load scenario, seconds. */
  warmUpSeconds: number;
  /** Article URLs kept in the ISR cache for the cached-page scenario (both languages count). */
  cachedArticleUrls: number;
  /** Article URLs rendered afresh per cold-render run. */
  coldRenderUrls: number;
  /** Updates in the freshness scenario. */
  freshnessUpdates: number;
  /** Lighthouse runs per page; the median of each category is reported. */
  lighthouseRuns: number;
  /** Reuse an existing production build instead of building again. */
  skipBuild: boolean;
  /** Folder of the portal's benchmark build, inside the project. */
  distDir: string;
  /** Scenarios to run; all when empty (for profiling one scenario at a time). */
  only: Set<string>;
  /** Folder for V8 CPU profiles of the portal server, or null for none. */
  cpuProfileDir: string | null;
  chromiumPath: string;
  /** Seed of the generated archive: the same archive every run. */
  seed: number;
};

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

export function readBenchConfig(): BenchConfig {
  const seconds = positiveInteger('BENCH_SECONDS', 10);
  return {
    articles: positiveInteger('BENCH_ARTICLES', 5_000),
    seconds,
    runs: positiveInteger('BENCH_RUNS', 3),
    warmUpSeconds: positiveInteger('BENCH_WARMUP_SECONDS', Math.min(5, seconds)),
    cachedArticleUrls: positiveInteger('BENCH_CACHED_URLS', 1_000),
    coldRenderUrls: positiveInteger('BENCH_COLD_URLS', 300),
    freshnessUpdates: positiveInteger('BENCH_FRESHNESS_UPDATES', 50),
    lighthouseRuns: positiveInteger('BENCH_LIGHTHOUSE_RUNS', 3),
    skipBuild: process.env.BENCH_SKIP_BUILD === '1',
    // `.next-test*` folders are already ignored by git, ESLint and the type check (see tsconfig.json).
    distDir: process.env.BENCH_DIST_DIR ?? '.next-test-bench',
    only: new Set((process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean)),
    cpuProfileDir: process.env.BENCH_CPU_PROFILE_DIR ?? null,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    seed: positiveInteger('BENCH_SEED', 2026),
  };
}

/** Whether a scenario is part of this run (BENCH_ONLY=cold,search runs just those). */
export function runsScenario(config: BenchConfig, name: string): boolean {
  return config.only.size === 0 || config.only.has(name);
}
