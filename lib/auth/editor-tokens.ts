import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrismaClient } from '@/lib/prisma-client';

// A fixed prefix lets secret scanners and people recognise a leaked token.
const TOKEN_PREFIX = 'np_';
const TOKEN_NAME = /^[a-z0-9._-]{1,64}$/;

export type EditorTokenSummary = { name: string; createdAt: Date; revokedAt: Date | null };

// The database keeps only this digest, so a leaked backup grants no access.
// Tokens carry 256 random bits, so a fast unsalted hash is enough here.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function assertValidName(name: string): void {
  if (!TOKEN_NAME.test(name)) {
    throw new Error(`invalid token name "${name}": use 1–64 characters from a-z, 0-9, ".", "_" and "-"`);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Creates a token for `name` and returns it in plain text: the only time anyone sees it. */
export async function createEditorToken(prisma: PrismaClient, name: string): Promise<string> {
  assertValidName(name);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const data = { tokenHash: hashToken(token), createdAt: new Date(), revokedAt: null };
  // Reusing a revoked name replaces its row; the condition on revokedAt keeps an active token untouched.
  const reused = await prisma.editorToken.updateMany({ where: { name, revokedAt: { not: null } }, data });
  if (reused.count === 0) {
    try {
      await prisma.editorToken.create({ data: { name, ...data } });
    } catch (error) {
      // The unique index, not an earlier read, decides: two concurrent creates cannot both win.
      if (isUniqueViolation(error)) throw new Error(`a token named ${name} already exists`);
      throw error;
    }
  }
  return token;
}

/** Revokes the active token called `name`; false when there is none. */
export async function revokeEditorToken(prisma: PrismaClient, name: string): Promise<boolean> {
  const revoked = await prisma.editorToken.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } });
  return revoked.count > 0;
}

export async function listEditorTokens(prisma: PrismaClient): Promise<EditorTokenSummary[]> {
  return prisma.editorToken.findMany({ select: { name: true, createdAt: true, revokedAt: true }, orderBy: { name: 'asc' } });
}

/** The name of the active token `presentedToken`, or null. */
export async function verifyEditorToken(prisma: PrismaClient, presentedToken: string): Promise<string | null> {
  const presentedHash = hashToken(presentedToken);
  const stored = await prisma.editorToken.findUnique({ where: { tokenHash: presentedHash }, select: { name: true, tokenHash: true, revokedAt: true } });
  if (!stored || stored.revokedAt) return null;
  // The index lookup may compare in variable time; accept only after a constant-time check of our own.
  const matches = timingSafeEqual(Buffer.from(stored.tokenHash, 'hex'), Buffer.from(presentedHash, 'hex'));
  return matches ? stored.name : null;
}
