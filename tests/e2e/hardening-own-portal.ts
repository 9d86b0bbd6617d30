import { cpSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { PROJECT_ROOT as ROOT } from '../../scripts/lib/portal-instance';
import type { OwnPortal } from '../../scripts/lib/own-portal';

/** Runs `work` with a short-lived Prisma client on the portal's own database. */
export async function withPortalDatabase<T>(portal: OwnPortal, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(portal.databaseUrl, 2);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * A private copy of a production build, without its runtime cache: a second
 * server on the same folder would share the ISR cache on disk with the first
 * one, and pages it renders from another database would reach the first
 * server's readers. The copy lies beside the original (Next.js wants it
 * inside the project), under a name that .gitignore, ESLint and tsconfig
 * already leave out (`<distDir>-…`).
 */
export function copyBuild(distDir: string): { distDir: string; remove: () => void } {
  const copy = `${distDir}-own-${randomBytes(4).toString('hex')}`;
  const source = path.join(ROOT, distDir);
  cpSync(source, path.join(ROOT, copy), {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(source, file);
      return relative !== 'cache' && relative !== 'dev' && !relative.startsWith(`cache${path.sep}`);
    },
  });
  return { distDir: copy, remove: () => rmSync(path.join(ROOT, copy), { recursive: true, force: true }) };
}
