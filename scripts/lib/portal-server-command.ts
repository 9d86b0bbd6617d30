import { bundlePortalServer } from './portal-server-bundle';

/*
 * How `node` runs the portal server (scripts/serve.ts, bundled), for `npm start`, the
 * tests, the soak and the benchmark alike.
 *
 * The heap is capped because V8 sizes its heap from the machine's memory (a
 * few gigabytes here) and, under a stream of requests that each leave some
 * garbage, lets it grow towards that before collecting in earnest. Under the
 * soak's mixed load the live heap stays near 100 MB after a full collection,
 * yet with a 1 GB cap V8 kept reserving more heap pages and the process grew
 * by 10–14 % over five to ten minutes; with 384 MB it stays within 5 %
 * (bench/causes.md). 384 MB still leaves more than three times the live data
 * for bursts: running out of heap ends the process. (Before the two
 * retention fixes in server/request-gate.ts and
 * server/abort-reasons-without-call-sites.ts, the server died under the soak
 * at this cap; that cause is gone.) PORTAL_HEAP_MB changes it.
 *
 * How far the heap may grow past what survived a full collection before the
 * next one starts is set, not left to V8: under a 384 MB cap V8 picks a
 * factor of 1.4 by itself (`--trace-gc-verbose`). Once pages were kept out of
 * the heap (lib/cache/isr-cache-handler.mjs), so little survived that V8 collected
 * far more often: a search cost 28–36 ms of CPU instead of 23–25 ms. With a
 * factor of 2 it cost 18–22 ms, and peak memory stayed 50–60 MB below what it
 * was with the pages in the heap (bench/causes.md).
 *
 * `--expose-gc` lets server/heap-governor.ts ask for a complete collection.
 */

const DEFAULT_HEAP_MB = 384;
/** The heap grows to (1 + this / 100) × what survived the last full collection. */
const HEAP_GROWING_PERCENT = 100;

export function portalHeapMegabytes(): number {
  const raw = process.env.PORTAL_HEAP_MB;
  const value = raw === undefined || raw === '' ? DEFAULT_HEAP_MB : Number(raw);
  if (!Number.isInteger(value) || value < 64) throw new Error(`PORTAL_HEAP_MB must be a whole number of at least 64, not "${raw}"`);
  return value;
}

/**
 * Node's arguments for the portal server, after bundling it afresh
 * (portal-server-bundle.ts); `nodeOptions` go first (e.g. a CPU profile).
 */
export async function portalServerArgs(nodeOptions: string[] = []): Promise<string[]> {
  const bundle = await bundlePortalServer();
  return [...nodeOptions, `--max-old-space-size=${portalHeapMegabytes()}`, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--expose-gc', bundle];
}

/**
 * The server's environment: `env` with the allocator settings below unless
 * `env` sets them itself.
 *
 * glibc gives each thread that allocates its own malloc arena (up to eight
 * per CPU), and Node's thread pool compresses responses and reads files;
 * freed memory stays mapped in those arenas. An idle server that had served
 * the demo content held about 95 MB in them, beside a V8 heap of 88 MB.
 * Two arenas are plenty for a server whose JavaScript runs on one thread.
 */
export function portalServerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
