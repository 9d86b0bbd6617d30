import type { PrismaClient } from '@/lib/prisma-client';
import { normalizeEmail } from './accounts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { createDeskSession } from './sessions';
import { clearAccountFailures, recordSignInFailure, signInThrottle } from './sign-in-throttle';

/*
 * Checks an e-mail address and password. A wrong address, a wrong password
 * and a disabled account all get the same answer after the same work (a
 * decoy hash is verified for unknown addresses), so the form reveals not
 * which addresses have accounts.
 */

export type SignInResult =
  | { status: 'signed-in'; token: string; expiresAt: Date; mustChangePassword: boolean }
  | { status: 'wrong' }
  | { status: 'throttled'; retryAfterSeconds: number };

export async function signIn(prisma: PrismaClient, input: { email: string; password: string; address: string }): Promise<SignInResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const throttle = await signInThrottle(prisma, email, input.address);
  if (throttle.blocked) return { status: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };

  const account = await prisma.deskAccount.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true, mustChangePassword: true } });
  const matches = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
  if (!account || !matches || account.disabledAt) {
    const after = await recordSignInFailure(prisma, email, input.address);
    return after.blocked ? { status: 'throttled', retryAfterSeconds: after.retryAfterSeconds } : { status: 'wrong' };
  }

  await clearAccountFailures(prisma, email);
  // Hashes made with weaker parameters are replaced while the password is at hand.
  const rehashed = needsRehash(account.passwordHash) ? { passwordHash: await hashPassword(input.password) } : {};
  await prisma.deskAccount.update({ where: { id: account.id }, data: { lastSignInAt: new Date(), ...rehashed } });
  const session = await createDeskSession(prisma, account.id);
  return { status: 'signed-in', ...session, mustChangePassword: account.mustChangePassword };
}
