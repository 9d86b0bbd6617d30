import type { PrismaClient } from '@/lib/prisma-client';
import type { HitCounter } from '@/lib/rate-limit';

/*
 * Rate-limit counters in PostgreSQL (table rate_limit_hit), so that every
 * instance on the same database counts a client's requests together. One
 * upsert per request, atomic under concurrency: the row's lock orders the
 * increments. Times are the database's clock, the one all instances share.
 */

type CountedRow = { count: number; ends_in_ms: number };

/** Counts in the database of `prisma` (asked on first use, so that importing needs none); windows that ended are deleted now and then (once per window length per process). */
export function databaseHitCounter(prisma: () => PrismaClient): HitCounter {
  const lastSweep = new Map<string, number>();

  const sweep = (bucket: string, windowMs: number): void => {
    const now = Date.now();
    if (now - (lastSweep.get(bucket) ?? 0) < windowMs) return;
    lastSweep.set(bucket, now);
    // Best effort: a row left over is overwritten when its client comes back.
    void prisma().$executeRaw`
      DELETE FROM rate_limit_hit
      WHERE bucket = ${bucket} AND window_start <= now() - make_interval(secs => ${windowMs}::int / 1000.0)`.catch(() => undefined);
  };

  return async ({ bucket, client, windowMs }) => {
    const rows = await prisma().$queryRaw<CountedRow[]>`
      INSERT INTO rate_limit_hit AS hit (bucket, client, window_start, count)
      VALUES (${bucket}, ${client}, now(), 1)
      ON CONFLICT (bucket, client) DO UPDATE SET
        window_start = CASE WHEN hit.window_start <= now() - make_interval(secs => ${windowMs}::int / 1000.0) THEN now() ELSE hit.window_start END,
        count = CASE WHEN hit.window_start <= now() - make_interval(secs => ${windowMs}::int / 1000.0) THEN 1 ELSE hit.count + 1 END
      RETURNING count, (extract(epoch FROM hit.window_start + make_interval(secs => ${windowMs}::int / 1000.0) - now()) * 1000)::float8 AS ends_in_ms`;
    const [row] = rows;
    if (!row) throw new Error('the rate-limit upsert returned no row');
    sweep(bucket, windowMs);
    return { count: row.count, windowEndsInMs: row.ends_in_ms };
  };
}
