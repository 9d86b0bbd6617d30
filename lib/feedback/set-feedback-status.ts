import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { FeedbackStatus } from '@/lib/generated/prisma/enums';

/*
 * The desk's one write to barrier reports: how far the newsroom has got with
 * one. Readers never see reports, so no cache is touched.
 */

export const FEEDBACK_STATUSES = ['NEW', 'IN_PROGRESS', 'ANSWERED'] as const satisfies readonly FeedbackStatus[];

export function isFeedbackStatus(value: unknown): value is FeedbackStatus {
  return typeof value === 'string' && (FEEDBACK_STATUSES as readonly string[]).includes(value);
}

/** Sets a report's status; false when there is no such report. */
export async function setFeedbackStatus(
  client: PrismaClient,
  feedbackId: number,
  status: FeedbackStatus,
  changedBy: string,
  now: Date = new Date(),
): Promise<boolean> {
  const { count } = await client.feedback.updateMany({
    where: { id: feedbackId },
    data: { status, statusChangedAt: now, statusChangedBy: changedBy },
  });
  return count === 1;
}
