import { randomInt } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrismaClient } from '@/lib/prisma-client';
import type { Locale } from '@/i18n/routing';
import { hashPassword, verifyPassword } from './password-hash';
import { isDeskRole, type DeskRole } from './roles';

/*
 * Desk accounts: made by an admin (the CLI or /redaktion/konten) with a
 * one-time password that the first sign-in replaces. Every change that takes
 * access away (disable, new password, new role) also ends the person's
 * sessions, so it takes effect at once rather than at the next sign-in.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
const NAME_MAX_LENGTH = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What went wrong, as a code the desk's messages and the CLI turn into words. */
export type DeskAccountProblem = 'invalidEmail' | 'emailTaken' | 'invalidRole' | 'invalidName' | 'notFound' | 'lastAdmin';

export class DeskAccountError extends Error {
  constructor(
    readonly problem: DeskAccountProblem,
    message: string,
  ) {
    super(message);
  }
}

export type DeskAccountSummary = {
  id: number;
  email: string;
  name: string;
  role: DeskRole;
  locale: Locale;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export type AccountKey = { id: number } | { email: string };

const SUMMARY = {
  id: true, email: true, name: true, role: true, locale: true, mustChangePassword: true, disabledAt: true, lastSignInAt: true, createdAt: true,
} as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function whereOf(key: AccountKey): Prisma.DeskAccountWhereUniqueInput {
  return 'id' in key ? { id: key.id } : { email: normalizeEmail(key.email) };
}

function describe(key: AccountKey): string {
  return 'id' in key ? `number ${key.id}` : normalizeEmail(key.email);
}

// No 0/o, 1/l/i: read aloud or typed from a note, they are easy to mix up. 20 characters of 31 are about 99 bits.
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password to hand over once, in groups of five: `k7mq2-x9p4t-…`. */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join(''));
  return groups.join('-');
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function isMissingRecord(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/** Creates an account that must choose its own password at the first sign-in; returns it with the one-time password. */
export async function createDeskAccount(
  prisma: PrismaClient,
  input: { email: string; role: string; name?: string | null },
): Promise<{ account: DeskAccountSummary; oneTimePassword: string }> {
  const email = normalizeEmail(input.email);
  if (email.length > 254 || !EMAIL.test(email)) throw new DeskAccountError('invalidEmail', `"${input.email}" is not an e-mail address`);
  if (!isDeskRole(input.role)) throw new DeskAccountError('invalidRole', `unknown role "${input.role}": use author, editor or admin`);
  const name = input.name?.trim() || email.split('@')[0] || email;
  if (name.length > NAME_MAX_LENGTH) throw new DeskAccountError('invalidName', `the name is longer than ${NAME_MAX_LENGTH} characters`);
  const password = oneTimePassword();
  try {
    const account = await prisma.deskAccount.create({
      data: { email, name, role: input.role, passwordHash: await hashPassword(password), mustChangePassword: true },
      select: SUMMARY,
    });
    return { account, oneTimePassword: password };
  } catch (error) {
    // The unique index decides, so two admins adding the same person cannot both succeed.
    if (isUniqueViolation(error)) throw new DeskAccountError('emailTaken', `an account for ${email} already exists`);
    throw error;
  }
}

export async function listDeskAccounts(prisma: PrismaClient): Promise<DeskAccountSummary[]> {
  return prisma.deskAccount.findMany({ select: SUMMARY, orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { email: 'asc' }] });
}

export async function findDeskAccount(prisma: PrismaClient, key: AccountKey): Promise<DeskAccountSummary | null> {
  return prisma.deskAccount.findUnique({ where: whereOf(key), select: SUMMARY });
}

async function updateAccount(prisma: Prisma.TransactionClient, key: AccountKey, data: Prisma.DeskAccountUpdateInput): Promise<DeskAccountSummary> {
  try {
    return await prisma.deskAccount.update({ where: whereOf(key), data, select: SUMMARY });
  } catch (error) {
    if (isMissingRecord(error)) throw new DeskAccountError('notFound', `there is no account ${describe(key)}`);
    throw error;
  }
}

/**
 * Runs `change` unless it would take away the last enabled admin, in one serializable
 * transaction: two admins demoting each other at once cannot both succeed.
 */
