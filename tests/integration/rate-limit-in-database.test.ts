import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { createRateLimiter } from '@/lib/rate-limit';
import { databaseHitCounter } from '@/lib/rate-limit-in-database';
import { freePort } from '../../scripts/lib/free-port';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

/*
 * Behind a load balancer each instance has its own process: the limit holds
 * only if all of them count in the same place. Two Prisma clients on one
 * database play two instances.
 */

describe('rate limits counted in PostgreSQL', () => {
  let database: FreshDatabase;
  let otherInstance: PrismaClient;

  beforeAll(async () => {
    database = await freshDatabase();
    otherInstance = createPrismaClient(database.url, 3);
  });
  afterAll(async () => {
    await otherInstance.$disconnect();
    await database.drop();
  });

  const limiterOn = (prisma: PrismaClient, bucket: string, limit = 3, windowMs = 60_000) =>
    createRateLimiter({ bucket, limit, windowMs, counter: databaseHitCounter(() => prisma) });

  it('counts a client over all instances, not per instance', async () => {
    const a = limiterOn(database.prisma, 'shared');
    const b = limiterOn(otherInstance, 'shared');
    const verdicts = [await a.take('198.51.100.1'), await b.take('198.51.100.1'), await a.take('198.51.100.1'), await b.take('198.51.100.1')];
    expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const refused = verdicts[3];
    expect(refused?.allowed).toBe(false);
    if (refused && !refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('keeps clients and limits apart', async () => {
    const feedback = limiterOn(database.prisma, 'apart-feedback', 1);
    const api = limiterOn(otherInstance, 'apart-api', 1);
    expect(await feedback.take('192.0.2.1')).toEqual({ allowed: true });
    expect(await feedback.take('192.0.2.2')).toEqual({ allowed: true });
    expect(await api.take('192.0.2.1')).toEqual({ allowed: true });
    expect((await feedback.take('192.0.2.1')).allowed).toBe(false);
  });

  it('counts every one of many requests at once exactly once', async () => {
    const a = limiterOn(database.prisma, 'concurrent', 10);
    const b = limiterOn(otherInstance, 'concurrent', 10);
    const verdicts = await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? a : b).take('203.0.113.9')));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
  });

  it('starts a new window when the client’s window has ended, and deletes ended windows now and then', async () => {
    const limiter = limiterOn(database.prisma, 'short', 1, 1_000);
    expect(await limiter.take('192.0.2.50')).toEqual({ allowed: true });
    expect(await limiter.take('192.0.2.51')).toEqual({ allowed: true });
    expect((await limiter.take('192.0.2.50')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.take('192.0.2.50')).toEqual({ allowed: true });
    // That take swept the window of 192.0.2.51, which ended unused.
    await expect.poll(async () => (await database.prisma.rateLimitHit.findMany({ where: { bucket: 'short' } })).map((row) => row.client)).toEqual(['192.0.2.50']);
  });

  it('rejects, rather than allows, when the database cannot be reached', async () => {
    const unreachable = createPrismaClient(`postgresql://portal:portal@127.0.0.1:${await freePort()}/none`, 1);
    try {
      await expect(limiterOn(unreachable, 'down').take('192.0.2.99')).rejects.toThrow();
    } finally {
      await unreachable.$disconnect();
    }
  });
});
