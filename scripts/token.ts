import type { PrismaClient } from '@/lib/prisma-client';
import { createEditorToken, listEditorTokens, revokeEditorToken } from '@/lib/auth/editor-tokens';
import { runDatabaseCli, type DatabaseCommand } from './lib/run-database-cli';

/*
 * `npm run token -- create <name>` prints a new editor token, and nothing
 * else, on standard output so that it can be piped into a secret store;
 * `revoke <name>` disables it; `list` shows every token without its secret.
 */

const USAGE = 'usage: npm run token -- create <name> | revoke <name> | list';

function parseCommand(args: string[]): DatabaseCommand | null {
  const [command, name, ...extra] = args;
  if (extra.length > 0) return null;
  if (command === 'list' && name === undefined) return listTokens;
  if (name === undefined) return null;
  if (command === 'create') return (prisma) => createToken(prisma, name);
  if (command === 'revoke') return (prisma) => revokeToken(prisma, name);
  return null;
}

async function createToken(prisma: PrismaClient, name: string): Promise<number> {
  console.log(await createEditorToken(prisma, name));
  return 0;
}

async function revokeToken(prisma: PrismaClient, name: string): Promise<number> {
  if (await revokeEditorToken(prisma, name)) {
    console.log(`Revoked ${name}.`);
    return 0;
  }
  console.error(`There is no active token named ${name}.`);
  return 1;
}

async function listTokens(prisma: PrismaClient): Promise<number> {
  for (const token of await listEditorTokens(prisma)) {
    const revoked = token.revokedAt ? `  revoked ${token.revokedAt.toISOString()}` : '';
    console.log(`${token.name}  ${token.createdAt.toISOString()}${revoked}`);
  }
  return 0;
}

await runDatabaseCli(USAGE, parseCommand);
