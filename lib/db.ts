import 'server-only';
import { sharedPrismaClient, type PrismaClient } from '@/lib/prisma-client';

/**
 * The Prisma client pages, route handlers and writes use. Created on first
 * use, so that `next build` (which imports pages but reads no data) needs no
 * database; shared with the portal server (see lib/prisma-client.ts).
 */
export function db(): PrismaClient {
  return sharedPrismaClient();
}
