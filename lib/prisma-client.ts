import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Builds a Prisma client on the `pg` driver. Timeouts are set so that no
 * request waits forever when the database is slow or gone: a reader gets an
 * answer (a cached page or an error page) instead of a hanging connection.
 */
export function createPrismaClient(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 5_000,
    query_timeout: 6_000,
  });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
