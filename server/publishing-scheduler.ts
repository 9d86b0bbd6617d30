import type { PrismaClient } from '@/lib/prisma-client';
import { announceDueArticles } from '@/lib/content/announce-due-articles';

/**
 * How often the scheduler looks for articles that became due. An article's
 * own page shows it from its time on, the listings once it is announced, so
 * the two must be close; the look is one indexed UPDATE that finds nothing
 * almost always.
 */
const SCHEDULER_INTERVAL_MS = 1_000;

/**
 * Publishes scheduled articles when their time has come. Every instance runs
 * one; the announcement claims each article in its transaction, so each is
 * announced once, and its cache record reaches every instance
 * (lib/cache/revalidation-sync.mjs).
 */
export function startPublishingScheduler(prisma: PrismaClient): { stop: () => void } {
  let failing = false;
  let running = false;
  const publishDue = () => {
    // A slow database must not pile up looks, one a second.
    if (running) return;
    running = true;
    void announceDueArticles(prisma).then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        // Once per outage, not every second of it.
        if (!failing) console.warn(`[portal] the publishing scheduler could not check for due articles: ${error instanceof Error ? error.message : String(error)}`);
        failing = true;
      },
    ).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(publishDue, SCHEDULER_INTERVAL_MS);
  timer.unref();
  publishDue();
  return { stop: () => clearInterval(timer) };
}
