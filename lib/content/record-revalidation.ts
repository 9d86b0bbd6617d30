import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { recordRevalidationWith, refreshAfterCommit } from '@/lib/cache/revalidation-state.mjs';

/*
 * A write owns its invalidation: every function in lib/content that changes
 * content records the cache tags it touched in the same transaction
 * (recordRevalidation), and the functions callers use commit through
 * commitContentChange, which makes this server see the change before it
 * answers. A write that rolls back leaves no record; one that commits always
 * has one, whatever happens to the process after the commit.
 */

type Tx = Prisma.TransactionClient;

/** Records that the pages with these cache tags are stale, inside the write's transaction (lib/cache/revalidation-state.mjs). */
export async function recordRevalidation(tx: Tx, tags: readonly string[]): Promise<void> {
  await recordRevalidationWith((sql, params) => tx.$queryRawUnsafe<{ seq?: string }[]>(sql, ...params), tags);
}

/** Runs a content change in one transaction, then brings this process's cache state up to it. */
export async function commitContentChange<T extends { cacheTags: string[] }>(
  client: PrismaClient,
  change: (tx: Tx) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  const result = await client.$transaction(change, options);
  await refreshAfterCommit(result.cacheTags);
  return result;
}

/** Marks pages stale by their cache tags without a content change (POST /api/revalidate, for tools outside the portal). */
export function revalidateTags(client: PrismaClient, tags: readonly string[]): Promise<{ cacheTags: string[] }> {
  return commitContentChange(client, async (tx) => {
    await recordRevalidation(tx, tags);
    return { cacheTags: [...tags] };
  });
}
