import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import { positiveIntegerFromEnv } from './env-number';

/*
 * Under sustained load the server's heap sometimes settles at several times
 * its live data and keeps growing: V8's ordinary full collections keep
 * render objects that a forced full collection (`gc()`) frees at once, most
 * of the heap; left alone it grew until V8 gave up ("ineffective
 * mark-compacts near heap limit") and the process ended. The state begins
 * at random under load (in some runs of the fuzz test's hostile phase) and
 * ends only when the server is idle (figures: bench/causes.md, "Heap governor").
 *
 * So after each full collection the governor looks at what survived, and
 * when that is more than `limitBytes` it asks for a forced collection, at
 * most once per `minIntervalMs`: a pause of some tens of milliseconds
 * instead of a process that dies. It does not help against data that is
 * really held (as the soak's renders were, before server/request-gate.ts and
 * server/abort-reasons-without-call-sites.ts), and then backs off. It needs
 * node's `--expose-gc` (set in scripts/lib/portal-server-command.ts); without
 * it, it does nothing.
 */

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export type HeapGovernor = { stop: () => void };

export function startHeapGovernor({ limitBytes, minIntervalMs }: { limitBytes: number; minIntervalMs: number }): HeapGovernor {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return { stop: () => undefined };

  let lastForcedAt = 0;
  let interval = minIntervalMs;
  const observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const before = v8.getHeapStatistics().used_heap_size;
    if (before <= limitBytes) return;
    const now = Date.now();
    if (now - lastForcedAt < interval) return;
    lastForcedAt = now;
    // Outside the observer's callback, so that the collection runs on a nearly empty stack.
    setImmediate(() => {
      collect();
      const after = v8.getHeapStatistics().used_heap_size;
      // When a forced collection frees little, the heap holds live data, not
      // what ordinary collections leave behind: forcing more would only pause
      // the server, so the governor waits ten times as long before it tries again.
      const helped = after < before * 0.75;
      interval = helped ? minIntervalMs : Math.min(interval * 10, 10 * 60_000);
      console.log(`[portal] heap after a full collection ${megabytes(before)}, after a forced one ${megabytes(after)} (limit ${megabytes(limitBytes)}; next check in ${interval / 1000} s at the earliest)`);
    });
  });
  observer.observe({ entryTypes: ['gc'] });
  return { stop: () => observer.disconnect() };
}

/**
 * From the environment. The default limit is more than twice what survives
 * a forced collection of a busy server with the demo content, and far below
 * the heap cap (bench/causes.md, "Heap governor"); 10 s keeps forced
 * collections rare.
 */
export function heapGovernorSettingsFromEnv(): { limitBytes: number; minIntervalMs: number } {
  return {
    limitBytes: positiveIntegerFromEnv('PORTAL_HEAP_GOVERNOR_MB', 192) * 1024 * 1024,
    minIntervalMs: positiveIntegerFromEnv('PORTAL_HEAP_GOVERNOR_INTERVAL_MS', 10_000),
  };
}
