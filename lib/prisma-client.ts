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

/*
 * The portal server (server/, run by tsx) and Next.js's bundled pages each
 * load their own copy of this module; a client per copy would mean two
 * query engines and two pools in one process. The process-wide slot on
 * globalThis lets both use one client.
 */
const processWide = globalThis as unknown as { portalPrisma?: PrismaClient };

/** The process's one client on DATABASE_URL, created on first use. */
export function sharedPrismaClient(): PrismaClient {
  if (!processWide.portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set; `npm start` provides one.');
    processWide.portalPrisma = createPrismaClient(url);
  }
  return processWide.portalPrisma;
}

export type { PrismaClient };
