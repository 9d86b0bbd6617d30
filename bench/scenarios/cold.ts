import { runLoad, medianRun, withoutHeaderCounts, type LoadRun } from '../lib/load';
import { revalidateArticles } from '../lib/portal-api';
import { sleep } from '../lib/http';

/*
 * Cold renders: the articles' cache tags are revalidated with expire 0, so
 * the next request for each page is a blocking render (database read and
 * React render), then every page is requested exactly once.
 */

export type ColdRenderResult = {
  pages: number;
  connections: number;
  median: LoadRun;
  runs: (LoadRun & { cacheHeaders: Record<string, number> })[];
};

export async function measureColdRenders(options: {
  origin: string;
  pages: readonly { path: string; articleId: number }[];
  runs: number;
  connections: number;
  serverPid: number;
  log: (line: string) => void;
}): Promise<ColdRenderResult> {
  const paths = options.pages.map((page) => page.path);
  const articleIds = options.pages.map((page) => page.articleId);
  const runs: ColdRenderResult['runs'] = [];
  for (let round = 1; round <= options.runs; round += 1) {
    await revalidateArticles(options.origin, articleIds);
    // Let the server finish the revalidation bookkeeping before the clock starts.
    await sleep(500);
    const outcome = await runLoad({
      origin: options.origin,
      paths,
      connections: options.connections,
      amount: paths.length,
      countHeader: 'x-nextjs-cache',
      serverPid: options.serverPid,
    });
    runs.push({ ...withoutHeaderCounts(outcome), cacheHeaders: outcome.headerCounts });
    options.log(
      `cold renders ${round}/${options.runs}: ${outcome.requestsPerSecond.toFixed(0)} pages/s, p99 ${outcome.p99Ms} ms, server CPU ${outcome.serverCpuMsPerRequest.toFixed(1)} ms/page, x-nextjs-cache ${JSON.stringify(outcome.headerCounts)}`,
    );
  }
  return { pages: paths.length, connections: options.connections, median: medianRun(runs), runs };
}
