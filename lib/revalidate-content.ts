import 'server-only';
import { revalidatePath, revalidateTag } from 'next/cache';
import { after } from 'next/server';
import { z } from 'zod';
import { INTERNAL_ORIGIN_ENV, INTERNAL_TOKEN_ENV, INTERNAL_TOKEN_HEADER } from '@/lib/internal-token';

/*
 * A render that read the database just before a write committed can finish
 * just after the write revalidated its tags; Next.js then stores it as a
 * fresh cache entry, and readers get the old content until the next
 * revalidation. So the same tags are revalidated again a little later, when
 * such renders have ended (a render takes well under a second). One late
 * pass, not several: each costs one more render of every page the write
 * touched, and under sustained load with writes (npm run soak) three late
 * passes multiplied the renders until the database queue timed out.
 *
 * revalidateTag() works only inside a request, and Next.js applies the
 * revalidations of after() callbacks only once all of them have finished,
 * so each later pass is a request of the portal server to itself
 * (/api/internal/revalidate). Served by `next start` alone, one pass runs
 * in after().
 */
const SETTLE_PASSES_MS = [1_500];

/** What a revalidation request names: cache tags (lib/cache-tags.ts) and paths. */
export const revalidationTargets = z.strictObject({
  tags: z.array(z.string().min(1).max(256)).max(500).optional(),
  paths: z.array(z.string().startsWith('/').max(1_000)).max(500).optional(),
});

export type RevalidationTargets = z.infer<typeof revalidationTargets>;

/** Marks the tags and paths stale now (inside a route handler or server action). */
export function revalidateContentNow({ tags = [], paths = [] }: RevalidationTargets): void {
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 });
  for (const path of new Set(paths)) revalidatePath(path);
}

function requestLaterPass(origin: string, token: string, targets: RevalidationTargets, delayMs: number): void {
  const timer = setTimeout(() => {
    fetch(`${origin}/api/internal/revalidate`, {
      method: 'POST',
      headers: { [INTERNAL_TOKEN_HEADER]: token, 'content-type': 'application/json' },
      body: JSON.stringify(targets),
    })
      .then((response) => response.body?.cancel())
      .catch((error: unknown) => console.error('[portal] a late revalidation pass failed:', error));
  }, delayMs);
  timer.unref();
}

/**
 * Makes readers see a change at once: the next request for any page that
 * used one of these tags (or is one of these paths) renders afresh instead
 * of being answered from the cache. Call it after the write has committed.
 */
export function revalidateContent(targets: RevalidationTargets): void {
  revalidateContentNow(targets);
  if (!targets.tags?.length && !targets.paths?.length) return;
  const origin = process.env[INTERNAL_ORIGIN_ENV];
  const token = process.env[INTERNAL_TOKEN_ENV];
  if (origin && token) {
    for (const delayMs of SETTLE_PASSES_MS) requestLaterPass(origin, token, targets, delayMs);
    return;
  }
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_PASSES_MS[0]));
    revalidateContentNow(targets);
  });
}
