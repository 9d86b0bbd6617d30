/*
 * Per-client request limits kept in this process's memory: a fixed window
 * per key. Enough for one server; behind several, each counts on its own
 * (the front cache in front of them limits as well).
 */

type Window = { startedAt: number; count: number };

export type RateLimiter = {
  /** Counts one request; says whether it is allowed and, if not, how many seconds to wait. */
  take: (key: string, now?: number) => { allowed: true } | { allowed: false; retryAfterSeconds: number };
};

export function createRateLimiter({ limit, windowMs, maxKeys = 50_000 }: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, Window>();
  return {
    take(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.startedAt >= windowMs) {
        // Bounded memory: forget the oldest clients first when too many are tracked.
        if (!window && windows.size >= maxKeys) {
          const oldest = windows.keys().next();
          if (!oldest.done) windows.delete(oldest.value);
        }
        window = { startedAt: now, count: 0 };
        windows.delete(key);
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)) };
    },
  };
}

/** The client a request comes from: the first address our own proxy recorded, else the socket's. */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
