import type { PrismaClient } from '@/lib/prisma-client';
import { databaseHitCounter } from '@/lib/rate-limit-in-database';

/*
 * Failed sign-ins counted in PostgreSQL (rate_limit_hit, shared by every
 * instance), per account and per client address. Only failures count, so a
 * person signing in and out all day is never held up; ten wrong passwords for
 * one account stop its sign-in for ten minutes. Per address the limit is
 * higher: a newsroom signs in from one office address.
 */

export const SIGN_IN_WINDOW_MS = 10 * 60_000;
const LIMITS = { 'desk-sign-in-account': 10, 'desk-sign-in-address': 50 } as const;
type Bucket = keyof typeof LIMITS;

export type Throttle = { blocked: false } | { blocked: true; retryAfterSeconds: number };

function keys(email: string, address: string): Array<[Bucket, string]> {
  return [['desk-sign-in-account', email], ['desk-sign-in-address', address]];
}

function verdict(waits: number[]): Throttle {
  return waits.length === 0 ? { blocked: false } : { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
}

/** Whether sign-in is stopped for this address or account, before any password is checked. */
export async function signInThrottle(prisma: PrismaClient, email: string, address: string): Promise<Throttle> {
  const waits: number[] = [];
  for (const [bucket, client] of keys(email, address)) {
    const rows = await prisma.$queryRaw<Array<{ count: number; ends_in_ms: number }>>`
      SELECT count, (extract(epoch FROM window_start + make_interval(secs => ${SIGN_IN_WINDOW_MS}::int / 1000.0) - now()) * 1000)::float8 AS ends_in_ms
      FROM rate_limit_hit
      WHERE bucket = ${bucket} AND client = ${client.slice(0, 200)} AND window_start > now() - make_interval(secs => ${SIGN_IN_WINDOW_MS}::int / 1000.0)`;
    const row = rows[0];
    if (row && row.count >= LIMITS[bucket]) waits.push(row.ends_in_ms);
  }
  return verdict(waits);
}

/** Counts one failed sign-in; says whether that failure used up a limit. */
export async function recordSignInFailure(prisma: PrismaClient, email: string, address: string): Promise<Throttle> {
  const counter = databaseHitCounter(() => prisma);
  const waits: number[] = [];
  for (const [bucket, client] of keys(email, address)) {
    const { count, windowEndsInMs } = await counter({ bucket, client: client.slice(0, 200), windowMs: SIGN_IN_WINDOW_MS });
    if (count >= LIMITS[bucket]) waits.push(windowEndsInMs);
  }
  return verdict(waits);
}

/** After a successful sign-in the account's count starts again (the address's does not). */
export async function clearAccountFailures(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM rate_limit_hit WHERE bucket = 'desk-sign-in-account' AND client = ${email.slice(0, 200)}`;
}
