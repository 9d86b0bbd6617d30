import 'server-only';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';

// One client per server process, created on first use so that `next build`
// (which imports pages but reads no data) needs no database.
const globalForPrisma = globalThis as unknown as { portalPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForPrisma.portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set; `npm start` provides one.');
    globalForPrisma.portalPrisma = createPrismaClient(url);
  }
  return globalForPrisma.portalPrisma;
}
