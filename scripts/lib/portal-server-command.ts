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
 * for the database. PORTAL_HEAP_MB changes it.
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
  return [...nodeOptions, `--max-old-space-size=${portalHeapMegabytes()}`, '--import', 'tsx', path.join('scripts', 'serve.ts')];
}