async function keepingAnAdmin(prisma: PrismaClient, key: AccountKey, change: (tx: Prisma.TransactionClient) => Promise<DeskAccountSummary>): Promise<DeskAccountSummary> {
  return prisma.$transaction(
    async (tx) => {
      const enabledAdmins = () => tx.deskAccount.count({ where: { role: 'admin', disabledAt: null } });
      const before = await enabledAdmins();
      const changed = await change(tx);
      if (before > 0 && (await enabledAdmins()) === 0) throw new DeskAccountError('lastAdmin', `${describe(key)} is the last enabled admin; make another admin first`);
      await tx.deskSession.deleteMany({ where: { accountId: changed.id } });
      return changed;
    },
    { isolationLevel: 'Serializable' },
  );
}

/** Gives the account a new role and ends its sessions (they carried the old one). */
export async function setDeskRole(prisma: PrismaClient, key: AccountKey, role: string): Promise<DeskAccountSummary> {
  if (!isDeskRole(role)) throw new DeskAccountError('invalidRole', `unknown role "${role}": use author, editor or admin`);
  return keepingAnAdmin(prisma, key, (tx) => updateAccount(tx, key, { role }));
}

/** Disables the account and ends its sessions; it can no longer sign in. */
export async function disableDeskAccount(prisma: PrismaClient, key: AccountKey): Promise<DeskAccountSummary> {
  return keepingAnAdmin(prisma, key, (tx) => updateAccount(tx, key, { disabledAt: new Date() }));
}

export async function enableDeskAccount(prisma: PrismaClient, key: AccountKey): Promise<DeskAccountSummary> {
  return updateAccount(prisma, key, { disabledAt: null });
}

/** A new one-time password: the old one stops working, every session ends, the next sign-in asks for a new password. */
export async function resetDeskPassword(prisma: PrismaClient, key: AccountKey): Promise<{ account: DeskAccountSummary; oneTimePassword: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const account = await prisma.$transaction(async (tx) => {
    const changed = await updateAccount(tx, key, { passwordHash, mustChangePassword: true });
    await tx.deskSession.deleteMany({ where: { accountId: changed.id } });
    return changed;
  });
  return { account, oneTimePassword: password };
}

export async function setDeskLocale(prisma: PrismaClient, accountId: number, locale: Locale): Promise<void> {
  await prisma.deskAccount.update({ where: { id: accountId }, data: { locale } });
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch' | 'sameAsOld' | 'wrongCurrent';

/**
 * Sets a person's own new password after checking it: long enough, typed
 * twice alike, not the one it replaces, and (unless a one-time password is
 * being replaced right after signing in with it) the current one given.
 * Ends the account's other sessions: a changed password locks out whoever else knew the old one.
 */
export async function changeDeskPassword(
  prisma: PrismaClient,
  input: { accountId: number; current: string | null; next: string; repeated: string; keepSessionHash: string | null },
): Promise<{ ok: true } | { ok: false; problem: PasswordProblem }> {
  const account = await prisma.deskAccount.findUnique({ where: { id: input.accountId }, select: { passwordHash: true, mustChangePassword: true } });
  if (!account) return { ok: false, problem: 'wrongCurrent' };
  if (!account.mustChangePassword && !(input.current !== null && (await verifyPassword(input.current, account.passwordHash)))) {
    return { ok: false, problem: 'wrongCurrent' };
  }
  if ([...input.next].length < PASSWORD_MIN_LENGTH) return { ok: false, problem: 'tooShort' };
  if (input.next.length > PASSWORD_MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  if (input.next !== input.repeated) return { ok: false, problem: 'mismatch' };
  if (await verifyPassword(input.next, account.passwordHash)) return { ok: false, problem: 'sameAsOld' };
  const passwordHash = await hashPassword(input.next);
  await prisma.$transaction([
    prisma.deskAccount.update({ where: { id: input.accountId }, data: { passwordHash, mustChangePassword: false } }),
    prisma.deskSession.deleteMany({ where: { accountId: input.accountId, ...(input.keepSessionHash ? { tokenHash: { not: input.keepSessionHash } } : {}) } }),
  ]);
  return { ok: true };
}
