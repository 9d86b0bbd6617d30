import { bundlePortalServer } from './portal-server-bundle';

/*
 * How `node` runs the portal server (scripts/serve.ts, bundled), for `npm start`, the
 * tests, the soak and the benchmark alike.
 *
 * The heap is capped because V8 otherwise sizes it from the machine's memory
 * and lets a long-running server grow towards that; the cap leaves room for
 * bursts (PORTAL_HEAP_MB changes it). The growing factor is set because V8's
 * own choice collected so often that searches cost more CPU. Figures:
 * bench/causes.md, "Figures behind the portal server's settings".
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
 * Node's worker threads each get a glibc malloc arena of their own, and freed
 * memory stays mapped in them; two are plenty for a server whose JavaScript
 * runs on one thread (bench/causes.md, "malloc arenas").
 */
export function portalServerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
