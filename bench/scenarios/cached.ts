import { countAnswers, forEachConcurrently, getPage, header } from '../lib/http';
import { medianRun, runLoad, withoutHeaderCounts, type LoadRun } from '../lib/load';

/*
 * Cached pages: every URL is rendered once and confirmed to come from the
 * ISR cache, then each target is loaded in turn, round after round, so that
 * the portal and the baselines share whatever else the machine is doing.
 */

export type WarmedPaths = { paths: string[]; dropped: { path: string; status: number }[]; notFromCache: string[] };

/** Renders each path, then asks again and keeps the ones answering 200; notes any second answer not from the cache. */
export async function warmPaths(origin: string, paths: readonly string[], concurrency = 4): Promise<WarmedPaths> {
  const kept = new Set<string>();
  const dropped: WarmedPaths['dropped'] = [];
  const notFromCache: string[] = [];
  await forEachConcurrently(paths, concurrency, async (path) => {
    const first = await getPage(`${origin}${path}`);
    if (first.status !== 200) {
      dropped.push({ path, status: first.status });
      return;
    }
    const second = await getPage(`${origin}${path}`);
    if (header(second.headers, 'x-nextjs-cache') !== 'HIT') notFromCache.push(path);
    kept.add(path);
  });
  return { paths: paths.filter((path) => kept.has(path)), dropped, notFromCache };
}

/**
 * What answered each path (the portal server from what it kept, or Next.js), by the
 * X-Portal-Cache header of one more request per path (server/page-answers.ts).
 */
export function answerSources(origin: string, paths: readonly string[]): Promise<Record<string, number>> {
  return countAnswers(origin, paths, (page) => (page.status === 200 ? header(page.headers, 'x-portal-cache') || 'Next.js' : `status ${page.status}`));
}

/** serverPid: the one process whose CPU time is counted; left out for nginx, whose workers are several. */
export type LoadTarget = { name: string; origin: string; paths: readonly string[]; connections: number; serverPid?: number };
export type TargetResult = { name: string; urls: number; connections: number; median: LoadRun; runs: LoadRun[] };

/** How targets are loaded in turn: `runs` measured runs of `seconds` each, after one warm-up of `warmUpSeconds` per target. */
export type Rounds = { runs: number; seconds: number; warmUpSeconds: number; log: (line: string) => void };

export async function loadInRounds(targets: readonly LoadTarget[], { runs, seconds, warmUpSeconds, log }: Rounds): Promise<TargetResult[]> {
  for (const target of targets) {
    log(`warm-up: ${target.name} (${warmUpSeconds} s)`);
    await runLoad({ origin: target.origin, paths: target.paths, connections: target.connections, seconds: warmUpSeconds });
  }
  const measured = new Map<string, LoadRun[]>(targets.map((target) => [target.name, []]));
  for (let round = 1; round <= runs; round += 1) {
    for (const target of targets) {
      const run = withoutHeaderCounts(
        await runLoad({ origin: target.origin, paths: target.paths, connections: target.connections, seconds, serverPid: target.serverPid }),
      );
      measured.get(target.name)?.push(run);
      log(
        `run ${round}/${runs}: ${target.name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, server CPU ${run.serverCpuMsPerRequest.toFixed(2)} ms/request`,
      );
    }
  }
  return targets.map((target) => {
    const targetRuns = measured.get(target.name) ?? [];
    return { name: target.name, urls: target.paths.length, connections: target.connections, median: medianRun(targetRuns), runs: targetRuns };
  });
}
