import type { Locale } from '@/i18n/routing';
import 'server-only';
import type { FeedbackStatus } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/db';

export const INBOX_PAGE_SIZE = 50;

export type InboxReport = {
  id: number;
  locale: Locale;
  message: string;
  pageUrl: string | null;
  name: string | null;
  email: string | null;
  createdAt: Date;
  status: FeedbackStatus;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
};

/** Barrier reports, newest first, optionally of one status; never cached. */
export async function readInbox(status: FeedbackStatus | undefined, page: number): Promise<{ reports: InboxReport[]; total: number }> {
  const where = status ? { status } : {};
  const [reports, total] = await Promise.all([
    db().feedback.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * INBOX_PAGE_SIZE, take: INBOX_PAGE_SIZE }),
    db().feedback.count({ where }),
  ]);
  return { reports, total };
}
