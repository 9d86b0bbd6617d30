import type { PrismaClient } from '@/lib/prisma-client';
import {
  createDeskAccount,
  DeskAccountError,
  disableDeskAccount,
  enableDeskAccount,
  listDeskAccounts,
  resetDeskPassword,
  setDeskRole,
} from '@/lib/desk/accounts';
import { runDatabaseCli, type DatabaseCommand } from './lib/run-database-cli';

/*
 * Desk accounts from the command line (the admin page /redaktion/konten does
 * the same): `add` and `reset-password` print the one-time password as their
 * last line on standard output, so that it can be piped on; everything else
 * (which database, what happened) goes to standard error.
 */

const USAGE = `usage: npm run user -- add <email> --role <author|editor|admin> [--name "…"]
       npm run user -- list
       npm run user -- reset-password <email>
       npm run user -- disable <email>
       npm run user -- enable <email>
       npm run user -- role <email> <author|editor|admin>`;

function options(args: string[]): { positional: string[]; flags: Map<string, string> } | null {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg.startsWith('--')) {
      const value = args[index + 1];
      if (value === undefined || !['--role', '--name'].includes(arg)) return null;
      flags.set(arg.slice(2), value);
      index += 1;
    } else positional.push(arg);
  }
  return { positional, flags };
}

function parseCommand(args: string[]): DatabaseCommand | null {
  const parsed = options(args);
  if (!parsed) return null;
  const { positional: [command, email, third, ...extra], flags } = parsed;
  if (extra.length > 0) return null;
  if (command === 'list' && email === undefined && flags.size === 0) return list;
  if (email === undefined) return null;
  if (command === 'add' && third === undefined) {
    const role = flags.get('role');
    return role ? (prisma) => add(prisma, email, role, flags.get('name')) : null;
  }
  if (flags.size > 0) return null;
  if (command === 'role' && third !== undefined) return (prisma) => changed(setDeskRole(prisma, { email }, third), `${email} is now ${third}; their sessions ended.`);
  if (third !== undefined) return null;
  if (command === 'reset-password') return (prisma) => resetPassword(prisma, email);
  if (command === 'disable') return (prisma) => changed(disableDeskAccount(prisma, { email }), `Disabled ${email} and ended their sessions.`);
  if (command === 'enable') return (prisma) => changed(enableDeskAccount(prisma, { email }), `Enabled ${email}.`);
  return null;
}

async function add(prisma: PrismaClient, email: string, role: string, name: string | undefined): Promise<number> {
  const { account, oneTimePassword } = await createDeskAccount(prisma, { email, role, name });
  console.error(`Created ${account.email} (${account.role}, "${account.name}"). One-time password (the first sign-in asks for a new one):`);
  console.log(oneTimePassword);
  return 0;
}

async function resetPassword(prisma: PrismaClient, email: string): Promise<number> {
  const { account, oneTimePassword } = await resetDeskPassword(prisma, { email });
  console.error(`New one-time password for ${account.email}; their sessions ended:`);
  console.log(oneTimePassword);
  return 0;
}

async function changed(change: Promise<unknown>, message: string): Promise<number> {
  await change;
  console.log(message);
  return 0;
}

async function list(prisma: PrismaClient): Promise<number> {
  const accounts = await listDeskAccounts(prisma);
  if (accounts.length === 0) console.error('No accounts yet: npm run user -- add <email> --role admin');
  for (const account of accounts) {
    const state = account.disabledAt ? 'disabled' : account.mustChangePassword ? 'one-time password' : 'active';
    const lastSignIn = account.lastSignInAt ? account.lastSignInAt.toISOString() : 'never';
    console.log(`${account.email}  ${account.role}  ${state}  last sign-in ${lastSignIn}  "${account.name}"`);
  }
  return 0;
}

// Mistakes an admin can correct get one plain line, not a stack trace.
await runDatabaseCli(USAGE, parseCommand, { explain: (error) => (error instanceof DeskAccountError ? [error.message] : null) });
