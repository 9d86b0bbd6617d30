/*
 * Per-client request limits: a fixed window per client that begins with its
 * first request. The counting is a separate piece (HitCounter) so that every
 * instance behind a load balancer can count in the same place, PostgreSQL
 * (lib/rate-limit-in-database.ts); counted in each process, N instances would
 * let a client through N times the limit.
 */

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request of `client` against `bucket`: how many it made in its current window, and when that window ends. */
export type HitCounter = (hit: { bucket: string; client: string; windowMs: number }) => Promise<{ count: number; windowEndsInMs: number }>;

export type RateLimiter = {
  /** Counts one request; says whether it is allowed and, if not, how many seconds to wait. Rejects when counting failed. */
  take: (client: string) => Promise<RateLimitVerdict>;
};

/** Longer client names are cut: the key is stored, and a proxy's header could be long. */
const MAX_CLIENT_LENGTH = 200;

export function createRateLimiter({ bucket, limit, windowMs, counter }: { bucket: string; limit: number; windowMs: number; counter: HitCounter }): RateLimiter {
  return {
    async take(client) {
      const { count, windowEndsInMs } = await counter({ bucket, client: client.slice(0, MAX_CLIENT_LENGTH), windowMs });
      if (count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowEndsInMs / 1000)) };
    },
  };
}

/** Counts in this process's memory: for a server without a database, and for tests. */
export function memoryHitCounter({ maxKeys = 50_000, now = Date.now }: { maxKeys?: number; now?: () => number } = {}): HitCounter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return async ({ bucket, client, windowMs }) => {
    const key = `${bucket}\n${client}`;
    const at = now();
    let window = windows.get(key);
    if (!window || at - window.startedAt >= windowMs) {
      // Bounded memory: forget the oldest clients first when too many are tracked.
      if (!window && windows.size >= maxKeys) {
        const oldest = windows.keys().next();
        if (!oldest.done) windows.delete(oldest.value);
      }
      window = { startedAt: at, count: 0 };
      windows.delete(key);
      windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, windowEndsInMs: window.startedAt + windowMs - at };
  };
}

/** The client a request comes from: the first address our own proxy recorded, else the socket's. */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
