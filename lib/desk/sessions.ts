import { createHash, randomBytes } from 'node:crypto';
import { isDatabaseRefusingWrites } from '@/lib/database-unavailable';
import type { PrismaClient } from '@/lib/prisma-client';
import type { Locale } from '@/i18n/routing';
import type { DeskRole } from './roles';

/*
 * Desk sessions in PostgreSQL, so that every instance knows them and signing
 * out (or out everywhere) takes effect at once. The browser holds a random
 * token; the table holds its SHA-256 only. A session ends after
 * SESSION_IDLE_MS without a request, and SESSION_LIFETIME_MS after sign-in
 * however active it is. Idle is a working day's pause, so an editor who
 * writes long without saving is not signed out under the draft.
 */

export const SESSION_IDLE_MS = 8 * 60 * 60_000;
export const SESSION_LIFETIME_MS = 24 * 60 * 60_000;
/** Last-seen is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SessionAccount = {
  id: number;
  email: string;
  name: string;
  role: DeskRole;
  locale: Locale;
  mustChangePassword: boolean;
};

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session for the account; the token goes into the cookie and nowhere else. */
export async function createDeskSession(prisma: PrismaClient, accountId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await prisma.deskSession.create({ data: { tokenHash: sessionTokenHash(token), accountId, createdAt: now, lastSeenAt: now, expiresAt } });
  // Ended sessions are forgotten now and then: here, since signing in is rare.
  await prisma.deskSession.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }] } });
  return { token, expiresAt };
}

/** The account of a live session, or null (unknown, expired, idle too long, or the account disabled). */
export async function findDeskSession(prisma: PrismaClient, token: string, now = new Date()): Promise<SessionAccount | null> {
  const tokenHash = sessionTokenHash(token);
  const session = await prisma.deskSession.findUnique({
    where: { tokenHash },
    select: {
      lastSeenAt: true,
      expiresAt: true,
      account: { select: { id: true, email: true, name: true, role: true, locale: true, mustChangePassword: true, disabledAt: true } },
    },
  });
  if (!session) return null;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  if (session.expiresAt <= now || idleSince >= SESSION_IDLE_MS || session.account.disabledAt) {
    await prisma.deskSession.deleteMany({ where: { tokenHash } });
    return null;
  }
  if (idleSince >= TOUCH_EVERY_MS) {
    // A database that takes no writes (a standby, a full disk) still lets the editor read the desk.
    await prisma.deskSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: now } }).catch((error: unknown) => {
      if (!isDatabaseRefusingWrites(error)) throw error;
    });
  }
  const { id, email, name, role, locale, mustChangePassword } = session.account;
  return { id, email, name, role, locale, mustChangePassword };
}

export async function endDeskSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.deskSession.deleteMany({ where: { tokenHash: sessionTokenHash(token) } });
}

/** Signs the account out on every browser; returns how many sessions ended. */
export async function endAllDeskSessions(prisma: PrismaClient, accountId: number): Promise<number> {
  const { count } = await prisma.deskSession.deleteMany({ where: { accountId } });
  return count;
}
