import path from 'node:path';

/*
 * How `node` runs the portal server (scripts/serve.ts), for `npm start`, the
 * tests, the soak and the benchmark alike.
 *
 * The heap is capped because V8 sizes its heap from the machine's memory (a
 * few gigabytes here) and, under a stream of requests that each leave some
 * garbage, lets it grow towards that before collecting in earnest: a server
 * whose live data is about 180 MB at 50 connections then holds a gigabyte.
 * With a cap it collects sooner and its memory stays bounded. The cap leaves
 * ample room over the live data, because running out of heap ends the
 * process: at 192 and 384 MB the server spent its time in garbage
 * collection and finally died under the soak's load, when requests queued
 * for the database. That was while finished renders were still kept (see
 * server/request-gate.ts and server/abort-reasons-without-call-sites.ts);
 * since then one soak at 384 MB passed, so a lower default is worth trying
 * (bench/causes.md). PORTAL_HEAP_MB changes it.
 *
 * `--expose-gc` lets server/heap-governor.ts ask for a complete collection.
 */

const DEFAULT_HEAP_MB = 1_024;

export function portalHeapMegabytes(): number {
  const raw = process.env.PORTAL_HEAP_MB;
  const value = raw === undefined || raw === '' ? DEFAULT_HEAP_MB : Number(raw);
  if (!Number.isInteger(value) || value < 64) throw new Error(`PORTAL_HEAP_MB must be a whole number of at least 64, not "${raw}"`);
  return value;
}

/** Node's arguments for the portal server; `nodeOptions` go first (e.g. a CPU profile). */
export function portalServerArgs(nodeOptions: string[] = []): string[] {
  return [...nodeOptions, `--max-old-space-size=${portalHeapMegabytes()}`, '--expose-gc', '--import', 'tsx', path.join('scripts', 'serve.ts')];
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
